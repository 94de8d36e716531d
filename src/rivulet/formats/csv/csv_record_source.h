// CsvRecordSource: the records of one CSV file, read in large chunks (gunzipped, transcoded to
// UTF-8, invalid UTF-8 replaced by U+FFFD) and tokenized in place; comment and blank lines are
// skipped as Spark skips them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rivulet/formats/csv/csv_options.h"
#include "rivulet/formats/csv/csv_tokenizer.h"
#include "rivulet/formats/file_listing.h"

namespace rivulet::csv {

struct CsvRecord {
  std::vector<CsvField> fields;
  /// The record's text without its line terminator (valid until the next call).
  std::string_view raw;
  /// 1-based line of the record's first character.
  int64_t line = 0;
};

class CsvRecordSource {
 public:
  CsvRecordSource(const std::string& path, const CsvOptions& options);

  /// The next record; false at the end of the file. Throws a user error naming the file and
  /// line when a record breaks a limit (maxColumns, maxCharsPerColumn, maxRecordBytes).
  bool next(CsvRecord& record);

  const CsvTokenizer& tokenizer() const { return tokenizer_; }

  const std::string& path() const { return file_.path(); }

 private:
  /// Reads more input; false at the end of the file.
  bool fill();

  void appendDecoded(const char* data, size_t n);

  [[noreturn]] void limitError(const std::string& what) const;

  const CsvOptions& options_;
  InputFile file_;
  CsvTokenizer tokenizer_;
  std::unique_ptr<char[]> buf_;
  size_t capacity_ = 0;
  size_t pos_ = 0;
  /// End of the bytes the tokenizer may see (complete UTF-8).
  size_t end_ = 0;
  /// Bytes after end_ held back: a UTF-8 sequence cut by the chunk boundary.
  std::string pending_;
  std::string raw_;
  bool eof_ = false;
  bool started_ = false;
  int64_t line_ = 1;
};

/// Replaces invalid UTF-8 in `data` by U+FFFD, appending to `out`; returns the count of
/// trailing bytes of `data` that form an incomplete (possibly valid) sequence and were not
/// appended unless `final`.
size_t appendValidUtf8(const char* data, size_t n, bool final, std::string& out);

/// Whether `data` is valid UTF-8 (fast path for ASCII).
bool isValidUtf8(const char* data, size_t n, size_t* incompleteTail);

}  // namespace rivulet::csv
