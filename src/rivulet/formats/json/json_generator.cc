#include "rivulet/formats/json/json_generator.h"

#include <charconv>
#include <cmath>

#include "rivulet/common/time/date_time_format.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/types/number_format.h"

namespace rivulet::json {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void appendInt(int64_t v, std::string& out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// Jackson quotes NaN and infinities (WRITE_NAN_AS_STRINGS).
void appendDoubleText(const std::string& text, bool finite, std::string& out) {
  if (!finite) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += text;
  }
}

std::string keyText(const Vector& keys, int64_t i) {
  switch (keys.typeId()) {
    case TypeId::kString:
    case TypeId::kBinary: return std::string(keys.stringAt(i));
    case TypeId::kBoolean: return keys.values<uint8_t>()[i] ? "true" : "false";
    case TypeId::kByte: return std::to_string(keys.values<int8_t>()[i]);
    case TypeId::kShort: return std::to_string(keys.values<int16_t>()[i]);
    case TypeId::kInt: return std::to_string(keys.values<int32_t>()[i]);
    case TypeId::kLong: return std::to_string(keys.values<int64_t>()[i]);
    case TypeId::kFloat: return formatFloat(keys.values<float>()[i]);
    case TypeId::kDouble: return formatDouble(keys.values<double>()[i]);
    case TypeId::kDecimal:
      return formatDecimal(keys.values<__int128>()[i], keys.type()->scale());
    case TypeId::kDate: return time::formatDate(keys.values<int32_t>()[i]);
    default: {
      std::string s;
      return s;
    }
  }
}

}  // namespace

void appendJsonString(std::string_view s, std::string& out) {
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    out.append(s.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + start, s.size() - start);
  out += '"';
}

void appendBase64(std::string_view bytes, std::string& out) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = p[i] << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (rest == 2) {
    uint32_t v = (p[i] << 16) | (p[i + 1] << 8);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
}

std::string formatBigDecimal(__int128 unscaled, int scale) {
  bool negative = unscaled < 0;
  std::string digits = int128ToString(negative ? -unscaled : unscaled);
  int64_t adjusted = -static_cast<int64_t>(scale) + static_cast<int64_t>(digits.size()) - 1;
  if (scale >= 0 && adjusted >= -6) {
    return formatDecimal(unscaled, scale);
  }
  std::string out = negative ? "-" : "";
  out += digits[0];
  if (digits.size() > 1) {
    out += '.';
    out.append(digits, 1, std::string::npos);
  }
  out += 'E';
  if (adjusted >= 0) {
    out += '+';
  }
  out += std::to_string(adjusted);
  return out;
}

JsonGenerator::JsonGenerator(const JsonOptions& options, const time::TimeZone& zone)
    : ignoreNullFields_(options.ignoreNullFields), zone_(zone) {
  if (options.timestampFormat) {
    timestampFormat_ = std::make_unique<time::DateTimeFormat>(
        time::DateTimeFormat::compile(*options.timestampFormat));
  }
  if (options.dateFormat) {
    dateFormat_ =
        std::make_unique<time::DateTimeFormat>(time::DateTimeFormat::compile(*options.dateFormat));
  }
}

JsonGenerator::~JsonGenerator() = default;

void JsonGenerator::writeObject(const std::vector<VectorPtr>& columns,
                                const std::vector<StructField>& fields,
                                int64_t row,
                                std::string& out) const {
  out += '{';
  bool first = true;
  for (size_t i = 0; i < columns.size(); ++i) {
    const Vector& c = *columns[i];
    bool isNull = c.isNull(row);
    if (isNull && ignoreNullFields_) {
      continue;
    }
    if (!first) {
      out += ',';
    }
    first = false;
    appendJsonString(fields[i].name, out);
    out += ':';
    if (isNull) {
      out += "null";
    } else {
      writeValue(c, row, out);
    }
  }
  out += '}';
}

void JsonGenerator::writeValue(const Vector& v, int64_t row, std::string& out) const {
  switch (v.typeId()) {
    case TypeId::kNull: out += "null"; return;
    case TypeId::kBoolean: out += v.values<uint8_t>()[row] ? "true" : "false"; return;
    case TypeId::kByte: appendInt(v.values<int8_t>()[row], out); return;
    case TypeId::kShort: appendInt(v.values<int16_t>()[row], out); return;
    case TypeId::kInt: appendInt(v.values<int32_t>()[row], out); return;
    case TypeId::kLong: appendInt(v.values<int64_t>()[row], out); return;
    case TypeId::kFloat: {
      float f = v.values<float>()[row];
      appendDoubleText(formatFloat(f), std::isfinite(f), out);
      return;
    }
    case TypeId::kDouble: {
      double d = v.values<double>()[row];
      appendDoubleText(formatDouble(d), std::isfinite(d), out);
      return;
    }
    case TypeId::kDecimal:
      out += formatBigDecimal(v.values<__int128>()[row], v.type()->scale());
      return;
    case TypeId::kString: appendJsonString(v.stringAt(row), out); return;
    case TypeId::kBinary:
      out += '"';
      appendBase64(v.stringAt(row), out);
      out += '"';
      return;
    case TypeId::kDate:
      out += '"';
      out += dateFormat_ ? dateFormat_->formatDate(v.values<int32_t>()[row])
                         : time::formatDate(v.values<int32_t>()[row]);
      out += '"';
      return;
    case TypeId::kTimestamp:
      out += '"';
      out += timestampFormat_ ? timestampFormat_->formatTimestamp(v.values<int64_t>()[row], zone_)
                              : time::formatTimestampIso(v.values<int64_t>()[row], zone_);
      out += '"';
      return;
    case TypeId::kArray: {
      const int64_t* o = v.offsets();
      const Vector& elements = *v.child(0);
      out += '[';
      for (int64_t i = o[row]; i < o[row + 1]; ++i) {
        if (i > o[row]) {
          out += ',';
        }
        if (elements.isNull(i)) {
          out += "null";
        } else {
          writeValue(elements, i, out);
        }
      }
      out += ']';
      return;
    }
    case TypeId::kMap: {
      const int64_t* o = v.offsets();
      const Vector& keys = *v.child(0);
      const Vector& values = *v.child(1);
      out += '{';
      for (int64_t i = o[row]; i < o[row + 1]; ++i) {
        if (i > o[row]) {
          out += ',';
        }
        appendJsonString(keyText(keys, i), out);
        out += ':';
        if (values.isNull(i)) {
          out += "null";
        } else {
          writeValue(values, i, out);
        }
      }
      out += '}';
      return;
    }
    case TypeId::kStruct: writeObject(v.children(), v.type()->fields(), row, out); return;
  }
}

}  // namespace rivulet::json
