#include "rivulet/common/time/timestamp.h"

#include <cctype>
#include <cstdio>

#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"

namespace rivulet::time {

int32_t daysFromCivil(int64_t year, unsigned month, unsigned day) {
  // Shift the year to start in March so the leap day is the last day of the year.
  year -= month <= 2 ? 1 : 0;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t yearOfEra = year - era * 400;
  int64_t dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return static_cast<int32_t>(era * 146097 + dayOfEra - 719468);
}

CivilDate civilFromDays(int64_t days) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t dayOfEra = days - era * 146097;
  int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  int64_t mp = (5 * dayOfYear + 2) / 153;
  unsigned day = static_cast<unsigned>(dayOfYear - (153 * mp + 2) / 5 + 1);
  unsigned month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

namespace {

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

void appendYear(std::string& out, int64_t year) {
  char buf[32];
  if (year > 9999) {
    snprintf(buf, sizeof buf, "+%lld", static_cast<long long>(year));
  } else if (year < 0) {
    snprintf(buf, sizeof buf, "-%04lld", static_cast<long long>(-year));
  } else {
    snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(year));
  }
  out += buf;
}

struct LocalParts {
  CivilDate date;
  int hour, minute, second;
  int64_t micros;
};

LocalParts toLocal(int64_t micros, const TimeZone& zone) {
  int64_t seconds = floorDiv(micros, kMicrosPerSecond);
  int64_t frac = micros - seconds * kMicrosPerSecond;
  int64_t local = seconds + zone.offsetAtUtc(seconds);
  int64_t days = floorDiv(local, 86400);
  int64_t secOfDay = local - days * 86400;
  return {civilFromDays(days), static_cast<int>(secOfDay / 3600),
          static_cast<int>(secOfDay / 60 % 60), static_cast<int>(secOfDay % 60), frac};
}

void appendDateTime(std::string& out, const LocalParts& p, char sep) {
  appendYear(out, p.date.year);
  char buf[64];
  snprintf(buf, sizeof buf, "-%02u-%02u%c%02d:%02d:%02d", p.date.month, p.date.day, sep, p.hour,
           p.minute, p.second);
  out += buf;
}

}  // namespace

std::string formatDate(int32_t days) {
  CivilDate d = civilFromDays(days);
  std::string out;
  appendYear(out, d.year);
  char buf[16];
  snprintf(buf, sizeof buf, "-%02u-%02u", d.month, d.day);
  return out + buf;
}

std::string formatTimestamp(int64_t micros, const TimeZone& zone) {
  LocalParts p = toLocal(micros, zone);
  std::string out;
  appendDateTime(out, p, ' ');
  if (p.micros != 0) {
    char buf[16];
    snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(p.micros));
    std::string frac(buf);
    while (frac.back() == '0') {
      frac.pop_back();
    }
    out += frac;
  }
  return out;
}

std::string formatTimestampIso(int64_t micros, const TimeZone& zone) {
  LocalParts p = toLocal(micros, zone);
  std::string out;
  appendDateTime(out, p, 'T');
  char buf[32];
  snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(p.micros / 1000));
  out += buf;
  int32_t off = zone.offsetAtUtc(floorDiv(micros, kMicrosPerSecond));
  if (off == 0) {
    out += 'Z';
  } else {
    char sign = off < 0 ? '-' : '+';
    int a = off < 0 ? -off : off;
    if (a % 60 != 0) {
      snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", sign, a / 3600, a / 60 % 60, a % 60);
    } else {
      snprintf(buf, sizeof buf, "%c%02d:%02d", sign, a / 3600, a / 60 % 60);
    }
    out += buf;
  }
  return out;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

// Reads 1..maxDigits digits.
bool readInt(std::string_view s, size_t& pos, int minDigits, int maxDigits, int64_t& out) {
  size_t start = pos;
  out = 0;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) &&
         static_cast<int>(pos - start) < maxDigits) {
    out = out * 10 + (s[pos] - '0');
    ++pos;
  }
  return static_cast<int>(pos - start) >= minDigits;
}

unsigned daysInMonth(int64_t year, unsigned month) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Parses the date part; stops at ' ' or 'T' (sets pos there) or the end.
bool parseDatePart(std::string_view s, size_t& pos, int32_t& days) {
  int sign = 1;
  if (pos < s.size() && (s[pos] == '-' || s[pos] == '+')) {
    sign = s[pos] == '-' ? -1 : 1;
    ++pos;
  }
  int64_t year = 0, month = 1, day = 1;
  if (!readInt(s, pos, 4, 7, year)) {
    return false;
  }
  year *= sign;
  if (pos < s.size() && s[pos] == '-') {
    ++pos;
    if (!readInt(s, pos, 1, 2, month)) {
      return false;
    }
    if (pos < s.size() && s[pos] == '-') {
      ++pos;
      if (!readInt(s, pos, 1, 2, day)) {
        return false;
      }
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, static_cast<unsigned>(month))) {
    return false;
  }
  days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return true;
}

}  // namespace

std::optional<int32_t> parseDate(std::string_view text) {
  std::string_view s = trim(text);
  size_t pos = 0;
  int32_t days = 0;
  if (!parseDatePart(s, pos, days)) {
    return std::nullopt;
  }
  if (pos != s.size() && s[pos] != ' ' && s[pos] != 'T') {
    return std::nullopt;
  }
  return days;
}

std::optional<int64_t> parseTimestamp(std::string_view text, const TimeZone& zone) {
  std::string_view s = trim(text);
  size_t pos = 0;
  int32_t days = 0;
  if (!parseDatePart(s, pos, days)) {
    return std::nullopt;
  }
  int64_t hour = 0, minute = 0, second = 0, micros = 0;
  std::string_view zonePart;
  if (pos < s.size()) {
    if (s[pos] != ' ' && s[pos] != 'T') {
      return std::nullopt;
    }
    ++pos;
    if (pos < s.size()) {
      if (!readInt(s, pos, 1, 2, hour) || pos >= s.size() || s[pos] != ':') {
        return std::nullopt;
      }
      ++pos;
      if (!readInt(s, pos, 1, 2, minute)) {
        return std::nullopt;
      }
      if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!readInt(s, pos, 1, 2, second)) {
          return std::nullopt;
        }
        if (pos < s.size() && s[pos] == '.') {
          ++pos;
          int digits = 0;
          while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
            if (digits < 6) {
              micros = micros * 10 + (s[pos] - '0');
            }
            ++digits;
            ++pos;
          }
          if (digits == 0 || digits > 9) {
            return std::nullopt;
          }
          for (int d = digits; d < 6; ++d) {
            micros *= 10;
          }
        }
      }
      zonePart = trim(s.substr(pos));
      if (!zonePart.empty() && zonePart.front() == '[' && zonePart.back() == ']') {
        zonePart = zonePart.substr(1, zonePart.size() - 2);
      }
    }
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  int64_t local = static_cast<int64_t>(days) * 86400 + hour * 3600 + minute * 60 + second;
  int32_t offset;
  if (zonePart.empty()) {
    offset = zone.offsetForLocal(local);
  } else {
    try {
      offset = TimeZone::load(zonePart)->offsetForLocal(local);
    } catch (const Error&) {
      return std::nullopt;
    }
  }
  return (local - offset) * kMicrosPerSecond + micros;
}

}  // namespace rivulet::time
