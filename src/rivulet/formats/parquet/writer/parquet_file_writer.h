// ParquetFileWriter: the FileWriter of the parquet format. Shreds batches into leaf columns,
// buffers a row group in memory (compressed pages), and writes the footer with Spark's
// row-metadata schema on close().
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "rivulet/formats/file_format.h"
#include "rivulet/formats/parquet/writer/column_writer.h"
#include "rivulet/formats/parquet/writer/write_schema.h"
#include "rivulet/formats/parquet/writer/writer_options.h"

namespace rivulet::parquet {

class ParquetFileWriter : public FileWriter {
 public:
  ParquetFileWriter(const std::string& path, const StructType& schema, const WriterOptions& options);

  ~ParquetFileWriter() override;

  void write(const Batch& batch) override;

  void close() override;

 private:
  void shred(const WriteNode& node, const Vector& v, int64_t row, int16_t def, int16_t rep);
  void flushRowGroup();
  void writeBytes(const std::string& bytes);

  std::string path_;
  StructType schema_;
  WriterOptions options_;
  WriteSchema writeSchema_;
  std::vector<std::unique_ptr<ColumnWriter>> columns_;
  std::FILE* file_ = nullptr;
  int64_t offset_ = 0;
  int64_t rowGroupRows_ = 0;
  int64_t totalRows_ = 0;
  std::vector<RowGroup> rowGroups_;
  std::string chunkBuffer_;
  bool closed_ = false;
};

/// Creates a writer for `file` (the FileFormat::create of the parquet format).
std::unique_ptr<FileWriter> createParquetWriter(const std::string& file, const StructType& schema,
                                                const Options& options, const FormatContext& context);

}  // namespace rivulet::parquet
