// Batch: equal-length columns flowing between operators.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "rivulet/columnar/vector.h"

namespace rivulet {

class Batch {
 public:
  Batch() = default;

  Batch(std::vector<VectorPtr> columns, int64_t numRows)
      : columns_(std::move(columns)), numRows_(numRows) {}

  int64_t numRows() const { return numRows_; }

  size_t numColumns() const { return columns_.size(); }

  const VectorPtr& column(size_t i) const { return columns_[i]; }

  const std::vector<VectorPtr>& columns() const { return columns_; }

  std::vector<VectorPtr>& mutableColumns() { return columns_; }

 private:
  std::vector<VectorPtr> columns_;
  int64_t numRows_ = 0;
};

using BatchPtr = std::shared_ptr<const Batch>;

/// Rows per batch that readers and operators aim for.
constexpr int64_t kDefaultBatchRows = 4096;

}  // namespace rivulet
