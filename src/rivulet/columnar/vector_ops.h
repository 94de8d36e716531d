// Whole-vector helpers: read a cell as a Value, gather rows, slice, concatenate.
#pragma once

#include <cstdint>
#include <vector>

#include "rivulet/columnar/batch.h"
#include "rivulet/columnar/vector.h"
#include "rivulet/types/value.h"

namespace rivulet {

/// Cell `row` as a Value (nested values included).
Value valueAt(const Vector& vector, int64_t row);

/// A vector of `type` holding `values`.
VectorPtr vectorFromValues(const DataTypePtr& type, const std::vector<Value>& values);

/// A vector of `size` copies of `value`.
VectorPtr constantVector(const DataTypePtr& type, const Value& value, int64_t size);

/// Rows `indices[0..n)` of `source`, in that order.
VectorPtr gather(const Vector& source, const int32_t* indices, int64_t n);

/// Rows [offset, offset+length) of `source`.
VectorPtr slice(const Vector& source, int64_t offset, int64_t length);

/// The vectors one after another (all of the same type).
VectorPtr concat(const std::vector<VectorPtr>& parts);

/// The same for batches.
Batch gatherBatch(const Batch& batch, const int32_t* indices, int64_t n);
Batch sliceBatch(const Batch& batch, int64_t offset, int64_t length);
Batch concatBatches(const std::vector<Batch>& batches, size_t numColumns);

}  // namespace rivulet
