// Value: one scalar or nested value outside a column (literals, Row cells, partition values).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rivulet {

/// A dynamically-typed value. Its SQL type is known from context (a schema or an expression);
/// the kind only says how it is stored: integral types, dates (days) and timestamps (micros)
/// are kInt; float and double kDouble; decimals kDecimal (unscaled, scale kept); string and
/// binary kString; arrays, maps and structs hold child values.
class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kInt, kDouble, kDecimal, kString, kArray, kMap, kStruct };

  Value() = default;

  static Value boolean(bool v);
  static Value integer(int64_t v);
  static Value real(double v);
  static Value decimal(__int128 unscaled, int scale);
  static Value string(std::string v);
  static Value array(std::vector<Value> elements);
  static Value map(std::vector<Value> keys, std::vector<Value> values);
  static Value structValue(std::vector<Value> fields);

  Kind kind() const { return kind_; }

  bool isNull() const { return kind_ == Kind::kNull; }

  bool asBool() const { return i_ != 0; }

  int64_t asInt() const { return i_; }

  double asDouble() const { return d_; }

  __int128 asDecimal() const { return dec_; }

  int decimalScale() const { return static_cast<int>(i_); }

  const std::string& asString() const { return s_; }

  /// Array elements, struct fields, or map keys.
  const std::vector<Value>& children() const { return children_; }

  /// Map values (parallel to children()).
  const std::vector<Value>& mapValues() const { return mapValues_; }

  bool operator==(const Value& other) const;

 private:
  Kind kind_ = Kind::kNull;
  int64_t i_ = 0;
  double d_ = 0;
  __int128 dec_ = 0;
  std::string s_;
  std::vector<Value> children_;
  std::vector<Value> mapValues_;
};

}  // namespace rivulet
