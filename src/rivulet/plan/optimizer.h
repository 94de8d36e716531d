// Optimizer: rewrites a resolved plan — constant folding, combined filters and projections,
// filters pushed below projections and into scans, columns pruned at the scan.
#pragma once

#include "rivulet/plan/logical_plan.h"

namespace rivulet::plan {

PlanPtr optimize(const PlanPtr& analyzed);

}  // namespace rivulet::plan
