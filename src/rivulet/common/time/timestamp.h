// Calendar arithmetic and Spark's default text forms of dates and timestamps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rivulet::time {

class TimeZone;

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

/// Days since 1970-01-01 for a proleptic Gregorian date.
int32_t daysFromCivil(int64_t year, unsigned month, unsigned day);

struct CivilDate {
  int64_t year;
  unsigned month;
  unsigned day;
};

CivilDate civilFromDays(int64_t days);

/// "2020-06-07".
std::string formatDate(int32_t days);

/// Spark's cast of a timestamp to string: "2020-06-07 15:58:49.8" (fraction without trailing
/// zeros, omitted when zero), in `zone`.
std::string formatTimestamp(int64_t micros, const TimeZone& zone);

/// ISO-8601 with offset as Spark's JSON writer does by default
/// ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"): "2020-06-07T20:31:56.019+03:00", "…Z" for UTC.
std::string formatTimestampIso(int64_t micros, const TimeZone& zone);

/// Spark's cast from string to date: "2020", "2020-06", "2020-06-07", "2020-06-07 anything",
/// "2020-06-07T…"; surrounding whitespace allowed. nullopt when not a date.
std::optional<int32_t> parseDate(std::string_view text);

/// Spark's cast from string to timestamp: "2020-06-07", "2020-06-07 15:58:49.8",
/// "2020-06-07T15:58:49.123456Z", "…+03:00", " …[Europe/Moscow]"; local times in `zone`.
std::optional<int64_t> parseTimestamp(std::string_view text, const TimeZone& zone);

}  // namespace rivulet::time
