// RelationProvider: a data source that is not a file format (kafka, rate, memory), reachable
// by name from read().format(...) and write().format(...).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "rivulet/common/options.h"
#include "rivulet/plan/data_source.h"

namespace rivulet::plan {

class RelationProvider {
 public:
  virtual ~RelationProvider() = default;

  /// "kafka".
  virtual std::string name() const = 0;

  /// A batch relation (read().format(name).load()).
  virtual DataSourcePtr createRelation(const Options& options,
                                       const std::optional<StructType>& userSchema,
                                       const ScanContext& context) const = 0;

  /// Writes every batch of a DataFrame of `schema` (write().format(name).save()). `mode` is
  /// errorifexists, append, overwrite or ignore.
  virtual void write(const StructType& schema,
                     BatchIterator& batches,
                     const Options& options,
                     const std::string& mode,
                     const ScanContext& context) const = 0;
};

/// Registers a provider (replacing one of the same name).
void registerRelationProvider(std::unique_ptr<RelationProvider> provider);

/// The provider named `name` (case-insensitive), or nullptr.
const RelationProvider* findRelationProvider(const std::string& name);

}  // namespace rivulet::plan
