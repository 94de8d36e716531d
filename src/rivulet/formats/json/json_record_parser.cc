#include "rivulet/formats/json/json_record_parser.h"

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "rivulet/common/time/date_time_format.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/formats/json/json_generator.h"
#include "rivulet/formats/json/json_lenient.h"
#include "rivulet/formats/json/json_schema.h"
#include "rivulet/types/number_format.h"

namespace rivulet::json {

namespace od = simdjson::ondemand;

constexpr size_t kHasEscapes = static_cast<size_t>(-1);

/// The length of the string token `token` (which starts at its opening quote and runs on to the
/// next structural character) when it holds no backslash, else kHasEscapes. Reads up to 15
/// bytes past the token, within the padding simdjson requires after the input.
inline size_t plainStringLength(std::string_view token) {
  const char* p = token.data() + 1;
  size_t n = token.size() - 1;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; i < n; i += 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    auto q = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, quote)));
    auto s = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, backslash)));
    if ((q | s) != 0) {
      // The first quote ends the string unless a backslash comes before it.
      unsigned firstQuote = q != 0 ? static_cast<unsigned>(__builtin_ctz(q)) : 32;
      unsigned firstSlash = s != 0 ? static_cast<unsigned>(__builtin_ctz(s)) : 32;
      if (firstSlash < firstQuote || i + firstQuote >= n) {
        return kHasEscapes;
      }
      return i + firstQuote;
    }
  }
  return kHasEscapes;
#else
  for (; i < n; ++i) {
    if (p[i] == '"') {
      return i;
    }
    if (p[i] == '\\') {
      return kHasEscapes;
    }
  }
  return kHasEscapes;
#endif
}

namespace {

// kMismatch: the value is well-formed JSON but not convertible to the column type (Spark keeps
// the other fields of a top-level row); kSyntax: the record is not valid JSON (or has a
// duplicate key) and must be re-read by the lenient path.
enum class Conv : uint8_t { kOk, kMismatch, kSyntax };

std::string_view trimToken(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool base64Decode(std::string_view in, Buffer& out) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  uint32_t acc = 0;
  int bits = 0;
  size_t i = 0;
  for (; i < in.size() && in[i] != '='; ++i) {
    int v = val(in[i]);
    if (v < 0) {
      return false;
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      uint8_t b = static_cast<uint8_t>(acc >> bits);
      out.append(&b, 1);
    }
  }
  for (; i < in.size(); ++i) {
    if (in[i] != '=') {
      return false;
    }
  }
  return true;
}

// Whether a raw key (ending at its closing quote) has a backslash escape.
bool hasEscape(const char* raw) {
  for (size_t i = 0;; ++i) {
    if (raw[i] == '"') {
      return false;
    }
    if (raw[i] == '\\') {
      return true;
    }
  }
}

bool specialDouble(std::string_view s, double* out) {
  if (s == "NaN" || s == "+NaN" || s == "-NaN") {
    *out = std::nan("");
    return true;
  }
  if (s == "Infinity" || s == "+Infinity" || s == "+INF" || s == "INF" || s == "Inf" ||
      s == "+Inf") {
    *out = HUGE_VAL;
    return true;
  }
  if (s == "-Infinity" || s == "-INF" || s == "-Inf") {
    *out = -HUGE_VAL;
    return true;
  }
  return false;
}

}  // namespace

class JsonRecordParser::Impl {
 public:
  Impl(DataTypePtr target, const JsonOptions& options, const time::TimeZone& zone)
      : options_(options), zone_(zone), root_(std::move(target)) {
    if (options.timestampFormat) {
      timestampFormat_ = time::DateTimeFormat::compile(*options.timestampFormat);
    }
    if (options.dateFormat) {
      dateFormat_ = time::DateTimeFormat::compile(*options.dateFormat);
    }
  }

