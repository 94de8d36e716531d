// ParquetFileReader: the FileReader of the parquet format. Reads the projected columns row
// group by row group, page by page, a batch of records at a time; skips row groups whose
// statistics rule out the pushed-down filters.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/formats/file_format.h"
#include "rivulet/formats/parquet/parquet_format.h"
#include "rivulet/formats/parquet/reader/column_reader.h"
#include "rivulet/formats/parquet/reader/parquet_file.h"

namespace rivulet::parquet {

struct ReaderOptions {
  ConvertOptions convert;
  PageReaderOptions pages;
  bool filterPushdown = true;
  int64_t batchRows = kDefaultBatchRows;

  static ReaderOptions from(const Options& options, const FormatContext& context);
};

class ParquetFileReader : public FileReader {
 public:
  ParquetFileReader(const std::string& path, const StructType& dataSchema,
                    const std::vector<int>& projection, const ReaderOptions& options,
                    std::vector<ParquetFilter> filters);

  std::optional<Batch> next() override;

  /// Row groups skipped by statistics so far.
  int64_t skippedRowGroups() const { return skippedRowGroups_; }

 private:
  bool openNextRowGroup();
  bool rowGroupMayMatch(const RowGroup& rowGroup) const;
  std::optional<Batch> readBatch();

  ParquetFile file_;
  ReaderOptions options_;
  std::vector<ReadNode> plans_;
  std::vector<int> leaves_;
  std::vector<ParquetFilter> filters_;
  std::vector<int> filterPlans_;
  size_t nextRowGroup_ = 0;
  int64_t currentRowGroup_ = -1;
  int64_t rowsLeftInGroup_ = 0;
  std::vector<std::unique_ptr<ColumnReader>> readers_;
  std::vector<LeafBatch> batches_;
  int64_t skippedRowGroups_ = 0;
};

}  // namespace rivulet::parquet
