// Converting a Parquet schema to Rivulet types (Spark's rules) and planning how to read a
// requested schema from it.
#pragma once

#include <string>
#include <vector>

#include "rivulet/formats/parquet/schema/parquet_schema.h"
#include "rivulet/formats/parquet/schema/read_plan.h"
#include "rivulet/types/data_type.h"

namespace rivulet::parquet {

struct ConvertOptions {
  /// Spark's spark.sql.parquet.binaryAsString: un-annotated BYTE_ARRAY read as string.
  bool binaryAsString = false;
};

/// The Rivulet schema of a Parquet file (Spark's Parquet-to-Spark conversion rules).
StructType convertSchema(const ParquetSchema& schema, const ConvertOptions& options);

/// Plans reading the top-level field `wanted` (matched by name, ignoring case) from the file;
/// a field the file lacks becomes a kMissing node (all nulls). Throws a user error naming the
/// column when the file's type cannot be read as the wanted type.
ReadNode planField(const ParquetSchema& schema, const StructField& wanted,
                   const ConvertOptions& options);

/// True when every field of `sparkSchema` can be read from the file as typed (used to accept
/// the Spark row-metadata schema written by Spark).
bool schemaReadableAs(const ParquetSchema& schema, const StructType& sparkSchema,
                      const ConvertOptions& options);

}  // namespace rivulet::parquet
