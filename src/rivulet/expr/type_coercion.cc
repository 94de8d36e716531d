#include "rivulet/expr/type_coercion.h"

#include <algorithm>

namespace rivulet::expr {

namespace {

int numericRank(TypeId id) {
  switch (id) {
    case TypeId::kByte: return 1;
    case TypeId::kShort: return 2;
    case TypeId::kInt: return 3;
    case TypeId::kLong: return 4;
    case TypeId::kFloat: return 6;
    case TypeId::kDouble: return 7;
    default: return 0;
  }
}

// Decimal able to hold an integral type exactly (Spark's DecimalType.forType).
DataTypePtr decimalFor(const DataType& t) {
  switch (t.id()) {
    case TypeId::kByte: return DataType::decimal(3, 0);
    case TypeId::kShort: return DataType::decimal(5, 0);
    case TypeId::kInt: return DataType::decimal(10, 0);
    case TypeId::kLong: return DataType::decimal(20, 0);
    default: return nullptr;
  }
}

DataTypePtr widerDecimal(const DataType& a, const DataType& b) {
  int scale = std::max(a.scale(), b.scale());
  int range = std::max(a.precision() - a.scale(), b.precision() - b.scale());
  return DataType::decimal(std::min(38, range + scale), std::min(scale, 38));
}

}  // namespace

DataTypePtr tightestCommonType(const DataTypePtr& a, const DataTypePtr& b) {
  if (a->equals(*b)) {
    return a;
  }
  if (a->sameType(*b)) {
    return a;
  }
  if (a->id() == TypeId::kNull) {
    return b;
  }
  if (b->id() == TypeId::kNull) {
    return a;
  }
  int ra = numericRank(a->id());
  int rb = numericRank(b->id());
  if (ra > 0 && rb > 0) {
    return ra >= rb ? a : b;
  }
  if (a->id() == TypeId::kDecimal || b->id() == TypeId::kDecimal) {
    const DataTypePtr& d = a->id() == TypeId::kDecimal ? a : b;
    const DataTypePtr& o = a->id() == TypeId::kDecimal ? b : a;
    if (o->id() == TypeId::kDecimal) {
      return widerDecimal(*a, *b);
    }
    if (o->id() == TypeId::kFloat || o->id() == TypeId::kDouble) {
      return DataType::doubleType();
    }
    if (auto od = decimalFor(*o)) {
      return widerDecimal(*d, *od);
    }
    return nullptr;
  }
  if ((a->id() == TypeId::kDate && b->id() == TypeId::kTimestamp) ||
      (a->id() == TypeId::kTimestamp && b->id() == TypeId::kDate)) {
    return DataType::timestamp();
  }
  if (a->id() == TypeId::kArray && b->id() == TypeId::kArray) {
    auto e = tightestCommonType(a->elementType(), b->elementType());
    return e ? DataType::array(e, a->containsNull() || b->containsNull()) : nullptr;
  }
  return nullptr;
}

DataTypePtr comparisonCommonType(const DataTypePtr& a, const DataTypePtr& b) {
  if (auto t = tightestCommonType(a, b)) {
    return t;
  }
  bool aString = a->id() == TypeId::kString;
  bool bString = b->id() == TypeId::kString;
  if (aString || bString) {
    const DataTypePtr& other = aString ? b : a;
    if (other->id() == TypeId::kDate || other->id() == TypeId::kTimestamp ||
        other->id() == TypeId::kBoolean) {
      return other;
    }
    if (other->isNumeric()) {
      return other->isIntegral() ? other : DataType::doubleType();
    }
    if (other->id() == TypeId::kBinary) {
      return DataType::binary();
    }
  }
  return nullptr;
}

ExprPtr castIfNeeded(const ExprPtr& e, const DataTypePtr& type) {
  if (e->type() && e->type()->equals(*type)) {
    return e;
  }
  if (e->type() && e->type()->sameType(*type)) {
    return e;
  }
  return Expression::cast(e, type)->withType(type, e->nullable());
}

bool canCast(const DataType& from, const DataType& to) {
  if (from.sameType(to) || from.id() == TypeId::kNull) {
    return true;
  }
  if (to.id() == TypeId::kString) {
    return true;
  }
  switch (from.id()) {
    case TypeId::kString:
      return to.id() != TypeId::kArray && to.id() != TypeId::kMap && to.id() != TypeId::kStruct;
    case TypeId::kBinary: return to.id() == TypeId::kString;
    case TypeId::kDate: return to.id() == TypeId::kTimestamp;
    case TypeId::kTimestamp: return to.id() == TypeId::kDate || to.isNumeric() || to.id() == TypeId::kBoolean;
    case TypeId::kBoolean: return to.isNumeric() || to.id() == TypeId::kTimestamp;
    case TypeId::kArray:
      return to.id() == TypeId::kArray && canCast(*from.elementType(), *to.elementType());
    case TypeId::kMap:
      return to.id() == TypeId::kMap && canCast(*from.keyType(), *to.keyType()) &&
             canCast(*from.valueType(), *to.valueType());
    case TypeId::kStruct:
      if (to.id() != TypeId::kStruct || to.fields().size() != from.fields().size()) {
        return false;
      }
      for (size_t i = 0; i < from.fields().size(); ++i) {
        if (!canCast(*from.fields()[i].type, *to.fields()[i].type)) {
          return false;
        }
      }
      return true;
    default:
      return from.isNumeric() && (to.isNumeric() || to.id() == TypeId::kBoolean ||
                                  to.id() == TypeId::kTimestamp);
  }
}

ExprPtr literalOf(const Value& v, const DataTypePtr& type) { return Expression::literal(v, type); }

}  // namespace rivulet::expr
