// EvalContext: what expression kernels need beyond their inputs: the session zone, the query's
// fixed current time, the partition and row position, and state of random functions.
#pragma once

#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

namespace rivulet::time {
class TimeZone;
}

namespace rivulet::expr {

class Expression;

class EvalContext {
 public:
  const time::TimeZone* zone = nullptr;
  /// current_timestamp(): fixed for a query (or micro-batch), micros since the epoch.
  int64_t currentTimestampMicros = 0;
  /// Partition index (monotonically_increasing_id, rand).
  int64_t partitionIndex = 0;
  /// Mixed into the seeds of shuffle() and uuid(): the micro-batch id of a streaming query, so
  /// that each batch draws new values (Spark restarts the sequence every batch); 0 otherwise.
  int64_t randomSalt = 0;
  /// Rows of this partition evaluated before the current batch.
  int64_t rowOffset = 0;

  /// The generator of a random expression, seeded on first use from `seed` and the partition.
  std::mt19937_64& random(const Expression* expr, int64_t seed) {
    auto it = random_.find(expr);
    if (it == random_.end()) {
      it = random_.emplace(expr, std::mt19937_64(static_cast<uint64_t>(seed) * 0x9E3779B97F4A7C15ULL +
                                                  static_cast<uint64_t>(partitionIndex) +
                                                  static_cast<uint64_t>(randomSalt) * 0xBF58476D1CE4E5B9ULL))
               .first;
    }
    return it->second;
  }

  /// Words of state a random expression keeps across batches (empty on first use).
  std::vector<uint64_t>& state(const Expression* expr) { return state_[expr]; }

 private:
  std::unordered_map<const Expression*, std::mt19937_64> random_;
  std::unordered_map<const Expression*, std::vector<uint64_t>> state_;
};

}  // namespace rivulet::expr
