// Evaluator: computes a bound expression over a batch, one vector per node.
#pragma once

#include "rivulet/columnar/batch.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/expression.h"

namespace rivulet::expr {

/// Evaluates `bound` (attributes replaced by bound ordinals) over `input`.
VectorPtr evaluate(const Expression& bound, const Batch& input, EvalContext& context);

/// Evaluates a predicate and returns the indices of rows where it is true (not null).
std::vector<int32_t> evaluateFilter(const Expression& bound, const Batch& input, EvalContext& context);

/// Evaluates a foldable expression without input (constant folding).
Value evaluateConstant(const Expression& expr, EvalContext& context);

}  // namespace rivulet::expr
