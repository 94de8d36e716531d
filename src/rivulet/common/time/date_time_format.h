// DateTimeFormat: Spark's datetime patterns ("yyyy-MM-dd HH:mm:ss.SSS", "dd/MM/yyyy", "XXX")
// for the timestampFormat / dateFormat options of CSV and JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rivulet::time {

class TimeZone;

class DateTimeFormat {
 public:
  /// Compiles a pattern; throws a user error naming the bad letter for unsupported patterns.
  static DateTimeFormat compile(std::string_view pattern);

  /// Parses a whole string to micros since the epoch (local fields in `zone` unless the
  /// pattern has an offset/zone field). nullopt when the text does not match.
  std::optional<int64_t> parseTimestamp(std::string_view text, const TimeZone& zone) const;

  /// Parses a whole string to days since the epoch.
  std::optional<int32_t> parseDate(std::string_view text) const;

  std::string formatTimestamp(int64_t micros, const TimeZone& zone) const;

  std::string formatDate(int32_t days) const;

  const std::string& pattern() const { return pattern_; }

  /// Pattern elements, public for the implementation's helpers.
  struct Element {
    char letter;  // 0 for a literal
    int width;
    std::string literal;
  };

 private:
  std::string pattern_;
  std::vector<Element> elements_;
};

}  // namespace rivulet::time
