// JsonRecordSource: the records of one JSON file: lines (JSON Lines, split by lineSep, read in
// large chunks) or the whole file (multiLine). Gunzips ".gz" files and decodes UTF-16/32 and
// Latin-1 (by the encoding option or a byte-order mark) to UTF-8.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "rivulet/columnar/buffer.h"
#include "rivulet/formats/json/json_options.h"

namespace rivulet::json {

/// A record (or a whole file) larger than this is refused with a clear error.
constexpr size_t kMaxRecordBytes = size_t{1} << 30;

struct JsonRecord {
  std::string_view text;
  /// Bytes readable from text.data() (>= text.size() + padding when the fast path may read
  /// past the text).
  size_t capacity;
  /// 1-based line where the record starts.
  int64_t line;
};

class JsonRecordSource {
 public:
  JsonRecordSource(std::string path, const JsonOptions& options);

  ~JsonRecordSource();

  JsonRecordSource(const JsonRecordSource&) = delete;
  JsonRecordSource& operator=(const JsonRecordSource&) = delete;

  /// The next record, or false at the end of the file. Blank lines are skipped.
  bool next(JsonRecord& record);

  const std::string& path() const { return path_; }

  /// Bytes of (decoded) input consumed so far.
  int64_t bytesRead() const { return bytesRead_; }

 private:
  class Input;

  size_t readMore(size_t minFree);
  void loadWholeFile();

  std::string path_;
  const JsonOptions& options_;
  std::unique_ptr<Input> input_;
  Buffer buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool wholeFileLoaded_ = false;
  bool started_ = false;
  int64_t line_ = 1;
  int64_t bytesRead_ = 0;
};

/// Decodes `bytes` in `encoding` ("" = detect from a BOM or, with `detectWithoutBom`, from
/// zero-byte patterns as Jackson does) to UTF-8. Throws a user error naming `path` for
/// unsupported input.
std::string decodeToUtf8(std::string_view bytes,
                         const std::string& encoding,
                         bool detectWithoutBom,
                         const std::string& path);

}  // namespace rivulet::json
