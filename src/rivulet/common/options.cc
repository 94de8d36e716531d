#include "rivulet/common/options.h"

#include <strings.h>

#include <cerrno>
#include <cstdlib>

#include "rivulet/common/error.h"

namespace rivulet {

namespace {

bool sameKey(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

[[noreturn]] void badValue(std::string_view key, const std::string& value, const char* expected) {
  throwUserError("INVALID_OPTION_VALUE", "Invalid value '" + value + "' for option '" +
                                             std::string(key) + "': expected " + expected);
}

}  // namespace

Options::Options(std::initializer_list<std::pair<const std::string, std::string>> init) {
  for (const auto& [k, v] : init) {
    set(k, v);
  }
}

void Options::set(std::string key, std::string value) {
  for (auto& e : entries_) {
    if (sameKey(e.first, key)) {
      e.second = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(key), std::move(value));
}

bool Options::contains(std::string_view key) const { return get(key).has_value(); }

std::optional<std::string> Options::get(std::string_view key) const {
  for (const auto& e : entries_) {
    if (sameKey(e.first, key)) {
      return e.second;
    }
  }
  return std::nullopt;
}

std::string Options::getOr(std::string_view key, std::string_view fallback) const {
  auto v = get(key);
  return v ? *v : std::string(fallback);
}

bool Options::getBool(std::string_view key, bool fallback) const {
  auto v = get(key);
  if (!v) {
    return fallback;
  }
  if (sameKey(*v, "true")) {
    return true;
  }
  if (sameKey(*v, "false")) {
    return false;
  }
  badValue(key, *v, "true or false");
}

int64_t Options::getInt(std::string_view key, int64_t fallback) const {
  auto v = get(key);
  if (!v) {
    return fallback;
  }
  errno = 0;
  char* end = nullptr;
  long long n = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || errno != 0) {
    badValue(key, *v, "an integer");
  }
  return n;
}

double Options::getDouble(std::string_view key, double fallback) const {
  auto v = get(key);
  if (!v) {
    return fallback;
  }
  char* end = nullptr;
  double d = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0') {
    badValue(key, *v, "a number");
  }
  return d;
}

char Options::getChar(std::string_view key, char fallback) const {
  auto v = get(key);
  if (!v) {
    return fallback;
  }
  if (v->empty()) {
    return '\0';
  }
  if (v->size() == 1) {
    return (*v)[0];
  }
  if (*v == "\\t") {
    return '\t';
  }
  if (*v == "\\u0000") {
    return '\0';
  }
  if (*v == "\\u0001") {
    return '\x01';
  }
  badValue(key, *v, "a single character");
}

}  // namespace rivulet
