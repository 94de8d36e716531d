// Spark's JSON schema inference rules without the parser: type widening across records
// (compatibleType), the root-level merge that adds _corrupt_record, canonicalisation (null-only
// fields become string or are dropped, empty structs vanish), and number-text helpers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rivulet/formats/json/json_options.h"
#include "rivulet/types/data_type.h"

namespace rivulet::json {

/// The widest type of two inferred types (JsonInferSchema.compatibleType).
DataTypePtr compatibleType(const DataTypePtr& a, const DataTypePtr& b);

/// Merges two record-level types: structs merge, arrays at the root are looked into, any other
/// type next to a struct marks corrupt records (PERMISSIVE adds the corrupt column).
DataTypePtr compatibleRootType(const DataTypePtr& a,
                               const DataTypePtr& b,
                               const JsonOptions& options);

/// Null-only → string (or dropped with dropFieldIfAllNull), empty structs dropped, empty
/// names dropped. nullptr when the whole type vanishes.
DataTypePtr canonicalizeType(const DataTypePtr& type, const JsonOptions& options);

/// A struct's fields sorted by name, as inference produces them.
DataTypePtr sortedStruct(std::vector<StructField> fields);

enum class NumberKind { kInvalid, kInteger, kBigInteger, kFloat };

/// Classifies JSON number text (strict grammar). kInteger fits an int64 (`value` set).
NumberKind classifyNumber(std::string_view text, int64_t* value);

/// Precision and scale of text read as java.math.BigDecimal (negative scales folded into
/// the precision). False when not a decimal literal.
bool decimalShape(std::string_view text, int* precision, int* scale);

/// Parses decimal text into an unscaled value at `scale`, rounding HALF_UP; false when not a
/// number or when it needs more than `precision` digits.
bool parseDecimal(std::string_view text, int precision, int scale, __int128* out);

}  // namespace rivulet::json
