// The lenient JSON path: re-reads a record that the strict parser rejected, with the leniencies
// the options allow (comments, single quotes, unquoted names, leading zeros, NaN/Infinity,
// escaped any character), keeping only the first value as Jackson does, and rewrites it as
// strict JSON (duplicate keys: the last wins). Slow but only used for such records.
#pragma once

#include <string>
#include <string_view>

#include "rivulet/formats/json/json_options.h"

namespace rivulet::json {

/// Nesting deeper than this is a malformed record (Jackson's default limit).
constexpr int kMaxJsonDepth = 1000;

/// Writes the strict form of the first value of `text` into `out`. On malformed input returns
/// false with `error` saying what was expected and the byte offset. Whitespace-only text gives
/// true with an empty `out`.
[[nodiscard]] bool normalizeJson(std::string_view text,
                                 const JsonOptions& options,
                                 std::string& out,
                                 std::string& error);

/// Whether `text` is valid UTF-8.
bool isValidUtf8(std::string_view text);

}  // namespace rivulet::json
