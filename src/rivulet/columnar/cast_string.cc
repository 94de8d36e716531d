#include "rivulet/columnar/cast_string.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "rivulet/common/check.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"

namespace rivulet {

namespace {

// ---------------------------------------------------------------- value to text

void appendInt(std::string& out, int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

// Digits of |v| into the end of `buf`; returns the first digit.
char* uint128Digits(unsigned __int128 u, char* end) {
  char* p = end;
  // 128-bit division is a library call; most values fit in 64 bits.
  while (u > std::numeric_limits<uint64_t>::max()) {
    *--p = static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  }
  auto v = static_cast<uint64_t>(u);
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return p;
}

unsigned __int128 magnitude(__int128 v) {
  return v < 0 ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
}

// Java's Double.toString / Float.toString (as formatDouble/formatFloat in number_format.h),
// without temporary strings: shortest round-trip digits, plain for 1e-3 <= |v| < 1e7.
template <typename T>
void appendJavaFloating(std::string& out, T v) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "Infinity" : "-Infinity";
    return;
  }
  if (v == 0) {
    out += std::signbit(v) ? "-0.0" : "0.0";
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  const char* p = buf;
  if (*p == '-') {
    out += '-';
    ++p;
  }
  char digits[32];
  int nd = 0;
  while (*p != 'e') {
    if (*p != '.') {
      digits[nd++] = *p;
    }
    ++p;
  }
  ++p;
  if (*p == '+') {
    ++p;
  }
  int exponent = 0;
  std::from_chars(p, res.ptr, exponent);
  T a = std::fabs(v);
  if (a >= static_cast<T>(1e-3) && a < static_cast<T>(1e7)) {
    if (exponent >= 0) {
      int intLen = exponent + 1;
      out.append(digits, static_cast<size_t>(std::min(nd, intLen)));
      if (nd < intLen) {
        out.append(static_cast<size_t>(intLen - nd), '0');
      }
      out += '.';
      if (nd > intLen) {
        out.append(digits + intLen, static_cast<size_t>(nd - intLen));
      } else {
        out += '0';
      }
    } else {
      out += "0.";
      out.append(static_cast<size_t>(-exponent - 1), '0');
      out.append(digits, static_cast<size_t>(nd));
    }
    return;
  }
  out += digits[0];
  out += '.';
  if (nd > 1) {
    out.append(digits + 1, static_cast<size_t>(nd - 1));
  } else {
    out += '0';
  }
  out += 'E';
  appendInt(out, exponent);
}

void appendDecimalPlain(std::string& out, __int128 unscaled, int scale) {
  char buf[48];
  char* end = buf + sizeof buf;
  char* digits = uint128Digits(magnitude(unscaled), end);
  int n = static_cast<int>(end - digits);
  if (unscaled < 0) {
    out += '-';
  }
  if (scale <= 0) {
    out.append(digits, end);
    return;
  }
  if (n <= scale) {
    out += "0.";
    out.append(static_cast<size_t>(scale - n), '0');
    out.append(digits, end);
    return;
  }
  out.append(digits, digits + (n - scale));
  out += '.';
  out.append(digits + (n - scale), end);
}

void appendDecimalJava(std::string& out, __int128 unscaled, int scale) {
  char buf[48];
  char* end = buf + sizeof buf;
  char* digits = uint128Digits(magnitude(unscaled), end);
  int n = static_cast<int>(end - digits);
  int adjusted = n - 1 - scale;
  if (scale >= 0 && adjusted >= -6) {
    appendDecimalPlain(out, unscaled, scale);
    return;
  }
  if (unscaled < 0) {
    out += '-';
  }
  out += digits[0];
  if (n > 1) {
    out += '.';
    out.append(digits + 1, end);
  }
  out += 'E';
  if (adjusted > 0) {
    out += '+';
  }
  appendInt(out, adjusted);
}

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

void append2(std::string& out, unsigned v) {
  out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
}

void appendDate(std::string& out, int64_t days) {
  time::CivilDate d = time::civilFromDays(days);
  if (d.year > 9999) {
    out += '+';
    appendInt(out, d.year);
  } else {
    int64_t y = d.year;
    if (y < 0) {
      out += '-';
      y = -y;
    }
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, y);
    out.append(static_cast<size_t>(std::max<ptrdiff_t>(0, 4 - (res.ptr - buf))), '0');
    out.append(buf, res.ptr);
  }
  out += '-';
  append2(out, d.month);
  out += '-';
  append2(out, d.day);
}

void appendTimestamp(std::string& out, int64_t micros, const time::TimeZone& zone) {
  int64_t seconds = floorDiv(micros, time::kMicrosPerSecond);
  int64_t frac = micros - seconds * time::kMicrosPerSecond;
  int64_t local = seconds + zone.offsetAtUtc(seconds);
  int64_t days = floorDiv(local, 86400);
  int64_t secOfDay = local - days * 86400;
  appendDate(out, days);
  out += ' ';
  append2(out, static_cast<unsigned>(secOfDay / 3600));
  out += ':';
  append2(out, static_cast<unsigned>(secOfDay / 60 % 60));
  out += ':';
  append2(out, static_cast<unsigned>(secOfDay % 60));
  if (frac != 0) {
    char buf[7];
    for (int i = 5; i >= 0; --i) {
      buf[i] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    int len = 6;
    while (buf[len - 1] == '0') {
      --len;
    }
    out += '.';
    out.append(buf, static_cast<size_t>(len));
  }
}

void appendHex(std::string& out, std::string_view bytes) {
  static const char kHex[] = "0123456789ABCDEF";
  out += '[';
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) {
      out += ' ';
    }
    auto b = static_cast<unsigned char>(bytes[i]);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  out += ']';
}

// One element of a nested value; Spark writes "," then " x" (or " null") between elements.
void appendElement(
    const Vector& v, int64_t row, bool first, const TextStyle& style, std::string& out) {
  if (!first) {
    out += ',';
  }
  if (v.isNull(row)) {
    if (!style.nullString.empty()) {
      if (!first) {
        out += ' ';
      }
      out.append(style.nullString);
    }
    return;
  }
  if (!first) {
    out += ' ';
  }
  appendCellText(v, row, style, out);
}

}  // namespace

