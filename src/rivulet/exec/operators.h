// The operator implementations behind PhysicalPlan::open.
#pragma once

#include <vector>

#include "rivulet/exec/physical_plan.h"
#include "rivulet/expr/eval_context.h"

namespace rivulet::exec {

OperatorPtr makeOperator(const PhysicalPlan& node, std::vector<OperatorPtr> inputs, ExecContext& context);

// One factory per operator family.
OperatorPtr makeScan(const plan::LogicalPlan& node, ExecContext& context);
OperatorPtr makeProject(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context);
OperatorPtr makeFilter(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context);
OperatorPtr makeLimit(const plan::LogicalPlan& node, OperatorPtr input);
OperatorPtr makeSample(const plan::LogicalPlan& node, OperatorPtr input);
OperatorPtr makeUnion(std::vector<OperatorPtr> inputs);
OperatorPtr makeDistinct(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context);
OperatorPtr makeSort(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context);
OperatorPtr makeAggregate(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context);
OperatorPtr makeJoin(const plan::LogicalPlan& node, OperatorPtr left, OperatorPtr right, ExecContext& context);

/// Whether a join's condition has at least one equality between a left and a right expression.
bool hasEquiJoinKeys(const plan::LogicalPlan& join);

/// An expression context for the operator's evaluation.
expr::EvalContext evalContextFor(const ExecContext& context);

}  // namespace rivulet::exec
