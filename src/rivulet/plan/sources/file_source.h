// FileSource: a batch scan of files of one format (csv, json, text, parquet).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rivulet/common/options.h"
#include "rivulet/plan/data_source.h"

namespace rivulet {
class FileFormat;
}

namespace rivulet::plan {

class FileSource : public DataSource {
 public:
  /// Lists the files now (errors for missing paths surface when the DataFrame is built) and
  /// infers the schema unless one is given.
  FileSource(const FileFormat& format,
             std::vector<std::string> paths,
             Options options,
             std::optional<StructType> userSchema,
             const ScanContext& context);

  /// A scan of exactly `files` with `schema` (no listing, no inference): the files a file
  /// stream source admitted for one micro-batch. `paths` are the user's paths, for explain, and
  /// the base of the `key=value` directories that give the values of `partitionColumns` (the
  /// last fields of `schema`, typed by it in `zone`; a file without one of them gets null).
  FileSource(const FileFormat& format,
             std::vector<std::string> paths,
             std::vector<std::string> files,
             Options options,
             StructType schema,
             const std::vector<std::string>& partitionColumns = {},
             const time::TimeZone* zone = nullptr);

  StructType schema() const override { return schema_; }

  std::string relationName() const override;

  std::string describeScan(const std::string& columns,
                           const StructType& readSchema,
                           const std::vector<expr::ExprPtr>& pushedFilters) const override;

  std::unique_ptr<BatchIterator> open(const std::vector<int>& projection,
                                      const std::vector<expr::ExprPtr>& filters,
                                      const ScanContext& context) const override;

  const std::vector<std::string>& files() const { return files_; }

 private:
  const FileFormat& format_;
  std::vector<std::string> paths_;
  std::vector<std::string> files_;
  Options options_;
  StructType schema_;
  /// The columns the files hold (the schema without the partition columns).
  StructType dataSchema_;
  /// Partition columns (after the data columns in schema_) and each file's values (one-row
  /// vectors of the column's type).
  StructType partitionSchema_;
  std::vector<std::vector<VectorPtr>> partitionValues_;
};

}  // namespace rivulet::plan
