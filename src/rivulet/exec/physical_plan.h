// PhysicalPlan: the executable form of an optimized logical plan, and Operator, the pull-based
// batch iterator each node opens. The same operators run a static DataFrame and each
// micro-batch of a streaming one.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/columnar/batch.h"
#include "rivulet/plan/logical_plan.h"

namespace rivulet::time {
class TimeZone;
}

namespace rivulet::exec {

struct ExecContext {
  const time::TimeZone* zone = nullptr;
  /// current_timestamp() for this query or micro-batch.
  int64_t currentTimestampMicros = 0;
  int64_t batchRows = kDefaultBatchRows;
  /// See EvalContext::randomSalt.
  int64_t randomSalt = 0;
};

class Operator {
 public:
  virtual ~Operator() = default;

  /// The next non-empty batch, or nullopt when done.
  virtual std::optional<Batch> next() = 0;
};

using OperatorPtr = std::unique_ptr<Operator>;

enum class PhysicalKind : uint8_t {
  kScan,
  kProject,
  kFilter,
  kLimit,
  kHashDistinct,
  kSample,
  kUnion,
  kSort,
  kHashAggregate,
  kHashJoin,
  kNestedLoopJoin,
};

class PhysicalPlan;
using PhysicalPtr = std::shared_ptr<const PhysicalPlan>;

class PhysicalPlan {
 public:
  PhysicalKind kind;
  /// The logical node this implements (expressions, output, options).
  plan::PlanPtr logical;
  std::vector<PhysicalPtr> children;

  std::string nodeString() const;

  std::string treeString() const;

  /// Opens the operator tree for one execution.
  OperatorPtr open(ExecContext& context) const;
};

/// Plans an optimized logical plan.
PhysicalPtr planPhysical(const plan::PlanPtr& optimized);

/// Runs the plan and returns every batch.
std::vector<Batch> collectBatches(const PhysicalPtr& plan, ExecContext& context);

}  // namespace rivulet::exec
