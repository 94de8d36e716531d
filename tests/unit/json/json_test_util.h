// Helpers for the JSON tests: read a file through the format and render rows as text.
#pragma once

#include <string>
#include <vector>

#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/options.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/formats/file_format.h"
#include "rivulet/formats/json/json_format.h"
#include "rivulet/types/value_format.h"

namespace rivulet::testing {

/// Renders a batch's rows as "[v1, v2]" (Spark's cast-to-string of each cell).
inline std::vector<std::string> renderRows(const Batch& batch,
                                           const StructType& schema,
                                           const time::TimeZone& zone) {
  std::vector<std::string> rows;
  ValueFormatOptions fo;
  fo.zone = &zone;
  fo.binaryAsHex = false;
  for (int64_t r = 0; r < batch.numRows(); ++r) {
    std::string s = "[";
    for (size_t c = 0; c < batch.numColumns(); ++c) {
      if (c > 0) {
        s += ", ";
      }
      s += formatValue(valueAt(*batch.column(c), r), *schema[c].type, fo);
    }
    rows.push_back(s + "]");
  }
  return rows;
}

/// Reads `files` with `schema` (inferred when null), every column.
struct ReadResult {
  StructType schema;
  std::vector<std::string> rows;
};

inline ReadResult readJson(const std::vector<std::string>& files,
                           const Options& options,
                           const StructType* schema = nullptr,
                           const std::string& zoneId = "UTC") {
  auto format = makeJsonFormat();
  auto zone = time::TimeZone::load(zoneId);
  FormatContext context;
  context.zone = zone.get();
  ReadResult result;
  result.schema = schema != nullptr ? *schema : format->inferSchema(files, options, context);
  std::vector<int> projection;
  for (size_t i = 0; i < result.schema.size(); ++i) {
    projection.push_back(static_cast<int>(i));
  }
  for (const auto& f : files) {
    auto reader = format->open(f, result.schema, projection, options, context);
    while (auto batch = reader->next()) {
      for (auto& row : renderRows(*batch, result.schema, *zone)) {
        result.rows.push_back(row);
      }
    }
  }
  return result;
}

using Rows = std::vector<std::string>;

}  // namespace rivulet::testing
