// Numbers as Java/Spark print them: doubles like Double.toString ("1.0", "1.0E10"), decimals
// in plain notation at their scale ("1.50").
#pragma once

#include <cstdint>
#include <string>

namespace rivulet {

std::string formatDouble(double v);

std::string formatFloat(float v);

std::string formatDecimal(__int128 unscaled, int scale);

/// Decimal digits of an __int128.
std::string int128ToString(__int128 v);

}  // namespace rivulet
