// Hive-style partition directories ("key=value"), as Spark writes them.
#pragma once

#include <string>
#include <string_view>

namespace rivulet {

/// The directory name of a null partition value.
inline constexpr std::string_view kDefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

/// A partition value with the characters Spark escapes in path names as %XX.
std::string escapePartitionValue(std::string_view value);

}  // namespace rivulet
