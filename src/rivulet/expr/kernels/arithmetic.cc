// + - * / % and unary minus, vectorized over fixed-width numbers and decimals.
#include <cmath>

#include "rivulet/common/error.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/kernel_util.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

namespace {

enum class Op { kAdd, kSub, kMul, kDiv, kMod };

[[noreturn]] void mismatch(const Expression& call, const std::vector<ExprPtr>& args, const std::string& why) {
  throw AnalysisException("[DATATYPE_MISMATCH." + why + "] Cannot resolve \"" + call.prettyName() +
                              "\" due to data type mismatch: the left and right operands of the binary operator have incompatible types (\"" +
                              args[0]->type()->sql() + "\" and \"" + args[1]->type()->sql() + "\").",
                          "DATATYPE_MISMATCH");
}

DataTypePtr numericOperand(const DataTypePtr& t) {
  if (t->id() == TypeId::kString) {
    return DataType::doubleType();
  }
  return t;
}

DataTypePtr decimalResult(Op op, const DataType& a, const DataType& b) {
  int p1 = a.precision(), s1 = a.scale(), p2 = b.precision(), s2 = b.scale();
  int p, s;
  switch (op) {
    case Op::kAdd:
    case Op::kSub:
      s = std::max(s1, s2);
      p = std::max(p1 - s1, p2 - s2) + s + 1;
      break;
    case Op::kMul:
      s = s1 + s2;
      p = p1 + p2 + 1;
      break;
    default:
      s = std::max(s1, s2);
      p = std::min(p1 - s1, p2 - s2) + s;
      break;
  }
  if (p > 38) {
    int intDigits = p - s;
    s = std::max(38 - intDigits, std::min(s, 6));
    p = 38;
  }
  return DataType::decimal(p, std::min(s, p));
}

DataTypePtr asDecimal(const DataTypePtr& t) {
  switch (t->id()) {
    case TypeId::kByte: return DataType::decimal(3, 0);
    case TypeId::kShort: return DataType::decimal(5, 0);
    case TypeId::kInt: return DataType::decimal(10, 0);
    case TypeId::kLong: return DataType::decimal(20, 0);
    default: return t;
  }
}

ResolvedCall resolveArithmetic(Op op, const std::vector<ExprPtr>& args, const Expression& call) {
  DataTypePtr l = numericOperand(args[0]->type());
  DataTypePtr r = numericOperand(args[1]->type());
  bool nullable = args[0]->nullable() || args[1]->nullable() || op == Op::kDiv || op == Op::kMod;
  if (l->id() == TypeId::kNull) l = r->id() == TypeId::kNull ? DataType::doubleType() : r;
  if (r->id() == TypeId::kNull) r = l;
  if (!l->isNumeric() || !r->isNumeric()) {
    mismatch(call, args, "BINARY_OP_DIFF_TYPES");
  }
  bool decimal = (l->id() == TypeId::kDecimal || r->id() == TypeId::kDecimal) &&
                 l->id() != TypeId::kDouble && r->id() != TypeId::kDouble &&
                 l->id() != TypeId::kFloat && r->id() != TypeId::kFloat;
  if (decimal && op != Op::kDiv) {
    auto ld = asDecimal(l);
    auto rd = asDecimal(r);
    auto common = tightestCommonType(ld, rd);
    auto result = decimalResult(op, *ld, *rd);
    // Compute at the common scale; the result type's scale is applied after.
    auto workScale = op == Op::kMul ? nullptr : common;
    if (op == Op::kMul) {
      return {{castIfNeeded(args[0], ld), castIfNeeded(args[1], rd)}, result, true};
    }
    (void)workScale;
    return {{castIfNeeded(args[0], common), castIfNeeded(args[1], common)}, result, true};
  }
  DataTypePtr common;
  if (op == Op::kDiv) {
    common = DataType::doubleType();
  } else {
    common = tightestCommonType(l, r);
    if (!common || common->id() == TypeId::kDecimal) {
      common = DataType::doubleType();
    }
  }
  return {{castIfNeeded(args[0], common), castIfNeeded(args[1], common)}, common, nullable};
}

template <typename T>
T apply(Op op, T a, T b, bool& isNull) {
  switch (op) {
    case Op::kAdd:
      if constexpr (std::is_integral_v<T>) {
        return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) + static_cast<std::make_unsigned_t<T>>(b));
      } else {
        return a + b;
      }
    case Op::kSub:
      if constexpr (std::is_integral_v<T>) {
        return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) - static_cast<std::make_unsigned_t<T>>(b));
      } else {
        return a - b;
      }
    case Op::kMul:
      if constexpr (std::is_integral_v<T>) {
        return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) * static_cast<std::make_unsigned_t<T>>(b));
      } else {
        return a * b;
      }
    case Op::kDiv:
      if (b == 0) {
        isNull = true;
        return 0;
      }
      return a / b;
    case Op::kMod:
      if (b == 0) {
        isNull = true;
        return 0;
      }
      if constexpr (std::is_floating_point_v<T>) {
        return std::fmod(a, b);
      } else {
        if (b == -1) {
          return 0;
        }
        return a % b;
      }
  }
  return 0;
}

