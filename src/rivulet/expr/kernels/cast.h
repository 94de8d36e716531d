// The cast kernel: Spark's non-ANSI CAST between all supported types (invalid → null).
#pragma once

#include "rivulet/columnar/vector.h"
#include "rivulet/expr/eval_context.h"

namespace rivulet::expr {

VectorPtr castVector(const VectorPtr& input, const DataTypePtr& target, EvalContext& context);

}  // namespace rivulet::expr
