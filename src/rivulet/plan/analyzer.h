// Analyzer: resolves a plan node whose children are already resolved — names to attributes,
// function calls to typed calls, stars expanded — raising Spark's AnalysisException at once.
#pragma once

#include "rivulet/plan/logical_plan.h"

namespace rivulet::plan {

/// Resolves `node` (its children must be resolved).
PlanPtr analyzeNode(const LogicalPlan& node);

/// Resolves a whole tree bottom-up.
PlanPtr analyze(const PlanPtr& plan);

/// A relation node over `source` with fresh attributes for its schema.
PlanPtr makeRelation(const DataSourcePtr& source);

}  // namespace rivulet::plan
