// ParquetFileInfo: a plain description of a Parquet file's footer (schema, row groups, column
// chunks, encodings, codecs, statistics) for tools such as a `parquet-meta` command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rivulet/types/data_type.h"

namespace rivulet::parquet {

struct ParquetColumnChunkInfo {
  /// Dotted path in the Parquet schema ("a.list.element").
  std::string path;
  /// "INT32", "BYTE_ARRAY", ...
  std::string physicalType;
  /// "SNAPPY", "UNCOMPRESSED", ...
  std::string codec;
  /// Encodings listed in the column metadata ("PLAIN", "RLE_DICTIONARY", ...).
  std::vector<std::string> encodings;
  int64_t numValues = 0;
  int64_t compressedSize = 0;
  int64_t uncompressedSize = 0;
  int64_t dataPageOffset = 0;
  std::optional<int64_t> dictionaryPageOffset;
  std::optional<int64_t> nullCount;
  /// Statistics rendered as Spark renders values of the column's type; absent when the file
  /// has none (or only untrustworthy ones).
  std::optional<std::string> min;
  std::optional<std::string> max;
};

struct ParquetRowGroupInfo {
  int64_t numRows = 0;
  int64_t totalByteSize = 0;
  std::vector<ParquetColumnChunkInfo> columns;
};

struct ParquetFileInfo {
  int32_t version = 0;
  int64_t numRows = 0;
  std::string createdBy;
  std::vector<std::pair<std::string, std::string>> keyValueMetadata;
  /// The Parquet schema in the format's message notation.
  std::string parquetSchema;
  /// The schema as Rivulet reads it.
  StructType schema;
  std::vector<ParquetRowGroupInfo> rowGroups;
};

/// Reads the footer of `path`; throws a rivulet::Error naming the file when it is not a
/// readable Parquet file.
ParquetFileInfo readParquetMetadata(const std::string& path);

}  // namespace rivulet::parquet
