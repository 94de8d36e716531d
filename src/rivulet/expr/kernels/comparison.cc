// = <> < <= > >= <=> over numbers, strings, booleans, dates, timestamps, decimals and nested
// values, with Spark's implicit casts.
#include <cmath>

#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/kernel_util.h"
#include "rivulet/expr/kernels/value_compare.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

namespace {

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe, kNullSafeEq };

inline bool test(Cmp op, int c) {
  switch (op) {
    case Cmp::kEq:
    case Cmp::kNullSafeEq: return c == 0;
    case Cmp::kNe: return c != 0;
    case Cmp::kLt: return c < 0;
    case Cmp::kLe: return c <= 0;
    case Cmp::kGt: return c > 0;
    case Cmp::kGe: return c >= 0;
  }
  return false;
}

template <typename T>
inline int compareScalar(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    // Spark orders NaN above everything and equal to itself.
    bool na = std::isnan(a), nb = std::isnan(b);
    if (na || nb) {
      return na == nb ? 0 : (na ? 1 : -1);
    }
  }
  return a < b ? -1 : (a > b ? 1 : 0);
}

template <typename T, Cmp op>
void compareLoop(const T* a, const T* b, uint8_t* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      out[i] = test(op, compareScalar(a[i], b[i]));
    } else if constexpr (op == Cmp::kEq || op == Cmp::kNullSafeEq) {
      out[i] = a[i] == b[i];
    } else if constexpr (op == Cmp::kNe) {
      out[i] = a[i] != b[i];
    } else if constexpr (op == Cmp::kLt) {
      out[i] = a[i] < b[i];
    } else if constexpr (op == Cmp::kLe) {
      out[i] = a[i] <= b[i];
    } else if constexpr (op == Cmp::kGt) {
      out[i] = a[i] > b[i];
    } else {
      out[i] = a[i] >= b[i];
    }
  }
}

template <typename T>
void compareTyped(Cmp op, const T* a, const T* b, uint8_t* out, int64_t n) {
  switch (op) {
    case Cmp::kEq: compareLoop<T, Cmp::kEq>(a, b, out, n); break;
    case Cmp::kNullSafeEq: compareLoop<T, Cmp::kNullSafeEq>(a, b, out, n); break;
    case Cmp::kNe: compareLoop<T, Cmp::kNe>(a, b, out, n); break;
    case Cmp::kLt: compareLoop<T, Cmp::kLt>(a, b, out, n); break;
    case Cmp::kLe: compareLoop<T, Cmp::kLe>(a, b, out, n); break;
    case Cmp::kGt: compareLoop<T, Cmp::kGt>(a, b, out, n); break;
    case Cmp::kGe: compareLoop<T, Cmp::kGe>(a, b, out, n); break;
  }
}

VectorPtr evalCompare(Cmp op, const std::vector<VectorPtr>& args) {
  const Vector& a = *args[0];
  const Vector& b = *args[1];
  int64_t n = a.size();
  auto out = Vector::make(DataType::boolean(), n);
  uint8_t* res = out->values<uint8_t>();
  const DataType& type = *a.type();
  if (type.isFixedWidth() && type.id() != TypeId::kNull) {
    dispatchNumeric(type.id(), [&](auto tag) {
      using T = decltype(tag);
      compareTyped<T>(op, a.values<T>(), b.values<T>(), res, n);
      return 0;
    });
  } else if (type.id() == TypeId::kString || type.id() == TypeId::kBinary) {
    for (int64_t i = 0; i < n; ++i) {
      int c = a.stringAt(i).compare(b.stringAt(i));
      res[i] = test(op, c < 0 ? -1 : (c > 0 ? 1 : 0));
    }
  } else {
    for (int64_t i = 0; i < n; ++i) {
      res[i] = test(op, compareValues(valueAt(a, i), valueAt(b, i), type));
    }
  }
  if (op == Cmp::kNullSafeEq) {
    if (a.mayHaveNulls() || b.mayHaveNulls()) {
      for (int64_t i = 0; i < n; ++i) {
        bool na = a.isNull(i), nb = b.isNull(i);
        if (na || nb) {
          res[i] = na && nb;
        }
      }
    }
    return out;
  }
  propagateNulls(*out, {&a, &b});
  return out;
}

ResolvedCall resolveCompare(Cmp op, const std::vector<ExprPtr>& args, const Expression& call) {
  auto common = comparisonCommonType(args[0]->type(), args[1]->type());
  if (!common) {
    throw AnalysisException("[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve \"" +
                                call.prettyName() +
                                "\" due to data type mismatch: the left and right operands of the binary operator have incompatible types (\"" +
                                args[0]->type()->sql() + "\" and \"" + args[1]->type()->sql() + "\").",
                            "DATATYPE_MISMATCH");
  }
  if (common->id() == TypeId::kNull) {
    common = DataType::string();
  }
  bool nullable = op != Cmp::kNullSafeEq && (args[0]->nullable() || args[1]->nullable());
  return {{castIfNeeded(args[0], common), castIfNeeded(args[1], common)}, DataType::boolean(), nullable};
}

void registerCompare(const char* name, const char* symbol, Cmp op) {
  FunctionDef def;
  def.name = name;
  def.symbol = symbol;
  def.style = PrintStyle::kInfix;
  def.resolve = [op](const std::vector<ExprPtr>& args, const Expression& call) {
    return resolveCompare(op, args, call);
  };
  def.eval = [op](const std::vector<VectorPtr>& args, int64_t, EvalContext&, const Expression&) {
    return evalCompare(op, args);
  };
  registerFunction(std::move(def));
}

}  // namespace

void registerComparisonFunctions() {
  registerCompare("equalto", "=", Cmp::kEq);
  registerCompare("notequalto", "!=", Cmp::kNe);
  registerCompare("lessthan", "<", Cmp::kLt);
  registerCompare("lessthanorequal", "<=", Cmp::kLe);
  registerCompare("greaterthan", ">", Cmp::kGt);
  registerCompare("greaterthanorequal", ">=", Cmp::kGe);
  registerCompare("equalnullsafe", "<=>", Cmp::kNullSafeEq);
}

}  // namespace rivulet::expr
