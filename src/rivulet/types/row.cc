#include "rivulet/types/row.h"

#include "rivulet/common/error.h"
#include "rivulet/types/value_format.h"

namespace rivulet {

const Value& Row::get(size_t i) const {
  if (i >= values_.size()) {
    throwUserError("INDEX_OUT_OF_BOUNDS", "Row index " + std::to_string(i) +
                                              " is out of bounds: the row has " +
                                              std::to_string(values_.size()) + " fields");
  }
  return values_[i];
}

const Value& Row::typed(size_t i, Value::Kind kind, const char* what) const {
  const Value& v = get(i);
  if (v.isNull()) {
    throwUserError("NULL_VALUE", std::string("Value at index ") + std::to_string(i) +
                                     " is null; cannot read it as " + what);
  }
  if (v.kind() != kind) {
    throwUserError("CLASS_CAST", std::string("Value at index ") + std::to_string(i) +
                                     " is not " + what);
  }
  return v;
}

bool Row::getBoolean(size_t i) const { return typed(i, Value::Kind::kBool, "a boolean").asBool(); }

int8_t Row::getByte(size_t i) const {
  return static_cast<int8_t>(typed(i, Value::Kind::kInt, "a byte").asInt());
}

int16_t Row::getShort(size_t i) const {
  return static_cast<int16_t>(typed(i, Value::Kind::kInt, "a short").asInt());
}

int32_t Row::getInt(size_t i) const {
  return static_cast<int32_t>(typed(i, Value::Kind::kInt, "an int").asInt());
}

int64_t Row::getLong(size_t i) const { return typed(i, Value::Kind::kInt, "a long").asInt(); }

float Row::getFloat(size_t i) const {
  return static_cast<float>(typed(i, Value::Kind::kDouble, "a float").asDouble());
}

double Row::getDouble(size_t i) const {
  return typed(i, Value::Kind::kDouble, "a double").asDouble();
}

std::string Row::getString(size_t i) const {
  const Value& v = get(i);
  if (v.isNull()) {
    return {};
  }
  return typed(i, Value::Kind::kString, "a string").asString();
}

int32_t Row::getDate(size_t i) const {
  return static_cast<int32_t>(typed(i, Value::Kind::kInt, "a date").asInt());
}

int64_t Row::getTimestamp(size_t i) const {
  return typed(i, Value::Kind::kInt, "a timestamp").asInt();
}

Row Row::getStruct(size_t i) const {
  const Value& v = typed(i, Value::Kind::kStruct, "a struct");
  std::shared_ptr<const StructType> nested;
  if (schema_ && i < schema_->size() && (*schema_)[i].type->id() == TypeId::kStruct) {
    nested = std::make_shared<const StructType>((*schema_)[i].type);
  }
  return Row(v.children(), nested);
}

const std::vector<Value>& Row::getList(size_t i) const {
  return typed(i, Value::Kind::kArray, "an array").children();
}

size_t Row::fieldIndex(const std::string& name) const {
  int idx = schema_ ? schema_->fieldIndex(name) : -1;
  if (idx < 0) {
    throwUserError("FIELD_NOT_FOUND", "Field \"" + name + "\" does not exist in the row");
  }
  return static_cast<size_t>(idx);
}

std::string Row::toString() const {
  std::string out = "[";
  for (size_t i = 0; i < values_.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    if (schema_ && i < schema_->size()) {
      out += formatValue(values_[i], *(*schema_)[i].type, ValueFormatOptions{});
    } else {
      out += formatValueUntyped(values_[i]);
    }
  }
  return out + "]";
}

}  // namespace rivulet
