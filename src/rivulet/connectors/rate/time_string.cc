#include "rivulet/connectors/rate/time_string.h"

#include <cctype>
#include <string>

#include "rivulet/common/error.h"

namespace rivulet::connectors {

namespace {

constexpr int64_t kMicrosPerMs = 1000;
constexpr int64_t kMicrosPerSec = 1000 * kMicrosPerMs;

[[noreturn]] void badTimeString(std::string_view text, const std::string& why) {
  throwUserError(
      "INVALID_TIME_STRING",
      "Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), "
      "hour (h), or day (d). E.g. 50s, 100ms, or 250us.\n" +
          why + std::string(text));
}

// The value in microseconds; `defaultMicros` is the unit of a bare number.
__int128 parseMicros(std::string_view raw, int64_t defaultMicros) {
  std::string s;
  for (char c : raw) {
    s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  size_t b = s.find_first_not_of(" \t\n\r");
  size_t e = s.find_last_not_of(" \t\n\r");
  s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && s[i] == '-') {
    negative = true;
    ++i;
  }
  size_t digitsStart = i;
  __int128 n = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    n = n * 10 + (s[i] - '0');
    if (n > static_cast<__int128>(INT64_MAX)) {
      badTimeString(raw, "Failed to parse time string: ");
    }
    ++i;
  }
  if (i == digitsStart) {
    badTimeString(raw, "Failed to parse time string: ");
  }
  std::string suffix = s.substr(i);
  for (char c : suffix) {
    if (c < 'a' || c > 'z') {
      badTimeString(raw, "Failed to parse time string: ");
    }
  }
  int64_t unit = defaultMicros;
  if (suffix == "us") {
    unit = 1;
  } else if (suffix == "ms") {
    unit = kMicrosPerMs;
  } else if (suffix == "s") {
    unit = kMicrosPerSec;
  } else if (suffix == "m" || suffix == "min") {
    unit = 60 * kMicrosPerSec;
  } else if (suffix == "h") {
    unit = 3600 * kMicrosPerSec;
  } else if (suffix == "d") {
    unit = 86400 * kMicrosPerSec;
  } else if (!suffix.empty()) {
    badTimeString("\"" + suffix + "\"", "Invalid suffix: ");
  }
  __int128 micros = n * unit;
  return negative ? -micros : micros;
}

int64_t saturate(__int128 v) {
  if (v > INT64_MAX) {
    return INT64_MAX;
  }
  if (v < INT64_MIN) {
    return INT64_MIN;
  }
  return static_cast<int64_t>(v);
}

}  // namespace

int64_t timeStringAsMs(std::string_view text) {
  return saturate(parseMicros(text, kMicrosPerMs) / kMicrosPerMs);
}

int64_t timeStringAsSec(std::string_view text) {
  return saturate(parseMicros(text, kMicrosPerSec) / kMicrosPerSec);
}

}  // namespace rivulet::connectors
