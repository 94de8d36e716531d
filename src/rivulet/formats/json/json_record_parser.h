// JsonRecordParser: converts one JSON record (a line, a whole file, a from_json string) into
// column builders of a target type with simdjson's On-Demand API, falling back to the lenient
// path for records simdjson rejects. simdjson stays inside the .cc file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "rivulet/formats/json/json_column_builder.h"
#include "rivulet/formats/json/json_options.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

namespace time {
class TimeZone;
}

namespace json {

/// Bytes that must be readable (any value) after a record's text for the fast path.
constexpr size_t kJsonPadding = 64;

enum class RecordStatus {
  /// The record's rows were appended (possibly none, for blank text or `[]`).
  kOk,
  /// One row was appended, but some top-level fields could not be converted and are null.
  kPartial,
  /// Nothing was appended; error() says why.
  kMalformed,
};

struct RecordResult {
  RecordStatus status;
  int64_t rows;
};

class JsonRecordParser {
 public:
  /// `target` is a struct (a row per object), or for from_json an array or map type.
  JsonRecordParser(DataTypePtr target, const JsonOptions& options, const time::TimeZone& zone);

  ~JsonRecordParser();

  JsonRecordParser(const JsonRecordParser&) = delete;
  JsonRecordParser& operator=(const JsonRecordParser&) = delete;

  /// Parses `text`; `capacity` >= text.size() + kJsonPadding means the bytes after the text are
  /// readable, otherwise the text is copied into a padded buffer first. With `firstRowOnly` a
  /// root array of objects yields only its first row (from_json).
  RecordResult parse(std::string_view text, size_t capacity, bool firstRowOnly = false);

  /// Why the last record was malformed or partial.
  const std::string& error() const;

  /// The builder of the target type (for a struct target: one child per field).
  ColumnBuilder& root();

  /// Appends a row whose fields are all null (a malformed record in PERMISSIVE mode).
  void appendNullRow();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace json
}  // namespace rivulet
