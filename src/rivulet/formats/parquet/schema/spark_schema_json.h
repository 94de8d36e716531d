// Parsing the Spark schema JSON that Spark stores in the Parquet footer under
// org.apache.spark.sql.parquet.row.metadata.
#pragma once

#include <optional>
#include <string_view>

#include "rivulet/types/data_type.h"

namespace rivulet::parquet {

/// The footer key under which Spark stores its schema.
inline constexpr const char* kSparkRowMetadataKey = "org.apache.spark.sql.parquet.row.metadata";

/// The struct type in Spark's JSON form, or nullopt when the text is not a Spark schema or
/// uses a type Rivulet lacks.
std::optional<StructType> parseSparkSchemaJson(std::string_view json);

}  // namespace rivulet::parquet
