#include "rivulet/formats/csv/csv_options.h"

#include <strings.h>

#include "rivulet/common/error.h"
#include "rivulet/formats/file_listing.h"

namespace rivulet::csv {

namespace {

[[noreturn]] void badOption(const std::string& key, const std::string& message) {
  throwUserError("INVALID_OPTION_VALUE", "Invalid value for CSV option '" + key + "': " + message);
}

char delimiterChunk(const std::string& chunk) {
  if (chunk.empty()) {
    badOption("sep", "Delimiter cannot be empty string");
  }
  if (chunk == "\\") {
    badOption("sep",
              "Single backslash is prohibited. It has special meaning as beginning of an escape "
              "sequence. To get the backslash character, pass a string with two backslashes as "
              "the delimiter.");
  }
  if (chunk.size() == 1) {
    return chunk[0];
  }
  switch (chunk[1]) {
    case 't': return '\t';
    case 'r': return '\r';
    case 'b': return '\b';
    case 'f': return '\f';
    case '"': return '"';
    case '\'': return '\'';
    case '\\': return '\\';
    case 'u':
    default: break;
  }
  badOption("sep", "Unsupported special character for delimiter: " + chunk);
}

// Spark's getChar: "" disables, one character is taken, anything longer is an error.
char charOption(const Options& options, const char* key, char fallback) {
  auto v = options.get(key);
  if (!v) {
    return fallback;
  }
  if (v->empty()) {
    return '\0';
  }
  if (*v == "\\u0000") {
    return '\0';
  }
  if (v->size() == 1) {
    if (static_cast<unsigned char>((*v)[0]) >= 0x80) {
      badOption(key, "only ASCII characters are supported, found '" + *v + "'");
    }
    return (*v)[0];
  }
  if (*v == "\\t") {
    return '\t';
  }
  badOption(key, std::string(key) + " cannot be more than one character");
}

ParseMode parseMode(const std::string& text) {
  if (strcasecmp(text.c_str(), "DROPMALFORMED") == 0) {
    return ParseMode::kDropMalformed;
  }
  if (strcasecmp(text.c_str(), "FAILFAST") == 0) {
    return ParseMode::kFailFast;
  }
  // Spark falls back to PERMISSIVE for an unknown mode.
  return ParseMode::kPermissive;
}

Encoding parseEncoding(const std::string& name) {
  static const char* kUtf8[] = {"utf-8", "utf8", "us-ascii", "ascii"};
  static const char* kLatin1[] = {"iso-8859-1", "iso8859-1", "iso8859_1", "latin1", "l1",
                                  "iso-latin-1"};
  for (const char* n : kUtf8) {
    if (strcasecmp(name.c_str(), n) == 0) {
      return Encoding::kUtf8;
    }
  }
  for (const char* n : kLatin1) {
    if (strcasecmp(name.c_str(), n) == 0) {
      return Encoding::kLatin1;
    }
  }
  throwUserError("UNSUPPORTED_CHARSET",
                 "Unsupported charset for the CSV option 'encoding': " + name +
                     " (supported: UTF-8, ISO-8859-1)");
}

}  // namespace

std::string parseDelimiter(const std::string& text) {
  if (text.empty()) {
    badOption("sep", "Delimiter cannot be empty string");
  }
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t take = text[i] == '\\' ? 2 : 1;
    std::string chunk = text.substr(i, take);
    if (chunk.size() == 2 || chunk == "\\") {
      out += delimiterChunk(chunk);
    } else {
      out += chunk;  // one byte, possibly part of a UTF-8 sequence
    }
    i += chunk.size();
  }
  return out;
}

CsvOptions CsvOptions::parse(const Options& options, bool forWrite) {
  CsvOptions o;
  o.header = options.getBool("header", false);
  o.inferSchema = options.getBool("inferSchema", false);
  if (auto sep = options.get("sep")) {
    o.delimiter = parseDelimiter(*sep);
  } else if (auto delim = options.get("delimiter")) {
    o.delimiter = parseDelimiter(*delim);
  }
  o.quote = charOption(options, "quote", '"');
  o.escape = charOption(options, "escape", '\\');
  char defaultEscapeEscape = o.escape != o.quote ? o.escape : '\0';
  o.charToEscapeQuoteEscaping = charOption(options, "charToEscapeQuoteEscaping", defaultEscapeEscape);
  o.comment = charOption(options, "comment", '\0');
  o.nullValue = options.getOr("nullValue", "");
  if (auto empty = options.get("emptyValue")) {
    o.emptyValueRead = *empty;
    o.emptyValueWrite = *empty;
  }
  o.nanValue = options.getOr("nanValue", "NaN");
  o.positiveInf = options.getOr("positiveInf", "Inf");
  o.negativeInf = options.getOr("negativeInf", "-Inf");
  o.multiLine = options.getBool("multiLine", false);
  o.ignoreLeadingWhiteSpace = options.getBool("ignoreLeadingWhiteSpace", forWrite);
  o.ignoreTrailingWhiteSpace = options.getBool("ignoreTrailingWhiteSpace", forWrite);
  if (auto f = options.get("timestampFormat")) {
    o.timestampFormat = time::DateTimeFormat::compile(*f);
  }
  if (auto f = options.get("dateFormat")) {
    o.dateFormat = time::DateTimeFormat::compile(*f);
  }
  o.mode = parseMode(options.getOr("mode", "PERMISSIVE"));
  o.columnNameOfCorruptRecord = options.getOr("columnNameOfCorruptRecord", "_corrupt_record");
  o.maxColumns = options.getInt("maxColumns", 20480);
  if (o.maxColumns <= 0) {
    badOption("maxColumns", "must be positive");
  }
  o.maxCharsPerColumn = options.getInt("maxCharsPerColumn", -1);
  o.maxRecordBytes = options.getInt("maxRecordBytes", kDefaultMaxRecordBytes);
  if (o.maxRecordBytes <= 0) {
    badOption("maxRecordBytes", "must be positive");
  }
  o.enforceSchema = options.getBool("enforceSchema", true);
  if (auto enc = options.get("encoding")) {
    o.encoding = parseEncoding(*enc);
  } else if (auto cs = options.get("charset")) {
    o.encoding = parseEncoding(*cs);
  }
  if (auto sep = options.get("lineSep")) {
    if (sep->empty()) {
      badOption("lineSep", "'lineSep' cannot be an empty string");
    }
    if (sep->size() > 1 && *sep != "\r\n") {
      badOption("lineSep", "'lineSep' can contain only 1 character");
    }
    o.lineSep = *sep;
  }
  o.samplingRatio = options.getDouble("samplingRatio", 1.0);
  if (!(o.samplingRatio > 0)) {
    badOption("samplingRatio", "samplingRatio (" + options.getOr("samplingRatio", "") +
                                   ") should be greater than 0");
  }
  o.columnPruning = options.getBool("spark.sql.csv.parser.columnPruning.enabled", true);
  o.quoteAll = options.getBool("quoteAll", false);
  o.escapeQuotes = options.getBool("escapeQuotes", true);
  if (auto codec = options.get("compression")) {
    o.gzip = gzipCodecFromOption(*codec);
  } else if (auto c = options.get("codec")) {
    o.gzip = gzipCodecFromOption(*c);
  }
  return o;
}

}  // namespace rivulet::csv
