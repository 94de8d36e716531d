#include "rivulet/types/value.h"

#include <utility>

namespace rivulet {

Value Value::boolean(bool v) {
  Value r;
  r.kind_ = Kind::kBool;
  r.i_ = v ? 1 : 0;
  return r;
}

Value Value::integer(int64_t v) {
  Value r;
  r.kind_ = Kind::kInt;
  r.i_ = v;
  return r;
}

Value Value::real(double v) {
  Value r;
  r.kind_ = Kind::kDouble;
  r.d_ = v;
  return r;
}

Value Value::decimal(__int128 unscaled, int scale) {
  Value r;
  r.kind_ = Kind::kDecimal;
  r.dec_ = unscaled;
  r.i_ = scale;
  return r;
}

Value Value::string(std::string v) {
  Value r;
  r.kind_ = Kind::kString;
  r.s_ = std::move(v);
  return r;
}

Value Value::array(std::vector<Value> elements) {
  Value r;
  r.kind_ = Kind::kArray;
  r.children_ = std::move(elements);
  return r;
}

Value Value::map(std::vector<Value> keys, std::vector<Value> values) {
  Value r;
  r.kind_ = Kind::kMap;
  r.children_ = std::move(keys);
  r.mapValues_ = std::move(values);
  return r;
}

Value Value::structValue(std::vector<Value> fields) {
  Value r;
  r.kind_ = Kind::kStruct;
  r.children_ = std::move(fields);
  return r;
}

bool Value::operator==(const Value& other) const {
  if (kind_ != other.kind_) {
    return false;
  }
  switch (kind_) {
    case Kind::kNull: return true;
    case Kind::kBool:
    case Kind::kInt: return i_ == other.i_;
    case Kind::kDouble: return d_ == other.d_ || (d_ != d_ && other.d_ != other.d_);
    case Kind::kDecimal: return dec_ == other.dec_ && i_ == other.i_;
    case Kind::kString: return s_ == other.s_;
    case Kind::kArray:
    case Kind::kStruct: return children_ == other.children_;
    case Kind::kMap: return children_ == other.children_ && mapValues_ == other.mapValues_;
  }
  return false;
}

}  // namespace rivulet
