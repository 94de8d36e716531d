// TriggerSpec: when a streaming query runs its micro-batches.
#pragma once

#include <cstdint>
#include <string>

namespace rivulet::streaming {

struct TriggerSpec {
  enum class Kind : uint8_t { kProcessingTime, kOnce, kAvailableNow };

  Kind kind = Kind::kProcessingTime;
  /// ProcessingTime interval; 0 = as fast as possible (the default trigger).
  int64_t intervalMs = 0;
};

/// Parses Spark's interval strings ("10 seconds", "1 minute", "500 milliseconds",
/// "interval 1 hour 30 minutes") into milliseconds, with Spark's errors for blank, negative
/// and month/year intervals.
int64_t parseIntervalMs(const std::string& text);

}  // namespace rivulet::streaming
