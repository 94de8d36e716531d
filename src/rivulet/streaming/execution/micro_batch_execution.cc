#include "rivulet/streaming/execution/micro_batch_execution.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>

#include "rivulet/common/error.h"
#include "rivulet/common/uuid.h"
#include "rivulet/exec/physical_plan.h"
#include "rivulet/plan/optimizer.h"
#include "rivulet/plan/sources/local_source.h"
#include "rivulet/streaming/streaming_relation.h"

namespace rivulet::streaming {

namespace {

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string utcTimestamp(int64_t ms) {
  time_t seconds = static_cast<time_t>(ms / 1000);
  struct tm tm {};
  gmtime_r(&seconds, &tm);
  char buf[64];
  snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
           tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

void collectLeaves(const plan::LogicalPlan& node, std::vector<const plan::LogicalPlan*>& out) {
  if (node.kind == plan::PlanKind::kRelation && node.source && node.source->isStreaming()) {
    out.push_back(&node);
  }
  for (const auto& c : node.children) {
    collectLeaves(*c, out);
  }
}

// Thrown on the query thread when stop() interrupts a batch in flight.
struct BatchInterrupted : std::exception {
  const char* what() const noexcept override { return "The query was stopped during the batch"; }
};

void throwIfInterrupted(const std::atomic<bool>& interrupt) {
  if (interrupt.load(std::memory_order_relaxed)) {
    throw BatchInterrupted{};
  }
}

// Counts the rows a batch's source produces (numInputRows), and stops reading when the query is
// stopped (also inside operators that read all their input before producing any).
class CountingSource : public plan::DataSource {
 public:
  CountingSource(plan::DataSourcePtr inner, std::shared_ptr<int64_t> counter, const std::atomic<bool>& interrupt)
      : inner_(std::move(inner)), counter_(std::move(counter)), interrupt_(interrupt) {}

  StructType schema() const override { return inner_->schema(); }

  std::string relationName() const override { return inner_->relationName(); }

  std::string describeScan(const std::string& columns,
                           const StructType& readSchema,
                           const std::vector<expr::ExprPtr>& pushedFilters) const override {
    return inner_->describeScan(columns, readSchema, pushedFilters);
  }

  std::unique_ptr<plan::BatchIterator> open(const std::vector<int>& projection,
                                            const std::vector<expr::ExprPtr>& filters,
                                            const plan::ScanContext& context) const override {
    class Counting : public plan::BatchIterator {
     public:
      Counting(std::unique_ptr<plan::BatchIterator> in,
               std::shared_ptr<int64_t> counter,
               const std::atomic<bool>& interrupt)
          : in_(std::move(in)), counter_(std::move(counter)), interrupt_(interrupt) {}

      std::optional<Batch> next() override {
        throwIfInterrupted(interrupt_);
        auto b = in_->next();
        if (b) {
          *counter_ += b->numRows();
        }
        return b;
      }

     private:
      std::unique_ptr<plan::BatchIterator> in_;
      std::shared_ptr<int64_t> counter_;
      const std::atomic<bool>& interrupt_;
    };
    return std::make_unique<Counting>(inner_->open(projection, filters, context), counter_, interrupt_);
  }

 private:
  plan::DataSourcePtr inner_;
  std::shared_ptr<int64_t> counter_;
  const std::atomic<bool>& interrupt_;
};

plan::PlanPtr replaceLeaves(const plan::PlanPtr& node,
                            const std::vector<const plan::LogicalPlan*>& leaves,
                            const std::vector<plan::DataSourcePtr>& data) {
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (node.get() == leaves[i]) {
      plan::LogicalPlan copy = *node;
      copy.source = data[i];
      return plan::makePlan(std::move(copy));
    }
  }
  if (node->children.empty()) {
    return node;
  }
  std::vector<plan::PlanPtr> children;
  for (const auto& c : node->children) {
    children.push_back(replaceLeaves(c, leaves, data));
  }
  return node->withChildren(children);
}

// Crash-consistency tests stop the process hard at a named point of the commit protocol:
// RIVULET_KILL_POINT=after-offsets|after-sink|after-commit and RIVULET_KILL_BATCH=<id>.
void killPoint(const char* name, int64_t batchId) {
  static const char* point = std::getenv("RIVULET_KILL_POINT");
  static const char* batch = std::getenv("RIVULET_KILL_BATCH");
  if (point != nullptr && std::strcmp(point, name) == 0 &&
      (batch == nullptr || std::to_string(batchId) == batch)) {
    std::_Exit(86);
  }
}

}  // namespace

MicroBatchExecution::MicroBatchExecution(QueryOptions options)
    : options_(std::move(options)), runId_(randomUuid()) {
  checkpoint_ = std::make_unique<Checkpoint>(options_.checkpointPath);
  id_ = checkpoint_->loadOrCreateQueryId();
  collectLeaves(*options_.plan, leaves_);
}

MicroBatchExecution::~MicroBatchExecution() {
  stop();  // joins the query thread, unless this runs on it
  if (thread_.joinable()) {
    thread_.detach();  // the query thread dropped the last reference itself: it ends right after
  }
}

void MicroBatchExecution::start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (started_) {
    return;
  }
  started_ = true;
  // The thread keeps the execution alive: a query whose handles are all dropped still runs to
  // its end (its last reference may then go on this thread).
  thread_ = std::thread([self = shared_from_this()] { self->run(); });
}