void appendCellText(const Vector& v, int64_t row, const TextStyle& style, std::string& out) {
  switch (v.typeId()) {
    case TypeId::kNull:
      out.append(style.nullString);
      return;
    case TypeId::kBoolean:
      out += v.values<uint8_t>()[row] != 0 ? "true" : "false";
      return;
    case TypeId::kByte:
      appendInt(out, v.values<int8_t>()[row]);
      return;
    case TypeId::kShort:
      appendInt(out, v.values<int16_t>()[row]);
      return;
    case TypeId::kInt:
      appendInt(out, v.values<int32_t>()[row]);
      return;
    case TypeId::kLong:
      appendInt(out, v.values<int64_t>()[row]);
      return;
    case TypeId::kFloat:
      appendJavaFloating(out, v.values<float>()[row]);
      return;
    case TypeId::kDouble:
      appendJavaFloating(out, v.values<double>()[row]);
      return;
    case TypeId::kDecimal:
      if (style.decimalPlain) {
        appendDecimalPlain(out, v.values<__int128>()[row], v.type()->scale());
      } else {
        appendDecimalJava(out, v.values<__int128>()[row], v.type()->scale());
      }
      return;
    case TypeId::kString:
      out.append(v.stringAt(row));
      return;
    case TypeId::kBinary:
      if (style.binaryAsHex) {
        appendHex(out, v.stringAt(row));
      } else {
        out.append(v.stringAt(row));
      }
      return;
    case TypeId::kDate:
      appendDate(out, v.values<int32_t>()[row]);
      return;
    case TypeId::kTimestamp: {
      RIVULET_CHECK(style.zone != nullptr, "a time zone is needed to render timestamps");
      appendTimestamp(out, v.values<int64_t>()[row], *style.zone);
      return;
    }
    case TypeId::kArray: {
      const Vector& elements = *v.child(0);
      out += '[';
      for (int64_t i = v.offsets()[row]; i < v.offsets()[row + 1]; ++i) {
        appendElement(elements, i, i == v.offsets()[row], style, out);
      }
      out += ']';
      return;
    }
    case TypeId::kMap: {
      const Vector& keys = *v.child(0);
      const Vector& values = *v.child(1);
      out += '{';
      for (int64_t i = v.offsets()[row]; i < v.offsets()[row + 1]; ++i) {
        if (i > v.offsets()[row]) {
          out += ", ";
        }
        appendCellText(keys, i, style, out);
        out += " ->";
        if (values.isNull(i)) {
          if (!style.nullString.empty()) {
            out += ' ';
            out.append(style.nullString);
          }
        } else {
          out += ' ';
          appendCellText(values, i, style, out);
        }
      }
      out += '}';
      return;
    }
    case TypeId::kStruct: {
      out += '{';
      for (size_t f = 0; f < v.children().size(); ++f) {
        appendElement(*v.child(f), row, f == 0, style, out);
      }
      out += '}';
      return;
    }
  }
}

std::string formatDecimalJava(__int128 unscaled, int scale) {
  std::string out;
  appendDecimalJava(out, unscaled, scale);
  return out;
}

