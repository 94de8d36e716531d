#include "rivulet/types/data_type.h"

#include <strings.h>

#include <utility>

#include "rivulet/common/error.h"

namespace rivulet {

namespace {

DataTypePtr makePrimitive(TypeId id) {
  return std::make_shared<const DataType>(id, 0, 0, std::vector<DataTypePtr>{}, false,
                                          std::vector<StructField>{});
}

std::string jsonEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

void appendTree(const DataType& type, const std::string& prefix, std::string& out);

void appendField(const std::string& name,
                 const DataType& type,
                 const std::string& suffix,
                 const std::string& prefix,
                 std::string& out) {
  out += prefix;
  out += "-- ";
  out += name;
  out += ": ";
  out += type.typeName();
  out += suffix;
  out += '\n';
  appendTree(type, prefix + "    |", out);
}

std::string nullableSuffix(const char* what, bool flag) {
  return std::string(" (") + what + " = " + (flag ? "true" : "false") + ")";
}

void appendTree(const DataType& type, const std::string& prefix, std::string& out) {
  switch (type.id()) {
    case TypeId::kStruct:
      for (const auto& f : type.fields()) {
        appendField(f.name, *f.type, nullableSuffix("nullable", f.nullable), prefix, out);
      }
      break;
    case TypeId::kArray:
      appendField("element", *type.elementType(), nullableSuffix("containsNull", type.containsNull()),
                  prefix, out);
      break;
    case TypeId::kMap:
      appendField("key", *type.keyType(), "", prefix, out);
      appendField("value", *type.valueType(),
                  nullableSuffix("valueContainsNull", type.valueContainsNull()), prefix, out);
      break;
    default:
      break;
  }
}

}  // namespace

bool StructField::operator==(const StructField& other) const {
  return name == other.name && nullable == other.nullable && type->equals(*other.type);
}

DataType::DataType(TypeId id,
                   int precision,
                   int scale,
                   std::vector<DataTypePtr> children,
                   bool containsNull,
                   std::vector<StructField> fields)
    : id_(id),
      precision_(precision),
      scale_(scale),
      children_(std::move(children)),
      containsNull_(containsNull),
      fields_(std::move(fields)) {}

#define RIVULET_PRIMITIVE(fn, id)                   \
  DataTypePtr DataType::fn() {                      \
    static const DataTypePtr type = makePrimitive(id); \
    return type;                                    \
  }

RIVULET_PRIMITIVE(null, TypeId::kNull)
RIVULET_PRIMITIVE(boolean, TypeId::kBoolean)
RIVULET_PRIMITIVE(byte, TypeId::kByte)
RIVULET_PRIMITIVE(shortType, TypeId::kShort)
RIVULET_PRIMITIVE(integer, TypeId::kInt)
RIVULET_PRIMITIVE(longType, TypeId::kLong)
RIVULET_PRIMITIVE(floatType, TypeId::kFloat)
RIVULET_PRIMITIVE(doubleType, TypeId::kDouble)
RIVULET_PRIMITIVE(string, TypeId::kString)
RIVULET_PRIMITIVE(binary, TypeId::kBinary)
RIVULET_PRIMITIVE(date, TypeId::kDate)
RIVULET_PRIMITIVE(timestamp, TypeId::kTimestamp)
#undef RIVULET_PRIMITIVE

DataTypePtr DataType::decimal(int precision, int scale) {
  if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
    throwUserError("INVALID_DECIMAL",
                   "Decimal precision " + std::to_string(precision) + " and scale " +
                       std::to_string(scale) + " are out of range: precision must be 1..38 and scale 0..precision");
  }
  return std::make_shared<const DataType>(TypeId::kDecimal, precision, scale,
                                          std::vector<DataTypePtr>{}, false,
                                          std::vector<StructField>{});
}

DataTypePtr DataType::array(DataTypePtr elementType, bool containsNull) {
  return std::make_shared<const DataType>(TypeId::kArray, 0, 0,
                                          std::vector<DataTypePtr>{std::move(elementType)},
                                          containsNull, std::vector<StructField>{});
}

