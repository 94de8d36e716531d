#include "rivulet/expr/evaluator.h"

#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/cast.h"

namespace rivulet::expr {

VectorPtr evaluate(const Expression& e, const Batch& input, EvalContext& context) {
  switch (e.kind()) {
    case ExprKind::kBound:
      return input.column(static_cast<size_t>(e.ordinal()));
    case ExprKind::kLiteral:
      return constantVector(e.type(), e.literal(), input.numRows());
    case ExprKind::kAlias:
    case ExprKind::kSortOrder:
      return evaluate(*e.child(0), input, context);
    case ExprKind::kCast: {
      auto child = evaluate(*e.child(0), input, context);
      return castVector(child, e.type(), context);
    }
    case ExprKind::kCall: {
      const FunctionDef& def = getFunction(e.name());
      if (!def.eval) {
        throwInternalError("function " + e.name() + " cannot be evaluated row-wise");
      }
      std::vector<VectorPtr> args;
      args.reserve(e.children().size());
      for (const auto& c : e.children()) {
        args.push_back(evaluate(*c, input, context));
      }
      return def.eval(args, input.numRows(), context, e);
    }
    default:
      throwInternalError("cannot evaluate unbound expression " + e.toString());
  }
}

std::vector<int32_t> evaluateFilter(const Expression& e, const Batch& input, EvalContext& context) {
  auto v = evaluate(e, input, context);
  std::vector<int32_t> selected;
  selected.reserve(static_cast<size_t>(input.numRows()));
  const uint8_t* values = v->values<uint8_t>();
  int64_t n = input.numRows();
  if (!v->mayHaveNulls()) {
    for (int64_t i = 0; i < n; ++i) {
      if (values[i]) {
        selected.push_back(static_cast<int32_t>(i));
      }
    }
  } else {
    for (int64_t i = 0; i < n; ++i) {
      if (values[i] && !v->isNull(i)) {
        selected.push_back(static_cast<int32_t>(i));
      }
    }
  }
  return selected;
}

Value evaluateConstant(const Expression& e, EvalContext& context) {
  Batch empty({}, 1);
  auto v = evaluate(e, empty, context);
  return valueAt(*v, 0);
}

}  // namespace rivulet::expr
