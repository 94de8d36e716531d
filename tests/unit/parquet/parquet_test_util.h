// Helpers for the Parquet tests: read a file into text rows as Spark renders them.
#pragma once

#include <string>
#include <vector>

#include "rivulet/columnar/batch.h"
#include "rivulet/common/options.h"
#include "rivulet/types/data_type.h"

namespace rivulet::parquet::testing {

struct ReadResult {
  StructType schema;
  /// One line per row: the values as Spark casts them to string (timestamps in UTC, binary
  /// as hex), separated by " | ".
  std::vector<std::string> rows;
  int64_t batches = 0;
};

/// Reads every column of `path` with the schema the format infers.
ReadResult readParquet(const std::string& path, const Options& options = {}, int64_t batchRows = 4096);

/// Reads `path` with an explicit data schema and projection.
ReadResult readParquet(const std::string& path, const StructType& schema, const std::vector<int>& projection,
                       const Options& options = {}, int64_t batchRows = 4096);

/// Renders the rows of batches.
std::vector<std::string> renderRows(const StructType& schema, const std::vector<Batch>& batches);

/// The message of the rivulet::Error that reading `path` throws ("" when it reads fine).
std::string readError(const std::string& path, const Options& options = {});

/// Writes `batches` of `schema` to `path` with the parquet format.
void writeParquet(const std::string& path, const StructType& schema, const std::vector<Batch>& batches,
                  const Options& options = {});

/// A schema with every type (nested ones included) and a deterministic table of it: row i
/// of each nullable column is null where (i + column) % 7 == 0.
extern const char* const kAllTypes;
Batch allTypesBatch(const StructType& schema, int64_t begin, int64_t n);

}  // namespace rivulet::parquet::testing
