// Math functions: abs, round / bround (Spark's HALF_UP / HALF_EVEN on the decimal form),
// floor, ceil, sqrt, exp, logarithms, pow, signum, pmod, bitwise operators.
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>
#include <tuple>

#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/function_util.h"
#include "rivulet/expr/kernels/kernel_util.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

namespace {

using Args = std::vector<ExprPtr>;
using Vectors = std::vector<VectorPtr>;

DataTypePtr numericArg(const Args& args, const Expression& call, size_t i) {
  const auto& t = args[i]->type();
  if (t->id() == TypeId::kString || t->id() == TypeId::kNull) {
    return DataType::doubleType();
  }
  if (!t->isNumeric()) {
    throwUnexpectedInputType(call, i, args[i], "NUMERIC");
  }
  return t;
}

/// Unary double → double functions (null where `fn` gives nullopt-like NaN sentinel via `valid`).
void registerDoubleFn(const char* name, double (*fn)(double), bool (*valid)(double)) {
  registerSimple(
      name,
      [valid](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        numericArg(args, call, 0);
        return ResolvedCall{{implicitCast(call, args, 0, DataType::doubleType())}, DataType::doubleType(),
                            args[0]->nullable() || valid != nullptr};
      },
      [fn, valid](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::doubleType(), n);
        propagateNulls(*out, {a[0].get()});
        const double* x = a[0]->values<double>();
        double* r = out->values<double>();
        for (int64_t i = 0; i < n; ++i) {
          r[i] = fn(x[i]);
          if (valid != nullptr && !valid(x[i])) {
            out->setNull(i, true);
          }
        }
        return out;
      });
}

// ---- rounding ----

enum class Rounding { kHalfUp, kHalfEven };

__int128 roundUnscaled(__int128 v, int drop, Rounding mode) {
  if (drop <= 0) {
    return v * pow10i(-drop);
  }
  if (drop > 38) {
    return 0;
  }
  __int128 div = pow10i(drop);
  __int128 q = v / div;
  __int128 r = v % div;
  __int128 twice = 2 * (r < 0 ? -r : r);
  bool up = twice > div || (twice == div && (mode == Rounding::kHalfUp || (q % 2 != 0)));
  if (up) {
    q += v < 0 ? -1 : 1;
  }
  return q;
}

// Rounds a double as Scala's BigDecimal(d).setScale(scale, mode).toDouble: on its shortest
// decimal form (so 2.675 rounds to 2.68).
double roundDouble(double d, int scale, Rounding mode) {
  if (std::isnan(d) || std::isinf(d)) {
    return d;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
  std::string_view text(buf, static_cast<size_t>(res.ptr - buf));
  size_t e = text.find('e');
  int exponent = std::stoi(std::string(text.substr(e + 1)));
  bool negative = text[0] == '-';
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c >= '0' && c <= '9') {
      digits += c;
    }
  }
  // value = 0.digits × 10^(exponent + 1); keep digits up to 10^-scale.
  int keep = exponent + 1 + scale;
  if (keep >= static_cast<int>(digits.size())) {
    return d;
  }
  if (keep < 0) {
    return negative ? -0.0 : 0.0;
  }
  __int128 kept = 0;
  for (int i = 0; i < keep; ++i) {
    kept = kept * 10 + (digits[static_cast<size_t>(i)] - '0');
  }
  char first = digits[static_cast<size_t>(keep)];
  bool restNonZero = digits.find_first_not_of('0', static_cast<size_t>(keep) + 1) != std::string::npos;
  bool up = first > '5' || (first == '5' && (restNonZero || mode == Rounding::kHalfUp || kept % 2 != 0));
  if (up) {
    ++kept;
  }
  std::string out = std::to_string(static_cast<int64_t>(kept)) + "e" + std::to_string(-scale);
  double r = std::strtod(out.c_str(), nullptr);
  return negative ? -r : r;
}

template <typename T>
T roundIntegral(T v, int scale, Rounding mode) {
  if (scale >= 0) {
    return v;
  }
  return static_cast<T>(roundUnscaled(v, -scale, mode) * (-scale > 38 ? 0 : pow10i(-scale)));
}