namespace {

void copyValidity(const Vector& from, Vector& to) {
  if (!from.mayHaveNulls()) {
    return;
  }
  uint64_t* bits = to.mutableValidity();
  std::memcpy(bits, from.validity(), static_cast<size_t>((from.size() + 63) / 64) * 8);
}

}  // namespace

VectorPtr castToString(const Vector& input, const time::TimeZone& zone) {
  int64_t n = input.size();
  VectorPtr result = Vector::make(DataType::string(), n);
  copyValidity(input, *result);
  int64_t* offsets = result->offsets();
  offsets[0] = 0;
  if (input.typeId() == TypeId::kString || input.typeId() == TypeId::kBinary) {
    const int64_t* in = input.offsets();
    for (int64_t i = 0; i <= n; ++i) {
      offsets[i] = in[i] - in[0];
    }
    result->bytes().append(input.bytes().data() + in[0], static_cast<size_t>(in[n] - in[0]));
    return result;
  }
  TextStyle style;
  style.zone = &zone;
  std::string text;
  text.reserve(static_cast<size_t>(n) * 8);
  for (int64_t i = 0; i < n; ++i) {
    if (!input.isNull(i)) {
      appendCellText(input, i, style, text);
    }
    offsets[i + 1] = static_cast<int64_t>(text.size());
  }
  result->bytes().append(text.data(), text.size());
  return result;
}

namespace {

template <typename T, typename Parse>
void parseFixed(const Vector& in, Vector& out, Parse parse) {
  T* values = out.values<T>();
  for (int64_t i = 0; i < in.size(); ++i) {
    if (in.isNull(i)) {
      values[i] = T{};
      out.setNull(i, true);
      continue;
    }
    auto v = parse(in.stringAt(i));
    if (v) {
      values[i] = static_cast<T>(*v);
    } else {
      values[i] = T{};
      out.setNull(i, true);
    }
  }
}

}  // namespace

VectorPtr castFromString(const Vector& strings,
                         const DataTypePtr& target,
                         const time::TimeZone& zone) {
  RIVULET_CHECK(strings.typeId() == TypeId::kString || strings.typeId() == TypeId::kBinary,
                "castFromString needs a string vector, got " + strings.type()->simpleString());
  int64_t n = strings.size();
  TypeId id = target->id();
  if (id == TypeId::kString || id == TypeId::kBinary) {
    VectorPtr result = castToString(strings, zone);
    if (id == TypeId::kBinary) {
      VectorPtr binary = Vector::make(target, n);
      binary->offsets()[0] = 0;
      std::memcpy(binary->offsets(), result->offsets(), static_cast<size_t>(n + 1) * 8);
      binary->bytes() = result->bytes();
      copyValidity(strings, *binary);
      return binary;
    }
    return result;
  }
  VectorPtr result = Vector::make(target, n);
  Vector& out = *result;
  switch (id) {
    case TypeId::kBoolean:
      parseFixed<uint8_t>(strings, out, [](std::string_view s) { return parseBooleanText(s); });
      break;
    case TypeId::kByte:
      parseFixed<int8_t>(
          strings, out, [](std::string_view s) { return parseIntegralText(s, TypeId::kByte); });
      break;
    case TypeId::kShort:
      parseFixed<int16_t>(
          strings, out, [](std::string_view s) { return parseIntegralText(s, TypeId::kShort); });
      break;
    case TypeId::kInt:
      parseFixed<int32_t>(
          strings, out, [](std::string_view s) { return parseIntegralText(s, TypeId::kInt); });
      break;
    case TypeId::kLong:
      parseFixed<int64_t>(
          strings, out, [](std::string_view s) { return parseIntegralText(s, TypeId::kLong); });
      break;
    case TypeId::kFloat:
      parseFixed<float>(strings, out, [](std::string_view s) { return parseFloatText(s); });
      break;
    case TypeId::kDouble:
      parseFixed<double>(strings, out, [](std::string_view s) { return parseDoubleText(s); });
      break;
    case TypeId::kDecimal: {
      int p = target->precision();
      int sc = target->scale();
      parseFixed<__int128>(
          strings, out, [p, sc](std::string_view s) { return parseDecimalText(s, p, sc); });
      break;
    }
    case TypeId::kDate:
      parseFixed<int32_t>(strings, out, [](std::string_view s) { return time::parseDate(s); });
      break;
    case TypeId::kTimestamp:
      parseFixed<int64_t>(
          strings, out, [&zone](std::string_view s) { return time::parseTimestamp(s, zone); });
      break;
    case TypeId::kNull:
      for (int64_t i = 0; i < n; ++i) {
        out.setNull(i, true);
      }
      break;
    default:
      throwUserError("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                     "Cannot cast \"STRING\" to \"" + target->sql() + "\".");
  }
  return result;
}

}  // namespace rivulet
