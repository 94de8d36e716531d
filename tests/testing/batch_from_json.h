// Test data as text: a Batch from JSON rows, one JSON array per row.
#pragma once

#include <string_view>

#include "rivulet/columnar/batch.h"
#include "rivulet/types/data_type.h"
#include "rivulet/types/value.h"

namespace rivulet::testing {

/// `[["00A", 11, null], ["00AA", 3435, 1.5]]` → a Batch of the schema's types. Per type:
/// booleans true/false; numbers as JSON numbers (float/double also "NaN", "Infinity",
/// "-Infinity"; decimals also as strings, rounded HALF_UP to the scale); strings as strings;
/// binary as a string (its UTF-8 bytes) or an array of byte values; dates "2020-06-07";
/// timestamps "2020-06-07 15:58:49.8" (UTC unless the text names a zone) or microseconds;
/// arrays as arrays; structs as arrays (by position) or objects (by name); maps as objects
/// (keys converted from their text) or arrays of [key, value] pairs. Throws on bad input.
Batch batchFromJson(const StructType& schema, std::string_view jsonRows);

/// One JSON value (same rules) as a Value of `type`.
Value valueFromJson(const DataType& type, std::string_view json);

}  // namespace rivulet::testing
