// FileFormat: the interface every file format (csv, json, text, parquet) implements, so that
// the batch scan, the file stream source and the file sink treat them alike.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/columnar/batch.h"
#include "rivulet/common/options.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

namespace time {
class TimeZone;
}

/// What a reader or writer needs from the session.
struct FormatContext {
  /// spark.sql.session.timeZone.
  const time::TimeZone* zone = nullptr;
  /// Rows per batch a reader aims for.
  int64_t batchRows = kDefaultBatchRows;
};

/// Reads one file as a sequence of batches.
class FileReader {
 public:
  virtual ~FileReader() = default;

  /// The next batch (columns as the projection asked), or nullopt at the end of the file.
  virtual std::optional<Batch> next() = 0;
};

/// Writes batches into one file.
class FileWriter {
 public:
  virtual ~FileWriter() = default;

  virtual void write(const Batch& batch) = 0;

  /// Flushes and closes; the file is complete only after close().
  virtual void close() = 0;
};

class FileFormat {
 public:
  virtual ~FileFormat() = default;

  /// "csv", "json", "text", "parquet".
  virtual std::string name() const = 0;

  /// The schema of the data in `files` (a non-empty list of existing files).
  virtual StructType inferSchema(const std::vector<std::string>& files,
                                 const Options& options,
                                 const FormatContext& context) const = 0;

  /// Opens `file`, whose rows have `dataSchema`, producing the columns `projection` (indices
  /// into dataSchema, in that order).
  virtual std::unique_ptr<FileReader> open(const std::string& file,
                                           const StructType& dataSchema,
                                           const std::vector<int>& projection,
                                           const Options& options,
                                           const FormatContext& context) const = 0;

  /// Creates `file` for rows of `schema`.
  virtual std::unique_ptr<FileWriter> create(const std::string& file,
                                             const StructType& schema,
                                             const Options& options,
                                             const FormatContext& context) const = 0;

  /// The file name ending Spark uses for written files: ".csv", ".csv.gz", ".snappy.parquet".
  virtual std::string fileExtension(const Options& options) const = 0;
};

/// The format registered under `name` (case-insensitive); throws Spark's error for an unknown
/// data source.
const FileFormat& fileFormat(const std::string& name);

/// Registers a format; called from registerFileFormats() at session start.
void registerFileFormat(std::unique_ptr<FileFormat> format);

/// Registers the built-in formats (idempotent).
void registerFileFormats();

}  // namespace rivulet
