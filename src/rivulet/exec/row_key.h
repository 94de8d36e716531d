// Row keys: the values of some columns of one row encoded as bytes, for hash tables
// (distinct, aggregation, join). Equal values give equal bytes; null is distinct from any value.
#pragma once

#include <string>
#include <vector>

#include "rivulet/columnar/vector.h"

namespace rivulet::exec {

/// Appends the encoding of row `row` of `v` to `out`.
void appendKey(const Vector& v, int64_t row, std::string& out);

/// The key of row `row` over `columns`.
std::string rowKey(const std::vector<VectorPtr>& columns, int64_t row);

/// Whether any of the key columns is null at `row` (SQL equality never matches nulls).
bool anyNull(const std::vector<VectorPtr>& columns, int64_t row);

}  // namespace rivulet::exec
