// Text-to-value conversions with the JVM's rules that Spark's CSV reader inherits
// (Integer.parseInt, Double.parseDouble, new BigDecimal, String.toBoolean).
#pragma once

#include <cstdint>
#include <string_view>

namespace rivulet::csv {

/// Integer.parseInt / Long.parseLong: optional sign, ASCII digits, no whitespace, no overflow.
[[nodiscard]] bool parseJavaInt(std::string_view s, int32_t& out);

[[nodiscard]] bool parseJavaLong(std::string_view s, int64_t& out);

/// Double.parseDouble: surrounding whitespace, sign, "NaN", "Infinity", exponents and a
/// trailing f/F/d/D suffix are accepted.
[[nodiscard]] bool parseJavaDouble(std::string_view s, double& out);

/// String.toBoolean as Scala does it: "true" / "false" ignoring case.
[[nodiscard]] bool parseJavaBoolean(std::string_view s, bool& out);

/// A number as java.math.BigDecimal reads it after Spark removes the "," grouping characters:
/// [sign] digits [. digits] [e [sign] digits].
struct BigDecimalText {
  /// The significant digits without leading zeros (at most 38 kept; `overflow` beyond).
  __int128 unscaled = 0;
  int precision = 1;
  /// Digits after the point minus the exponent; may be negative.
  int scale = 0;
  bool overflow = false;
};

[[nodiscard]] bool parseBigDecimal(std::string_view s, BigDecimalText& out);

/// Converts to decimal(precision, scale) rounding half up; false when it does not fit.
[[nodiscard]] bool parseDecimalValue(std::string_view s, int precision, int scale, __int128& out);

}  // namespace rivulet::csv