  RecordResult parse(std::string_view text, size_t capacity, bool firstRowOnly) {
    error_.clear();
    int64_t start = root_.size();
    if (capacity < text.size() + kJsonPadding) {
      padded_.assign(text.data(), text.size());
      padded_.append(kJsonPadding, ' ');
      text = std::string_view(padded_.data(), text.size());
      capacity = padded_.size();
    }
    bool partial = false;
    Conv c = parseStrict(text, capacity, firstRowOnly, &partial);
    if (c == Conv::kOk) {
      return {partial ? RecordStatus::kPartial : RecordStatus::kOk, root_.size() - start};
    }
    root_.truncate(start);
    if (c == Conv::kMismatch) {
      return {RecordStatus::kMalformed, 0};
    }
    // Not strict JSON (or a duplicate key): re-read leniently as Jackson would.
    std::string lenientError;
    if (!normalizeJson(text, options_, normalized_, lenientError)) {
      error_ = lenientError;
      return {RecordStatus::kMalformed, 0};
    }
    if (normalized_.empty()) {
      return {RecordStatus::kOk, 0};
    }
    size_t n = normalized_.size();
    normalized_.append(kJsonPadding, ' ');
    partial = false;
    c = parseStrict(std::string_view(normalized_.data(), n), normalized_.size(), firstRowOnly,
                    &partial);
    if (c == Conv::kOk) {
      return {partial ? RecordStatus::kPartial : RecordStatus::kOk, root_.size() - start};
    }
    root_.truncate(start);
    if (error_.empty()) {
      error_ = "the record could not be parsed";
    }
    return {RecordStatus::kMalformed, 0};
  }

  const std::string& error() const { return error_; }

  ColumnBuilder& root() { return root_; }

  void appendNullRow() {
    if (root_.id() == TypeId::kStruct) {
      for (size_t i = 0; i < root_.numChildren(); ++i) {
        root_.child(i).appendNull();
      }
      root_.finishNested();
    } else {
      root_.appendNull();
    }
  }

 private:
  Conv syntax(const char* what) {
    if (error_.empty()) {
      error_ = what;
    }
    return Conv::kSyntax;
  }

  Conv mismatch(const DataType& type, const char* found) {
    if (error_.empty()) {
      error_ = std::string("cannot convert a JSON ") + found + " to " + type.simpleString();
    }
    return Conv::kMismatch;
  }

  Conv parseStrict(std::string_view text, size_t capacity, bool firstRowOnly, bool* partial) {
    od::document doc;
    if (parser_.iterate(simdjson::padded_string_view(text.data(), text.size(), capacity))
            .get(doc)) {
      return Conv::kSyntax;
    }
    od::json_type t;
    if (doc.type().get(t)) {
      return Conv::kSyntax;
    }
    TypeId target = root_.id();
    if (t == od::json_type::object) {
      od::object obj;
      if (doc.get_object().get(obj)) {
        return Conv::kSyntax;
      }
      if (target == TypeId::kStruct) {
        return convertStruct(obj, root_, true, partial, 0);
      }
      if (target == TypeId::kMap) {
        return convertMap(obj, root_, 0);
      }
      if (target == TypeId::kArray && root_.type().elementType()->id() == TypeId::kStruct) {
        // from_json with array<struct>: a single object is a one-element array.
        Conv c = convertStruct(obj, root_.child(0), false, partial, 0);
        if (c == Conv::kOk) {
          root_.finishNested();
        }
        return c;
      }
      return mismatch(root_.type(), "object");
    }
    if (t == od::json_type::array) {
      od::array arr;
      if (doc.get_array().get(arr)) {
        return Conv::kSyntax;
      }
      if (target == TypeId::kArray) {
        return convertArray(arr, root_, 0);
      }
      if (target != TypeId::kStruct) {
        return mismatch(root_.type(), "array");
      }
      const int64_t firstRow = root_.size();
      for (auto element : arr) {
        od::value v;
        if (element.get(v)) {
          return Conv::kSyntax;
        }
        if (firstRowOnly && root_.size() > firstRow) {
          continue;
        }
        od::json_type et;
        if (v.type().get(et)) {
          return Conv::kSyntax;
        }
        if (et != od::json_type::object) {
          return mismatch(root_.type(), "array element that is not an object");
        }
        od::object obj;
        if (v.get_object().get(obj)) {
          return Conv::kSyntax;
        }
        Conv c = convertStruct(obj, root_, false, partial, 1);
        if (c != Conv::kOk) {
          return c;
        }
      }
      return Conv::kOk;
    }
    // A scalar document: Spark reports it as a malformed record (a null root included).
    if (t == od::json_type::number) {
      std::string_view raw = trimToken(doc.raw_json_token());
      if (classifyNumber(raw, nullptr) == NumberKind::kInvalid) {
        return Conv::kSyntax;
      }
    } else if (t == od::json_type::string) {
      std::string_view s;
      if (doc.get_string().get(s)) {
        return Conv::kSyntax;
      }
    } else if (t == od::json_type::boolean) {
      bool b;
      if (doc.get_bool().get(b)) {
        return Conv::kSyntax;
      }
    } else {
      bool isNull;
      if (doc.is_null().get(isNull) || !isNull) {
        return Conv::kSyntax;
      }
    }
    return mismatch(root_.type(), "scalar at the top level");
  }

