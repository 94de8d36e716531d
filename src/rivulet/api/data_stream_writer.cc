#include "rivulet/api/data_stream_writer.h"

#include <charconv>
#include <climits>
#include <cstdint>
#include <filesystem>
#include <random>

#include "rivulet/api/internal/dataframe_internal.h"
#include "rivulet/api/internal/query_manager_state.h"
#include "rivulet/api/internal/session_state.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/options.h"
#include "rivulet/connectors/rate/time_string.h"
#include "rivulet/plan/analyzer.h"
#include "rivulet/plan/sources/local_source.h"
#include "rivulet/streaming/execution/micro_batch_execution.h"
#include "rivulet/streaming/sink.h"

namespace rivulet {

namespace {

// foreachBatch: the user's function gets each micro-batch as a static DataFrame.
class ForeachBatchSink : public streaming::Sink {
 public:
  ForeachBatchSink(std::shared_ptr<SessionState> state, std::function<void(const DataFrame&, int64_t)> fn)
      : state_(std::move(state)), fn_(std::move(fn)) {}

  std::string description() const override { return "ForeachBatchSink"; }

  void addBatch(int64_t batchId, streaming::BatchStream& rows) override {
    streaming::BatchData data = rows.collect();
    auto source = std::make_shared<plan::LocalSource>(data.schema, std::move(data.batches));
    fn_(dataFrameOf(state_, plan::makeRelation(source)), batchId);
    rows_ = rows.rowsPulled();
  }

  int64_t lastOutputRows() const override { return rows_; }

 private:
  std::shared_ptr<SessionState> state_;
  std::function<void(const DataFrame&, int64_t)> fn_;
  int64_t rows_ = 0;
};

// foreach: open / process / close per partition (one partition per batch here).
class ForeachSink : public streaming::Sink {
 public:
  explicit ForeachSink(std::shared_ptr<ForeachWriter> writer) : writer_(std::move(writer)) {}

  std::string description() const override { return "ForeachWriterTable"; }

  void addBatch(int64_t batchId, streaming::BatchStream& data) override {
    rows_ = 0;
    if (!writer_->open(0, batchId)) {
      writer_->close("");
      return;
    }
    auto schema = std::make_shared<const StructType>(data.schema());
    try {
      while (auto b = data.next()) {
        for (int64_t r = 0; r < b->numRows(); ++r) {
          std::vector<Value> values;
          for (const auto& c : b->columns()) {
            values.push_back(valueAt(*c, r));
          }
          writer_->process(Row(std::move(values), schema));
          ++rows_;
        }
      }
    } catch (const std::exception& e) {
      writer_->close(e.what());
      throw;
    }
    writer_->close("");
  }

  int64_t lastOutputRows() const override { return rows_; }

 private:
  std::shared_ptr<ForeachWriter> writer_;
  int64_t rows_ = 0;
};

std::string randomId() {
  static std::mt19937_64 random(std::random_device{}());
  char buf[40];
  snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(random()));
  return buf;
}

bool hasNode(const plan::LogicalPlan& node, plan::PlanKind kind) {
  if (node.kind == kind) {
    return true;
  }
  for (const auto& c : node.children) {
    if (hasNode(*c, kind)) {
      return true;
    }
  }
  return false;
}

int countStreamingLeaves(const plan::LogicalPlan& node) {
  int n = node.kind == plan::PlanKind::kRelation && node.source && node.source->isStreaming() ? 1 : 0;
  for (const auto& c : node.children) {
    n += countStreamingLeaves(*c);
  }
  return n;
}

// Spark's UnsupportedOperationChecker, for the operators the engine runs statelessly.
void checkSupported(const plan::LogicalPlan& plan, streaming::OutputMode mode) {
  for (const auto& c : plan.children) {
    checkSupported(*c, mode);
  }
  switch (plan.kind) {
    case plan::PlanKind::kAggregate:
      throw AnalysisException("Streaming aggregations are not supported yet: the query needs a state store", "UNSUPPORTED_STREAMING_OPERATION");
    case plan::PlanKind::kDeduplicate:
      throw AnalysisException("Streaming deduplication is not supported yet: the query needs a state store", "UNSUPPORTED_STREAMING_OPERATION");
    case plan::PlanKind::kSort:
      throw AnalysisException("Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode",
                              "UNSUPPORTED_STREAMING_OPERATION");
    case plan::PlanKind::kLimit:
      throw AnalysisException("Limits are not supported on streaming DataFrames/Datasets in Append output mode", "UNSUPPORTED_STREAMING_OPERATION");
    case plan::PlanKind::kJoin: {
      int left = countStreamingLeaves(*plan.child(0));
      int right = countStreamingLeaves(*plan.child(1));
      if (left > 0 && right > 0) {
        throw AnalysisException("Stream-stream joins are not supported yet: they need a state store", "UNSUPPORTED_STREAMING_OPERATION");
      }
      bool ok = plan.joinType == plan::JoinType::kInner || plan.joinType == plan::JoinType::kCross ||
                (left > 0 && (plan.joinType == plan::JoinType::kLeftOuter || plan.joinType == plan::JoinType::kLeftSemi ||
                              plan.joinType == plan::JoinType::kLeftAnti)) ||
                (right > 0 && plan.joinType == plan::JoinType::kRightOuter);
      if (!ok) {
        throw AnalysisException(plan::joinTypeName(plan.joinType) +
                                    " join with a streaming DataFrame/Dataset on the " + (left > 0 ? "left" : "right") +
                                    " and a static DataFrame/Dataset on the " + (left > 0 ? "right" : "left") + " is not supported",
                                "UNSUPPORTED_STREAMING_OPERATION");
      }
      break;
    }
    default:
      break;
  }
  (void)mode;
}

}  // namespace

