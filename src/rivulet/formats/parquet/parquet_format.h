// The Parquet file format: makeParquetFormat() for the format registry, and the Parquet-specific
// entry point that also takes pushed-down filters for row-group skipping.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rivulet/formats/file_format.h"
#include "rivulet/types/value.h"

namespace rivulet {

/// The "parquet" format (reader and writer). Reader options: mergeSchema, binaryAsString,
/// verifyChecksums (default true), maxPageBytes, filterPushdown. Writer options: compression
/// (none, uncompressed, snappy, gzip, zstd, lz4, lz4_raw, brotli), parquet.block.size,
/// parquet.page.size, parquet.enable.dictionary, parquet.dictionary.page.size,
/// outputTimestampType (TIMESTAMP_MICROS, TIMESTAMP_MILLIS, INT96); keys may carry Spark's
/// "spark.sql.parquet." prefix.
std::unique_ptr<FileFormat> makeParquetFormat();

namespace parquet {

/// A simple predicate on a top-level column, pushed down to skip row groups whose statistics
/// prove that no row matches. The literal uses the column's Rivulet representation
/// (Value::integer for integral, date and timestamp columns, Value::real, Value::decimal,
/// Value::string, Value::boolean).
struct ParquetFilter {
  enum class Op { kEq, kLt, kLe, kGt, kGe, kIsNull, kIsNotNull };
  std::string column;
  Op op = Op::kEq;
  Value literal;
};

/// Opens `file` like FileFormat::open, skipping every row group for which some filter in
/// `filters` (a conjunction) cannot hold. Rows of the remaining row groups are returned
/// unfiltered: the caller still evaluates its predicate.
std::unique_ptr<FileReader> openParquetFile(const std::string& file,
                                            const StructType& dataSchema,
                                            const std::vector<int>& projection,
                                            const Options& options,
                                            const FormatContext& context,
                                            const std::vector<ParquetFilter>& filters);

}  // namespace parquet
}  // namespace rivulet
