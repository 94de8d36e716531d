// Column-level JSON conversions behind to_json, from_json, schema_of_json and DataFrame.toJSON.
#pragma once

#include <string_view>

#include "rivulet/columnar/batch.h"
#include "rivulet/columnar/vector.h"
#include "rivulet/common/options.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

namespace time {
class TimeZone;
}

namespace json {

/// to_json: each row of a struct, map or array column as a JSON string; null rows stay null.
/// Options as the JSON writer's (ignoreNullFields, ...). Timestamps render in `zone`.
VectorPtr structsToJson(const Vector& input, const Options& options, const time::TimeZone& zone);

/// DataFrame.toJSON: each row of `batch` (columns per `schema`) as one JSON object string.
VectorPtr batchToJson(const Batch& batch,
                      const StructType& schema,
                      const Options& options,
                      const time::TimeZone& zone);

/// from_json: parses each string into `type` (struct, array or map). Null or blank input gives
/// null. Malformed input in PERMISSIVE mode (the default) gives a struct of nulls (with the raw
/// text in columnNameOfCorruptRecord when the struct has that field) or null for arrays and
/// maps; FAILFAST throws MALFORMED_RECORD_IN_PARSING; DROPMALFORMED is refused.
VectorPtr jsonToStructs(const Vector& strings,
                        const DataTypePtr& type,
                        const Options& options,
                        const time::TimeZone& zone);

/// schema_of_json: the type Spark infers for one JSON text (struct fields sorted by name;
/// "ARRAY<STRUCT<…>>" for an array of objects). Throws a user error for malformed JSON.
DataTypePtr inferJsonSchema(std::string_view json,
                            const Options& options,
                            const time::TimeZone& zone);

/// The merged type of every non-null string of a column (records widened as the file reader
/// does); nullptr when there is none.
DataTypePtr inferJsonSchema(const Vector& strings,
                            const Options& options,
                            const time::TimeZone& zone);

}  // namespace json
}  // namespace rivulet
