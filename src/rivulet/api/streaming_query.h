// StreamingQuery (a running streaming query), StreamingQueryManager (session.streams()) and
// StreamingQueryListener.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/streaming/progress/query_progress.h"

namespace rivulet {

namespace streaming {
class MicroBatchExecution;
}

class StreamingQueryManagerState;

/// A handle on a streaming query; copies refer to the same query.
class StreamingQuery {
 public:
  explicit StreamingQuery(std::shared_ptr<streaming::MicroBatchExecution> execution);

  /// Stable across restarts from the same checkpoint.
  std::string id() const;
  /// New for every start.
  std::string runId() const;
  /// queryName, or "" when none was given.
  std::string name() const;
  bool isActive() const;
  /// {"message" : ..., "isDataAvailable" : ..., "isTriggerActive" : ...}
  std::string status() const;
  /// The progress of the last batch, or null before the first one.
  std::shared_ptr<const StreamingQueryProgress> lastProgress() const;
  std::vector<StreamingQueryProgress> recentProgress() const;
  /// Blocks until the query ends; rethrows its StreamingQueryException.
  void awaitTermination() const;
  /// Returns whether the query ended within the timeout.
  bool awaitTermination(int64_t timeoutMs) const;
  /// Blocks until all data available now has been processed (for tests and demos).
  void processAllAvailable() const;
  /// Stops the query; idempotent.
  void stop() const;
  /// The error that ended the query, if any.
  std::exception_ptr exception() const;
  void explain(bool extended = false) const;
  std::string explainString(bool extended = false) const;

  const std::shared_ptr<streaming::MicroBatchExecution>& execution() const { return execution_; }

 private:
  std::shared_ptr<streaming::MicroBatchExecution> execution_;
};

/// Receives query lifecycle events (on the query's thread; keep handlers short).
class StreamingQueryListener {
 public:
  virtual ~StreamingQueryListener() = default;
  virtual void onQueryStarted(const std::string& id, const std::string& runId, const std::string& name) {}
  virtual void onQueryProgress(const StreamingQueryProgress& progress) {}
  /// A trigger found no new data: at the first such trigger, then at most once per
  /// spark.sql.streaming.noDataProgressEventInterval (10 s) while the query stays idle, counted
  /// from the last batch (Spark 3.5). `timestamp`: the trigger's start, as in progress JSON.
  virtual void onQueryIdle(const std::string& id, const std::string& runId, const std::string& timestamp) {}
  virtual void onQueryTerminated(const std::string& id, const std::string& runId, const std::string& error) {}
};

class StreamingQueryManager {
 public:
  explicit StreamingQueryManager(std::shared_ptr<StreamingQueryManagerState> state) : state_(std::move(state)) {}

  std::vector<StreamingQuery> active() const;
  /// The active query with this id, if any.
  std::optional<StreamingQuery> get(const std::string& id) const;
  /// Blocks until any query ends (since the last resetTerminated); rethrows its error.
  void awaitAnyTermination() const;
  bool awaitAnyTermination(int64_t timeoutMs) const;
  void resetTerminated() const;
  void addListener(std::shared_ptr<StreamingQueryListener> listener) const;
  void removeListener(const std::shared_ptr<StreamingQueryListener>& listener) const;

 private:
  std::shared_ptr<StreamingQueryManagerState> state_;
};

}  // namespace rivulet
