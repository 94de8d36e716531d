// Rendering values as Spark renders them in show() and Row.toString (cast to string).
#pragma once

#include <string>

#include "rivulet/types/data_type.h"
#include "rivulet/types/value.h"

namespace rivulet {

namespace time {
class TimeZone;
}

struct ValueFormatOptions {
  /// Zone for timestamps; null means the session default (the machine's zone).
  const time::TimeZone* zone = nullptr;
  /// show() renders binary as "[7B 22]"; cast to string keeps the bytes.
  bool binaryAsHex = true;
};

/// Spark's string form of a value of `type`: "null", "[a, b]", "{a, 1}", "2020-06-07 15:58:49.8".
std::string formatValue(const Value& value, const DataType& type, const ValueFormatOptions& options);

/// Best-effort form without a type (for rows without a schema).
std::string formatValueUntyped(const Value& value);

}  // namespace rivulet
