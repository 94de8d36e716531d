// TimeZone: a region ("Europe/Moscow", read from the system's TZif files) or a fixed offset
// ("UTC", "+03:00", "GMT+3"), for rendering and parsing timestamps in the session zone.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rivulet::time {

class TimeZone;
using TimeZonePtr = std::shared_ptr<const TimeZone>;

class TimeZone {
 public:
  /// Loads a zone by Spark's rules for spark.sql.session.timeZone: region IDs, "UTC", "Z",
  /// offsets "+03:00" / "-0800" / "GMT+3" / "UTC-08:00". Throws a user error for unknown IDs.
  static TimeZonePtr load(std::string_view id);

  /// The machine's zone (TZ, then /etc/localtime, else UTC).
  static TimeZonePtr systemDefault();

  static TimeZonePtr utc();

  const std::string& id() const { return id_; }

  /// Offset from UTC, in seconds, at the UTC instant `epochSeconds`.
  int32_t offsetAtUtc(int64_t epochSeconds) const;

  /// Offset for a local wall-clock time (seconds since 1970-01-01T00:00 local). In a gap the
  /// offset before the gap is used; in an overlap the earlier offset, as java.time does.
  int32_t offsetForLocal(int64_t localSeconds) const;

  /// Internal: built by load().
  struct Transition {
    int64_t utcSeconds;
    int32_t offsetAfter;
  };

  TimeZone(std::string id, int32_t fixedOffset, std::vector<Transition> transitions,
           int32_t initialOffset);

 private:
  std::string id_;
  int32_t fixedOffset_;
  std::vector<Transition> transitions_;
  int32_t initialOffset_;
};

}  // namespace rivulet::time
