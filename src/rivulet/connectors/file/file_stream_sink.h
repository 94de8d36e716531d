// The file sink (Spark's FileStreamSink) for csv, json, text and parquet: each batch's files
// go straight into the output directory, then <out>/_spark_metadata/<batchId> lists them;
// a reader that honours that log sees a batch's files all at once or not at all.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rivulet/connectors/file/compactible_file_log.h"
#include "rivulet/streaming/sink.h"

namespace rivulet {
class FileFormat;
}

namespace rivulet::connectors {

class FileStreamSink : public streaming::Sink {
 public:
  /// `path` as the user gave it; creates the directory and its _spark_metadata log, compacted
  /// and cleaned up as `logConfig` says. Option `retention` (a time string, e.g. "12h"): files
  /// whose modificationTime is older than that are left out of each compact entry.
  FileStreamSink(const FileFormat& format,
                 std::string path,
                 Options options,
                 StructType schema,
                 std::vector<std::string> partitionColumns,
                 const time::TimeZone* zone,
                 CompactibleFileLogConfig logConfig = {});

  /// "FileSink[<path as given>]".
  std::string description() const override { return "FileSink[" + path_ + "]"; }

  /// Writes the batch's files and logs them, unless the log already has `batchId` or a later
  /// batch (a re-run after a restart): then nothing is written.
  void addBatch(int64_t batchId, streaming::BatchStream& data) override;

 private:
  const FileFormat& format_;
  std::string path_;
  std::string absolutePath_;
  Options options_;
  StructType schema_;
  std::vector<int> partitionIndex_;
  const time::TimeZone* zone_;
  CompactibleFileLog log_;
};

/// The sink provider registered under a format name.
class FileStreamSinkProvider : public streaming::SinkProvider {
 public:
  explicit FileStreamSinkProvider(std::string format) : format_(std::move(format)) {}

  std::string name() const override { return format_; }

  /// 'path' required; append mode only ("Data source <fmt> does not support <Mode> output
  /// mode"); partition columns must exist. The log confs come from `context.sessionConf`.
  streaming::SinkPtr createSink(const Options& options,
                                const StructType& schema,
                                const streaming::SinkContext& context) const override;

 private:
  std::string format_;
};

}  // namespace rivulet::connectors
