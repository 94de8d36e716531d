// ReadNode: how one Rivulet value (column, struct field, list element) is assembled from
// Parquet leaf columns and their levels; LeafConversion: how a leaf's physical values become
// the Rivulet representation of its type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rivulet/formats/parquet/thrift/parquet_types.h"
#include "rivulet/types/data_type.h"

namespace rivulet::parquet {

/// What the values of a leaf column mean, from its logical / converted type.
enum class SourceKind : uint8_t {
  kPlain,          // the physical type as is (un-annotated, STRING, ENUM, JSON, BSON)
  kSigned,         // INT(8/16/32/64, signed)
  kUnsigned,       // INT(8/16/32/64, unsigned)
  kDate,           // days
  kTime,           // time of day in `unit`
  kTimestamp,      // instant (or local) in `unit`
  kDecimal,        // unscaled with `scale`
  kFloat16,        // FLBA(2) half float
  kUuid,           // FLBA(16)
};

struct LeafConversion {
  PhysicalType physical = PhysicalType::kInt32;
  int32_t typeLength = 0;
  SourceKind source = SourceKind::kPlain;
  TimeUnit unit = TimeUnit::kMicros;
  int32_t bitWidth = 0;
  int32_t scale = 0;
  /// Target decimal scale minus source scale (>= 0).
  int32_t rescale = 0;
  DataTypePtr target;
};

struct ReadNode {
  enum class Kind : uint8_t { kLeaf, kStruct, kList, kMap, kMissing };
  Kind kind = Kind::kLeaf;
  DataTypePtr type;
  /// The value is non-null where def >= nullDef.
  int16_t nullDef = 0;
  /// Lists and maps: a row has an element where def >= elemDef; elements start where
  /// rep <= elemRep.
  int16_t elemDef = 0;
  int16_t elemRep = 0;
  /// kLeaf: its column; others: the first leaf under it, whose levels give the structure.
  int leaf = -1;
  /// Struct fields; list: [element]; map: [key, value].
  std::vector<ReadNode> children;
  /// kLeaf only.
  LeafConversion conversion;
  /// Dotted Parquet path, for messages.
  std::string path;
};

}  // namespace rivulet::parquet
