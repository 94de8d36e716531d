// DataSource: a relation a plan can scan (files, in-memory rows, a range, a micro-batch).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/columnar/batch.h"
#include "rivulet/expr/expression.h"
#include "rivulet/types/data_type.h"

namespace rivulet::time {
class TimeZone;
}

namespace rivulet::plan {

/// A stream of batches.
class BatchIterator {
 public:
  virtual ~BatchIterator() = default;

  virtual std::optional<Batch> next() = 0;
};

struct ScanContext {
  const time::TimeZone* zone = nullptr;
  int64_t batchRows = kDefaultBatchRows;
  /// spark.sql.sources.partitionColumnTypeInference.enabled: partition directory values get
  /// inferred types (else all are strings).
  bool partitionColumnTypeInference = true;
};

class DataSource {
 public:
  virtual ~DataSource() = default;

  virtual StructType schema() const = 0;

  /// The name in logical plans: "Relation [a#1,b#2] csv".
  virtual std::string relationName() const = 0;

  /// The physical scan line: "FileScan csv [a#1] Location: ..., ReadSchema: struct<a:int>".
  virtual std::string describeScan(const std::string& columns,
                                   const StructType& readSchema,
                                   const std::vector<expr::ExprPtr>& pushedFilters) const = 0;

  /// Opens a scan producing the schema's columns `projection` in that order. `filters` are
  /// resolved predicates the source may use to skip data (rows still get filtered above).
  virtual std::unique_ptr<BatchIterator> open(const std::vector<int>& projection,
                                              const std::vector<expr::ExprPtr>& filters,
                                              const ScanContext& context) const = 0;

  /// Whether this is a streaming source (a plan with one is a streaming DataFrame).
  virtual bool isStreaming() const { return false; }
};

using DataSourcePtr = std::shared_ptr<const DataSource>;

}  // namespace rivulet::plan
