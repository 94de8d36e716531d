#include "rivulet/common/time/time_zone.h"

#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <optional>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <unordered_map>

#include "rivulet/common/error.h"

namespace rivulet::time {

namespace {

int64_t readBig(const std::string& data, size_t pos, int bytes) {
  if (pos + bytes > data.size()) {
    throw std::out_of_range("tzif");
  }
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) {
    v = (v << 8) | static_cast<unsigned char>(data[pos + i]);
  }
  if (bytes == 4) {
    return static_cast<int32_t>(static_cast<uint32_t>(v));
  }
  return static_cast<int64_t>(v);
}

// Reads a TZif file (RFC 8536); uses the 64-bit block when the file has one.
std::shared_ptr<TimeZone> readTzif(const std::string& id, const std::string& data) {
  if (data.size() < 44 || data.compare(0, 4, "TZif") != 0) {
    return nullptr;
  }
  auto counts = [&](size_t base) {
    std::array<int64_t, 6> c{};
    for (int i = 0; i < 6; ++i) {
      c[i] = readBig(data, base + 20 + 4 * i, 4);
    }
    return c;
  };
  size_t base = 0;
  auto c = counts(0);
  int timeBytes = 4;
  char version = data[4];
  if (version >= '2') {
    size_t v1Size = 44 + c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    base = v1Size;
    c = counts(base);
    timeBytes = 8;
  }
  int64_t isutcnt = c[0], isstdcnt = c[1], leapcnt = c[2], timecnt = c[3], typecnt = c[4];
  (void)isutcnt;
  (void)isstdcnt;
  (void)leapcnt;
  if (typecnt <= 0) {
    return nullptr;
  }
  size_t pos = base + 44;
  std::vector<int64_t> times(timecnt);
  for (int64_t i = 0; i < timecnt; ++i) {
    times[i] = readBig(data, pos, timeBytes);
    pos += timeBytes;
  }
  std::vector<int> idx(timecnt);
  for (int64_t i = 0; i < timecnt; ++i) {
    idx[i] = static_cast<unsigned char>(data.at(pos++));
  }
  std::vector<int32_t> offsets(typecnt);
  std::vector<bool> isDst(typecnt);
  for (int64_t i = 0; i < typecnt; ++i) {
    offsets[i] = static_cast<int32_t>(readBig(data, pos, 4));
    isDst[i] = data.at(pos + 4) != 0;
    pos += 6;
  }
  int32_t initial = offsets[0];
  for (int64_t i = 0; i < typecnt; ++i) {
    if (!isDst[i]) {
      initial = offsets[i];
      break;
    }
  }
  std::vector<TimeZone::Transition> transitions;
  for (int64_t i = 0; i < timecnt; ++i) {
    if (idx[i] >= typecnt) {
      return nullptr;
    }
    transitions.push_back({times[i], offsets[idx[i]]});
  }
  return std::make_shared<TimeZone>(id, 0, std::move(transitions), initial);
}

std::optional<int32_t> parseOffset(std::string_view s) {
  // "+03:00", "-0800", "+3", "+03", "+03:30:15"
  if (s.empty() || (s[0] != '+' && s[0] != '-')) {
    return std::nullopt;
  }
  int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  std::vector<int> parts;
  std::string digits;
  for (char ch : s) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      digits += ch;
    } else if (ch == ':') {
      if (digits.empty()) {
        return std::nullopt;
      }
      parts.push_back(std::stoi(digits));
      digits.clear();
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty()) {
    return std::nullopt;
  }
  if (parts.empty() && digits.size() > 2) {
    if (digits.size() != 4 && digits.size() != 6) {
      return std::nullopt;
    }
    parts.push_back(std::stoi(digits.substr(0, 2)));
    parts.push_back(std::stoi(digits.substr(2, 2)));
    if (digits.size() == 6) {
      parts.push_back(std::stoi(digits.substr(4, 2)));
    }
  } else {
    if (digits.size() > 2) {
      return std::nullopt;
    }
    parts.push_back(std::stoi(digits));
  }
  int h = parts[0];
  int m = parts.size() > 1 ? parts[1] : 0;
  int sec = parts.size() > 2 ? parts[2] : 0;
  if (h > 18 || m > 59 || sec > 59) {
    return std::nullopt;
  }
  return sign * (h * 3600 + m * 60 + sec);
}

std::string zoneInfoDir() {
  if (const char* dir = std::getenv("TZDIR")) {
    return dir;
  }
  return "/usr/share/zoneinfo";
}