void registerRound(const char* name, Rounding mode) {
  registerSimple(
      name,
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 2);
        Args in = args;
        if (in.size() == 1) {
          in.push_back(Expression::literal(Value::integer(0), DataType::integer()));
        }
        if (!isConstant(in[1]) || !in[1]->type()->isIntegral()) {
          throw AnalysisException("[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve \"" + call.prettyName() +
                                      "\" due to data type mismatch: the input scale should be a foldable \"INT\" expression; however, got \"" +
                                      in[1]->prettyName() + "\".",
                                  "DATATYPE_MISMATCH");
        }
        DataTypePtr t = numericArg(in, call, 0);
        int scale = static_cast<int>(in[1]->literal().asInt());
        DataTypePtr result = t;
        if (t->id() == TypeId::kDecimal) {
          int p = t->precision(), s = t->scale();
          int integral = p - s + 1;
          if (scale < 0) {
            result = DataType::decimal(std::min(std::max(integral, -scale + 1), 38), 0);
          } else {
            int ns = std::min(s, scale);
            result = DataType::decimal(std::min(integral + ns, 38), ns);
          }
        }
        return ResolvedCall{{castIfNeeded(in[0], t), castIfNeeded(in[1], DataType::integer())}, result, true};
      },
      [mode](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        int scale = static_cast<int>(call.child(1)->literal().asInt());
        const Vector& x = *a[0];
        auto out = Vector::make(call.type(), n);
        propagateNulls(*out, {&x});
        if (x.typeId() == TypeId::kDecimal) {
          const __int128* src = x.values<__int128>();
          __int128* dst = out->values<__int128>();
          int drop = x.type()->scale() - (scale < 0 ? scale : out->type()->scale());
          __int128 limit = pow10i(out->type()->precision());
          for (int64_t i = 0; i < n; ++i) {
            __int128 v = roundUnscaled(src[i], drop, mode);
            if (scale < 0) {
              v = -scale > 38 ? 0 : v * pow10i(-scale);
            }
            dst[i] = v >= limit || v <= -limit ? 0 : v;
            if (v >= limit || v <= -limit) {
              out->setNull(i, true);
            }
          }
          return out;
        }
        dispatchNumeric(x.typeId(), [&](auto tag) {
          using T = decltype(tag);
          const T* src = x.values<T>();
          T* dst = out->values<T>();
          for (int64_t i = 0; i < n; ++i) {
            if constexpr (std::is_floating_point_v<T>) {
              dst[i] = static_cast<T>(roundDouble(static_cast<double>(src[i]), scale, mode));
            } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, uint8_t>) {
              dst[i] = roundIntegral<T>(src[i], scale, mode);
            }
          }
          return 0;
        });
        return out;
      });
}

void registerFloorCeil(const char* name, bool ceil) {
  registerSimple(
      name,
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        DataTypePtr t = numericArg(args, call, 0);
        if (t->id() == TypeId::kDecimal) {
          DataTypePtr result = t->scale() == 0 ? t : DataType::decimal(std::min(t->precision() - t->scale() + 1, 38), 0);
          return ResolvedCall{args, result, args[0]->nullable()};
        }
        DataTypePtr in = t->isIntegral() ? DataType::longType() : DataType::doubleType();
        return ResolvedCall{{castIfNeeded(args[0], in)}, DataType::longType(), args[0]->nullable()};
      },
      [ceil](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        const Vector& x = *a[0];
        auto out = Vector::make(call.type(), n);
        propagateNulls(*out, {&x});
        if (x.typeId() == TypeId::kLong || (x.typeId() == TypeId::kDecimal && x.type()->scale() == 0)) {
          std::memcpy(out->valueBuffer().data(), x.values<uint8_t>(), static_cast<size_t>(n * x.type()->fixedWidth()));
        } else if (x.typeId() == TypeId::kDecimal) {
          __int128 div = pow10i(x.type()->scale());
          const __int128* src = x.values<__int128>();
          __int128* dst = out->values<__int128>();
          for (int64_t i = 0; i < n; ++i) {
            __int128 q = src[i] / div;
            __int128 r = src[i] % div;
            dst[i] = q + ((ceil && r > 0) ? 1 : 0) - ((!ceil && r < 0) ? 1 : 0);
          }
        } else {
          const double* src = x.values<double>();
          int64_t* dst = out->values<int64_t>();
          for (int64_t i = 0; i < n; ++i) {
            double v = ceil ? std::ceil(src[i]) : std::floor(src[i]);
            if (std::isnan(v)) {
              dst[i] = 0;
            } else if (v >= 9.2233720368547758e18) {
              dst[i] = std::numeric_limits<int64_t>::max();
            } else if (v <= -9.2233720368547758e18) {
              dst[i] = std::numeric_limits<int64_t>::min();
            } else {
              dst[i] = static_cast<int64_t>(v);
            }
          }
        }
        return out;
      });
}

