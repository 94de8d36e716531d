// Partition discovery: `key=value` directories between a scanned path and its files become
// typed columns (Spark's PartitioningUtils): integer, bigint, double or string, and null for
// __HIVE_DEFAULT_PARTITION__.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rivulet/types/data_type.h"

namespace rivulet::plan {

struct PartitionSpec {
  /// The partition columns, in directory order (empty when the files are not partitioned).
  StructType columns;
  /// For each file, the text of each partition column's value (nullopt for null).
  std::vector<std::vector<std::optional<std::string>>> values;
};

/// Discovers the partitions of `files` listed under `basePaths`. Throws a user error naming the
/// files when two files disagree on the partition column names.
PartitionSpec discoverPartitions(const std::vector<std::string>& basePaths, const std::vector<std::string>& files);

}  // namespace rivulet::plan
