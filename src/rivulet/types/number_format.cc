#include "rivulet/types/number_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace rivulet {

namespace {

// Java's algorithm prints the shortest digits that round-trip, then lays them out plainly for
// 1e-3 <= |v| < 1e7 and in "d.dddE±n" form otherwise.
template <typename T>
std::string javaStyle(T v) {
  if (std::isnan(v)) {
    return "NaN";
  }
  if (std::isinf(v)) {
    return v > 0 ? "Infinity" : "-Infinity";
  }
  if (v == 0) {
    return std::signbit(v) ? "-0.0" : "0.0";
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci = [-]d[.ddd]e[+-]xx
  bool negative = sci[0] == '-';
  if (negative) {
    sci.erase(0, 1);
  }
  size_t ePos = sci.find('e');
  std::string mantissa = sci.substr(0, ePos);
  int exponent = std::atoi(sci.c_str() + ePos + 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') {
      digits += c;
    }
  }
  std::string out = negative ? "-" : "";
  T a = std::fabs(v);
  if (a >= static_cast<T>(1e-3) && a < static_cast<T>(1e7)) {
    if (exponent >= 0) {
      std::string intPart = digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
      while (static_cast<int>(intPart.size()) < exponent + 1) {
        intPart += '0';
      }
      std::string frac = digits.size() > static_cast<size_t>(exponent + 1) ? digits.substr(exponent + 1) : "0";
      out += intPart + "." + frac;
    } else {
      out += "0." + std::string(-exponent - 1, '0') + digits;
    }
  } else {
    out += digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" +
           std::to_string(exponent);
  }
  return out;
}

}  // namespace

std::string formatDouble(double v) { return javaStyle(v); }

std::string formatFloat(float v) { return javaStyle(v); }

std::string int128ToString(__int128 v) {
  if (v == 0) {
    return "0";
  }
  bool negative = v < 0;
  unsigned __int128 u = negative ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string s;
  while (u > 0) {
    s += static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  }
  if (negative) {
    s += '-';
  }
  return std::string(s.rbegin(), s.rend());
}

std::string formatDecimal(__int128 unscaled, int scale) {
  std::string digits = int128ToString(unscaled < 0 ? -unscaled : unscaled);
  std::string out = unscaled < 0 ? "-" : "";
  if (scale <= 0) {
    return out + digits;
  }
  if (static_cast<int>(digits.size()) <= scale) {
    digits = std::string(scale - digits.size() + 1, '0') + digits;
  }
  return out + digits.substr(0, digits.size() - scale) + "." + digits.substr(digits.size() - scale);
}

}  // namespace rivulet