void registerAbs() {
  registerSimple(
      "abs",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        DataTypePtr t = numericArg(args, call, 0);
        return ResolvedCall{{castIfNeeded(args[0], t)}, t, args[0]->nullable()};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        auto out = Vector::make(call.type(), n);
        propagateNulls(*out, {a[0].get()});
        dispatchNumeric(call.type()->id(), [&](auto tag) {
          using T = decltype(tag);
          const T* x = a[0]->values<T>();
          T* r = out->values<T>();
          for (int64_t i = 0; i < n; ++i) {
            if constexpr (std::is_floating_point_v<T>) {
              r[i] = std::fabs(x[i]);
            } else if constexpr (std::is_same_v<T, __int128> || std::is_same_v<T, uint8_t>) {
              r[i] = x[i] < 0 ? -x[i] : x[i];
            } else {
              // Java's Math.abs: the minimum value stays negative.
              r[i] = x[i] < 0 ? static_cast<T>(-static_cast<std::make_unsigned_t<T>>(x[i])) : x[i];
            }
          }
          return 0;
        });
        return out;
      });
}

ResolvedCall resolveDoublePair(const Args& args, const Expression& call) {
  checkArgCount(call, args, 2, 2);
  numericArg(args, call, 0);
  numericArg(args, call, 1);
  return {{implicitCast(call, args, 0, DataType::doubleType()), implicitCast(call, args, 1, DataType::doubleType())},
          DataType::doubleType(), true};
}

void registerBinaryMath() {
  auto pow = [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
    auto out = Vector::make(DataType::doubleType(), n);
    propagateNulls(*out, {a[0].get(), a[1].get()});
    const double* x = a[0]->values<double>();
    const double* y = a[1]->values<double>();
    double* r = out->values<double>();
    for (int64_t i = 0; i < n; ++i) {
      r[i] = std::pow(x[i], y[i]);
    }
    return out;
  };
  registerSimple("POWER", resolveDoublePair, pow);
  registerSimple("pow", resolveDoublePair, pow);
  registerSimple(
      "LOG",
      [](const Args& args, const Expression& call) {
        if (args.size() == 1) {
          return ResolvedCall{{implicitCast(call, args, 0, DataType::doubleType())}, DataType::doubleType(), true};
        }
        return resolveDoublePair(args, call);
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::doubleType(), n);
        std::vector<const Vector*> inputs;
        for (const auto& v : a) {
          inputs.push_back(v.get());
        }
        propagateNulls(*out, inputs);
        double* r = out->values<double>();
        const double* x = a.back()->values<double>();
        for (int64_t i = 0; i < n; ++i) {
          double base = a.size() == 2 ? a[0]->values<double>()[i] : std::numbers::e;
          if (x[i] <= 0 || base <= 0) {
            out->setNull(i, true);
            r[i] = 0;
          } else {
            r[i] = a.size() == 2 ? std::log(x[i]) / std::log(base) : std::log(x[i]);
          }
        }
        return out;
      });
  registerSimple(
      "pmod",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 2, 2);
        DataTypePtr common = tightestCommonType(numericArg(args, call, 0), numericArg(args, call, 1));
        if (!common || common->id() == TypeId::kDecimal) {
          common = DataType::doubleType();
        }
        return ResolvedCall{{castIfNeeded(args[0], common), castIfNeeded(args[1], common)}, common, true};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        auto out = Vector::make(call.type(), n);
        propagateNulls(*out, {a[0].get(), a[1].get()});
        dispatchNumeric(call.type()->id(), [&](auto tag) {
          using T = decltype(tag);
          if constexpr (!std::is_same_v<T, __int128> && !std::is_same_v<T, uint8_t>) {
            const T* x = a[0]->values<T>();
            const T* y = a[1]->values<T>();
            T* r = out->values<T>();
            for (int64_t i = 0; i < n; ++i) {
              if (y[i] == 0) {
                out->setNull(i, true);
                r[i] = 0;
                continue;
              }
              if constexpr (std::is_floating_point_v<T>) {
                T m = std::fmod(x[i], y[i]);
                r[i] = m < 0 ? std::fmod(m + y[i], y[i]) : m;
              } else {
                T m = y[i] == -1 ? 0 : static_cast<T>(x[i] % y[i]);
                r[i] = m < 0 ? static_cast<T>((m + y[i]) % y[i]) : m;
              }
            }
          }
          return 0;
        });
        return out;
      });
}