  Conv convertStruct(od::object& obj, ColumnBuilder& b, bool isRoot, bool* partial, int depth) {
    if (depth >= kMaxJsonDepth) {
      return syntax("nesting depth exceeds the maximum of 1000");
    }
    std::vector<uint8_t>& seen = b.seen();
    std::fill(seen.begin(), seen.end(), 0);
    for (auto fieldResult : obj) {
      od::field f;
      if (std::move(fieldResult).get(f)) {
        return Conv::kSyntax;
      }
      const char* raw = f.key().raw();
      int idx = b.fieldIndexRaw(raw);
      if (idx < 0 && hasEscape(raw)) {
        std::string_view key;
        if (f.unescaped_key().get(key)) {
          return Conv::kSyntax;
        }
        idx = b.fieldIndex(key);
      }
      od::value& v = f.value();
      if (idx < 0) {
        // Not asked for: skipped, but a missing value is still a syntax error.
        od::json_type t;
        if (v.type().get(t)) {
          return Conv::kSyntax;
        }
        continue;
      }
      if (seen[idx]) {
        return Conv::kSyntax;  // duplicate key: the lenient path keeps the last one
      }
      seen[idx] = 1;
      ColumnBuilder& c = b.child(idx);
      int64_t before = c.size();
      Conv r = convert(v, c, depth + 1);
      if (r == Conv::kOk) {
        continue;
      }
      if (r == Conv::kSyntax || !isRoot) {
        return r;
      }
      c.truncate(before);
      c.appendNull();
      *partial = true;
    }
    for (size_t i = 0; i < seen.size(); ++i) {
      if (!seen[i]) {
        b.child(i).appendNull();
      }
    }
    b.finishNested();
    return Conv::kOk;
  }

  Conv convertArray(od::array& arr, ColumnBuilder& b, int depth) {
    if (depth >= kMaxJsonDepth) {
      return syntax("nesting depth exceeds the maximum of 1000");
    }
    ColumnBuilder& elements = b.child(0);
    for (auto element : arr) {
      od::value v;
      if (element.get(v)) {
        return Conv::kSyntax;
      }
      Conv r = convert(v, elements, depth + 1);
      if (r != Conv::kOk) {
        return r;
      }
    }
    b.finishNested();
    return Conv::kOk;
  }

  Conv convertMap(od::object& obj, ColumnBuilder& b, int depth) {
    if (depth >= kMaxJsonDepth) {
      return syntax("nesting depth exceeds the maximum of 1000");
    }
    ColumnBuilder& keys = b.child(0);
    ColumnBuilder& values = b.child(1);
    for (auto fieldResult : obj) {
      od::field f;
      if (std::move(fieldResult).get(f)) {
        return Conv::kSyntax;
      }
      std::string_view key;
      if (f.unescaped_key().get(key)) {
        return Conv::kSyntax;
      }
      if (keys.id() != TypeId::kString) {
        return mismatch(keys.type(), "object key");
      }
      keys.appendBytes(key);
      Conv r = convert(f.value(), values, depth + 1);
      if (r != Conv::kOk) {
        return r;
      }
    }
    b.finishNested();
    return Conv::kOk;
  }

