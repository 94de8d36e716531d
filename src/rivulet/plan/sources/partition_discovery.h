// Partition discovery: `key=value` directories between a scanned path and its files become
// typed columns (Spark's PartitioningUtils): each value is inferred as int, bigint, an integral
// decimal, double, timestamp, date or string (null for __HIVE_DEFAULT_PARTITION__), and a
// column takes the widest type of its values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rivulet/types/data_type.h"

namespace rivulet::plan {

struct PartitionSpec {
  /// The partition columns, in directory order (empty when the files are not partitioned).
  StructType columns;
  /// For each file, the unescaped text of each partition column's value (nullopt for null).
  std::vector<std::vector<std::optional<std::string>>> values;
};

/// Discovers the partitions of `files` listed under `basePaths`. Without `typeInference`
/// (spark.sql.sources.partitionColumnTypeInference.enabled=false) every column is a string.
/// Throws a user error naming the files when two files disagree on the partition column names.
PartitionSpec discoverPartitions(const std::vector<std::string>& basePaths,
                                 const std::vector<std::string>& files,
                                 bool typeInference = true);

}  // namespace rivulet::plan
