// KafkaRelation: the batch relation of read().format("kafka"), and KafkaRelationProvider, which
// also writes DataFrames to Kafka (write().format("kafka")).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/connectors/kafka/kafka_options.h"
#include "rivulet/plan/data_source.h"
#include "rivulet/plan/relation_provider.h"

namespace rivulet::kafka {

class KafkaRelation : public plan::DataSource {
 public:
  explicit KafkaRelation(KafkaSourceOptions options);

  StructType schema() const override;

  /// "KafkaRelation(strategy=Subscribe[t], start=EarliestOffsetRangeLimit, end=LatestOffsetRangeLimit)".
  std::string relationName() const override;

  std::string describeScan(const std::string& columns,
                           const StructType& readSchema,
                           const std::vector<expr::ExprPtr>& pushedFilters) const override;

  /// Resolves the offset ranges now (as Spark does when the scan runs) and reads them.
  std::unique_ptr<plan::BatchIterator> open(const std::vector<int>& projection,
                                            const std::vector<expr::ExprPtr>& filters,
                                            const plan::ScanContext& context) const override;

  const KafkaSourceOptions& options() const { return options_; }

 private:
  KafkaSourceOptions options_;
};

class KafkaRelationProvider : public plan::RelationProvider {
 public:
  std::string name() const override { return "kafka"; }

  plan::DataSourcePtr createRelation(const Options& options,
                                     const std::optional<StructType>& userSchema,
                                     const plan::ScanContext& context) const override;

  void write(const StructType& schema,
             plan::BatchIterator& batches,
             const Options& options,
             const std::string& mode,
             const plan::ScanContext& context) const override;
};

}  // namespace rivulet::kafka