DataTypePtr DataType::map(DataTypePtr keyType, DataTypePtr valueType, bool valueContainsNull) {
  return std::make_shared<const DataType>(
      TypeId::kMap, 0, 0, std::vector<DataTypePtr>{std::move(keyType), std::move(valueType)},
      valueContainsNull, std::vector<StructField>{});
}

DataTypePtr DataType::structType(std::vector<StructField> fields) {
  return std::make_shared<const DataType>(TypeId::kStruct, 0, 0, std::vector<DataTypePtr>{}, false,
                                          std::move(fields));
}

int DataType::fieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) {
      return static_cast<int>(i);
    }
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name.size() == name.size() &&
        strncasecmp(fields_[i].name.data(), name.data(), name.size()) == 0) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::string DataType::simpleString() const {
  switch (id_) {
    case TypeId::kNull: return "void";
    case TypeId::kBoolean: return "boolean";
    case TypeId::kByte: return "tinyint";
    case TypeId::kShort: return "smallint";
    case TypeId::kInt: return "int";
    case TypeId::kLong: return "bigint";
    case TypeId::kFloat: return "float";
    case TypeId::kDouble: return "double";
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
    case TypeId::kString: return "string";
    case TypeId::kBinary: return "binary";
    case TypeId::kDate: return "date";
    case TypeId::kTimestamp: return "timestamp";
    case TypeId::kArray: return "array<" + elementType()->simpleString() + ">";
    case TypeId::kMap:
      return "map<" + keyType()->simpleString() + "," + valueType()->simpleString() + ">";
    case TypeId::kStruct: {
      std::string s = "struct<";
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i > 0) {
          s += ',';
        }
        s += fields_[i].name + ":" + fields_[i].type->simpleString();
      }
      return s + ">";
    }
  }
  return "unknown";
}

std::string DataType::typeName() const {
  switch (id_) {
    case TypeId::kNull: return "void";
    case TypeId::kByte: return "byte";
    case TypeId::kShort: return "short";
    case TypeId::kInt: return "integer";
    case TypeId::kLong: return "long";
    case TypeId::kArray: return "array";
    case TypeId::kMap: return "map";
    case TypeId::kStruct: return "struct";
    default: return simpleString();
  }
}

std::string DataType::sql() const {
  switch (id_) {
    case TypeId::kNull: return "VOID";
    case TypeId::kBoolean: return "BOOLEAN";
    case TypeId::kByte: return "TINYINT";
    case TypeId::kShort: return "SMALLINT";
    case TypeId::kInt: return "INT";
    case TypeId::kLong: return "BIGINT";
    case TypeId::kFloat: return "FLOAT";
    case TypeId::kDouble: return "DOUBLE";
    case TypeId::kDecimal:
      return "DECIMAL(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
    case TypeId::kString: return "STRING";
    case TypeId::kBinary: return "BINARY";
    case TypeId::kDate: return "DATE";
    case TypeId::kTimestamp: return "TIMESTAMP";
    case TypeId::kArray: return "ARRAY<" + elementType()->sql() + ">";
    case TypeId::kMap: return "MAP<" + keyType()->sql() + ", " + valueType()->sql() + ">";
    case TypeId::kStruct: {
      std::string s = "STRUCT<";
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i > 0) {
          s += ", ";
        }
        s += fields_[i].name + ": " + fields_[i].type->sql();
        if (!fields_[i].nullable) {
          s += " NOT NULL";
        }
      }
      return s + ">";
    }
  }
  return "UNKNOWN";
}

std::string DataType::toDDL() const {
  std::string s;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) {
      s += ',';
    }
    s += fields_[i].name + " " + fields_[i].type->sql();
    if (!fields_[i].nullable) {
      s += " NOT NULL";
    }
  }
  return s;
}