void MicroBatchExecution::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopRequested_ = true;
  }
  interrupt_ = true;
  cv_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) {
    thread_.join();
  }
}

bool MicroBatchExecution::awaitTermination(std::optional<int64_t> timeoutMs) {
  if (thread_.joinable() && thread_.get_id() == std::this_thread::get_id()) {
    throwUserError("ILLEGAL_STATE", "Cannot wait for a query state from the same thread that is running the query");
  }
  if (timeoutMs && *timeoutMs <= 0) {
    throwUserError("ILLEGAL_ARGUMENT", "Timeout has to be positive");
  }
  std::unique_lock<std::mutex> lock(mu_);
  auto done = [this] { return terminated_ || (!started_ && stopRequested_); };
  if (timeoutMs) {
    cv_.wait_for(lock, std::chrono::milliseconds(*timeoutMs), done);
  } else {
    cv_.wait(lock, done);
  }
  if (error_) {
    std::rethrow_exception(error_);
  }
  return done();
}

void MicroBatchExecution::processAllAvailable() {
  std::unique_lock<std::mutex> lock(mu_);
  int64_t target = idleTriggers_ + 2;  // a whole idle trigger that started after this call
  cv_.wait(lock, [&] { return terminated_ || idleTriggers_ >= target; });
  if (error_) {
    std::rethrow_exception(error_);
  }
}

bool MicroBatchExecution::isActive() const {
  std::lock_guard<std::mutex> lock(mu_);
  return started_ && !ended_;
}

std::exception_ptr MicroBatchExecution::exception() const {
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

std::optional<StreamingQueryProgress> MicroBatchExecution::lastProgress() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (progress_.empty()) {
    return std::nullopt;
  }
  return progress_.back();
}

std::vector<StreamingQueryProgress> MicroBatchExecution::recentProgress() const {
  std::lock_guard<std::mutex> lock(mu_);
  return {progress_.begin(), progress_.end()};
}

std::string MicroBatchExecution::statusJson() const {
  std::lock_guard<std::mutex> lock(mu_);
  return "{\n  \"message\" : \"" + statusMessage_ + "\",\n  \"isDataAvailable\" : " +
         (statusDataAvailable_ ? "true" : "false") + ",\n  \"isTriggerActive\" : " +
         (statusTriggerActive_ ? "true" : "false") + "\n}";
}

std::string MicroBatchExecution::explainLastBatch(bool extended) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (lastPhysical_.empty()) {
    return "No physical plan. Waiting for data.\n";
  }
  return extended ? lastPlans_ : "== Physical Plan ==\n" + lastPhysical_;
}

void MicroBatchExecution::setStatus(const std::string& message, bool dataAvailable, bool triggerActive) {
  std::lock_guard<std::mutex> lock(mu_);
  statusMessage_ = message;
  statusDataAvailable_ = dataAvailable;
  statusTriggerActive_ = triggerActive;
}

bool MicroBatchExecution::waitFor(int64_t millis) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(millis, 0)), [this] { return stopRequested_; });
  return !stopRequested_;
}

