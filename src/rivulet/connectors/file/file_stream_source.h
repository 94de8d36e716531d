// The file stream source (Spark's FileStreamSource) for csv, json, text and parquet: each
// micro-batch reads the files that appeared in a directory (or glob) since the last one,
// recording the admitted files in the source log sources/<i>/<logId>.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/connectors/file/compactible_file_log.h"
#include "rivulet/streaming/source.h"

namespace rivulet {
class FileFormat;
}

namespace rivulet::connectors {

enum class CleanSourceMode : uint8_t { kOff, kArchive, kDelete };

/// The source's own options (FileStreamOptions), checked with Spark's messages.
struct FileStreamOptions {
  std::optional<int64_t> maxFilesPerTrigger;
  std::optional<int64_t> maxBytesPerTrigger;
  bool latestFirst = false;
  int64_t maxFileAgeMs = 7LL * 24 * 3600 * 1000;
  bool fileNameOnly = false;
  CleanSourceMode cleanSource = CleanSourceMode::kOff;
  std::string sourceArchiveDir;
};

FileStreamOptions parseFileStreamOptions(const Options& options);

/// A listed file: local absolute path, modification time (ms), size.
struct ListedFile {
  std::string path;
  int64_t modificationTime = 0;
  int64_t size = 0;
};

class FileStreamSource : public streaming::Source {
 public:
  /// `path`: the directory or glob as the user gave it; `options` also carry the format's read
  /// options. Restores the files seen so far from the source log.
  FileStreamSource(const FileFormat& format,
                   std::string path,
                   Options options,
                   StructType schema,
                   const streaming::SourceContext& context);

  StructType schema() const override { return schema_; }

  /// "FileStreamSource[file:/abs/path]".
  std::string description() const override;

  /// Admits the next files (oldest first, or newest with latestFirst; at most
  /// maxFilesPerTrigger), logs them as a new log entry and returns {"logOffset":N}; the same
  /// offset when nothing is new; nullopt before any file.
  std::optional<std::string> latestOffset(const std::optional<std::string>& start) override;

  /// A scan of exactly the files logged in (start, end].
  plan::DataSourcePtr getBatch(const std::optional<std::string>& start,
                               const std::string& end) override;

  /// Applies cleanSource (archive / delete) to the files of the committed log entries.
  void commit(const std::string& end) override;

  /// The files currently listed under the path, sorted by modification time (then name).
  std::vector<ListedFile> listFiles() const;

 private:
  struct SeenFiles {
    int64_t maxAgeMs = 0;
    bool fileNameOnly = false;
    std::map<std::string, int64_t> timestamps;
    int64_t latestTimestamp = 0;
    int64_t lastPurgeTimestamp = 0;

    std::string key(const std::string& uri) const;
    void add(const std::string& uri, int64_t timestamp);
    bool isNew(const std::string& uri, int64_t timestamp) const;
    void purge();
  };

  std::vector<ListedFile> logFiles(int64_t startId, int64_t endId) const;

  const FileFormat& format_;
  std::string path_;
  Options options_;
  StructType schema_;
  FileStreamOptions streamOptions_;
  CompactibleFileLog log_;
  SeenFiles seen_;
  int64_t currentLogOffset_ = -1;
  std::optional<int64_t> lastCleanedId_;
  bool availableNow_ = false;
  const time::TimeZone* zone_ = nullptr;
  /// The last fields of schema_ whose values come from `key=value` directories.
  std::vector<std::string> partitionColumns_;
  std::optional<std::vector<ListedFile>> availableNowFiles_;
  std::optional<std::vector<ListedFile>> unreadFiles_;
};

/// The provider registered under a format name ("csv", "json", "text", "parquet").
class FileStreamSourceProvider : public streaming::SourceProvider {
 public:
  explicit FileStreamSourceProvider(std::string format) : format_(std::move(format)) {}

  std::string name() const override { return format_; }

  /// Spark's DataSource.sourceSchema: 'path' required, an existing non-glob path, a user
  /// schema unless text or spark.sql.streaming.schemaInference (read from the options).
  StructType sourceSchema(const Options& options,
                          const std::optional<StructType>& userSchema) const override;

  streaming::SourcePtr createSource(const Options& options,
                                    const StructType& schema,
                                    const streaming::SourceContext& context) const override;

 private:
  std::string format_;
};

}  // namespace rivulet::connectors
