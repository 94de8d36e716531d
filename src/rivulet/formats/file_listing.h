// Finding the data files behind a path list (files, directories, globs) and reading / writing
// them as byte streams, with ".gz" files (de)compressed transparently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rivulet {

/// The data files named by `paths`, sorted and without duplicates. Each path is a file, a
/// directory (its files; subdirectories only when they are partition directories `key=value`,
/// or all of them when `recursive`), or a glob with `*`, `?`, `[...]`, `{a,b}` in any component.
/// Hidden names (starting with `_` without `=`, or `.`) are skipped unless named directly.
/// A missing non-glob path throws PATH_NOT_FOUND. A single directory with a `_spark_metadata`
/// log (a file sink's output) yields exactly the files that log lists (see readFileSinkLog).
std::vector<std::string> listDataFiles(const std::vector<std::string>& paths,
                                       bool recursive = false);

/// "file:/abs/path" as Spark names local files in messages.
std::string qualifiedPath(const std::string& path);

/// A file named by a file sink's `_spark_metadata` log.
struct SinkLogFile {
  /// Local absolute path (the log's "file:/..." URI decoded).
  std::string path;
  int64_t size = 0;
  int64_t modificationTime = 0;
};

/// When `dir` is a directory holding a file sink's `_spark_metadata` log (Spark's
/// FileStreamSink.hasMetadata): the files the log lists (latest `.compact` entry plus later
/// entries, minus "delete" entries), in log order; nullopt otherwise. A reader of such a
/// directory sees only committed files. Throws a user error naming the file for a malformed log.
std::optional<std::vector<SinkLogFile>> readFileSinkLog(const std::string& dir);

/// The URI form Spark writes in file logs: "file:" + the absolute path, with characters that a
/// URI path cannot hold %-escaped (space → %20).
std::string fileUri(const std::string& absolutePath);

/// The local path of a log entry: "file:/a", "file:///a" or "/a", %-escapes decoded.
std::string localPathOfUri(const std::string& uri);

/// Whether Spark's file index skips a file or directory of this name.
bool isHiddenFileName(const std::string& name);

/// A file read as a byte stream; a name ending in ".gz" is gunzipped while reading.
class InputFile {
 public:
  /// Opens `path`; throws PATH_NOT_FOUND when it does not exist.
  explicit InputFile(const std::string& path);

  ~InputFile();

  InputFile(const InputFile&) = delete;

  InputFile& operator=(const InputFile&) = delete;

  /// Reads up to `n` bytes into `out`; returns the count, 0 at the end of the stream. Throws
  /// an external error on I/O failure and a user error on corrupt compressed data.
  size_t read(char* out, size_t n);

  /// The rest of the stream; throws a user error naming the file when it exceeds `maxBytes`.
  std::string readAll(size_t maxBytes);

  const std::string& path() const { return path_; }

  bool compressed() const { return gz_ != nullptr; }

 private:
  std::string path_;
  int fd_ = -1;
  void* gz_ = nullptr;
};

/// A file written as a byte stream, gzipped when `gzip` is set; written to `path` directly.
class OutputFile {
 public:
  OutputFile(const std::string& path, bool gzip);

  ~OutputFile();

  OutputFile(const OutputFile&) = delete;

  OutputFile& operator=(const OutputFile&) = delete;

  void write(const char* data, size_t n);

  void write(const std::string& s) { write(s.data(), s.size()); }

  /// Flushes and closes; errors are thrown here, not from the destructor.
  void close();

 private:
  std::string path_;
  int fd_ = -1;
  void* gz_ = nullptr;
};

/// The compression codec named by the `compression` / `codec` option of a text-based format:
/// true for gzip, false for none/uncompressed; throws a user error for anything else.
bool gzipCodecFromOption(const std::string& value);

}  // namespace rivulet
