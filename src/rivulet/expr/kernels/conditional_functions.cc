// Conditional functions: CASE WHEN, if, coalesce / nvl / ifnull, nullif, greatest / least,
// nanvl, isnan.
#include <cmath>
#include <cstring>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/function_util.h"
#include "rivulet/expr/kernels/kernel_util.h"
#include "rivulet/expr/kernels/value_compare.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

namespace {

using Args = std::vector<ExprPtr>;
using Vectors = std::vector<VectorPtr>;

DataTypePtr commonOf(const Args& values, bool stringPromotion) {
  std::vector<DataTypePtr> types;
  for (const auto& v : values) {
    types.push_back(v->type());
  }
  if (stringPromotion) {
    return widerCommonType(types);
  }
  DataTypePtr common = types.empty() ? DataType::null() : types[0];
  for (size_t i = 1; i < types.size() && common; ++i) {
    common = tightestCommonType(common, types[i]);
  }
  return common;
}

/// Row i of the result is row i of sources[choice[i]], or null when choice[i] < 0.
VectorPtr selectRows(const DataTypePtr& type, const Vectors& sources, const std::vector<int32_t>& choice) {
  auto n = static_cast<int64_t>(choice.size());
  if (type->isFixedWidth()) {
    auto out = Vector::make(type, n);
    int w = type->fixedWidth();
    uint8_t* dst = out->valueBuffer().data();
    for (int64_t i = 0; i < n; ++i) {
      int32_t c = choice[static_cast<size_t>(i)];
      if (c < 0 || sources[static_cast<size_t>(c)]->isNull(i)) {
        std::memset(dst + i * w, 0, static_cast<size_t>(w));
        out->setNull(i, true);
      } else {
        std::memcpy(dst + i * w, sources[static_cast<size_t>(c)]->values<uint8_t>() + i * w, static_cast<size_t>(w));
      }
    }
    return out;
  }
  if (type->id() == TypeId::kString || type->id() == TypeId::kBinary) {
    StringWriter w(type, n, sources.empty() ? 0 : sources[0]->bytes().size());
    for (int64_t i = 0; i < n; ++i) {
      int32_t c = choice[static_cast<size_t>(i)];
      if (c < 0 || sources[static_cast<size_t>(c)]->isNull(i)) {
        w.finishNull(i);
      } else {
        w.append(sources[static_cast<size_t>(c)]->stringAt(i));
        w.finishRow(i);
      }
    }
    return w.finish();
  }
  VectorBuilder b(type, n);
  for (int64_t i = 0; i < n; ++i) {
    int32_t c = choice[static_cast<size_t>(i)];
    if (c < 0) {
      b.appendNull();
    } else {
      b.appendFrom(*sources[static_cast<size_t>(c)], i);
    }
  }
  return b.finish();
}

inline bool isTrue(const Vector& v, int64_t i) { return !v.isNull(i) && v.values<uint8_t>()[i] != 0; }

void registerCaseWhen() {
  FunctionDef def;
  def.name = "casewhen";
  def.style = PrintStyle::kCustom;
  def.resolve = [](const Args& args, const Expression& call) {
    if (args.size() < 2) {
      checkArgCount(call, args, 2, 2);
    }
    size_t n = args.size();
    bool hasElse = n % 2 == 1;
    Args values;
    for (size_t i = 0; i + 1 < n; i += 2) {
      if (args[i]->type()->id() != TypeId::kBoolean && args[i]->type()->id() != TypeId::kNull) {
        throwUnexpectedInputType(call, i, args[i], "BOOLEAN");
      }
      values.push_back(args[i + 1]);
    }
    if (hasElse) {
      values.push_back(args[n - 1]);
    }
    DataTypePtr common = commonOf(values, true);
    if (!common) {
      throwDiffTypes(call, "casewhen", values);
    }
    ResolvedCall r;
    bool nullable = !hasElse;
    for (size_t i = 0; i < n; ++i) {
      bool isValue = i % 2 == 1 || (hasElse && i == n - 1);
      r.args.push_back(castIfNeeded(args[i], isValue ? common : DataType::boolean()));
      nullable |= isValue && args[i]->nullable();
    }
    r.type = common;
    r.nullable = nullable;
    return r;
  };
  def.eval = [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
    size_t k = a.size();
    bool hasElse = k % 2 == 1;
    std::vector<int32_t> choice(static_cast<size_t>(n), hasElse ? static_cast<int32_t>(k - 1) : -1);
    std::vector<uint8_t> decided(static_cast<size_t>(n), 0);
    for (size_t c = 0; c + 1 < k; c += 2) {
      for (int64_t i = 0; i < n; ++i) {
        if (!decided[static_cast<size_t>(i)] && isTrue(*a[c], i)) {
          decided[static_cast<size_t>(i)] = 1;
          choice[static_cast<size_t>(i)] = static_cast<int32_t>(c + 1);
        }
      }
    }
    return selectRows(call.type(), a, choice);
  };
  registerFunction(std::move(def));
}

void registerIf() {
  registerSimple(
      "if",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 3, 3);
        if (args[0]->type()->id() != TypeId::kBoolean && args[0]->type()->id() != TypeId::kNull) {
          throwUnexpectedInputType(call, 0, args[0], "BOOLEAN");
        }
        Args values{args[1], args[2]};
        DataTypePtr common = commonOf(values, true);
        if (!common) {
          throwDiffTypes(call, "if", values);
        }
        return ResolvedCall{{castIfNeeded(args[0], DataType::boolean()), castIfNeeded(args[1], common), castIfNeeded(args[2], common)},
                            common, args[1]->nullable() || args[2]->nullable()};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        std::vector<int32_t> choice(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
          choice[static_cast<size_t>(i)] = isTrue(*a[0], i) ? 1 : 2;
        }
        return selectRows(call.type(), a, choice);
      });
}