std::string DataType::json() const {
  switch (id_) {
    case TypeId::kArray:
      return "{\"type\":\"array\",\"elementType\":" + elementType()->json() +
             ",\"containsNull\":" + (containsNull_ ? "true" : "false") + "}";
    case TypeId::kMap:
      return "{\"type\":\"map\",\"keyType\":" + keyType()->json() + ",\"valueType\":" +
             valueType()->json() + ",\"valueContainsNull\":" + (containsNull_ ? "true" : "false") +
             "}";
    case TypeId::kStruct: {
      std::string s = "{\"type\":\"struct\",\"fields\":[";
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i > 0) {
          s += ',';
        }
        s += "{\"name\":\"" + jsonEscape(fields_[i].name) + "\",\"type\":" + fields_[i].type->json() +
             ",\"nullable\":" + (fields_[i].nullable ? "true" : "false") + ",\"metadata\":{}}";
      }
      return s + "]}";
    }
    default:
      return "\"" + typeName() + "\"";
  }
}

std::string DataType::treeString() const {
  std::string out = "root\n";
  if (id_ == TypeId::kStruct) {
    appendTree(*this, " |", out);
  } else {
    appendField("value", *this, nullableSuffix("nullable", true), " |", out);
  }
  return out;
}

bool DataType::equals(const DataType& other) const {
  if (id_ != other.id_ || precision_ != other.precision_ || scale_ != other.scale_ ||
      containsNull_ != other.containsNull_ || children_.size() != other.children_.size() ||
      fields_.size() != other.fields_.size()) {
    return false;
  }
  for (size_t i = 0; i < children_.size(); ++i) {
    if (!children_[i]->equals(*other.children_[i])) {
      return false;
    }
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!(fields_[i] == other.fields_[i])) {
      return false;
    }
  }
  return true;
}

bool DataType::sameType(const DataType& other) const {
  if (id_ != other.id_ || precision_ != other.precision_ || scale_ != other.scale_ ||
      children_.size() != other.children_.size() || fields_.size() != other.fields_.size()) {
    return false;
  }
  for (size_t i = 0; i < children_.size(); ++i) {
    if (!children_[i]->sameType(*other.children_[i])) {
      return false;
    }
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name != other.fields_[i].name || !fields_[i].type->sameType(*other.fields_[i].type)) {
      return false;
    }
  }
  return true;
}

bool DataType::isNumeric() const {
  switch (id_) {
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong:
    case TypeId::kFloat:
    case TypeId::kDouble:
    case TypeId::kDecimal:
      return true;
    default:
      return false;
  }
}

bool DataType::isIntegral() const {
  return id_ == TypeId::kByte || id_ == TypeId::kShort || id_ == TypeId::kInt || id_ == TypeId::kLong;
}

bool DataType::isFixedWidth() const { return fixedWidth() > 0; }

int DataType::fixedWidth() const {
  switch (id_) {
    case TypeId::kNull: return 1;
    case TypeId::kBoolean: return 1;
    case TypeId::kByte: return 1;
    case TypeId::kShort: return 2;
    case TypeId::kInt: return 4;
    case TypeId::kDate: return 4;
    case TypeId::kFloat: return 4;
    case TypeId::kLong: return 8;
    case TypeId::kTimestamp: return 8;
    case TypeId::kDouble: return 8;
    case TypeId::kDecimal: return 16;
    default: return 0;
  }
}

bool operator==(const DataType& a, const DataType& b) { return a.equals(b); }

StructType::StructType(DataTypePtr structType) : type_(std::move(structType)) {
  if (type_->id() != TypeId::kStruct) {
    throwInternalError("StructType made from non-struct type " + type_->simpleString());
  }
}

StructType StructType::add(std::string name, DataTypePtr type, bool nullable) const {
  auto fields = this->fields();
  fields.push_back(StructField{std::move(name), std::move(type), nullable});
  return StructType(std::move(fields));
}

std::vector<std::string> StructType::fieldNames() const {
  std::vector<std::string> names;
  for (const auto& f : fields()) {
    names.push_back(f.name);
  }
  return names;
}

}  // namespace rivulet