bool MicroBatchExecution::initialize() {
  setStatus("Initializing sources", false, false);
  for (size_t i = 0; i < leaves_.size(); ++i) {
    const auto* relation = dynamic_cast<const StreamingRelation*>(leaves_[i]->source.get());
    if (relation == nullptr) {
      throwInternalError("a streaming leaf is not a StreamingRelation");
    }
    SourceContext context;
    context.metadataPath = checkpoint_->sourcePath(i);
    context.zone = options_.zone.get();
    context.availableNow = options_.trigger.kind == TriggerSpec::Kind::kAvailableNow;
    context.readAllAvailable = options_.trigger.kind == TriggerSpec::Kind::kOnce;
    sources_.push_back(relation->provider().createSource(relation->options(), relation->schema(), context));
  }
  committed_.assign(sources_.size(), std::nullopt);
  checkpointConf_ = defaultCheckpointConf();
  // Recover: the last logged batch either committed (continue after it) or not (re-run it with
  // exactly its logged offsets).
  checkpoint_->discardTornCommit();
  auto latest = checkpoint_->latestOffsetsBatch();
  if (!latest) {
    return false;
  }
  auto logged = checkpoint_->readOffsets(*latest);
  checkpointConf_ = restoredCheckpointConf(logged->conf);
  if (logged->offsets.size() != sources_.size()) {
    throwUserError("SOURCE_COUNT_MISMATCH", "There are [" + std::to_string(logged->offsets.size()) +
                                                "] sources in the checkpoint offsets and now there are [" +
                                                std::to_string(sources_.size()) +
                                                "] sources requested by the query. Cannot continue.");
  }
  if (checkpoint_->isCommitted(*latest)) {
    committed_ = logged->offsets;
    nextBatchId_ = *latest + 1;
    return false;
  }
  if (*latest > 0) {
    auto previous = checkpoint_->readOffsets(*latest - 1);
    if (!previous) {
      // Without it the batch would re-read every source from its start.
      throwUserError("ILLEGAL_STATE", "batch " + std::to_string(*latest - 1) + " doesn't exist");
    }
    committed_ = previous->offsets;
  }
  nextBatchId_ = *latest;
  std::vector<std::optional<std::string>> end = logged->offsets;
  runBatch(end, logged->batchTimestampMs, /*recovered=*/true);
  return true;
}

bool MicroBatchExecution::runTrigger() {
  int64_t triggerStart = nowMs();
  setStatus("Getting offsets from sources", false, true);
  auto latestStart = std::chrono::steady_clock::now();
  std::vector<std::optional<std::string>> available(sources_.size());
  bool hasNew = false;
  for (size_t i = 0; i < sources_.size(); ++i) {
    available[i] = sources_[i]->latestOffset(committed_[i]);
    if (available[i] && (!committed_[i] || *committed_[i] != *available[i])) {
      hasNew = true;
    }
  }
  latestOffsetMs_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - latestStart).count();
  if (!hasNew) {
    checkpoint_->syncCommits();  // idle: the commits written while data flowed become durable
    setStatus("Waiting for data to arrive", false, false);
    int64_t now = nowMs();
    if (!lastNoDataEventMs_ || now - options_.noDataEventIntervalMs >= *lastNoDataEventMs_) {
      lastNoDataEventMs_ = now;
      if (options_.onIdle) {
        options_.onIdle(utcTimestamp(triggerStart));
      }
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++idleTriggers_;
    }
    cv_.notify_all();
    return false;
  }
  lastTriggerStartMs_ = lastTriggerStartMs_ < 0 ? triggerStart : lastTriggerStartMs_;
  runBatch(available, triggerStart, /*recovered=*/false);
  lastNoDataEventMs_ = nowMs();
  return true;
}

