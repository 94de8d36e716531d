// Row: one record of collect(), with typed getters in Spark's style.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rivulet/types/data_type.h"
#include "rivulet/types/value.h"

namespace rivulet {

/// A row of values with its schema. Getters throw a user error on a type mismatch or null
/// where a primitive is asked for (check isNullAt first), as Spark's Row does.
class Row {
 public:
  Row() = default;

  Row(std::vector<Value> values, std::shared_ptr<const StructType> schema = nullptr)
      : values_(std::move(values)), schema_(std::move(schema)) {}

  size_t size() const { return values_.size(); }

  size_t length() const { return values_.size(); }

  const Value& get(size_t i) const;

  bool isNullAt(size_t i) const { return get(i).isNull(); }

  bool getBoolean(size_t i) const;
  int8_t getByte(size_t i) const;
  int16_t getShort(size_t i) const;
  int32_t getInt(size_t i) const;
  int64_t getLong(size_t i) const;
  float getFloat(size_t i) const;
  double getDouble(size_t i) const;
  /// Strings and binary (bytes as they are).
  std::string getString(size_t i) const;
  /// Days since 1970-01-01.
  int32_t getDate(size_t i) const;
  /// Microseconds since the epoch, UTC.
  int64_t getTimestamp(size_t i) const;
  /// A nested struct as a Row with the field's schema.
  Row getStruct(size_t i) const;
  /// Array elements.
  const std::vector<Value>& getList(size_t i) const;

  /// Index of a field by name; throws if there is no schema or no such field.
  size_t fieldIndex(const std::string& name) const;

  const std::shared_ptr<const StructType>& schema() const { return schema_; }

  const std::vector<Value>& values() const { return values_; }

  /// Spark's Row.toString: "[00A,heliport,11]".
  std::string toString() const;

  bool operator==(const Row& other) const { return values_ == other.values_; }

 private:
  const Value& typed(size_t i, Value::Kind kind, const char* what) const;

  std::vector<Value> values_;
  std::shared_ptr<const StructType> schema_;
};

}  // namespace rivulet
