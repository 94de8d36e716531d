// MicroBatchExecution: runs a streaming query on its own thread, batch by batch — ask the
// sources for new offsets, log them (offsets/N), run the batch through the same operators as a
// static DataFrame, hand the rows to the sink, log the commit (commits/N).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "rivulet/common/time/time_zone.h"
#include "rivulet/plan/logical_plan.h"
#include "rivulet/streaming/checkpoint/checkpoint.h"
#include "rivulet/streaming/progress/query_progress.h"
#include "rivulet/streaming/sink.h"
#include "rivulet/streaming/source.h"
#include "rivulet/streaming/triggers/trigger_spec.h"

namespace rivulet::streaming {

struct QueryOptions {
  std::string name;
  std::string checkpointPath;
  /// A temporary checkpoint (console, memory, ...): removed when the query stops cleanly.
  bool deleteCheckpointOnStop = false;
  /// The analyzed plan with StreamingRelation leaves.
  plan::PlanPtr plan;
  SinkPtr sink;
  TriggerSpec trigger;
  time::TimeZonePtr zone;
  int64_t minBatchesToRetain = 100;
  int64_t recentProgressLimit = 100;
  /// Called on the query thread after each batch, and once when the query ends.
  std::function<void(const StreamingQueryProgress&)> onProgress;
  std::function<void(const std::string& error)> onTerminated;
  /// A trigger without new data (throttled by noDataEventIntervalMs); the trigger's start time.
  std::function<void(const std::string& timestamp)> onIdle;
  int64_t noDataEventIntervalMs = 10000;
};

class MicroBatchExecution : public std::enable_shared_from_this<MicroBatchExecution> {
 public:
  /// Opens the checkpoint (creating the query id) without starting; start() runs the thread.
  explicit MicroBatchExecution(QueryOptions options);

  ~MicroBatchExecution();

  MicroBatchExecution(const MicroBatchExecution&) = delete;
  MicroBatchExecution& operator=(const MicroBatchExecution&) = delete;

  void start();

  /// Stops the query and waits for its thread; idempotent. A batch in flight is abandoned and
  /// re-run from its logged offsets on the next start.
  void stop();

  /// Waits for the end; with a timeout, returns whether the query ended. Rethrows the query's
  /// error.
  bool awaitTermination(std::optional<int64_t> timeoutMs);

  /// Blocks until every source had no new data at a trigger that began after this call.
  void processAllAvailable();

  bool isActive() const;

  std::exception_ptr exception() const;

  std::optional<StreamingQueryProgress> lastProgress() const;

  std::vector<StreamingQueryProgress> recentProgress() const;

  /// {"message" : "...", "isDataAvailable" : false, "isTriggerActive" : false}
  std::string statusJson() const;

  /// The plans of the last batch, or "No physical plan. Waiting for data.".
  std::string explainLastBatch(bool extended) const;

  const std::string& id() const { return id_; }

  const std::string& runId() const { return runId_; }

  const std::string& name() const { return options_.name; }

  const std::string& checkpointPath() const { return options_.checkpointPath; }

 private:
  void run();
  /// Creates the sources and recovers from the checkpoint; true when it re-ran the last logged,
  /// uncommitted batch.
  bool initialize();
  bool runTrigger();
  /// `batchTimestampMs`: the batch's logged time (current_timestamp(); a re-run batch keeps it).
  void runBatch(const std::vector<std::optional<std::string>>& end, int64_t batchTimestampMs, bool recovered);
  void setStatus(const std::string& message, bool dataAvailable, bool triggerActive);
  bool waitFor(int64_t millis);

  QueryOptions options_;
  std::string id_;
  std::string runId_;
  std::unique_ptr<Checkpoint> checkpoint_;

  // Query thread state.
  std::vector<const plan::LogicalPlan*> leaves_;
  std::vector<SourcePtr> sources_;
  std::vector<std::optional<std::string>> committed_;
  /// The confs recorded in every offsets entry: the checkpoint's own (from its last entry) over
  /// the defaults, as Spark restores them on restart.
  std::map<std::string, std::string> checkpointConf_;
  /// The end offsets of the batch last planned (Spark's availableOffsets).
  std::vector<std::optional<std::string>> available_;
  /// isActive() is false from here on (set before the terminated event, as Spark).
  bool ended_ = false;
  int64_t nextBatchId_ = 0;
  int64_t lastTriggerStartMs_ = -1;
  int64_t latestOffsetMs_ = 0;
  /// When the last batch ran or the last idle event was posted (none yet: no limit).
  std::optional<int64_t> lastNoDataEventMs_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
  bool started_ = false;
  bool stopRequested_ = false;
  /// stopRequested_ for the batch's row loops, read without the lock: a batch in flight stops
  /// between two columnar batches and is not committed.
  std::atomic<bool> interrupt_{false};
  bool terminated_ = false;
  std::exception_ptr error_;
  std::deque<StreamingQueryProgress> progress_;
  std::string statusMessage_ = "Initializing StreamExecution";
  bool statusDataAvailable_ = false;
  bool statusTriggerActive_ = false;
  int64_t idleTriggers_ = 0;
  std::string lastPlans_;
  std::string lastPhysical_;
};

}  // namespace rivulet::streaming
