// WriterOptions: the parquet writer's settings, parsed from Spark-style options.
#pragma once

#include <cstdint>
#include <string>

#include "rivulet/common/options.h"
#include "rivulet/formats/parquet/thrift/parquet_types.h"

namespace rivulet::parquet {

enum class TimestampOutput { kMicros, kMillis, kInt96 };

struct WriterOptions {
  Codec codec = Codec::kSnappy;
  /// Target row-group size (parquet.block.size).
  int64_t blockSize = int64_t{128} << 20;
  /// Target page size (parquet.page.size).
  int64_t pageSize = int64_t{1} << 20;
  /// Rows per page at most (parquet.page.row.count.limit).
  int64_t pageRowLimit = 20000;
  /// Dictionary encoding (parquet.enable.dictionary) and the dictionary size after which a
  /// column chunk falls back to PLAIN (parquet.dictionary.page.size).
  bool dictionary = true;
  int64_t dictionaryPageSize = int64_t{1} << 20;
  /// spark.sql.parquet.outputTimestampType.
  TimestampOutput timestamps = TimestampOutput::kMicros;
  /// Page CRCs (parquet.page.write-checksum.enabled).
  bool writeChecksums = true;

  /// Parses options; unknown compression names and non-positive sizes are user errors naming
  /// the option.
  static WriterOptions from(const Options& options);
};

/// ".snappy", ".gz", ".zstd", ".lz4hadoop", ".lz4raw", ".br" or "" as Spark names files.
std::string compressionExtension(const Options& options);

}  // namespace rivulet::parquet