struct DataStreamWriter::Impl {
  explicit Impl(DataFrame d) : df(std::move(d)) {}
  DataFrame df;
  std::string format;
  std::string outputMode = "append";
  Trigger trigger;
  std::string queryName;
  Options options;
  std::vector<std::string> partitionBy;
  std::function<void(const DataFrame&, int64_t)> foreachBatch;
  std::shared_ptr<ForeachWriter> foreach;
};

DataStreamWriter::DataStreamWriter(DataFrame df) : impl_(std::make_unique<Impl>(std::move(df))) {}

DataStreamWriter::~DataStreamWriter() = default;

DataStreamWriter::DataStreamWriter(const DataStreamWriter& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}

DataStreamWriter& DataStreamWriter::operator=(const DataStreamWriter& other) {
  impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}

DataStreamWriter& DataStreamWriter::format(const std::string& sink) {
  impl_->format = sink;
  return *this;
}

DataStreamWriter& DataStreamWriter::outputMode(const std::string& mode) {
  streaming::parseOutputMode(mode);
  impl_->outputMode = mode;
  return *this;
}

DataStreamWriter& DataStreamWriter::trigger(const Trigger& trigger) {
  impl_->trigger = trigger;
  return *this;
}

DataStreamWriter& DataStreamWriter::queryName(const std::string& name) {
  impl_->queryName = name;
  return *this;
}

DataStreamWriter& DataStreamWriter::setOption(const std::string& key, const std::string& value) {
  impl_->options.set(key, value);
  return *this;
}

DataStreamWriter& DataStreamWriter::partitionBy(const std::vector<std::string>& columns) {
  impl_->partitionBy = columns;
  return *this;
}

DataStreamWriter& DataStreamWriter::foreachBatch(std::function<void(const DataFrame&, int64_t)> fn) {
  impl_->foreachBatch = std::move(fn);
  return *this;
}

DataStreamWriter& DataStreamWriter::foreach(std::shared_ptr<ForeachWriter> writer) {
  impl_->foreach = std::move(writer);
  return *this;
}

StreamingQuery DataStreamWriter::start(const std::string& path) {
  impl_->options.set("path", path);
  return start();
}

