#include "rivulet/streaming/triggers/trigger_spec.h"

#include <cctype>
#include <sstream>
#include <vector>

#include "rivulet/common/error.h"

namespace rivulet::streaming {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

}  // namespace

int64_t parseIntervalMs(const std::string& text) {
  std::string s = lower(text);
  if (s.find_first_not_of(" \t") == std::string::npos) {
    throwUserError("INVALID_INTERVAL", "interval cannot be null or blank.");
  }
  std::istringstream in(s);
  std::string token;
  std::vector<std::string> tokens;
  while (in >> token) {
    tokens.push_back(token);
  }
  size_t i = 0;
  if (!tokens.empty() && tokens[0] == "interval") {
    i = 1;
  }
  if (i >= tokens.size()) {
    throwUserError("INVALID_INTERVAL", "Invalid interval: " + text);
  }
  double totalMs = 0;
  for (; i < tokens.size(); i += 2) {
    if (i + 1 >= tokens.size()) {
      throwUserError("INVALID_INTERVAL", "Invalid interval: " + text + " (a number needs a unit)");
    }
    char* end = nullptr;
    double value = std::strtod(tokens[i].c_str(), &end);
    if (end == tokens[i].c_str() || *end != '\0') {
      throwUserError("INVALID_INTERVAL", "Invalid interval: " + text + " ('" + tokens[i] + "' is not a number)");
    }
    std::string unit = tokens[i + 1];
    if (!unit.empty() && unit.back() == 's' && unit != "ms" && unit != "us") {
      unit.pop_back();
    }
    double factor;
    if (unit == "millisecond" || unit == "ms") {
      factor = 1;
    } else if (unit == "microsecond" || unit == "us") {
      factor = 0.001;
    } else if (unit == "second" || unit == "sec") {
      factor = 1000;
    } else if (unit == "minute" || unit == "min") {
      factor = 60'000;
    } else if (unit == "hour") {
      factor = 3'600'000;
    } else if (unit == "day") {
      factor = 86'400'000;
    } else if (unit == "week") {
      factor = 7 * 86'400'000.0;
    } else if (unit == "month" || unit == "year") {
      throwUserError("INVALID_INTERVAL", "Doesn't support month or year interval: " + text);
    } else {
      throwUserError("INVALID_INTERVAL", "Invalid interval: " + text + " (unknown unit '" + tokens[i + 1] + "')");
    }
    totalMs += value * factor;
  }
  if (totalMs < 0) {
    throwUserError("INVALID_INTERVAL", "the interval of trigger should not be negative");
  }
  return static_cast<int64_t>(totalMs);
}

}  // namespace rivulet::streaming
