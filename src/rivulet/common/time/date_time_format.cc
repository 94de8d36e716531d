#include "rivulet/common/time/date_time_format.h"

#include <strings.h>

#include <cstdio>
#include <cstring>

#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"

namespace rivulet::time {

namespace {

constexpr const char* kMonthsShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kMonthsFull[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};
// Index 0 = Monday, as java.time's DayOfWeek.
constexpr const char* kDaysShort[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr const char* kDaysFull[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

int maxWidth(char letter) {
  switch (letter) {
    case 'y': return 9;
    case 'M': return 4;
    case 'd':
    case 'H':
    case 'h':
    case 'm':
    case 's': return 2;
    case 'S': return 9;
    case 'a': return 1;
    case 'E': return 4;
    case 'X':
    case 'x':
    case 'Z': return 5;
    default: return 0;
  }
}

bool isNumeric(const DateTimeFormat::Element& e) {
  return e.letter != 0 && e.letter != 'a' && e.letter != 'E' && e.letter != 'X' &&
         e.letter != 'x' && e.letter != 'Z' && !(e.letter == 'M' && e.width >= 3);
}

unsigned daysInMonth(int64_t year, unsigned month) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Monday = 0.
int dayOfWeek(int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

bool matchText(std::string_view s, size_t& pos, const char* word) {
  size_t n = std::strlen(word);
  if (s.size() - pos < n || strncasecmp(s.data() + pos, word, n) != 0) {
    return false;
  }
  pos += n;
  return true;
}

bool readDigits(std::string_view s, size_t& pos, int minDigits, int maxDigits, int64_t& out,
                int* count = nullptr) {
  size_t start = pos;
  out = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' &&
         static_cast<int>(pos - start) < maxDigits) {
    out = out * 10 + (s[pos] - '0');
    ++pos;
  }
  if (count != nullptr) {
    *count = static_cast<int>(pos - start);
  }
  return static_cast<int>(pos - start) >= minDigits;
}

// Parses "+HH", "+HHMM", "+HH:MM", "+HH:MM:ss" (and "Z" when allowed) into seconds.
bool parseOffset(std::string_view s, size_t& pos, bool allowZ, int32_t& offset) {
  if (allowZ && pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
    offset = 0;
    return true;
  }
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) {
    return false;
  }
  int sign = s[pos] == '-' ? -1 : 1;
  ++pos;
  int64_t h = 0, m = 0, sec = 0;
  if (!readDigits(s, pos, 2, 2, h)) {
    return false;
  }
  bool colon = pos < s.size() && s[pos] == ':';
  size_t save = pos;
  if (colon) {
    ++pos;
  }
  if (!readDigits(s, pos, 2, 2, m)) {
    pos = save;
    m = 0;
  } else {
    size_t save2 = pos;
    if (colon && pos < s.size() && s[pos] == ':') {
      ++pos;
    }
    if (!readDigits(s, pos, 2, 2, sec)) {
      pos = save2;
      sec = 0;
    }
  }
  if (h > 18 || m > 59 || sec > 59) {
    return false;
  }
  offset = static_cast<int32_t>(sign * (h * 3600 + m * 60 + sec));
  return true;
}

void appendPadded(std::string& out, int64_t v, int width) {
  char buf[32];
  snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
  out += buf;
}

void appendOffset(std::string& out, int32_t offset, char letter, int width) {
  if (offset == 0 && (letter == 'X' || (letter == 'Z' && width == 5))) {
    out += 'Z';
    return;
  }
  if (letter == 'Z' && width == 4) {
    out += "GMT";
    if (offset == 0) {
      return;
    }
  }
  int a = offset < 0 ? -offset : offset;
  out += offset < 0 ? '-' : '+';
  appendPadded(out, a / 3600, 2);
  int minutes = a / 60 % 60;
  int seconds = a % 60;
  bool colons = (letter != 'Z' && (width == 3 || width == 5)) || (letter == 'Z' && width >= 4);
  if (letter != 'Z' && width == 1) {
    if (minutes != 0) {
      appendPadded(out, minutes, 2);
    }
    return;
  }
  if (colons) {
    out += ':';
  }
  appendPadded(out, minutes, 2);
  bool withSeconds = (letter == 'Z' && width == 5) || (letter != 'Z' && width >= 4);
  if (withSeconds && seconds != 0) {
    if (colons) {
      out += ':';
    }
    appendPadded(out, seconds, 2);
  }
}

struct Fields {
  int64_t year = 1970;
  int64_t month = 1;
  int64_t day = 1;
  int64_t hour = 0;
  int64_t hour12 = -1;
  int ampm = -1;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t nanos = 0;
  int dow = -1;
  bool hasOffset = false;
  int32_t offset = 0;
};

}  // namespace

DateTimeFormat DateTimeFormat::compile(std::string_view pattern) {
  DateTimeFormat f;
  f.pattern_ = std::string(pattern);
  size_t i = 0;
  auto addLiteral = [&f](std::string text) {
    if (!f.elements_.empty() && f.elements_.back().letter == 0) {
      f.elements_.back().literal += text;
    } else {
      f.elements_.push_back({0, 0, std::move(text)});
    }
  };
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '\'') {
      size_t end = i + 1;
      std::string text;
      while (true) {
        if (end >= pattern.size()) {
          throwUserError("INVALID_DATETIME_PATTERN",
                         "Unterminated quoted literal in datetime pattern '" + f.pattern_ + "'");
        }
        if (pattern[end] == '\'') {
          if (end + 1 < pattern.size() && pattern[end + 1] == '\'') {
            text += '\'';
            end += 2;
            continue;
          }
          break;
        }
        text += pattern[end++];
      }
      addLiteral(end == i + 1 ? std::string("'") : text);
      i = end + 1;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      size_t end = i;
      while (end < pattern.size() && pattern[end] == c) {
        ++end;
      }
      int width = static_cast<int>(end - i);
      if (maxWidth(c) == 0 || width > maxWidth(c)) {
        throwUserError("INVALID_DATETIME_PATTERN",
                       "Unsupported datetime pattern letter '" + std::string(width, c) +
                           "' in pattern '" + f.pattern_ + "'");
      }
      f.elements_.push_back({c, width, {}});
      i = end;
    } else if (c == '[' || c == ']' || c == '{' || c == '}' || c == '#') {
      throwUserError("INVALID_DATETIME_PATTERN", "Unsupported datetime pattern character '" +
                                                     std::string(1, c) + "' in pattern '" +
                                                     f.pattern_ + "'");
    } else {
      addLiteral(std::string(1, c));
      ++i;
    }
  }
  return f;
}