  // Integral text that get_int64 rejected: a float or an out-of-range integer is a type
  // mismatch, anything else a syntax error.
  Conv numberFailure(od::value& v, const DataType& type) {
    std::string_view raw = trimToken(v.raw_json_token());
    if (classifyNumber(raw, nullptr) == NumberKind::kInvalid) {
      return Conv::kSyntax;
    }
    return mismatch(type, "number out of range or not integral");
  }

  Conv convertIntegral(od::value& v, ColumnBuilder& b, od::json_type t) {
    if (t != od::json_type::number) {
      return mismatch(b.type(), "non-number");
    }
    int64_t x;
    if (v.get_int64().get(x)) {
      return numberFailure(v, b.type());
    }
    switch (b.id()) {
      case TypeId::kByte:
        if (x < INT8_MIN || x > INT8_MAX) {
          return mismatch(b.type(), "number out of range");
        }
        b.appendValue<int8_t>(static_cast<int8_t>(x));
        break;
      case TypeId::kShort:
        if (x < INT16_MIN || x > INT16_MAX) {
          return mismatch(b.type(), "number out of range");
        }
        b.appendValue<int16_t>(static_cast<int16_t>(x));
        break;
      case TypeId::kInt:
        if (x < INT32_MIN || x > INT32_MAX) {
          return mismatch(b.type(), "number out of range");
        }
        b.appendValue<int32_t>(static_cast<int32_t>(x));
        break;
      default: b.appendValue<int64_t>(x); break;
    }
    return Conv::kOk;
  }

  Conv convertFloating(od::value& v, ColumnBuilder& b, od::json_type t) {
    double d;
    if (t == od::json_type::number) {
      if (v.get_double().get(d)) {
        std::string_view raw = trimToken(v.raw_json_token());
        if (classifyNumber(raw, nullptr) == NumberKind::kInvalid) {
          return Conv::kSyntax;
        }
        d = std::strtod(std::string(raw).c_str(), nullptr);
      }
    } else if (t == od::json_type::string) {
      std::string_view s;
      if (v.get_string().get(s)) {
        return Conv::kSyntax;
      }
      if (!specialDouble(s, &d)) {
        return mismatch(b.type(), "string");
      }
    } else {
      return mismatch(b.type(), "non-number");
    }
    if (b.id() == TypeId::kFloat) {
      b.appendValue<float>(static_cast<float>(d));
    } else {
      b.appendValue<double>(d);
    }
    return Conv::kOk;
  }

  Conv convertString(od::value& v, ColumnBuilder& b, od::json_type t, int depth) {
    if (t == od::json_type::string) {
      // Most strings have no escapes: their bytes go straight from the input to the column
      // (simdjson validated the UTF-8) instead of being unescaped into a buffer first.
      std::string_view token = v.raw_json_token();
      if (size_t len = plainStringLength(token); len != kHasEscapes) {
        od::raw_json_string unused;
        if (v.get_raw_json_string().get(unused)) {
          return Conv::kSyntax;
        }
        b.appendBytesPadded(token.substr(1, len));
        return Conv::kOk;
      }
      std::string_view s;
      if (v.get_string().get(s)) {
        return Conv::kSyntax;
      }
      b.appendBytes(s);
      return Conv::kOk;
    }
    // Spark keeps any other value as its JSON text, re-generated compactly.
    scratch_.clear();
    Conv r = serialize(v, t, scratch_, depth);
    if (r != Conv::kOk) {
      return r;
    }
    b.appendBytes(scratch_);
    return Conv::kOk;
  }