void MicroBatchExecution::runBatch(const std::vector<std::optional<std::string>>& end,
                                   int64_t batchTimestampMs,
                                   bool recovered) {
  using Clock = std::chrono::steady_clock;
  auto elapsed = [](Clock::time_point from) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - from).count();
  };
  auto triggerStart = Clock::now();
  int64_t batchId = nextBatchId_;
  available_ = end;
  StreamingQueryProgress progress;
  progress.id = id_;
  progress.runId = runId_;
  progress.name = options_.name;
  // The trigger's start: now for a re-run batch, whose logged time is that of the earlier run.
  const int64_t timestampMs = recovered ? nowMs() : batchTimestampMs;
  progress.timestamp = utcTimestamp(timestampMs);
  progress.batchId = batchId;

  // Write-ahead: the batch's offsets are logged before any of its data is read.
  auto walStart = Clock::now();
  if (!recovered) {
    throwIfInterrupted(interrupt_);  // stopped while asking the sources: no new batch is logged
    setStatus("Writing offsets to log", true, true);
    OffsetSeq seq;
    seq.batchTimestampMs = batchTimestampMs;
    seq.conf = checkpointConf_;
    seq.offsets = end;
    checkpoint_->writeOffsets(batchId, seq);
    for (size_t i = 0; i < sources_.size(); ++i) {
      if (committed_[i]) {
        sources_[i]->commit(*committed_[i]);
      }
    }
    checkpoint_->purge(batchId, options_.minBatchesToRetain);
  }
  killPoint("after-offsets", batchId);
  progress.durationMs["walCommit"] = elapsed(walStart);

  auto getBatchStart = Clock::now();
  std::vector<plan::DataSourcePtr> data;
  std::vector<std::shared_ptr<int64_t>> counters;
  for (size_t i = 0; i < sources_.size(); ++i) {
    auto counter = std::make_shared<int64_t>(0);
    counters.push_back(counter);
    if (end[i] && (!committed_[i] || *committed_[i] != *end[i])) {
      data.push_back(std::make_shared<CountingSource>(sources_[i]->getBatch(committed_[i], *end[i]), counter, interrupt_));
    } else {
      // Nothing new from this source in this batch.
      data.push_back(std::make_shared<plan::LocalSource>(sources_[i]->schema(), std::vector<Batch>{}));
    }
  }
  progress.durationMs["getBatch"] = elapsed(getBatchStart);

  auto planningStart = Clock::now();
  setStatus("Processing new data", true, true);
  auto batchPlan = replaceLeaves(options_.plan, leaves_, data);
  auto optimized = plan::optimize(batchPlan);
  auto physical = exec::planPhysical(optimized);
  progress.durationMs["queryPlanning"] = elapsed(planningStart);

  auto addBatchStart = Clock::now();
  exec::ExecContext context;
  context.zone = options_.zone.get();
  context.currentTimestampMicros = batchTimestampMs * 1000;
  context.randomSalt = batchId;
  // The sink pulls the batch's rows through the operators as it writes them.
  exec::OperatorPtr rows = physical->open(context);
  BatchStream output(options_.plan->schema(), [&] {
    auto b = rows->next();
    if (b) {
      throwIfInterrupted(interrupt_);  // a batch the sink has read to its end is left to finish
    }
    return b;
  });
  options_.sink->addBatch(batchId, output);
  progress.durationMs["addBatch"] = elapsed(addBatchStart);
  killPoint("after-sink", batchId);

  checkpoint_->writeCommit(batchId);
  killPoint("after-commit", batchId);
  int64_t triggerMs = elapsed(triggerStart);
  progress.durationMs["triggerExecution"] = triggerMs;
  progress.durationMs["latestOffset"] = recovered ? 0 : latestOffsetMs_;
  progress.batchDuration = triggerMs;

  int64_t total = 0;
  double sinceLast = lastTriggerStartMs_ >= 0 && timestampMs > lastTriggerStartMs_
                         ? static_cast<double>(timestampMs - lastTriggerStartMs_) / 1000.0
                         : 0.0;
  for (size_t i = 0; i < sources_.size(); ++i) {
    SourceProgress s;
    s.description = sources_[i]->description();
    s.startOffset = committed_[i].value_or("");
    s.endOffset = end[i].value_or("");
    s.latestOffset = sources_[i]->reportLatestOffset().value_or("");  // null unless reported, as Spark
    if (end[i]) {
      s.metrics = sources_[i]->metrics(*end[i]);
    }
    s.numInputRows = *counters[i];
    s.inputRowsPerSecond = sinceLast > 0 ? static_cast<double>(s.numInputRows) / sinceLast : 0.0;
    // As Spark: the processing time counts as at least 1 ms.
    s.processedRowsPerSecond = static_cast<double>(s.numInputRows) * 1000.0 / static_cast<double>(std::max<int64_t>(triggerMs, 1));
    total += s.numInputRows;
    progress.sources.push_back(std::move(s));
  }
  progress.numInputRows = total;
  progress.inputRowsPerSecond = sinceLast > 0 ? static_cast<double>(total) / sinceLast : 0.0;
  progress.processedRowsPerSecond = static_cast<double>(total) * 1000.0 / static_cast<double>(std::max<int64_t>(triggerMs, 1));
  progress.sink.description = options_.sink->description();
  progress.sink.numOutputRows = options_.sink->lastOutputRows();
  lastTriggerStartMs_ = timestampMs;

  committed_ = end;
  nextBatchId_ = batchId + 1;
  {
    std::lock_guard<std::mutex> lock(mu_);
    progress_.push_back(progress);
    while (static_cast<int64_t>(progress_.size()) > options_.recentProgressLimit) {
      progress_.pop_front();
    }
    lastPhysical_ = physical->treeString();
    lastPlans_ = "== Parsed Logical Plan ==\n" + options_.plan->treeString() + "\n== Analyzed Logical Plan ==\n" +
                 batchPlan->treeString() + "\n== Optimized Logical Plan ==\n" + optimized->treeString() +
                 "\n== Physical Plan ==\n" + lastPhysical_;
  }
  if (options_.onProgress) {
    options_.onProgress(progress);
  }
}

