// StreamingQueryManagerState: the session's active and terminated queries, and listeners.
#pragma once

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "rivulet/api/streaming_query.h"

namespace rivulet {

class StreamingQueryManagerState {
 public:
  /// Registers a query about to start; throws Spark's errors for a duplicate active name or
  /// checkpoint id.
  void add(const std::shared_ptr<streaming::MicroBatchExecution>& execution);

  /// Called from the query thread when it ends.
  void terminated(const std::shared_ptr<streaming::MicroBatchExecution>& execution, std::exception_ptr error);

  std::vector<std::shared_ptr<streaming::MicroBatchExecution>> active() const;

  bool awaitAny(std::optional<int64_t> timeoutMs);

  void resetTerminated();

  std::vector<std::shared_ptr<StreamingQueryListener>> listeners() const;

  void addListener(std::shared_ptr<StreamingQueryListener> listener);

  void removeListener(const std::shared_ptr<StreamingQueryListener>& listener);

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::shared_ptr<streaming::MicroBatchExecution>> active_;
  bool anyTerminated_ = false;
  std::exception_ptr lastError_;
  std::vector<std::shared_ptr<StreamingQueryListener>> listeners_;
};

}  // namespace rivulet