  Conv serialize(od::value& v, od::json_type t, std::string& out, int depth) {
    if (depth >= kMaxJsonDepth) {
      return syntax("nesting depth exceeds the maximum of 1000");
    }
    switch (t) {
      case od::json_type::string: {
        std::string_view s;
        if (v.get_string().get(s)) {
          return Conv::kSyntax;
        }
        appendJsonString(s, out);
        return Conv::kOk;
      }
      case od::json_type::number: {
        std::string_view raw = trimToken(v.raw_json_token());
        int64_t x;
        switch (classifyNumber(raw, &x)) {
          case NumberKind::kInvalid: return Conv::kSyntax;
          case NumberKind::kInteger: out += std::to_string(x); break;
          case NumberKind::kBigInteger: out += raw; break;
          case NumberKind::kFloat:
            out += formatDouble(std::strtod(std::string(raw).c_str(), nullptr));
            break;
        }
        return Conv::kOk;
      }
      case od::json_type::boolean: {
        bool x;
        if (v.get_bool().get(x)) {
          return Conv::kSyntax;
        }
        out += x ? "true" : "false";
        return Conv::kOk;
      }
      case od::json_type::null: {
        bool isNull;
        if (v.is_null().get(isNull) || !isNull) {
          return Conv::kSyntax;
        }
        out += "null";
        return Conv::kOk;
      }
      case od::json_type::array: {
        od::array arr;
        if (v.get_array().get(arr)) {
          return Conv::kSyntax;
        }
        out += '[';
        bool first = true;
        for (auto element : arr) {
          od::value e;
          od::json_type et;
          if (element.get(e) || e.type().get(et)) {
            return Conv::kSyntax;
          }
          if (!first) {
            out += ',';
          }
          first = false;
          Conv r = serialize(e, et, out, depth + 1);
          if (r != Conv::kOk) {
            return r;
          }
        }
        out += ']';
        return Conv::kOk;
      }
      case od::json_type::object: {
        od::object obj;
        if (v.get_object().get(obj)) {
          return Conv::kSyntax;
        }
        out += '{';
        bool first = true;
        for (auto fieldResult : obj) {
          od::field f;
          std::string_view key;
          if (std::move(fieldResult).get(f) || f.unescaped_key().get(key)) {
            return Conv::kSyntax;
          }
          if (!first) {
            out += ',';
          }
          first = false;
          appendJsonString(key, out);
          out += ':';
          od::json_type ft;
          if (f.value().type().get(ft)) {
            return Conv::kSyntax;
          }
          Conv r = serialize(f.value(), ft, out, depth + 1);
          if (r != Conv::kOk) {
            return r;
          }
        }
        out += '}';
        return Conv::kOk;
      }
    }
    return Conv::kSyntax;
  }

  Conv convertText(od::value& v, ColumnBuilder& b, od::json_type t) {
    if (t != od::json_type::string) {
      if (b.id() == TypeId::kTimestamp && t == od::json_type::number) {
        int64_t seconds;
        if (v.get_int64().get(seconds)) {
          return numberFailure(v, b.type());
        }
        if (seconds > INT64_MAX / time::kMicrosPerSecond ||
            seconds < INT64_MIN / time::kMicrosPerSecond) {
          return mismatch(b.type(), "number out of range");
        }
        b.appendValue<int64_t>(seconds * time::kMicrosPerSecond);
        return Conv::kOk;
      }
      return mismatch(b.type(), "non-string");
    }
    std::string_view s;
    if (v.get_string().get(s)) {
      return Conv::kSyntax;
    }
    switch (b.id()) {
      case TypeId::kDate: {
        // The pattern first, then Spark's default forms (its fallback for legacy text).
        std::optional<int32_t> d;
        if (dateFormat_) {
          d = dateFormat_->parseDate(s);
        }
        if (!d) {
          d = time::parseDate(s);
        }
        if (!d) {
          return mismatch(b.type(), "string that is not a date");
        }
        b.appendValue<int32_t>(*d);
        return Conv::kOk;
      }
      case TypeId::kTimestamp: {
        std::optional<int64_t> ts;
        if (timestampFormat_) {
          ts = timestampFormat_->parseTimestamp(s, zone_);
        }
        if (!ts) {
          ts = time::parseTimestamp(s, zone_);
        }
        if (!ts) {
          return mismatch(b.type(), "string that is not a timestamp");
        }
        b.appendValue<int64_t>(*ts);
        return Conv::kOk;
      }
      case TypeId::kBinary: {
        size_t before = b.bytes().size();
        if (!base64Decode(s, b.bytes())) {
          b.bytes().resize(before);
          return mismatch(b.type(), "string that is not base64");
        }
        b.commitBytes();
        return Conv::kOk;
      }
      default: return mismatch(b.type(), "string");
    }
  }

