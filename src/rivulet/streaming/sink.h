// Sink: where a streaming query writes each micro-batch.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/columnar/batch.h"
#include "rivulet/common/options.h"
#include "rivulet/types/data_type.h"

namespace rivulet::time {
class TimeZone;
}

namespace rivulet::streaming {

enum class OutputMode : uint8_t { kAppend, kUpdate, kComplete };

/// Parses "append" / "update" / "complete" (case-insensitive) with Spark's error otherwise.
OutputMode parseOutputMode(const std::string& mode);

std::string outputModeName(OutputMode mode);

/// What a sink needs from its query.
struct SinkContext {
  /// The query's checkpoint directory.
  std::string checkpointPath;
  std::string queryName;
  OutputMode outputMode = OutputMode::kAppend;
  std::vector<std::string> partitionColumns;
  const time::TimeZone* zone = nullptr;
  /// The session confs a sink reads when it starts (the file sink:
  /// spark.sql.streaming.fileSink.log.* and spark.sql.streaming.minBatchesToRetain).
  Options sessionConf;
};

/// One micro-batch's output rows, all in memory.
struct BatchData {
  StructType schema;
  std::vector<Batch> batches;

  int64_t numRows() const {
    int64_t n = 0;
    for (const auto& b : batches) {
      n += b.numRows();
    }
    return n;
  }
};

/// One micro-batch's output rows as the query produces them, one columnar batch at a time: a
/// sink that writes each batch as it pulls it holds one batch in memory, however large the
/// micro-batch is.
class BatchStream {
 public:
  using Pull = std::function<std::optional<Batch>()>;

  BatchStream(StructType schema, Pull pull);

  /// Over batches already in memory.
  explicit BatchStream(BatchData data);

  const StructType& schema() const { return schema_; }

  /// The next batch, or nullopt at the end.
  std::optional<Batch> next();

  /// Every batch not pulled yet, in memory (for sinks that need the whole micro-batch).
  BatchData collect();

  /// Rows pulled so far.
  int64_t rowsPulled() const { return rows_; }

 private:
  StructType schema_;
  Pull pull_;
  int64_t rows_ = 0;
};

class Sink {
 public:
  virtual ~Sink() = default;

  /// Progress "sink.description": "FileSink[path]", "MemorySink", ...
  virtual std::string description() const = 0;

  /// Writes batch `batchId`. A batch re-run after a restart comes with the same id and the
  /// same rows: a sink that can must not write it twice. A sink that skips a batch need not
  /// pull its rows.
  virtual void addBatch(int64_t batchId, BatchStream& rows) = 0;

  /// Rows written by the last addBatch, or -1 when the sink does not count (Spark's V1 sinks).
  virtual int64_t lastOutputRows() const { return -1; }

  /// The query stopped.
  virtual void stop() {}
};

using SinkPtr = std::unique_ptr<Sink>;

class SinkProvider {
 public:
  virtual ~SinkProvider() = default;

  virtual std::string name() const = 0;

  /// Checks options and the output mode at start() with Spark's errors.
  virtual SinkPtr createSink(const Options& options, const StructType& schema, const SinkContext& context) const = 0;

  /// Whether the sink may run without a checkpointLocation (a temporary one is used):
  /// console, memory, foreach, foreachBatch, noop.
  virtual bool allowsTemporaryCheckpoint() const { return false; }
};

void registerSinkProvider(std::unique_ptr<SinkProvider> provider);

const SinkProvider* findSinkProvider(const std::string& name);

}  // namespace rivulet::streaming