enum class BitOp { kAnd, kOr, kXor };

void registerBitwise() {
  auto requireIntegral = [](const Args& args, const Expression& call) {
    for (size_t i = 0; i < args.size(); ++i) {
      if (!args[i]->type()->isIntegral() && args[i]->type()->id() != TypeId::kNull) {
        throwUnexpectedInputType(call, i, args[i], "INTEGRAL");
      }
    }
  };
  for (auto [name, symbol, op] : {std::tuple{"bitwiseand", "&", BitOp::kAnd}, std::tuple{"bitwiseor", "|", BitOp::kOr},
                                  std::tuple{"bitwisexor", "^", BitOp::kXor}}) {
    FunctionDef def;
    def.name = name;
    def.symbol = symbol;
    def.style = PrintStyle::kInfix;
    def.resolve = [requireIntegral](const Args& args, const Expression& call) {
      checkArgCount(call, args, 2, 2);
      requireIntegral(args, call);
      DataTypePtr t = tightestCommonType(args[0]->type(), args[1]->type());
      if (t->id() == TypeId::kNull) {
        t = DataType::integer();
      }
      return ResolvedCall{{castIfNeeded(args[0], t), castIfNeeded(args[1], t)}, t, anyNullable(args)};
    };
    def.eval = [op = op](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
      auto out = Vector::make(call.type(), n);
      propagateNulls(*out, {a[0].get(), a[1].get()});
      dispatchNumeric(call.type()->id(), [&](auto tag) {
        using T = decltype(tag);
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, uint8_t>) {
          const T* x = a[0]->values<T>();
          const T* y = a[1]->values<T>();
          T* r = out->values<T>();
          for (int64_t i = 0; i < n; ++i) {
            r[i] = static_cast<T>(op == BitOp::kAnd ? (x[i] & y[i]) : op == BitOp::kOr ? (x[i] | y[i]) : (x[i] ^ y[i]));
          }
        }
        return 0;
      });
      return out;
    };
    registerFunction(std::move(def));
  }
  FunctionDef notDef;
  notDef.name = "bitwisenot";
  notDef.symbol = "~";
  notDef.style = PrintStyle::kUnary;
  notDef.resolve = [requireIntegral](const Args& args, const Expression& call) {
    checkArgCount(call, args, 1, 1);
    requireIntegral(args, call);
    DataTypePtr t = args[0]->type()->id() == TypeId::kNull ? DataType::integer() : args[0]->type();
    return ResolvedCall{{castIfNeeded(args[0], t)}, t, args[0]->nullable()};
  };
  notDef.eval = [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
    auto out = Vector::make(call.type(), n);
    propagateNulls(*out, {a[0].get()});
    dispatchNumeric(call.type()->id(), [&](auto tag) {
      using T = decltype(tag);
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, uint8_t>) {
        const T* x = a[0]->values<T>();
        T* r = out->values<T>();
        for (int64_t i = 0; i < n; ++i) {
          r[i] = static_cast<T>(~x[i]);
        }
      }
      return 0;
    });
    return out;
  };
  registerFunction(std::move(notDef));
}

double signum(double x) { return std::isnan(x) ? x : (x > 0 ? 1.0 : (x < 0 ? -1.0 : x)); }

double sqrtFn(double x) { return std::sqrt(x); }

double expFn(double x) { return std::exp(x); }

double lnFn(double x) { return std::log(x); }

double log10Fn(double x) { return std::log10(x); }

bool positive(double x) { return x > 0; }

}  // namespace

void registerMathFunctions() {
  registerAbs();
  registerRound("round", Rounding::kHalfUp);
  registerRound("bround", Rounding::kHalfEven);
  registerFloorCeil("FLOOR", false);
  registerFloorCeil("CEIL", true);
  registerFloorCeil("CEILING", true);
  registerDoubleFn("SQRT", sqrtFn, nullptr);
  registerDoubleFn("EXP", expFn, nullptr);
  registerDoubleFn("ln", lnFn, positive);
  registerDoubleFn("LOG10", log10Fn, positive);
  registerDoubleFn("SIGNUM", signum, nullptr);
  registerBinaryMath();
  registerBitwise();
}

}  // namespace rivulet::expr
