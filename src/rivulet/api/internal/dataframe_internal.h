// Helpers the API implementation shares: building DataFrames from plan nodes and running them.
#pragma once

#include <vector>

#include "rivulet/api/data_frame.h"
#include "rivulet/columnar/batch.h"
#include "rivulet/exec/physical_plan.h"
#include "rivulet/plan/logical_plan.h"

namespace rivulet {

/// A DataFrame over an already resolved plan (relations).
DataFrame dataFrameOf(const std::shared_ptr<SessionState>& state, const plan::PlanPtr& resolved);

/// Runs a DataFrame's plan and returns its batches.
std::vector<Batch> executeBatches(const DataFrame& df);

/// The optimized and physical plans.
plan::PlanPtr optimizedPlan(const DataFrame& df);
exec::PhysicalPtr physicalPlan(const DataFrame& df);

/// Registers everything a session needs (functions, formats), once.
void ensureRegistered();

/// Registers the streaming sources and sinks, once.
void ensureStreamingRegistered();

/// to_json / from_json (defined in json_sql_functions.cc).
void registerJsonSqlFunctions();

}  // namespace rivulet
