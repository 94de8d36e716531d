// In-memory relations: rows given by the user (createDataFrame), cached results, and range().
#pragma once

#include <memory>
#include <vector>

#include "rivulet/plan/data_source.h"

namespace rivulet::plan {

/// Batches held in memory (LocalRelation / InMemoryRelation in Spark's plans).
class LocalSource : public DataSource {
 public:
  LocalSource(StructType schema, std::vector<Batch> batches, std::string name = "LocalRelation");

  StructType schema() const override { return schema_; }

  std::string relationName() const override { return name_; }

  std::string describeScan(const std::string& columns,
                           const StructType& readSchema,
                           const std::vector<expr::ExprPtr>& pushedFilters) const override;

  std::unique_ptr<BatchIterator> open(const std::vector<int>& projection,
                                      const std::vector<expr::ExprPtr>& filters,
                                      const ScanContext& context) const override;

 private:
  StructType schema_;
  std::vector<Batch> batches_;
  std::string name_;
};

/// range(start, end, step): one `id` bigint column, generated batch by batch.
class RangeSource : public DataSource {
 public:
  RangeSource(int64_t start, int64_t end, int64_t step);

  StructType schema() const override;

  std::string relationName() const override;

  std::string describeScan(const std::string& columns,
                           const StructType& readSchema,
                           const std::vector<expr::ExprPtr>& pushedFilters) const override;

  std::unique_ptr<BatchIterator> open(const std::vector<int>& projection,
                                      const std::vector<expr::ExprPtr>& filters,
                                      const ScanContext& context) const override;

 private:
  int64_t start_;
  int64_t end_;
  int64_t step_;
};

}  // namespace rivulet::plan
