// Spark's time strings for options ("5s", "100ms", "7d"; JavaUtils.timeStringAs).
#pragma once

#include <cstdint>
#include <string_view>

namespace rivulet::connectors {

/// "<integer>[us|ms|s|m|min|h|d]" (case-insensitive, spaces trimmed) in milliseconds; a bare
/// number is taken as milliseconds. Throws a user error naming the text otherwise.
int64_t timeStringAsMs(std::string_view text);

/// The same in whole seconds (a bare number is seconds; finer units truncate: "1500ms" → 1).
int64_t timeStringAsSec(std::string_view text);

}  // namespace rivulet::connectors
