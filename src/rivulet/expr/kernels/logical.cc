// AND, OR, NOT (three-valued), IS NULL, IS NOT NULL, IN.
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/kernel_util.h"
#include "rivulet/expr/kernels/value_compare.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

namespace {

void requireBoolean(const std::vector<ExprPtr>& args, const Expression& call) {
  for (const auto& a : args) {
    if (a->type()->id() != TypeId::kBoolean && a->type()->id() != TypeId::kNull) {
      throw AnalysisException("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" +
                                  call.prettyName() + "\" due to data type mismatch: the argument \"" +
                                  a->prettyName() + "\" requires the \"BOOLEAN\" type, however it has the type \"" +
                                  a->type()->sql() + "\".",
                              "DATATYPE_MISMATCH");
    }
  }
}

VectorPtr andOr(bool isAnd, const Vector& a, const Vector& b) {
  int64_t n = a.size();
  auto out = Vector::make(DataType::boolean(), n);
  uint8_t* r = out->values<uint8_t>();
  const uint8_t* x = a.values<uint8_t>();
  const uint8_t* y = b.values<uint8_t>();
  if (!a.mayHaveNulls() && !b.mayHaveNulls()) {
    for (int64_t i = 0; i < n; ++i) {
      r[i] = isAnd ? (x[i] & y[i]) : (x[i] | y[i]);
    }
    return out;
  }
  for (int64_t i = 0; i < n; ++i) {
    bool na = a.isNull(i), nb = b.isNull(i);
    bool va = !na && x[i], vb = !nb && y[i];
    if (isAnd) {
      // false if either is false; null if either is null; else true.
      if ((!na && !va) || (!nb && !vb)) {
        r[i] = 0;
      } else if (na || nb) {
        r[i] = 0;
        out->setNull(i, true);
      } else {
        r[i] = 1;
      }
    } else {
      if (va || vb) {
        r[i] = 1;
      } else if (na || nb) {
        r[i] = 0;
        out->setNull(i, true);
      } else {
        r[i] = 0;
      }
    }
  }
  return out;
}

}  // namespace

void registerLogicalFunctions() {
  for (bool isAnd : {true, false}) {
    FunctionDef def;
    def.name = isAnd ? "and" : "or";
    def.symbol = isAnd ? "AND" : "OR";
    def.style = PrintStyle::kInfix;
    def.resolve = [](const std::vector<ExprPtr>& args, const Expression& call) {
      requireBoolean(args, call);
      return ResolvedCall{{castIfNeeded(args[0], DataType::boolean()), castIfNeeded(args[1], DataType::boolean())},
                          DataType::boolean(), args[0]->nullable() || args[1]->nullable()};
    };
    def.eval = [isAnd](const std::vector<VectorPtr>& args, int64_t, EvalContext&, const Expression&) {
      return andOr(isAnd, *args[0], *args[1]);
    };
    registerFunction(std::move(def));
  }

  FunctionDef notDef;
  notDef.name = "not";
  notDef.symbol = "NOT";
  notDef.style = PrintStyle::kUnary;
  notDef.resolve = [](const std::vector<ExprPtr>& args, const Expression& call) {
    requireBoolean(args, call);
    return ResolvedCall{{castIfNeeded(args[0], DataType::boolean())}, DataType::boolean(), args[0]->nullable()};
  };
  notDef.eval = [](const std::vector<VectorPtr>& args, int64_t, EvalContext&, const Expression&) {
    const Vector& a = *args[0];
    auto out = Vector::make(DataType::boolean(), a.size());
    propagateNulls(*out, {&a});
    const uint8_t* x = a.values<uint8_t>();
    uint8_t* r = out->values<uint8_t>();
    for (int64_t i = 0; i < a.size(); ++i) {
      r[i] = !x[i];
    }
    return out;
  };
  registerFunction(std::move(notDef));

  for (bool wantNull : {true, false}) {
    FunctionDef def;
    def.name = wantNull ? "isnull" : "isnotnull";
    def.symbol = wantNull ? "IS NULL" : "IS NOT NULL";
    def.style = PrintStyle::kPrefix;
    def.resolve = [](const std::vector<ExprPtr>& args, const Expression&) {
      return ResolvedCall{args, DataType::boolean(), false};
    };
    def.eval = [wantNull](const std::vector<VectorPtr>& args, int64_t, EvalContext&, const Expression&) {
      const Vector& a = *args[0];
      auto out = Vector::make(DataType::boolean(), a.size());
      uint8_t* r = out->values<uint8_t>();
      for (int64_t i = 0; i < a.size(); ++i) {
        r[i] = a.isNull(i) == wantNull;
      }
      return out;
    };
    registerFunction(std::move(def));
  }

  FunctionDef in;
  in.name = "in";
  in.style = PrintStyle::kCustom;
  in.resolve = [](const std::vector<ExprPtr>& args, const Expression& call) {
    DataTypePtr common = args[0]->type();
    for (size_t i = 1; i < args.size(); ++i) {
      auto t = comparisonCommonType(common, args[i]->type());
      if (!t) {
        throw AnalysisException("[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"" +
                                    call.prettyName() + "\" due to data type mismatch: Input to `in` should all be the same type, but it's [" +
                                    args[0]->type()->sql() + ", " + args[i]->type()->sql() + "].",
                                "DATATYPE_MISMATCH");
      }
      common = t;
    }
    std::vector<ExprPtr> casted;
    bool nullable = false;
    for (const auto& a : args) {
      casted.push_back(castIfNeeded(a, common));
      nullable |= a->nullable();
    }
    return ResolvedCall{casted, DataType::boolean(), nullable};
  };
  in.eval = [](const std::vector<VectorPtr>& args, int64_t, EvalContext&, const Expression&) {
    const Vector& a = *args[0];
    int64_t n = a.size();
    auto out = Vector::make(DataType::boolean(), n);
    uint8_t* r = out->values<uint8_t>();
    const DataType& type = *a.type();
    for (int64_t i = 0; i < n; ++i) {
      if (a.isNull(i)) {
        r[i] = 0;
        out->setNull(i, true);
        continue;
      }
      Value v = valueAt(a, i);
      bool found = false;
      bool sawNull = false;
      for (size_t k = 1; k < args.size() && !found; ++k) {
        if (args[k]->isNull(i)) {
          sawNull = true;
          continue;
        }
        found = compareValues(v, valueAt(*args[k], i), type) == 0;
      }
      r[i] = found;
      if (!found && sawNull) {
        out->setNull(i, true);
      }
    }
    return out;
  };
  registerFunction(std::move(in));
}

}  // namespace rivulet::expr
