// Source: a streaming source as the micro-batch engine drives it. Offsets are the JSON text
// Spark writes in offsets/N (rate: "12", file: {"logOffset":3}, Kafka: {"t":{"0":25}}).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "rivulet/common/options.h"
#include "rivulet/plan/data_source.h"
#include "rivulet/types/data_type.h"

namespace rivulet::time {
class TimeZone;
}

namespace rivulet::streaming {

/// What a source needs from its query.
struct SourceContext {
  /// <checkpoint>/sources/<i>: the source's own metadata (file log, start time, ...).
  std::string metadataPath;
  const time::TimeZone* zone = nullptr;
  /// Trigger.AvailableNow: the source snapshots what is available at start and reports no
  /// more afterwards (prepareForTriggerAvailableNow).
  bool availableNow = false;
  /// Trigger.Once: the one batch reads everything available, ignoring the source's read limits
  /// (maxFilesPerTrigger, maxBytesPerTrigger, maxOffsetsPerTrigger, minOffsetsPerTrigger), as
  /// Spark does.
  bool readAllAvailable = false;
};

class Source {
 public:
  virtual ~Source() = default;

  virtual StructType schema() const = 0;

  /// The description in progress reports: "RateStreamV2[rowsPerSecond=1, ...",
  /// "FileStreamSource[file:/abs/path]", "KafkaV2[Subscribe[t]]".
  virtual std::string description() const = 0;

  /// The offset to stop at for the next batch, given where the last one ended (`start`, none
  /// for the first batch), capped by the source's rate limits (maxFilesPerTrigger, ...).
  /// nullopt: no data yet. Equal to `start`: nothing new.
  virtual std::optional<std::string> latestOffset(const std::optional<std::string>& start) = 0;

  /// Custom metrics for progress "sources[].metrics" after a batch that ended at `end` (Spark's
  /// ReportsSourceMetrics); none by default.
  virtual std::map<std::string, std::string> metrics(const std::string& end) { return {}; }

  /// The latest offset without rate limits (progress "latestOffset"), if cheap; else nullopt.
  virtual std::optional<std::string> reportLatestOffset() { return std::nullopt; }

  /// The rows in (start, end] as a scannable relation of schema().
  virtual plan::DataSourcePtr getBatch(const std::optional<std::string>& start, const std::string& end) = 0;

  /// Everything up to `end` is committed; the source may drop what it kept for it.
  virtual void commit(const std::string& end) {}

  /// The query stopped; release resources. Must return promptly.
  virtual void stop() {}
};

using SourcePtr = std::unique_ptr<Source>;

/// Creates sources of one format ("rate", "kafka", "parquet", ...).
class SourceProvider {
 public:
  virtual ~SourceProvider() = default;

  virtual std::string name() const = 0;

  /// The schema of the stream, checked when the streaming DataFrame is created (load()), with
  /// Spark's errors for bad options or a missing/forbidden user schema.
  virtual StructType sourceSchema(const Options& options, const std::optional<StructType>& userSchema) const = 0;

  /// A source for one run of a query.
  virtual SourcePtr createSource(const Options& options,
                                 const StructType& schema,
                                 const SourceContext& context) const = 0;
};

void registerSourceProvider(std::unique_ptr<SourceProvider> provider);

/// The provider of `name` (case-insensitive), or nullptr.
const SourceProvider* findSourceProvider(const std::string& name);

}  // namespace rivulet::streaming