void registerCoalesce(const char* name, size_t minArgs, size_t maxArgs) {
  registerSimple(
      name,
      [minArgs, maxArgs](const Args& args, const Expression& call) {
        checkArgCount(call, args, minArgs, maxArgs);
        DataTypePtr common = commonOf(args, true);
        if (!common) {
          throwDiffTypes(call, call.name(), args);
        }
        ResolvedCall r;
        r.nullable = true;
        for (const auto& a : args) {
          r.args.push_back(castIfNeeded(a, common));
          r.nullable &= a->nullable();
        }
        r.type = common;
        return r;
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        std::vector<int32_t> choice(static_cast<size_t>(n), -1);
        for (int64_t i = 0; i < n; ++i) {
          for (size_t c = 0; c < a.size(); ++c) {
            if (!a[c]->isNull(i)) {
              choice[static_cast<size_t>(i)] = static_cast<int32_t>(c);
              break;
            }
          }
        }
        return selectRows(call.type(), a, choice);
      });
}

void registerNullIf() {
  registerSimple(
      "nullif",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 2, 2);
        DataTypePtr common = comparisonCommonType(args[0]->type(), args[1]->type());
        if (!common) {
          throwDiffTypes(call, "nullif", args);
        }
        return ResolvedCall{{castIfNeeded(args[0], common), castIfNeeded(args[1], common)}, common, true};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        std::vector<int32_t> choice(static_cast<size_t>(n), 0);
        const DataType& type = *call.type();
        for (int64_t i = 0; i < n; ++i) {
          if (!a[0]->isNull(i) && !a[1]->isNull(i) && compareValues(valueAt(*a[0], i), valueAt(*a[1], i), type) == 0) {
            choice[static_cast<size_t>(i)] = -1;
          }
        }
        return selectRows(call.type(), a, choice);
      });
}

template <typename T>
int compareTyped(T x, T y) {
  if constexpr (std::is_floating_point_v<T>) {
    bool nx = std::isnan(x), ny = std::isnan(y);
    if (nx || ny) {
      return nx == ny ? 0 : (nx ? 1 : -1);
    }
  }
  return x < y ? -1 : (x > y ? 1 : 0);
}

