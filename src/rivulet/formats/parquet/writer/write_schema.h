// WriteSchema: a Rivulet schema as Parquet schema elements (Spark's standard, non-legacy
// layout), with a descriptor per leaf column and the tree that shreds values into leaves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rivulet/formats/parquet/thrift/parquet_types.h"
#include "rivulet/formats/parquet/writer/writer_options.h"
#include "rivulet/types/data_type.h"

namespace rivulet::parquet {

/// How a leaf's Rivulet values become physical values.
enum class ValueKind : uint8_t {
  kBool,
  kInt8,        // byte -> INT32
  kInt16,       // short -> INT32
  kInt32,       // int, date -> INT32
  kInt64,       // long -> INT64
  kTimestampMicros,
  kTimestampMillis,
  kTimestampInt96,
  kFloat,
  kDouble,
  kDecimal32,
  kDecimal64,
  kDecimalFixed,
  kBytes,       // string, binary -> BYTE_ARRAY
};

struct LeafDescriptor {
  std::vector<std::string> path;
  PhysicalType physical = PhysicalType::kInt32;
  int32_t typeLength = 0;
  int16_t maxDef = 0;
  int16_t maxRep = 0;
  ValueKind kind = ValueKind::kInt32;
};

/// A node of the shredding tree.
struct WriteNode {
  enum class Kind : uint8_t { kLeaf, kStruct, kList, kMap };
  Kind kind = Kind::kLeaf;
  /// Nullable: adds a definition level.
  bool optional = true;
  int leaf = -1;
  /// Repetition level of list/map elements.
  int16_t elemRep = 0;
  /// Struct fields; list: [element]; map: [key, value].
  std::vector<WriteNode> children;
  /// Leaf columns under this node (for nulls and empty lists).
  std::vector<int> leaves;
  std::string name;
};

struct WriteSchema {
  std::vector<SchemaElement> elements;
  std::vector<LeafDescriptor> leaves;
  std::vector<WriteNode> columns;
};

/// Throws a user error for types Parquet cannot hold (null type).
WriteSchema buildWriteSchema(const StructType& schema, const WriterOptions& options);

/// Bytes of a FIXED_LEN_BYTE_ARRAY decimal of `precision` digits (Spark's minBytesForPrecision).
int decimalBytes(int precision);

}  // namespace rivulet::parquet