template <typename T>
void loop(Op op, const T* a, const T* b, T* out, int64_t n, Vector& result) {
  switch (op) {
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
      for (int64_t i = 0; i < n; ++i) {
        bool unused = false;
        out[i] = apply(op, a[i], b[i], unused);
      }
      return;
    default:
      for (int64_t i = 0; i < n; ++i) {
        bool isNull = false;
        out[i] = apply(op, a[i], b[i], isNull);
        if (isNull) {
          result.setNull(i, true);
        }
      }
  }
}

VectorPtr evalDecimal(Op op, const Vector& a, const Vector& b, const DataTypePtr& resultType) {
  int64_t n = a.size();
  auto out = Vector::make(resultType, n);
  propagateNulls(*out, {&a, &b});
  const __int128* x = a.values<__int128>();
  const __int128* y = b.values<__int128>();
  __int128* z = out->values<__int128>();
  int workScale = op == Op::kMul ? a.type()->scale() + b.type()->scale() : a.type()->scale();
  int shift = resultType->scale() - workScale;
  __int128 limit = pow10i(resultType->precision());
  for (int64_t i = 0; i < n; ++i) {
    __int128 v;
    switch (op) {
      case Op::kAdd: v = x[i] + y[i]; break;
      case Op::kSub: v = x[i] - y[i]; break;
      case Op::kMul: v = x[i] * y[i]; break;
      default:
        if (y[i] == 0) {
          out->setNull(i, true);
          z[i] = 0;
          continue;
        }
        v = x[i] % y[i];
    }
    if (shift > 0) {
      v *= pow10i(shift);
    } else if (shift < 0) {
      __int128 div = pow10i(-shift);
      __int128 q = v / div;
      __int128 rem = v % div;
      if (2 * (rem < 0 ? -rem : rem) >= div) {
        q += v < 0 ? -1 : 1;
      }
      v = q;
    }
    if (v >= limit || v <= -limit) {
      out->setNull(i, true);
      v = 0;
    }
    z[i] = v;
  }
  return out;
}

VectorPtr evalArithmetic(Op op, const std::vector<VectorPtr>& args, const Expression& call) {
  const Vector& a = *args[0];
  const Vector& b = *args[1];
  int64_t n = a.size();
  if (call.type()->id() == TypeId::kDecimal) {
    return evalDecimal(op, a, b, call.type());
  }
  auto out = Vector::make(call.type(), n);
  propagateNulls(*out, {&a, &b});
  dispatchNumeric(call.type()->id(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, __int128> || std::is_same_v<T, uint8_t>) {
      throwInternalError("arithmetic on " + call.type()->simpleString());
    } else {
      loop<T>(op, a.values<T>(), b.values<T>(), out->values<T>(), n, *out);
    }
    return 0;
  });
  return out;
}

void registerBinary(const char* name, const char* symbol, Op op) {
  FunctionDef def;
  def.name = name;
  def.symbol = symbol;
  def.style = PrintStyle::kInfix;
  def.resolve = [op](const std::vector<ExprPtr>& args, const Expression& call) {
    return resolveArithmetic(op, args, call);
  };
  def.eval = [op](const std::vector<VectorPtr>& args, int64_t, EvalContext&, const Expression& call) {
    return evalArithmetic(op, args, call);
  };
  registerFunction(std::move(def));
}

}  // namespace

void registerArithmeticFunctions() {
  registerBinary("add", "+", Op::kAdd);
  registerBinary("subtract", "-", Op::kSub);
  registerBinary("multiply", "*", Op::kMul);
  registerBinary("divide", "/", Op::kDiv);
  registerBinary("remainder", "%", Op::kMod);

  FunctionDef neg;
  neg.name = "negative";
  neg.symbol = "-";
  neg.style = PrintStyle::kUnary;
  neg.resolve = [](const std::vector<ExprPtr>& args, const Expression& call) {
    auto t = numericOperand(args[0]->type());
    if (!t->isNumeric()) {
      throw AnalysisException("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" +
                                  call.prettyName() + "\" due to data type mismatch: the argument requires a numeric type, however \"" +
                                  args[0]->prettyName() + "\" has the type \"" + args[0]->type()->sql() + "\".",
                              "DATATYPE_MISMATCH");
    }
    return ResolvedCall{{castIfNeeded(args[0], t)}, t, args[0]->nullable()};
  };
  neg.eval = [](const std::vector<VectorPtr>& args, int64_t, EvalContext&, const Expression& call) {
    const Vector& a = *args[0];
    auto out = Vector::make(call.type(), a.size());
    propagateNulls(*out, {&a});
    dispatchNumeric(call.type()->id(), [&](auto tag) {
      using T = decltype(tag);
      const T* x = a.values<T>();
      T* y = out->values<T>();
      for (int64_t i = 0; i < a.size(); ++i) {
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, __int128>) {
          y[i] = static_cast<T>(-static_cast<std::make_unsigned_t<T>>(x[i]));
        } else {
          y[i] = -x[i];
        }
      }
      return 0;
    });
    return out;
  };
  registerFunction(std::move(neg));
}

}  // namespace rivulet::expr
