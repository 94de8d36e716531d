// Scalar text parsers behind castFromString and the readers (declared in cast_string.h).
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "rivulet/columnar/cast_string.h"
#include "rivulet/common/error.h"

namespace rivulet {

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

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

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
  if (equalsIgnoreCase(s, "inf") || equalsIgnoreCase(s, "+inf") ||
      equalsIgnoreCase(s, "infinity") || equalsIgnoreCase(s, "+infinity")) {
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
  auto res =
      std::from_chars(body->data(), body->data() + body->size(), value, std::chars_format::general);
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
    case TypeId::kByte:
      lo = -128, hi = 127;
      break;
    case TypeId::kShort:
      lo = -32768, hi = 32767;
      break;
    case TypeId::kInt:
      lo = std::numeric_limits<int32_t>::min(), hi = std::numeric_limits<int32_t>::max();
      break;
    case TypeId::kLong:
      break;
    default:
      throwInternalError("parseIntegralText on a non-integral type");
  }
  if (value < lo || value > hi) {
    return std::nullopt;
  }
  return value;
}

bool isJavaFloatText(std::string_view text) {
  int special = 0;
  return javaFloatBody(trimJava(text), special).has_value();
}

std::optional<double> parseDoubleText(std::string_view text) {
  return parseFloating<double>(text);
}

std::optional<float> parseFloatText(std::string_view text) {
  return parseFloating<float>(text);
}

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

}  // namespace rivulet
