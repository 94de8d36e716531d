// DataType and StructType: Spark's SQL types, immutable and shared (DataTypePtr).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rivulet {

enum class TypeId : uint8_t {
  kNull,
  kBoolean,
  kByte,
  kShort,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kDecimal,
  kString,
  kBinary,
  kDate,
  kTimestamp,
  kArray,
  kMap,
  kStruct,
};

class DataType;
using DataTypePtr = std::shared_ptr<const DataType>;

/// A named, typed field of a struct.
struct StructField {
  std::string name;
  DataTypePtr type;
  bool nullable = true;

  bool operator==(const StructField& other) const;
};

/// A Spark SQL data type. Create with the factories (DataType::integer(), DataType::array(...)).
class DataType {
 public:
  static DataTypePtr null();
  static DataTypePtr boolean();
  static DataTypePtr byte();
  static DataTypePtr shortType();
  static DataTypePtr integer();
  static DataTypePtr longType();
  static DataTypePtr floatType();
  static DataTypePtr doubleType();
  static DataTypePtr decimal(int precision, int scale);
  static DataTypePtr string();
  static DataTypePtr binary();
  static DataTypePtr date();
  static DataTypePtr timestamp();
  static DataTypePtr array(DataTypePtr elementType, bool containsNull = true);
  static DataTypePtr map(DataTypePtr keyType, DataTypePtr valueType, bool valueContainsNull = true);
  static DataTypePtr structType(std::vector<StructField> fields);

  TypeId id() const { return id_; }

  /// Decimal precision and scale (0 for other types).
  int precision() const { return precision_; }

  int scale() const { return scale_; }

  /// Array element type, or map key type.
  const DataTypePtr& elementType() const { return children_[0]; }

  bool containsNull() const { return containsNull_; }

  const DataTypePtr& keyType() const { return children_[0]; }

  const DataTypePtr& valueType() const { return children_[1]; }

  bool valueContainsNull() const { return containsNull_; }

  /// Struct fields (empty for other types).
  const std::vector<StructField>& fields() const { return fields_; }

  /// Index of the struct field `name` (case-insensitive, as Spark's default), or -1.
  int fieldIndex(std::string_view name) const;

  /// Spark's simpleString: "bigint", "array<int>", "struct<a:int,b:string>".
  std::string simpleString() const;

  /// Spark's typeName as printSchema shows it: "long", "integer", "array", "struct".
  std::string typeName() const;

  /// DDL form: "BIGINT", "ARRAY<INT>", "STRUCT<a: INT>"; for a struct type the field list
  /// "a INT,b STRING" is toDDL().
  std::string sql() const;

  std::string toDDL() const;

  /// Spark's JSON schema form ({"type":"struct","fields":[...]}).
  std::string json() const;

  /// The printSchema tree ("root\n |-- a: integer (nullable = true)\n").
  std::string treeString() const;

  bool equals(const DataType& other) const;

  /// Equal ignoring nullability flags.
  bool sameType(const DataType& other) const;

  bool isNumeric() const;

  bool isIntegral() const;

  /// Types whose values are fixed-width in a column buffer.
  bool isFixedWidth() const;

  /// Bytes per value in a column buffer for fixed-width types (bool: 1, decimal: 16).
  int fixedWidth() const;

  bool isNested() const { return id_ == TypeId::kArray || id_ == TypeId::kMap || id_ == TypeId::kStruct; }

  DataType(TypeId id, int precision, int scale, std::vector<DataTypePtr> children, bool containsNull,
           std::vector<StructField> fields);

 private:
  TypeId id_;
  int precision_;
  int scale_;
  std::vector<DataTypePtr> children_;
  bool containsNull_;
  std::vector<StructField> fields_;
};

bool operator==(const DataType& a, const DataType& b);

/// A schema: the struct type of a DataFrame's rows. Cheap to copy.
class StructType {
 public:
  StructType() : type_(DataType::structType({})) {}

  StructType(std::vector<StructField> fields) : type_(DataType::structType(std::move(fields))) {}

  explicit StructType(DataTypePtr structType);

  /// Returns a new schema with a field appended (Spark's `add`).
  StructType add(std::string name, DataTypePtr type, bool nullable = true) const;

  const std::vector<StructField>& fields() const { return type_->fields(); }

  size_t size() const { return fields().size(); }

  const StructField& operator[](size_t i) const { return fields()[i]; }

  int fieldIndex(std::string_view name) const { return type_->fieldIndex(name); }

  std::vector<std::string> fieldNames() const;

  std::string treeString() const { return type_->treeString(); }

  std::string simpleString() const { return type_->simpleString(); }

  std::string toDDL() const { return type_->toDDL(); }

  std::string json() const { return type_->json(); }

  const DataTypePtr& asDataType() const { return type_; }

  bool operator==(const StructType& other) const { return type_->equals(*other.type_); }

 private:
  DataTypePtr type_;
};

/// Parses a DDL type ("int", "array<string>", "decimal(10,2)", "struct<a:int>").
DataTypePtr parseDataType(std::string_view ddl);

/// Parses a DDL schema ("a INT, b STRING" or "a int, b array<string> NOT NULL").
StructType parseSchemaDDL(std::string_view ddl);

}  // namespace rivulet