namespace {

bool parseFields(const std::vector<DateTimeFormat::Element>& elements,
                 std::string_view s,
                 Fields& f) {
  size_t pos = 0;
  for (size_t k = 0; k < elements.size(); ++k) {
    const auto& e = elements[k];
    bool adjacent = k + 1 < elements.size() && isNumeric(elements[k + 1]);
    int64_t v = 0;
    switch (e.letter) {
      case 0:
        if (s.size() - pos < e.literal.size() ||
            strncasecmp(s.data() + pos, e.literal.data(), e.literal.size()) != 0) {
          return false;
        }
        pos += e.literal.size();
        break;
      case 'y': {
        if (e.width == 2) {
          if (!readDigits(s, pos, 2, 2, v)) {
            return false;
          }
          f.year = 2000 + v;
        } else {
          int minD = e.width;
          int maxD = adjacent ? e.width : 9;
          if (e.width == 1 && adjacent) {
            maxD = 4;
          }
          if (!readDigits(s, pos, minD, maxD, v)) {
            return false;
          }
          f.year = v;
        }
        break;
      }
      case 'M':
        if (e.width >= 3) {
          const char* const* names = e.width == 3 ? kMonthsShort : kMonthsFull;
          int found = -1;
          for (int m = 0; m < 12 && found < 0; ++m) {
            if (matchText(s, pos, names[m])) {
              found = m;
            }
          }
          if (found < 0) {
            return false;
          }
          f.month = found + 1;
          break;
        }
        [[fallthrough]];
      case 'd':
      case 'H':
      case 'h':
      case 'm':
      case 's': {
        if (!readDigits(s, pos, e.width == 2 ? 2 : 1, 2, v)) {
          return false;
        }
        switch (e.letter) {
          case 'M': f.month = v; break;
          case 'd': f.day = v; break;
          case 'H': f.hour = v; break;
          case 'h': f.hour12 = v; break;
          case 'm': f.minute = v; break;
          default: f.second = v; break;
        }
        break;
      }
      case 'S': {
        int count = 0;
        if (!readDigits(s, pos, adjacent ? e.width : 1, e.width, v, &count)) {
          return false;
        }
        for (int d = count; d < 9; ++d) {
          v *= 10;
        }
        f.nanos = v;
        break;
      }
      case 'a':
        if (matchText(s, pos, "AM")) {
          f.ampm = 0;
        } else if (matchText(s, pos, "PM")) {
          f.ampm = 1;
        } else {
          return false;
        }
        break;
      case 'E': {
        const char* const* names = e.width == 4 ? kDaysFull : kDaysShort;
        int found = -1;
        for (int d = 0; d < 7 && found < 0; ++d) {
          if (matchText(s, pos, names[d])) {
            found = d;
          }
        }
        if (found < 0) {
          return false;
        }
        f.dow = found;
        break;
      }
      default: {  // X, x, Z
        if (e.letter == 'Z' && e.width == 4) {
          if (!matchText(s, pos, "GMT")) {
            return false;
          }
          f.hasOffset = true;
          f.offset = 0;
          if (pos < s.size() && (s[pos] == '+' || s[pos] == '-') &&
              !parseOffset(s, pos, false, f.offset)) {
            return false;
          }
          break;
        }
        bool allowZ = e.letter == 'X' || (e.letter == 'Z' && e.width == 5);
        if (!parseOffset(s, pos, allowZ, f.offset)) {
          return false;
        }
        f.hasOffset = true;
        break;
      }
    }
  }
  if (pos != s.size()) {
    return false;
  }
  if (f.hour12 >= 0) {
    if (f.hour12 < 1 || f.hour12 > 12) {
      return false;
    }
    f.hour = f.hour12 % 12 + (f.ampm == 1 ? 12 : 0);
  } else if (f.ampm >= 0 && f.hour > 12) {
    return false;
  }
  if (f.month < 1 || f.month > 12 || f.day < 1 ||
      f.day > daysInMonth(f.year, static_cast<unsigned>(f.month)) || f.hour > 23 ||
      f.minute > 59 || f.second > 59) {
    return false;
  }
  if (f.dow >= 0) {
    int32_t days = daysFromCivil(f.year, static_cast<unsigned>(f.month),
                                 static_cast<unsigned>(f.day));
    if (dayOfWeek(days) != f.dow) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<int64_t> DateTimeFormat::parseTimestamp(std::string_view text,
                                                      const TimeZone& zone) const {
  Fields f;
  if (!parseFields(elements_, text, f)) {
    return std::nullopt;
  }
  int64_t days =
      daysFromCivil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day));
  int64_t local = days * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
  int32_t offset = f.hasOffset ? f.offset : zone.offsetForLocal(local);
  return (local - offset) * kMicrosPerSecond + f.nanos / 1000;
}

std::optional<int32_t> DateTimeFormat::parseDate(std::string_view text) const {
  Fields f;
  if (!parseFields(elements_, text, f)) {
    return std::nullopt;
  }
  return daysFromCivil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day));
}

