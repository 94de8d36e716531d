#include "rivulet/formats/json/json_options.h"

#include <algorithm>
#include <cctype>

#include "rivulet/common/error.h"

namespace rivulet::json {

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

// Java charset names as Spark accepts them, mapped to the decoders we have.
std::string canonicalEncoding(const std::string& raw) {
  std::string u = upper(raw);
  if (u == "UTF-8" || u == "UTF8") {
    return "UTF-8";
  }
  if (u == "US-ASCII" || u == "ASCII") {
    return "UTF-8";
  }
  if (u == "ISO-8859-1" || u == "LATIN1" || u == "ISO8859-1" || u == "ISO-LATIN-1") {
    return "ISO-8859-1";
  }
  for (const char* name : {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32LE", "UTF-32BE"}) {
    std::string n = name;
    std::string noDash = n;
    noDash.erase(noDash.find('-'), 1);
    if (u == n || u == noDash) {
      return n;
    }
  }
  throwUserError("UNSUPPORTED_CHARSET",
                 "Unsupported charset in the JSON option 'encoding' (supported: UTF-8, US-ASCII, "
                 "ISO-8859-1, UTF-16, UTF-16LE, UTF-16BE, UTF-32, UTF-32LE, UTF-32BE): " +
                     raw);
}

}  // namespace

const char* parseModeName(ParseMode mode) {
  switch (mode) {
    case ParseMode::kPermissive: return "PERMISSIVE";
    case ParseMode::kDropMalformed: return "DROPMALFORMED";
    case ParseMode::kFailFast: return "FAILFAST";
  }
  return "PERMISSIVE";
}

JsonOptions JsonOptions::parse(const Options& options) {
  JsonOptions o;
  o.multiLine = options.getBool("multiLine", false);
  o.primitivesAsString = options.getBool("primitivesAsString", false);
  o.prefersDecimal = options.getBool("prefersDecimal", false);
  o.allowComments = options.getBool("allowComments", false);
  o.allowUnquotedFieldNames = options.getBool("allowUnquotedFieldNames", false);
  o.allowSingleQuotes = options.getBool("allowSingleQuotes", true);
  o.allowNumericLeadingZeros = options.getBool("allowNumericLeadingZeros", false);
  o.allowNonNumericNumbers = options.getBool("allowNonNumericNumbers", true);
  o.allowBackslashEscapingAnyCharacter =
      options.getBool("allowBackslashEscapingAnyCharacter", false);
  o.allowUnquotedControlChars = options.getBool("allowUnquotedControlChars", false);
  o.dropFieldIfAllNull = options.getBool("dropFieldIfAllNull", false);
  o.inferTimestamp = options.getBool("inferTimestamp", false);
  o.ignoreNullFields = options.getBool("ignoreNullFields", true);
  std::string mode = upper(options.getOr("mode", "PERMISSIVE"));
  if (mode == "DROPMALFORMED") {
    o.mode = ParseMode::kDropMalformed;
  } else if (mode == "FAILFAST") {
    o.mode = ParseMode::kFailFast;
  } else {
    // Spark falls back to PERMISSIVE for an unknown mode.
    o.mode = ParseMode::kPermissive;
  }
  o.columnNameOfCorruptRecord = options.getOr("columnNameOfCorruptRecord", "_corrupt_record");
  o.timestampFormat = options.get("timestampFormat");
  o.dateFormat = options.get("dateFormat");
  o.lineSep = options.get("lineSep");
  if (o.lineSep && o.lineSep->empty()) {
    throwUserError("INVALID_OPTION_VALUE",
                   "The JSON option 'lineSep' must not be an empty string.");
  }
  auto encoding = options.get("encoding");
  if (!encoding) {
    encoding = options.get("charset");
  }
  if (encoding) {
    o.encoding = canonicalEncoding(*encoding);
    bool denied = o.encoding == "UTF-16" || o.encoding == "UTF-32";
    if (!o.multiLine && denied) {
      throwUserError("INVALID_OPTION_VALUE",
                     "The " + o.encoding +
                         " encoding must not be included in the denyList when multiLine is "
                         "disabled: UTF-16, UTF-32");
    }
    if (!o.multiLine && o.encoding != "UTF-8" && !o.lineSep) {
      throwUserError("INVALID_OPTION_VALUE",
                     "The lineSep option must be specified for the " + o.encoding + " encoding");
    }
  }
  o.samplingRatio = options.getDouble("samplingRatio", 1.0);
  if (!(o.samplingRatio > 0 && o.samplingRatio <= 1.0)) {
    throwUserError("INVALID_OPTION_VALUE",
                   "The JSON option 'samplingRatio' must be in (0, 1]: " +
                       options.getOr("samplingRatio", ""));
  }
  std::string compression = upper(options.getOr("compression", options.getOr("codec", "none")));
  if (compression == "NONE" || compression == "UNCOMPRESSED") {
    o.compression = "none";
  } else if (compression == "GZIP") {
    o.compression = "gzip";
  } else {
    throwUserError("INVALID_OPTION_VALUE",
                   "Codec [" + options.getOr("compression", options.getOr("codec", "")) +
                       "] is not available for the JSON writer. Available codecs are none, "
                       "uncompressed, gzip.");
  }
  return o;
}

}  // namespace rivulet::json
