#include "rivulet/formats/csv/csv_value_parser.h"

#include <strings.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace rivulet::csv {

namespace {

template <typename T>
bool parseJavaIntegral(std::string_view s, T& out) {
  size_t i = 0;
  bool negative = false;
  if (s.empty()) {
    return false;
  }
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) {
    return false;
  }
  // Accumulate negatively so that the minimum value fits.
  using Wide = int64_t;
  const Wide limit = negative ? static_cast<Wide>(std::numeric_limits<T>::min())
                              : -static_cast<Wide>(std::numeric_limits<T>::max());
  Wide acc = 0;
  for (; i < s.size(); ++i) {
    unsigned d = static_cast<unsigned char>(s[i]) - '0';
    if (d > 9) {
      return false;
    }
    if (acc < (limit + static_cast<Wide>(d)) / 10) {
      return false;
    }
    Wide next = acc * 10;
    if (next < limit + static_cast<Wide>(d)) {
      return false;
    }
    acc = next - static_cast<Wide>(d);
  }
  out = static_cast<T>(negative ? acc : -acc);
  return true;
}

__int128 pow10(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) {
    r *= 10;
  }
  return r;
}

int digitCount(__int128 v) {
  if (v < 0) {
    v = -v;
  }
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

}  // namespace

bool parseJavaInt(std::string_view s, int32_t& out) { return parseJavaIntegral<int32_t>(s, out); }

bool parseJavaLong(std::string_view s, int64_t& out) { return parseJavaIntegral<int64_t>(s, out); }

bool parseJavaDouble(std::string_view s, double& out) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') {
    s.remove_prefix(1);
  }
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') {
    s.remove_suffix(1);
  }
  if (s.empty()) {
    return false;
  }
  bool negative = false;
  std::string_view body = s;
  if (body[0] == '+' || body[0] == '-') {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "NaN") {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (body == "Infinity") {
    out = negative ? -std::numeric_limits<double>::infinity()
                   : std::numeric_limits<double>::infinity();
    return true;
  }
  if (!body.empty() && (body.back() == 'f' || body.back() == 'F' || body.back() == 'd' ||
                        body.back() == 'D')) {
    body.remove_suffix(1);
  }
  // Validate the decimal form: digits [. digits] [e [sign] digits] with a digit in the mantissa.
  size_t i = 0;
  size_t mantissaDigits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') {
    ++i;
    ++mantissaDigits;
  }
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') {
      ++i;
      ++mantissaDigits;
    }
  }
  if (mantissaDigits == 0) {
    return false;
  }
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) {
      ++i;
    }
    size_t expDigits = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') {
      ++i;
      ++expDigits;
    }
    if (expDigits == 0) {
      return false;
    }
  }
  if (i != body.size()) {
    return false;
  }
  // from_chars does not take "+" and rejects an exponent with "+" only in old libraries; the
  // body is validated above, so strtod is the fallback for range errors.
  double v = 0;
  auto res = std::from_chars(body.data(), body.data() + body.size(), v);
  if (res.ec == std::errc::result_out_of_range || res.ptr != body.data() + body.size()) {
    std::string copy(body);
    v = std::strtod(copy.c_str(), nullptr);
  }
  out = negative ? -v : v;
  return true;
}

bool parseJavaBoolean(std::string_view s, bool& out) {
  if (s.size() == 4 && strncasecmp(s.data(), "true", 4) == 0) {
    out = true;
    return true;
  }
  if (s.size() == 5 && strncasecmp(s.data(), "false", 5) == 0) {
    out = false;
    return true;
  }
  return false;
}

bool parseBigDecimal(std::string_view s, BigDecimalText& out) {
  out = BigDecimalText{};
  size_t i = 0;
  bool negative = false;
  auto skipCommas = [&] {
    while (i < s.size() && s[i] == ',') {
      ++i;
    }
  };
  skipCommas();
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  int significant = 0;
  int digits = 0;
  int fracDigits = 0;
  bool inFraction = false;
  __int128 unscaled = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == ',') {
      continue;
    }
    if (c == '.' && !inFraction) {
      inFraction = true;
      continue;
    }
    if (c < '0' || c > '9') {
      break;
    }
    ++digits;
    if (inFraction) {
      ++fracDigits;
    }
    if (significant > 0 || c != '0') {
      ++significant;
      if (significant <= 38) {
        unscaled = unscaled * 10 + (c - '0');
      } else {
        out.overflow = true;
      }
    }
  }
  if (digits == 0) {
    return false;
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
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      exponent = exponent * 10 + (s[i] - '0');
      if (exponent > 1'000'000'000) {
        return false;
      }
      ++i;
    }
    if (i == start) {
      return false;
    }
    if (expNegative) {
      exponent = -exponent;
    }
  }
  if (i != s.size()) {
    return false;
  }
  out.unscaled = negative ? -unscaled : unscaled;
  out.precision = significant == 0 ? 1 : significant;
  out.scale = static_cast<int>(fracDigits - exponent);
  return true;
}

bool parseDecimalValue(std::string_view s, int precision, int scale, __int128& out) {
  BigDecimalText t;
  if (!parseBigDecimal(s, t) || t.overflow) {
    return false;
  }
  __int128 v = t.unscaled;
  if (t.scale <= scale) {
    int shift = scale - t.scale;
    if (v != 0 && t.precision + shift > precision) {
      return false;
    }
    if (v != 0) {
      v *= pow10(shift);
    }
  } else {
    int drop = t.scale - scale;
    if (drop > 38) {
      v = 0;  // |v| < 10^38 and at least 39 digits are dropped: rounds to zero
    } else {
      __int128 div = pow10(drop);
      __int128 q = v / div;
      __int128 r = v % div;
      if (r < 0) {
        r = -r;
      }
      if (r * 2 >= div) {
        q += v < 0 ? -1 : 1;
      }
      v = q;
    }
    if (digitCount(v) > precision) {
      return false;
    }
  }
  out = v;
  return true;
}

}  // namespace rivulet::csv
