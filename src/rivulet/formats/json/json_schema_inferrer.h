// JsonSchemaInferrer: the type of one JSON record by Spark's inference rules (numbers → bigint
// / double / decimal, objects → structs with sorted fields, arrays → widened element type).
// Records are merged with compatibleRootType (json_schema.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "rivulet/formats/json/json_options.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

namespace time {
class TimeZone;
}

namespace json {

class JsonSchemaInferrer {
 public:
  JsonSchemaInferrer(const JsonOptions& options, const time::TimeZone& zone);

  ~JsonSchemaInferrer();

  JsonSchemaInferrer(const JsonSchemaInferrer&) = delete;
  JsonSchemaInferrer& operator=(const JsonSchemaInferrer&) = delete;

  /// The type of the first value of `text` (bytes after it readable up to `capacity`, as for
  /// JsonRecordParser). nullptr for blank text. Sets `malformed` (and error()) when the text
  /// is not JSON.
  DataTypePtr infer(std::string_view text, size_t capacity, bool* malformed);

  const std::string& error() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace json
}  // namespace rivulet
