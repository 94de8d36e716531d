// Finding the data files behind a path list (files, directories, globs) and reading / writing
// them as byte streams, with ".gz" files (de)compressed transparently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rivulet {

/// The data files named by `paths`, sorted and without duplicates. Each path is a file, a
/// directory (its files; subdirectories only when they are partition directories `key=value`,
/// or all of them when `recursive`), or a glob with `*`, `?`, `[...]`, `{a,b}` in any component.
/// Hidden names (starting with `_` without `=`, or `.`) are skipped unless named directly.
/// A missing non-glob path throws PATH_NOT_FOUND.
std::vector<std::string> listDataFiles(const std::vector<std::string>& paths,
                                       bool recursive = false);

/// "file:/abs/path" as Spark names local files in messages.
std::string qualifiedPath(const std::string& path);

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
