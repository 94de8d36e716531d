// Helpers for the CSV and text format tests: read files through the FileFormat interface and
// render rows as Spark renders them ("[2012,Tesla,S,null,null]").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/formats/file_format.h"
#include "rivulet/formats/file_listing.h"
#include "rivulet/types/value_format.h"

namespace rivulet::testing {

struct ReadResult {
  StructType schema;
  std::vector<std::string> rows;
  int64_t numRows = 0;
};

inline std::string renderRow(const Batch& batch, const std::vector<DataTypePtr>& types, int64_t r) {
  ValueFormatOptions fo;
  fo.zone = time::TimeZone::utc().get();
  fo.binaryAsHex = false;
  std::string s = "[";
  for (size_t c = 0; c < batch.numColumns(); ++c) {
    if (c > 0) {
      s += ",";
    }
    s += formatValue(valueAt(*batch.column(c), r), *types[c], fo);
  }
  return s + "]";
}

/// Reads `paths` with `format`; infers the schema unless one is given; `projection` defaults
/// to every column. Rendered in UTC.
inline ReadResult readFormat(const std::string& format,
                             const std::vector<std::string>& paths,
                             const Options& options,
                             std::optional<StructType> schema = std::nullopt,
                             std::optional<std::vector<int>> projection = std::nullopt,
                             int64_t batchRows = kDefaultBatchRows) {
  const FileFormat& f = fileFormat(format);
  FormatContext ctx;
  ctx.zone = time::TimeZone::utc().get();
  ctx.batchRows = batchRows;
  std::vector<std::string> files = listDataFiles(paths);
  ReadResult result;
  result.schema = schema ? *schema : f.inferSchema(files, options, ctx);
  std::vector<int> proj;
  if (projection) {
    proj = *projection;
  } else {
    for (size_t i = 0; i < result.schema.size(); ++i) {
      proj.push_back(static_cast<int>(i));
    }
  }
  std::vector<DataTypePtr> types;
  for (int i : proj) {
    types.push_back(result.schema[static_cast<size_t>(i)].type);
  }
  for (const auto& file : files) {
    auto reader = f.open(file, result.schema, proj, options, ctx);
    while (auto batch = reader->next()) {
      for (int64_t r = 0; r < batch->numRows(); ++r) {
        if (!proj.empty()) {
          result.rows.push_back(renderRow(*batch, types, r));
        }
      }
      result.numRows += batch->numRows();
    }
  }
  return result;
}

inline ReadResult readCsv(const std::string& path,
                          const Options& options,
                          std::optional<StructType> schema = std::nullopt,
                          std::optional<std::vector<int>> projection = std::nullopt) {
  return readFormat("csv", {path}, options, std::move(schema), std::move(projection));
}

inline std::vector<std::string> rows(std::initializer_list<const char*> r) {
  return std::vector<std::string>(r.begin(), r.end());
}

}  // namespace rivulet::testing
