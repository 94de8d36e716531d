// ParquetFile: an opened Parquet file with its decoded footer and schema tree.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "rivulet/formats/parquet/reader/random_access_file.h"
#include "rivulet/formats/parquet/schema/parquet_schema.h"
#include "rivulet/formats/parquet/schema/schema_converter.h"
#include "rivulet/formats/parquet/thrift/parquet_types.h"

namespace rivulet::parquet {

class ParquetFile {
 public:
  /// Opens `path` and reads its footer; throws a user error naming the file when it is not
  /// Parquet, is encrypted, or its footer is malformed.
  explicit ParquetFile(const std::string& path);

  const RandomAccessFile& file() const { return *file_; }

  const std::string& path() const { return file_->path(); }

  const FileMetaData& metadata() const { return meta_; }

  const ParquetSchema& schema() const { return *schema_; }

  /// A footer key-value entry.
  std::optional<std::string> keyValue(const std::string& key) const;

  /// The file's schema as Rivulet types: Spark's row metadata when present and readable,
  /// otherwise converted from the Parquet schema.
  StructType rivuletSchema(const ConvertOptions& options) const;

 private:
  std::unique_ptr<RandomAccessFile> file_;
  FileMetaData meta_;
  std::unique_ptr<ParquetSchema> schema_;
};

}  // namespace rivulet::parquet
