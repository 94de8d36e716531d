// Column-chunk statistics as Rivulet values, and the row-group test for pushed-down filters.
#pragma once

#include <optional>
#include <vector>

#include "rivulet/formats/parquet/parquet_format.h"
#include "rivulet/formats/parquet/schema/read_plan.h"
#include "rivulet/formats/parquet/thrift/parquet_types.h"
#include "rivulet/types/value.h"

namespace rivulet::parquet {

struct ChunkStatistics {
  std::optional<Value> min;
  std::optional<Value> max;
  std::optional<int64_t> nullCount;
};

/// The trustworthy statistics of a column chunk in the leaf's Rivulet representation: the
/// min_value/max_value fields, or the legacy min/max only for signed-ordered physical types;
/// NaN bounds are dropped.
ChunkStatistics chunkStatistics(const ColumnMetaData& meta, const LeafConversion& conversion);

/// False when `stats` (of a chunk of `numRows` rows) prove that no row satisfies `filter`.
bool mayMatch(const ParquetFilter& filter, const ChunkStatistics& stats, int64_t numRows);

}  // namespace rivulet::parquet
