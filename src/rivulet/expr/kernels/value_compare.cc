#include "rivulet/expr/kernels/value_compare.h"

#include <cmath>

namespace rivulet::expr {

int compareValues(const Value& a, const Value& b, const DataType& type) {
  if (a.isNull() || b.isNull()) {
    return a.isNull() == b.isNull() ? 0 : (a.isNull() ? -1 : 1);
  }
  switch (a.kind()) {
    case Value::Kind::kBool:
    case Value::Kind::kInt:
      return a.asInt() < b.asInt() ? -1 : (a.asInt() > b.asInt() ? 1 : 0);
    case Value::Kind::kDouble: {
      double x = a.asDouble(), y = b.asDouble();
      bool nx = std::isnan(x), ny = std::isnan(y);
      if (nx || ny) {
        return nx == ny ? 0 : (nx ? 1 : -1);
      }
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case Value::Kind::kDecimal:
      return a.asDecimal() < b.asDecimal() ? -1 : (a.asDecimal() > b.asDecimal() ? 1 : 0);
    case Value::Kind::kString: {
      int c = a.asString().compare(b.asString());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Value::Kind::kArray:
    case Value::Kind::kStruct:
    case Value::Kind::kMap: {
      size_t n = std::min(a.children().size(), b.children().size());
      for (size_t i = 0; i < n; ++i) {
        const DataType* childType = &type;
        if (type.id() == TypeId::kArray) {
          childType = type.elementType().get();
        } else if (type.id() == TypeId::kStruct && i < type.fields().size()) {
          childType = type.fields()[i].type.get();
        } else if (type.id() == TypeId::kMap) {
          childType = type.keyType().get();
        }
        int c = compareValues(a.children()[i], b.children()[i], *childType);
        if (c != 0) {
          return c;
        }
      }
      return a.children().size() < b.children().size() ? -1
                                                       : (a.children().size() > b.children().size() ? 1 : 0);
    }
    case Value::Kind::kNull: return 0;
  }
  return 0;
}

}  // namespace rivulet::expr
