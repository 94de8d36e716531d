// CsvOptions: Spark's CSV data source options, parsed once from the case-insensitive Options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "rivulet/common/options.h"
#include "rivulet/common/time/date_time_format.h"

namespace rivulet::csv {

enum class ParseMode { kPermissive, kDropMalformed, kFailFast };

enum class Encoding { kUtf8, kLatin1 };

/// The default cap on one record's size (bytes), option `maxRecordBytes`: protects memory from
/// a file whose quotes never close or whose "line" is gigabytes long.
constexpr int64_t kDefaultMaxRecordBytes = 512LL << 20;

struct CsvOptions {
  bool header = false;
  bool inferSchema = false;
  /// The field separator; more than one byte is allowed ("||", "þ" in UTF-8).
  std::string delimiter = ",";
  /// '\0' = quoting disabled.
  char quote = '"';
  char escape = '\\';
  /// Escapes the escape character inside quoted values; '\0' = none.
  char charToEscapeQuoteEscaping = '\0';
  /// '\0' = no comment lines.
  char comment = '\0';
  std::string nullValue;
  std::string emptyValueRead;
  std::string emptyValueWrite = "\"\"";
  std::string nanValue = "NaN";
  std::string positiveInf = "Inf";
  std::string negativeInf = "-Inf";
  bool multiLine = false;
  bool ignoreLeadingWhiteSpace = false;
  bool ignoreTrailingWhiteSpace = false;
  std::optional<time::DateTimeFormat> timestampFormat;
  std::optional<time::DateTimeFormat> dateFormat;
  ParseMode mode = ParseMode::kPermissive;
  std::string columnNameOfCorruptRecord = "_corrupt_record";
  int64_t maxColumns = 20480;
  /// -1 = unlimited.
  int64_t maxCharsPerColumn = -1;
  int64_t maxRecordBytes = kDefaultMaxRecordBytes;
  bool enforceSchema = true;
  Encoding encoding = Encoding::kUtf8;
  /// Empty = any of "\n", "\r\n", "\r".
  std::string lineSep;
  double samplingRatio = 1.0;
  /// spark.sql.csv.parser.columnPruning.enabled: with a partial projection, a record's token
  /// count is not checked.
  bool columnPruning = true;
  // Writing.
  bool quoteAll = false;
  bool escapeQuotes = true;
  bool gzip = false;

  /// Parses the reading options (`forWrite` switches the whitespace defaults to Spark's writer
  /// defaults). Throws a user error naming the option for a bad value.
  static CsvOptions parse(const Options& options, bool forWrite);
};

/// Spark's delimiter string from the option text: "\t" -> tab, "\\" -> backslash, others as is.
std::string parseDelimiter(const std::string& text);

}  // namespace rivulet::csv