StreamingQuery DataStreamWriter::start() {
  ensureRegistered();
  ensureStreamingRegistered();
  const DataFrame& df = impl_->df;
  const auto& state = df.state();
  if (!df.isStreaming()) {
    throw AnalysisException("'writeStream' can be called only on streaming Dataset/DataFrame", "WRITE_STREAM_NOT_ALLOWED");
  }
  streaming::OutputMode mode = streaming::parseOutputMode(impl_->outputMode);
  checkSupported(*df.analyzedPlan(), mode);
  if (mode == streaming::OutputMode::kComplete) {
    throw AnalysisException("Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets;",
                            "UNSUPPORTED_OUTPUT_MODE");
  }

  std::string format = impl_->format.empty() ? "parquet" : impl_->format;
  const streaming::SinkProvider* provider = nullptr;
  bool temporaryAllowed = impl_->foreachBatch || impl_->foreach;
  if (!temporaryAllowed) {
    provider = streaming::findSinkProvider(format);
    if (provider == nullptr) {
      throwUserError("DATA_SOURCE_NOT_FOUND",
                     "Failed to find the data source: " + format +
                         ". Please find packages at `https://spark.apache.org/third-party-projects.html`.");
    }
    temporaryAllowed = provider->allowsTemporaryCheckpoint();
  }

  // Checkpoint: the option, else the session's directory, else a temporary one where allowed.
  std::string checkpoint;
  bool temporary = false;
  if (auto location = impl_->options.get("checkpointLocation")) {
    checkpoint = *location;
  } else if (auto root = state->getConf("spark.sql.streaming.checkpointLocation")) {
    checkpoint = *root + "/" + (impl_->queryName.empty() ? randomId() : impl_->queryName);
  } else if (temporaryAllowed) {
    checkpoint = (std::filesystem::temp_directory_path() / ("temporary-" + randomId())).string();
    temporary = true;
  } else {
    throw AnalysisException("checkpointLocation must be specified either through option(\"checkpointLocation\", ...) or SparkSession.conf.set(\"spark.sql.streaming.checkpointLocation\", ...).",
                            "CHECKPOINT_LOCATION_MISSING");
  }
  checkpoint = std::filesystem::absolute(checkpoint).lexically_normal().string();

  streaming::SinkContext sinkContext;
  sinkContext.checkpointPath = checkpoint;
  sinkContext.queryName = impl_->queryName;
  sinkContext.outputMode = mode;
  sinkContext.partitionColumns = impl_->partitionBy;
  auto zone = state->zone();
  sinkContext.zone = zone.get();
  for (const char* key : {"spark.sql.streaming.fileSink.log.compactInterval",
                          "spark.sql.streaming.fileSink.log.deletion",
                          "spark.sql.streaming.fileSink.log.cleanupDelay",
                          "spark.sql.streaming.minBatchesToRetain"}) {
    if (auto value = state->getConf(key)) {
      sinkContext.sessionConf.set(key, *value);
    }
  }
  streaming::SinkPtr sink;
  if (impl_->foreachBatch) {
    sink = std::make_unique<ForeachBatchSink>(state, impl_->foreachBatch);
  } else if (impl_->foreach) {
    sink = std::make_unique<ForeachSink>(impl_->foreach);
  } else {
    sink = provider->createSink(impl_->options, df.schema(), sinkContext);
  }

  auto manager = state->queries();
  auto self = std::make_shared<std::weak_ptr<streaming::MicroBatchExecution>>();
  streaming::QueryOptions options;
  options.name = impl_->queryName;
  options.checkpointPath = checkpoint;
  options.deleteCheckpointOnStop = temporary;
  options.plan = df.analyzedPlan();
  options.sink = std::move(sink);
  options.trigger.kind = impl_->trigger.kind() == Trigger::Kind::kOnce         ? streaming::TriggerSpec::Kind::kOnce
                         : impl_->trigger.kind() == Trigger::Kind::kAvailableNow ? streaming::TriggerSpec::Kind::kAvailableNow
                                                                                  : streaming::TriggerSpec::Kind::kProcessingTime;
  options.trigger.intervalMs = impl_->trigger.intervalMs();
  options.zone = zone;
  if (auto retain = state->getConf("spark.sql.streaming.minBatchesToRetain")) {
    const std::string key = "spark.sql.streaming.minBatchesToRetain";
    int64_t value = 0;
    auto [end, ec] = std::from_chars(retain->data(), retain->data() + retain->size(), value);
    if (ec != std::errc() || end != retain->data() + retain->size() || value > INT32_MAX || value < INT32_MIN) {
      throwUserError("ILLEGAL_ARGUMENT", key + " should be int, but was " + *retain);
    }
    if (value <= 0) {
      throwUserError("ILLEGAL_ARGUMENT", "'" + *retain + "' in " + key + " is invalid. minBatchesToRetain has to be positive");
    }
    options.minBatchesToRetain = value;
  }
  options.onProgress = [manager](const StreamingQueryProgress& progress) {
    for (const auto& l : manager->listeners()) {
      l->onQueryProgress(progress);
    }
  };
  if (auto interval = state->getConf("spark.sql.streaming.noDataProgressEventInterval")) {
    options.noDataEventIntervalMs = connectors::timeStringAsMs(*interval);
  }
  options.onIdle = [manager, self](const std::string& timestamp) {
    auto execution = self->lock();
    if (!execution) {
      return;
    }
    for (const auto& l : manager->listeners()) {
      l->onQueryIdle(execution->id(), execution->runId(), timestamp);
    }
  };
  options.onTerminated = [manager, self](const std::string& error) {
    auto execution = self->lock();
    if (!execution) {
      return;
    }
    // As Spark: off the active list first, then the event.
    manager->terminated(execution, execution->exception());
    for (const auto& l : manager->listeners()) {
      l->onQueryTerminated(execution->id(), execution->runId(), error);
    }
  };
  auto execution = std::make_shared<streaming::MicroBatchExecution>(std::move(options));
  *self = execution;
  manager->add(execution);
  for (const auto& l : manager->listeners()) {
    l->onQueryStarted(execution->id(), execution->runId(), execution->name());
  }
  execution->start();
  return StreamingQuery(execution);
}

}  // namespace rivulet