namespace {

void formatFields(const std::vector<DateTimeFormat::Element>& elements,
                  int64_t days,
                  int64_t secOfDay,
                  int64_t micros,
                  int32_t offset,
                  std::string& out) {
  CivilDate d = civilFromDays(days);
  int64_t hour = secOfDay / 3600;
  for (const auto& e : elements) {
    switch (e.letter) {
      case 0: out += e.literal; break;
      case 'y':
        if (e.width == 2) {
          appendPadded(out, ((d.year % 100) + 100) % 100, 2);
        } else {
          int64_t limit = 1;
          for (int k = 0; k < e.width; ++k) {
            limit *= 10;
          }
          if (e.width >= 4 && d.year >= limit) {
            out += '+';
          }
          appendPadded(out, d.year, e.width);
        }
        break;
      case 'M':
        if (e.width == 3) {
          out += kMonthsShort[d.month - 1];
        } else if (e.width == 4) {
          out += kMonthsFull[d.month - 1];
        } else {
          appendPadded(out, d.month, e.width);
        }
        break;
      case 'd': appendPadded(out, d.day, e.width); break;
      case 'H': appendPadded(out, hour, e.width); break;
      case 'h': appendPadded(out, hour % 12 == 0 ? 12 : hour % 12, e.width); break;
      case 'm': appendPadded(out, secOfDay / 60 % 60, e.width); break;
      case 's': appendPadded(out, secOfDay % 60, e.width); break;
      case 'S': {
        char buf[16];
        snprintf(buf, sizeof buf, "%09lld", static_cast<long long>(micros * 1000));
        out.append(buf, static_cast<size_t>(e.width));
        break;
      }
      case 'a': out += hour < 12 ? "AM" : "PM"; break;
      case 'E': out += (e.width == 4 ? kDaysFull : kDaysShort)[dayOfWeek(days)]; break;
      default: appendOffset(out, offset, e.letter, e.width); break;
    }
  }
}

}  // namespace

std::string DateTimeFormat::formatTimestamp(int64_t micros, const TimeZone& zone) const {
  int64_t seconds = floorDiv(micros, kMicrosPerSecond);
  int64_t frac = micros - seconds * kMicrosPerSecond;
  int32_t offset = zone.offsetAtUtc(seconds);
  int64_t local = seconds + offset;
  int64_t days = floorDiv(local, 86400);
  std::string out;
  formatFields(elements_, days, local - days * 86400, frac, offset, out);
  return out;
}

std::string DateTimeFormat::formatDate(int32_t days) const {
  std::string out;
  formatFields(elements_, days, 0, 0, 0, out);
  return out;
}

}  // namespace rivulet::time
