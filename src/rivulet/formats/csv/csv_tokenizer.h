// CsvTokenizer: splits CSV text into records and fields with Spark's (univocity's) rules, as a
// state machine over a caller-owned buffer. Fields point into the buffer; no copies are made
// unless a quoted value has escapes to remove (unescape()).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rivulet::csv {

struct CsvOptions;

struct CsvField {
  /// The raw value: inside the quotes for a quoted value, trimmed as the options say.
  const char* data;
  uint32_t size;
  bool quoted;
  /// The raw value holds escaped quotes (or CRLF to normalise); call unescape().
  bool needsUnescape;
};

class CsvTokenizer {
 public:
  enum class Status {
    kRecord,          // a complete record
    kNeedMore,        // the buffer ends inside the record and more input may follow
    kTooManyColumns,  // more than maxColumns fields
    kFieldTooLong,    // a field over maxCharsPerColumn characters
  };

  explicit CsvTokenizer(const CsvOptions& options);

  /// Tokenizes the record starting at `begin`. On kRecord, `fields` holds its fields,
  /// `rawEnd` points past its text (before the line terminator) and `next` past the
  /// terminator. `atEof` says no input follows `end`.
  Status tokenize(const char* begin,
                  const char* end,
                  bool atEof,
                  std::vector<CsvField>& fields,
                  const char*& rawEnd,
                  const char*& next);

  /// Finds the end of the line starting at `begin` without tokenizing (comment lines):
  /// false when the buffer ends first and more input may follow.
  bool skipLine(const char* begin,
                const char* end,
                bool atEof,
                const char*& rawEnd,
                const char*& next) const;

  /// Line terminators inside quoted values of the last record (for line numbers).
  int64_t embeddedNewlines() const { return embeddedNewlines_; }

  /// The value of a field with escapes removed, in `scratch` (reused, no allocation once
  /// large enough). Fields without escapes are returned as is.
  std::string_view value(const CsvField& field, std::string& scratch) const {
    if (!field.needsUnescape) {
      return {field.data, field.size};
    }
    unescape(field, scratch);
    return scratch;
  }

  void unescape(const CsvField& field, std::string& out) const;

  /// Splits one line (no terminator needed) into `out` values (unescaped); for from_csv-style
  /// callers. Returns false on a tokenizer limit.
  bool splitLine(std::string_view line, std::vector<std::string>& out);

 private:
  bool isLineEnd(char c) const { return c == '\n' || c == '\r' ? autoLineSep_ : c == lineSep_; }

  // Length of the terminator at p (0 if none; -1 if undecidable before `end`).
  int terminatorAt(const char* p, const char* end, bool atEof) const;

  // 1 when a delimiter starts at p, 0 when not, -1 when undecidable before `end`.
  int delimiterAt(const char* p, const char* end, bool atEof) const;

  std::string delimiter_;
  char quote_;
  char escape_;
  char escapeEscape_;
  bool multiLine_;
  bool autoLineSep_;
  char lineSep_;
  bool crlfSep_;
  bool trimLeading_;
  bool trimTrailing_;
  int64_t maxColumns_;
  int64_t maxChars_;
  bool special_[256];
  int64_t embeddedNewlines_ = 0;
};

}  // namespace rivulet::csv
