// The text side of Spark's (non-ANSI) CAST, vectorized: any type to string, string to any
// scalar type; plus the scalar parsers readers use for typed text fields.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rivulet/columnar/vector.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

namespace time {
class TimeZone;
}

/// How values are spelled as text. Spark's CAST uses the defaults; show() (ToPrettyString)
/// renders binary as hex and decimals in plain notation.
struct TextStyle {
  /// Zone for timestamps (required).
  const time::TimeZone* zone = nullptr;
  /// Spelling of null elements inside arrays, maps and structs.
  std::string_view nullString = "null";
  /// Binary as "[7B 22]" instead of its bytes.
  bool binaryAsHex = false;
  /// Decimals always plain ("0.0000001"); otherwise Java's BigDecimal.toString ("1E-7").
  bool decimalPlain = false;
};

/// Appends the text of the non-null cell `row` of `vector` to `out` (nested values included).
void appendCellText(const Vector& vector, int64_t row, const TextStyle& style, std::string& out);

/// CAST(x AS STRING) of every row: "true", "1.0E10", "2020-06-07 15:58:49.8", "[1, 2]",
/// "{a -> 1}", "{1, a}"; binary keeps its bytes. Nulls stay null.
VectorPtr castToString(const Vector& input, const time::TimeZone& zone);

/// CAST(s AS target) for a string (or binary) vector; text that is not a valid value of the
/// target becomes null, as Spark's non-ANSI cast does. Throws a user error for nested targets.
VectorPtr castFromString(const Vector& strings,
                         const DataTypePtr& target,
                         const time::TimeZone& zone);

/// Spark's string to byte/short/int/long: surrounding whitespace and control characters ignored,
/// optional sign, a fractional part is dropped ("1.9" -> 1); nullopt when invalid or out of the
/// type's range.
std::optional<int64_t> parseIntegralText(std::string_view text, TypeId type);

/// Spark's string to double: Java's Double.parseDouble syntax ("1e10", ".5", "1.5d", "NaN",
/// "-Infinity") plus "inf", "+inf", "infinity", "-inf", "nan" in any case.
std::optional<double> parseDoubleText(std::string_view text);

/// Whether `text` is in Java's Double.parseDouble grammar as the cast reads it (surrounding
/// whitespace ignored; decimal digits, exponent, f/F/d/D suffix, NaN, Infinity; no hexadecimal
/// floats and none of the cast's extra spellings such as "inf").
bool isJavaFloatText(std::string_view text);

/// The same for float (rounded directly to float, as Float.parseFloat does).
std::optional<float> parseFloatText(std::string_view text);

/// Spark's string to decimal(precision, scale): Java BigDecimal syntax ("1.25", "-1e3"), rounded
/// HALF_UP to `scale`; nullopt when invalid or when it needs more than `precision` digits.
/// Returns the unscaled value.
std::optional<__int128> parseDecimalText(std::string_view text, int precision, int scale);

/// Spark's string to boolean: t/true/y/yes/1 and f/false/n/no/0, any case, trimmed.
std::optional<bool> parseBooleanText(std::string_view text);

/// Java's BigDecimal.toString of unscaled × 10^-scale: plain unless the adjusted exponent is
/// below -6 ("1E-7", "1.5E-8", "0E-7").
std::string formatDecimalJava(__int128 unscaled, int scale);

}  // namespace rivulet