  Conv convertDecimal(od::value& v, ColumnBuilder& b, od::json_type t) {
    std::string_view text;
    if (t == od::json_type::number) {
      text = trimToken(v.raw_json_token());
      if (classifyNumber(text, nullptr) == NumberKind::kInvalid) {
        return Conv::kSyntax;
      }
    } else if (t == od::json_type::string) {
      if (v.get_string().get(text)) {
        return Conv::kSyntax;
      }
    } else {
      return mismatch(b.type(), "non-number");
    }
    __int128 unscaled;
    if (!parseDecimal(text, b.type().precision(), b.type().scale(), &unscaled)) {
      return mismatch(b.type(), "number that does not fit");
    }
    b.appendValue<__int128>(unscaled);
    return Conv::kOk;
  }

  Conv convert(od::value& v, ColumnBuilder& b, int depth) {
    od::json_type t;
    if (v.type().get(t)) {
      return Conv::kSyntax;
    }
    if (t == od::json_type::null) {
      bool isNull;
      if (v.is_null().get(isNull) || !isNull) {
        return Conv::kSyntax;
      }
      b.appendNull();
      return Conv::kOk;
    }
    switch (b.id()) {
      case TypeId::kBoolean: {
        if (t != od::json_type::boolean) {
          return mismatch(b.type(), "non-boolean");
        }
        bool x;
        if (v.get_bool().get(x)) {
          return Conv::kSyntax;
        }
        b.appendValue<uint8_t>(x ? 1 : 0);
        return Conv::kOk;
      }
      case TypeId::kByte:
      case TypeId::kShort:
      case TypeId::kInt:
      case TypeId::kLong: return convertIntegral(v, b, t);
      case TypeId::kFloat:
      case TypeId::kDouble: return convertFloating(v, b, t);
      case TypeId::kDecimal: return convertDecimal(v, b, t);
      case TypeId::kString: return convertString(v, b, t, depth);
      case TypeId::kBinary:
      case TypeId::kDate:
      case TypeId::kTimestamp: return convertText(v, b, t);
      case TypeId::kArray: {
        if (t != od::json_type::array) {
          return mismatch(b.type(), "non-array");
        }
        od::array arr;
        if (v.get_array().get(arr)) {
          return Conv::kSyntax;
        }
        return convertArray(arr, b, depth);
      }
      case TypeId::kMap:
      case TypeId::kStruct: {
        if (t != od::json_type::object) {
          return mismatch(b.type(), "non-object");
        }
        od::object obj;
        if (v.get_object().get(obj)) {
          return Conv::kSyntax;
        }
        bool unused = false;
        return b.id() == TypeId::kMap ? convertMap(obj, b, depth)
                                      : convertStruct(obj, b, false, &unused, depth);
      }
      case TypeId::kNull: b.appendNull(); return Conv::kOk;
    }
    return mismatch(b.type(), "value");
  }

  const JsonOptions& options_;
  const time::TimeZone& zone_;
  std::optional<time::DateTimeFormat> timestampFormat_;
  std::optional<time::DateTimeFormat> dateFormat_;
  ColumnBuilder root_;
  od::parser parser_;
  std::string padded_;
  std::string normalized_;
  std::string scratch_;
  std::string error_;
};

JsonRecordParser::JsonRecordParser(DataTypePtr target,
                                   const JsonOptions& options,
                                   const time::TimeZone& zone)
    : impl_(std::make_unique<Impl>(std::move(target), options, zone)) {}

JsonRecordParser::~JsonRecordParser() = default;

RecordResult JsonRecordParser::parse(std::string_view text, size_t capacity, bool firstRowOnly) {
  return impl_->parse(text, capacity, firstRowOnly);
}

const std::string& JsonRecordParser::error() const { return impl_->error(); }

ColumnBuilder& JsonRecordParser::root() { return impl_->root(); }

void JsonRecordParser::appendNullRow() { impl_->appendNullRow(); }

}  // namespace rivulet::json
