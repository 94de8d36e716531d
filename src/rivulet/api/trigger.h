// Trigger: when a streaming query runs its micro-batches (Spark's Trigger).
#pragma once

#include <cstdint>
#include <string>

namespace rivulet {

class Trigger {
 public:
  enum class Kind : uint8_t { kProcessingTime, kOnce, kAvailableNow };

  /// A batch every interval: "10 seconds", "1 minute", "500 milliseconds".
  static Trigger ProcessingTime(const std::string& interval);
  static Trigger ProcessingTime(int64_t intervalMs);
  /// One batch with everything available, then stop.
  static Trigger Once();
  /// Everything available at start, in rate-limited batches, then stop.
  static Trigger AvailableNow();

  /// The default: the next batch as soon as the previous one ends.
  Trigger() = default;

  Kind kind() const { return kind_; }

  int64_t intervalMs() const { return intervalMs_; }

 private:
  Trigger(Kind kind, int64_t intervalMs) : kind_(kind), intervalMs_(intervalMs) {}

  Kind kind_ = Kind::kProcessingTime;
  int64_t intervalMs_ = 0;
};

}  // namespace rivulet