void registerExtreme(const char* name, bool greatest) {
  registerSimple(
      name,
      [](const Args& args, const Expression& call) {
        if (args.size() < 2) {
          throw AnalysisException("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + call.name() +
                                      "` requires > 1 parameters but the actual number is " +
                                      std::to_string(args.size()) + ".",
                                  "WRONG_NUM_ARGS");
        }
        DataTypePtr common = commonOf(args, false);
        if (!common) {
          throwDiffTypes(call, call.name(), args);
        }
        ResolvedCall r;
        r.nullable = true;
        for (const auto& a : args) {
          r.args.push_back(castIfNeeded(a, common));
          r.nullable &= a->nullable();
        }
        r.type = common;
        return r;
      },
      [greatest](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        const DataType& type = *call.type();
        std::vector<int32_t> choice(static_cast<size_t>(n), -1);
        auto better = [&](int64_t i, size_t c, int32_t best) -> bool {
          if (best < 0) {
            return true;
          }
          const Vector& x = *a[c];
          const Vector& y = *a[static_cast<size_t>(best)];
          int cmp;
          if (type.isFixedWidth() && type.id() != TypeId::kNull) {
            cmp = dispatchNumeric(type.id(), [&](auto tag) {
              using T = decltype(tag);
              return compareTyped<T>(x.values<T>()[i], y.values<T>()[i]);
            });
          } else if (type.id() == TypeId::kString || type.id() == TypeId::kBinary) {
            int c2 = x.stringAt(i).compare(y.stringAt(i));
            cmp = c2 < 0 ? -1 : (c2 > 0 ? 1 : 0);
          } else {
            cmp = compareValues(valueAt(x, i), valueAt(y, i), type);
          }
          return greatest ? cmp > 0 : cmp < 0;
        };
        for (int64_t i = 0; i < n; ++i) {
          int32_t best = -1;
          for (size_t c = 0; c < a.size(); ++c) {
            if (!a[c]->isNull(i) && better(i, c, best)) {
              best = static_cast<int32_t>(c);
            }
          }
          choice[static_cast<size_t>(i)] = best;
        }
        return selectRows(call.type(), a, choice);
      });
}

DataTypePtr floatingType(const Args& args, const Expression& call) {
  bool allFloat = true;
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& t = args[i]->type();
    if (!t->isNumeric() && t->id() != TypeId::kNull && t->id() != TypeId::kString) {
      throwUnexpectedInputType(call, i, args[i], "DOUBLE\" or \"FLOAT");
    }
    allFloat &= t->id() == TypeId::kFloat;
  }
  return allFloat ? DataType::floatType() : DataType::doubleType();
}

template <typename T>
bool isNaNAt(const Vector& v, int64_t i) {
  return std::isnan(v.values<T>()[i]);
}

void registerNaN() {
  registerSimple(
      "nanvl",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 2, 2);
        DataTypePtr t = floatingType(args, call);
        return ResolvedCall{{castIfNeeded(args[0], t), castIfNeeded(args[1], t)}, t, anyNullable(args)};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        bool isFloat = call.type()->id() == TypeId::kFloat;
        std::vector<int32_t> choice(static_cast<size_t>(n), 0);
        for (int64_t i = 0; i < n; ++i) {
          if (a[0]->isNull(i)) {
            choice[static_cast<size_t>(i)] = -1;
          } else if (isFloat ? isNaNAt<float>(*a[0], i) : isNaNAt<double>(*a[0], i)) {
            choice[static_cast<size_t>(i)] = 1;
          }
        }
        return selectRows(call.type(), a, choice);
      });
  registerSimple(
      "isnan",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        DataTypePtr t = floatingType(args, call);
        return ResolvedCall{{castIfNeeded(args[0], t)}, DataType::boolean(), false};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        bool isFloat = call.child(0)->type()->id() == TypeId::kFloat;
        auto out = Vector::make(DataType::boolean(), n);
        uint8_t* r = out->values<uint8_t>();
        for (int64_t i = 0; i < n; ++i) {
          r[i] = !a[0]->isNull(i) && (isFloat ? isNaNAt<float>(*a[0], i) : isNaNAt<double>(*a[0], i));
        }
        return out;
      });
}

}  // namespace

void registerConditionalFunctions() {
  registerCaseWhen();
  registerIf();
  registerCoalesce("coalesce", 1, 1u << 20);
  registerCoalesce("nvl", 2, 2);
  registerCoalesce("ifnull", 2, 2);
  registerNullIf();
  registerExtreme("greatest", true);
  registerExtreme("least", false);
  registerNaN();
}

}  // namespace rivulet::expr