TimeZonePtr loadUncached(std::string_view id) {
  std::string name(id);
  if (name == "UTC" || name == "Z" || name == "GMT" || name == "UT" || name == "Etc/UTC") {
    return std::make_shared<TimeZone>(name == "Z" ? "Z" : name, 0,
                                      std::vector<TimeZone::Transition>{}, 0);
  }
  for (const char* prefix : {"UTC", "GMT", "UT"}) {
    size_t n = strlen(prefix);
    if (name.size() > n && name.compare(0, n, prefix) == 0 &&
        (name[n] == '+' || name[n] == '-')) {
      if (auto off = parseOffset(std::string_view(name).substr(n))) {
        return std::make_shared<TimeZone>(name, *off, std::vector<TimeZone::Transition>{}, *off);
      }
    }
  }
  if (auto off = parseOffset(name)) {
    return std::make_shared<TimeZone>(name, *off, std::vector<TimeZone::Transition>{}, *off);
  }
  bool safe = !name.empty() && name.find("..") == std::string::npos && name[0] != '/';
  if (safe) {
    std::ifstream in(zoneInfoDir() + "/" + name, std::ios::binary);
    if (in) {
      std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      try {
        if (auto tz = readTzif(name, data)) {
          return tz;
        }
      } catch (const std::out_of_range&) {
      }
    }
  }
  throwUserError("INVALID_TIMEZONE",
                 "Cannot resolve the time zone '" + name +
                     "': expected a region ID such as 'Europe/Moscow' or an offset such as '+03:00'");
}

}  // namespace

TimeZone::TimeZone(std::string id,
                   int32_t fixedOffset,
                   std::vector<Transition> transitions,
                   int32_t initialOffset)
    : id_(std::move(id)),
      fixedOffset_(fixedOffset),
      transitions_(std::move(transitions)),
      initialOffset_(initialOffset) {}

TimeZonePtr TimeZone::load(std::string_view id) {
  static std::mutex mu;
  static std::unordered_map<std::string, TimeZonePtr> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(std::string(id));
  if (it != cache.end()) {
    return it->second;
  }
  auto tz = loadUncached(id);
  cache.emplace(std::string(id), tz);
  return tz;
}

TimeZonePtr TimeZone::utc() {
  static const TimeZonePtr tz = load("UTC");
  return tz;
}

TimeZonePtr TimeZone::systemDefault() {
  if (const char* env = std::getenv("TZ")) {
    std::string_view name(env);
    if (!name.empty() && name[0] == ':') {
      name.remove_prefix(1);
    }
    if (!name.empty()) {
      try {
        return load(name);
      } catch (const Error&) {
      }
    }
  }
  std::error_code ec;
  char buf[4096];
  ssize_t n = readlink("/etc/localtime", buf, sizeof buf - 1);
  if (n > 0) {
    std::string target(buf, n);
    auto pos = target.find("zoneinfo/");
    if (pos != std::string::npos) {
      try {
        return load(target.substr(pos + 9));
      } catch (const Error&) {
      }
    }
  }
  std::ifstream timezone("/etc/timezone");
  std::string name;
  if (timezone && std::getline(timezone, name) && !name.empty()) {
    try {
      return load(name);
    } catch (const Error&) {
    }
  }
  return utc();
}

int32_t TimeZone::offsetAtUtc(int64_t epochSeconds) const {
  if (transitions_.empty()) {
    return fixedOffset_ != 0 ? fixedOffset_ : initialOffset_;
  }
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), epochSeconds,
                             [](int64_t t, const Transition& tr) { return t < tr.utcSeconds; });
  if (it == transitions_.begin()) {
    return initialOffset_;
  }
  return std::prev(it)->offsetAfter;
}

int32_t TimeZone::offsetForLocal(int64_t localSeconds) const {
  if (transitions_.empty()) {
    return offsetAtUtc(0);
  }
  // Try the offsets around the instant; prefer the earlier one in an overlap.
  int32_t guess = offsetAtUtc(localSeconds - 86400);
  int32_t a = offsetAtUtc(localSeconds - guess);
  if (offsetAtUtc(localSeconds - a) == a) {
    int32_t before = offsetAtUtc(localSeconds - a - 86400);
    if (before != a && offsetAtUtc(localSeconds - before) == before) {
      return std::max(a, before);  // overlap: the earlier instant has the larger offset
    }
    return a;
  }
  // Gap: use the offset before the transition.
  return offsetAtUtc(localSeconds - a - 86400);
}

}  // namespace rivulet::time
