// Record assembly: turns the levels and dense values of leaf columns into Rivulet vectors
// (validity, list/map offsets, struct children), following a ReadNode tree.
#pragma once

#include <cstdint>
#include <vector>

#include "rivulet/columnar/vector.h"
#include "rivulet/formats/parquet/reader/column_reader.h"
#include "rivulet/formats/parquet/schema/read_plan.h"

namespace rivulet::parquet {

/// Builds the column for `node` over `numRecords` records from `leaves` (indexed by leaf
/// column; only the leaves under `node` are used, each leaf's values consumed once). Throws a
/// user error when the leaves disagree about the structure.
VectorPtr assembleColumn(const ReadNode& node, std::vector<LeafBatch>& leaves, int64_t numRecords);

}  // namespace rivulet::parquet