void MicroBatchExecution::run() {
  std::string errorText;
  try {
    bool recovered = initialize();
    const TriggerSpec& trigger = options_.trigger;
    // Trigger.Once after a crash runs only the re-run batch, as Spark does.
    while (!(recovered && trigger.kind == TriggerSpec::Kind::kOnce)) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopRequested_) {
          break;
        }
      }
      int64_t start = nowMs();
      bool ran = runTrigger();
      if (trigger.kind == TriggerSpec::Kind::kOnce) {
        break;
      }
      if (trigger.kind == TriggerSpec::Kind::kAvailableNow) {
        if (!ran) {
          break;
        }
        continue;
      }
      if (trigger.intervalMs <= 0) {
        if (!ran && !waitFor(10)) {
          break;
        }
        continue;
      }
      // Next trigger at the next multiple of the interval; a late batch starts the next at once.
      int64_t now = nowMs();
      int64_t next = (start / trigger.intervalMs + 1) * trigger.intervalMs;
      if (now < next) {
        checkpoint_->syncCommits();
        setStatus("Waiting for next trigger", false, false);
        if (!waitFor(next - now)) {
          break;
        }
      }
    }
  } catch (const BatchInterrupted&) {
    // stop() during a batch: it ends uncommitted, and a restart re-runs it with its logged offsets.
  } catch (const std::exception& e) {
    std::lock_guard<std::mutex> lock(mu_);
    errorText = e.what();
    // Spark's StreamProgress text: {<source description>: <offset>,...} for sources with an offset.
    auto offsetsText = [this](const std::vector<std::optional<std::string>>& offsets) {
      std::string text;
      for (size_t i = 0; i < offsets.size() && i < sources_.size(); ++i) {
        if (offsets[i]) {
          text += (text.empty() ? "" : ",") + sources_[i]->description() + ": " + *offsets[i];
        }
      }
      return "{" + text + "}";
    };
    error_ = std::make_exception_ptr(StreamingQueryException(
        errorText + "\n=== Streaming Query ===\nIdentifier: " + (options_.name.empty() ? "" : options_.name + " ") +
        "[id = " + id_ + ", runId = " + runId_ + "]\nCurrent Committed Offsets: " + offsetsText(committed_) +
        "\nCurrent Available Offsets: " + offsetsText(available_) +
        "\n\nCurrent State: ACTIVE\nThread State: RUNNABLE\n\nLogical Plan:\n" + options_.plan->treeString()));
    statusMessage_ = "Terminated with exception: " + errorText;
  } catch (...) {
    std::lock_guard<std::mutex> lock(mu_);
    error_ = std::current_exception();
    errorText = "unknown error";
    statusMessage_ = "Terminated with exception: unknown error";
  }
  try {
    checkpoint_->syncCommits();
  } catch (...) {
    // The commits are in place; only their durability against a power loss is in question.
  }
  for (auto& s : sources_) {
    try {
      s->stop();
    } catch (...) {
    }
  }
  try {
    options_.sink->stop();
  } catch (...) {
  }
  bool failed;
  {
    std::lock_guard<std::mutex> lock(mu_);
    failed = error_ != nullptr;
    if (!failed) {
      statusMessage_ = "Stopped";
    }
    statusDataAvailable_ = false;
    statusTriggerActive_ = false;
  }
  if (!failed && options_.deleteCheckpointOnStop) {
    std::error_code ec;
    std::filesystem::remove_all(options_.checkpointPath, ec);
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    ended_ = true;
  }
  if (options_.onTerminated) {
    options_.onTerminated(errorText);
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    terminated_ = true;
  }
  cv_.notify_all();
}

}  // namespace rivulet::streaming
