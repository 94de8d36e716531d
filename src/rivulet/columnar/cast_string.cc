#include "rivulet/columnar/cast_string.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "rivulet/common/check.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/types/number_format.h"

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
  do {
    *--p = static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  } while (u != 0);
  return p;
}

unsigned __int128 magnitude(__int128 v) {
  return v < 0 ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
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
void appendElement(const Vector& v, int64_t row, bool first, const TextStyle& style, std::string& out) {
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
    case TypeId::kNull: out.append(style.nullString); return;
    case TypeId::kBoolean: out += v.values<uint8_t>()[row] != 0 ? "true" : "false"; return;
    case TypeId::kByte: appendInt(out, v.values<int8_t>()[row]); return;
    case TypeId::kShort: appendInt(out, v.values<int16_t>()[row]); return;
    case TypeId::kInt: appendInt(out, v.values<int32_t>()[row]); return;
    case TypeId::kLong: appendInt(out, v.values<int64_t>()[row]); return;
    case TypeId::kFloat: out += formatFloat(v.values<float>()[row]); return;
    case TypeId::kDouble: out += formatDouble(v.values<double>()[row]); return;
    case TypeId::kDecimal:
      if (style.decimalPlain) {
        appendDecimalPlain(out, v.values<__int128>()[row], v.type()->scale());
      } else {
        appendDecimalJava(out, v.values<__int128>()[row], v.type()->scale());
      }
      return;
    case TypeId::kString: out.append(v.stringAt(row)); return;
    case TypeId::kBinary:
      if (style.binaryAsHex) {
        appendHex(out, v.stringAt(row));
      } else {
        out.append(v.stringAt(row));
      }
      return;
    case TypeId::kDate: appendDate(out, v.values<int32_t>()[row]); return;
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

// ---------------------------------------------------------------- text to value

namespace {

// UTF8String.trimAll: whitespace and ISO control characters at both ends.
std::string_view trimControl(std::string_view s) {
  auto isTrim = [](char c) {
    auto b = static_cast<unsigned char>(c);
    return b <= 0x20 || b == 0x7F;
  };
  while (!s.empty() && isTrim(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && isTrim(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

// Java's String.trim: characters <= ' ' at both ends.
std::string_view trimJava(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) {
    s.remove_prefix(1);
  }
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) {
    s.remove_suffix(1);
  }
  return s;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool equalsIgnoreCase(std::string_view a, std::string_view lowerB) {
  if (a.size() != lowerB.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c != lowerB[i]) {
      return false;
    }
  }
  return true;
}

// The part of `s` that Java's floating-point grammar accepts, without a leading '+' and the
// type suffix, ready for from_chars; nullopt when not in that grammar. Sets `special` for
// "NaN" / "Infinity".
std::optional<std::string_view> javaFloatBody(std::string_view s, int& special) {
  special = 0;
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  std::string_view rest = s.substr(i);
  if (rest == "NaN") {
    special = 3;
    return s;
  }
  if (rest == "Infinity") {
    special = negative ? 2 : 1;
    return s;
  }
  size_t digits = 0;
  while (i < s.size() && isDigit(s[i])) {
    ++i;
    ++digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && isDigit(s[i])) {
      ++i;
      ++digits;
    }
  }
  if (digits == 0) {
    return std::nullopt;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    size_t expDigits = 0;
    while (i < s.size() && isDigit(s[i])) {
      ++i;
      ++expDigits;
    }
    if (expDigits == 0) {
      return std::nullopt;
    }
  }
  size_t end = i;
  if (i < s.size() && (s[i] == 'f' || s[i] == 'F' || s[i] == 'd' || s[i] == 'D')) {
    ++i;
  }
  if (i != s.size()) {
    return std::nullopt;
  }
  std::string_view body = s.substr(0, end);
  if (!body.empty() && body[0] == '+') {
    body.remove_prefix(1);
  }
  return body;
}

// Spark's fallback for the literals Java rejects.
std::optional<double> specialLiteral(std::string_view text) {
  std::string_view s = trimJava(text);
  if (equalsIgnoreCase(s, "inf") || equalsIgnoreCase(s, "+inf") || equalsIgnoreCase(s, "infinity") ||
      equalsIgnoreCase(s, "+infinity")) {
    return std::numeric_limits<double>::infinity();
  }
  if (equalsIgnoreCase(s, "-inf") || equalsIgnoreCase(s, "-infinity")) {
    return -std::numeric_limits<double>::infinity();
  }
  if (equalsIgnoreCase(s, "nan")) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return std::nullopt;
}

template <typename T>
std::optional<T> parseFloating(std::string_view text) {
  std::string_view s = trimJava(text);
  int special = 0;
  std::optional<std::string_view> body = javaFloatBody(s, special);
  if (!body) {
    std::optional<double> d = specialLiteral(text);
    if (!d) {
      return std::nullopt;
    }
    return static_cast<T>(*d);
  }
  if (special == 1) {
    return std::numeric_limits<T>::infinity();
  }
  if (special == 2) {
    return -std::numeric_limits<T>::infinity();
  }
  if (special == 3) {
    return std::numeric_limits<T>::quiet_NaN();
  }
  T value{};
  auto res = std::from_chars(body->data(), body->data() + body->size(), value,
                             std::chars_format::general);
  if (res.ec == std::errc::result_out_of_range) {
    // Java saturates to infinity or flushes to zero; strtod does the same.
    std::string copy(*body);
    if constexpr (std::is_same_v<T, float>) {
      return std::strtof(copy.c_str(), nullptr);
    } else {
      return std::strtod(copy.c_str(), nullptr);
    }
  }
  if (res.ec != std::errc() || res.ptr != body->data() + body->size()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<int64_t> parseIntegralText(std::string_view text, TypeId type) {
  std::string_view s = trimControl(text);
  if (s.empty()) {
    return std::nullopt;
  }
  size_t i = 0;
  bool negative = s[0] == '-';
  if (negative || s[0] == '+') {
    if (s.size() == 1) {
      return std::nullopt;
    }
    ++i;
  }
  const uint64_t limit = negative ? (uint64_t{1} << 63) : (uint64_t{1} << 63) - 1;
  uint64_t acc = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      ++i;
      break;
    }
    if (!isDigit(c)) {
      return std::nullopt;
    }
    auto d = static_cast<uint64_t>(c - '0');
    if (acc > (limit - d) / 10) {
      return std::nullopt;
    }
    acc = acc * 10 + d;
  }
  // The fractional part does not change the value, but must be digits.
  for (; i < s.size(); ++i) {
    if (!isDigit(s[i])) {
      return std::nullopt;
    }
  }
  int64_t value = negative ? static_cast<int64_t>(0 - acc) : static_cast<int64_t>(acc);
  int64_t lo = std::numeric_limits<int64_t>::min();
  int64_t hi = std::numeric_limits<int64_t>::max();
  switch (type) {
    case TypeId::kByte: lo = -128, hi = 127; break;
    case TypeId::kShort: lo = -32768, hi = 32767; break;
    case TypeId::kInt:
      lo = std::numeric_limits<int32_t>::min(), hi = std::numeric_limits<int32_t>::max();
      break;
    case TypeId::kLong: break;
    default: throwInternalError("parseIntegralText on a non-integral type");
  }
  if (value < lo || value > hi) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> parseDoubleText(std::string_view text) { return parseFloating<double>(text); }

std::optional<float> parseFloatText(std::string_view text) { return parseFloating<float>(text); }

namespace {

constexpr int kMaxDecimalDigits = 38;

unsigned __int128 pow10u(int n) {
  unsigned __int128 p = 1;
  for (int i = 0; i < n; ++i) {
    p *= 10;
  }
  return p;
}

}  // namespace

std::optional<__int128> parseDecimalText(std::string_view text, int precision, int scale) {
  std::string_view s = trimJava(text);
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  // Significant digits (leading zeros skipped) as positions in `s`, and the count of digits
  // after the point.
  char sig[kMaxDecimalDigits + 2];
  int nSig = 0;         // significant digits seen
  int64_t dropped = 0;  // significant digits beyond what `sig` keeps
  bool roundUpDropped = false;
  bool anyDigit = false;
  int64_t fracDigits = 0;
  bool inFraction = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' && !inFraction) {
      inFraction = true;
      continue;
    }
    if (!isDigit(c)) {
      break;
    }
    anyDigit = true;
    if (inFraction) {
      ++fracDigits;
    }
    if (nSig == 0 && c == '0') {
      continue;
    }
    if (nSig < kMaxDecimalDigits + 2) {
      sig[nSig++] = c;
    } else {
      if (dropped == 0) {
        roundUpDropped = c >= '5';
      }
      ++dropped;
    }
  }
  if (!anyDigit) {
    return std::nullopt;
  }
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool expNegative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      expNegative = s[i] == '-';
      ++i;
    }
    size_t start = i;
    while (i < s.size() && isDigit(s[i])) {
      if (exponent < 1'000'000'000) {
        exponent = exponent * 10 + (s[i] - '0');
      }
      ++i;
    }
    if (i == start) {
      return std::nullopt;
    }
    exponent = expNegative ? -exponent : exponent;
  }
  if (i != s.size()) {
    return std::nullopt;
  }
  if (nSig == 0) {
    return __int128{0};
  }
  // value = 0.sig × 10^(nSig + dropped) × 10^(exponent - fracDigits); unscaled at `scale`:
  // the kept digits are shifted by `shift` places.
  int64_t shift = dropped + exponent - fracDigits + scale;
  unsigned __int128 result = 0;
  if (shift >= 0) {
    if (nSig + shift > precision) {
      return std::nullopt;
    }
    for (int k = 0; k < nSig; ++k) {
      result = result * 10 + static_cast<unsigned>(sig[k] - '0');
    }
    result *= pow10u(static_cast<int>(shift));
  } else {
    int64_t drop = -shift;  // digits of `sig` to drop
    int64_t keep = nSig - drop;
    bool roundUp;
    if (keep < 0) {
      return __int128{0};
    }
    if (keep > precision) {
      return std::nullopt;
    }
    for (int64_t k = 0; k < keep; ++k) {
      result = result * 10 + static_cast<unsigned>(sig[k] - '0');
    }
    roundUp = keep < nSig ? sig[keep] >= '5' : roundUpDropped;
    if (roundUp) {
      ++result;
    }
  }
  if (result >= pow10u(precision)) {
    return std::nullopt;
  }
  auto value = static_cast<__int128>(result);
  return negative ? -value : value;
}

std::optional<bool> parseBooleanText(std::string_view text) {
  std::string_view s = trimControl(text);
  if (equalsIgnoreCase(s, "t") || equalsIgnoreCase(s, "true") || equalsIgnoreCase(s, "y") ||
      equalsIgnoreCase(s, "yes") || s == "1") {
    return true;
  }
  if (equalsIgnoreCase(s, "f") || equalsIgnoreCase(s, "false") || equalsIgnoreCase(s, "n") ||
      equalsIgnoreCase(s, "no") || s == "0") {
    return false;
  }
  return std::nullopt;
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

VectorPtr castFromString(const Vector& strings, const DataTypePtr& target, const time::TimeZone& zone) {
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
      parseFixed<int8_t>(strings, out, [](std::string_view s) { return parseIntegralText(s, TypeId::kByte); });
      break;
    case TypeId::kShort:
      parseFixed<int16_t>(strings, out, [](std::string_view s) { return parseIntegralText(s, TypeId::kShort); });
      break;
    case TypeId::kInt:
      parseFixed<int32_t>(strings, out, [](std::string_view s) { return parseIntegralText(s, TypeId::kInt); });
      break;
    case TypeId::kLong:
      parseFixed<int64_t>(strings, out, [](std::string_view s) { return parseIntegralText(s, TypeId::kLong); });
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
      parseFixed<__int128>(strings, out, [p, sc](std::string_view s) { return parseDecimalText(s, p, sc); });
      break;
    }
    case TypeId::kDate:
      parseFixed<int32_t>(strings, out, [](std::string_view s) { return time::parseDate(s); });
      break;
    case TypeId::kTimestamp:
      parseFixed<int64_t>(strings, out, [&zone](std::string_view s) { return time::parseTimestamp(s, zone); });
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
