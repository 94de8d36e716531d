// JsonOptions: Spark's JSON data source options (read and write), parsed once from Options.
#pragma once

#include <optional>
#include <string>

#include "rivulet/common/options.h"

namespace rivulet::json {

enum class ParseMode { kPermissive, kDropMalformed, kFailFast };

struct JsonOptions {
  bool multiLine = false;
  bool primitivesAsString = false;
  bool prefersDecimal = false;
  bool allowComments = false;
  bool allowUnquotedFieldNames = false;
  bool allowSingleQuotes = true;
  bool allowNumericLeadingZeros = false;
  bool allowNonNumericNumbers = true;
  bool allowBackslashEscapingAnyCharacter = false;
  bool allowUnquotedControlChars = false;
  bool dropFieldIfAllNull = false;
  bool inferTimestamp = false;
  bool ignoreNullFields = true;
  ParseMode mode = ParseMode::kPermissive;
  std::string columnNameOfCorruptRecord = "_corrupt_record";
  std::optional<std::string> timestampFormat;
  std::optional<std::string> dateFormat;
  /// Record separator; nullopt = any of \n, \r\n, \r.
  std::optional<std::string> lineSep;
  /// Canonical charset name ("UTF-8", "UTF-16LE", ...); empty = detect (UTF-8 unless a BOM).
  std::string encoding;
  double samplingRatio = 1.0;
  /// Writer: "none" or "gzip".
  std::string compression = "none";

  /// Parses and validates the options; throws a user error naming a bad option.
  static JsonOptions parse(const Options& options);

  /// Whether records simdjson rejects should be retried with the lenient parser.
  bool lenient() const {
    return allowComments || allowUnquotedFieldNames || allowSingleQuotes ||
           allowNumericLeadingZeros || allowNonNumericNumbers ||
           allowBackslashEscapingAnyCharacter || allowUnquotedControlChars;
  }
};

/// "FAILFAST" etc. as Spark prints the mode.
const char* parseModeName(ParseMode mode);

}  // namespace rivulet::json
