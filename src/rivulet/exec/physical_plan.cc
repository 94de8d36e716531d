#include "rivulet/exec/physical_plan.h"

#include "rivulet/common/error.h"
#include "rivulet/exec/operators.h"
#include "rivulet/expr/expression_resolver.h"

namespace rivulet::exec {

using plan::PlanKind;

namespace {

std::string exprList(const std::vector<expr::ExprPtr>& exprs, const char* sep = ", ") {
  std::string s;
  for (size_t i = 0; i < exprs.size(); ++i) {
    s += (i ? sep : "") + exprs[i]->toString();
  }
  return s;
}

}  // namespace

std::string PhysicalPlan::nodeString() const {
  const auto& l = *logical;
  switch (kind) {
    case PhysicalKind::kScan: {
      StructType readSchema = l.schema();
      return l.source->describeScan(exprList(l.output, ","), readSchema, l.pushedFilters);
    }
    case PhysicalKind::kProject: return "Project [" + exprList(l.exprs) + "]";
    case PhysicalKind::kFilter: return "Filter " + l.exprs[0]->toString();
    case PhysicalKind::kLimit: return "CollectLimit " + std::to_string(l.limit);
    case PhysicalKind::kHashDistinct:
      return "HashAggregate(keys=[" + exprList(l.exprs.empty() ? l.output : l.exprs) + "], functions=[])";
    case PhysicalKind::kSample:
      return "Sample 0.0, " + std::to_string(l.fraction) + ", " + (l.withReplacement ? "true" : "false") +
             ", " + std::to_string(l.seed);
    case PhysicalKind::kUnion: return "Union";
    case PhysicalKind::kSort: return "Sort [" + exprList(l.exprs) + "], true, 0";
    case PhysicalKind::kHashAggregate: {
      std::vector<expr::ExprPtr> functions;
      for (const auto& e : l.exprs) {
        if (expr::containsAggregate(e)) {
          functions.push_back(e->kind() == expr::ExprKind::kAlias ? e->child(0) : e);
        }
      }
      return "HashAggregate(keys=[" + exprList(l.grouping) + "], functions=[" + exprList(functions) + "])";
    }
    case PhysicalKind::kHashJoin:
      return "ShuffledHashJoin " + plan::joinTypeName(l.joinType) + ", " + l.exprs[0]->toString();
    case PhysicalKind::kNestedLoopJoin:
      return "BroadcastNestedLoopJoin BuildRight, " + plan::joinTypeName(l.joinType) +
             (l.exprs.empty() ? "" : ", " + l.exprs[0]->toString());
  }
  return "?";
}

std::string PhysicalPlan::treeString() const {
  std::string out;
  plan::appendTree(*this, "", true, true, out);
  return out;
}

PhysicalPtr planPhysical(const plan::PlanPtr& optimized) {
  auto node = std::make_shared<PhysicalPlan>();
  node->logical = optimized;
  for (const auto& c : optimized->children) {
    node->children.push_back(planPhysical(c));
  }
  switch (optimized->kind) {
    case PlanKind::kRelation: node->kind = PhysicalKind::kScan; break;
    case PlanKind::kProject: node->kind = PhysicalKind::kProject; break;
    case PlanKind::kFilter: node->kind = PhysicalKind::kFilter; break;
    case PlanKind::kLimit: node->kind = PhysicalKind::kLimit; break;
    case PlanKind::kDeduplicate: node->kind = PhysicalKind::kHashDistinct; break;
    case PlanKind::kSample: node->kind = PhysicalKind::kSample; break;
    case PlanKind::kUnion: node->kind = PhysicalKind::kUnion; break;
    case PlanKind::kSort: node->kind = PhysicalKind::kSort; break;
    case PlanKind::kAggregate: node->kind = PhysicalKind::kHashAggregate; break;
    case PlanKind::kJoin:
      node->kind = hasEquiJoinKeys(*optimized) ? PhysicalKind::kHashJoin : PhysicalKind::kNestedLoopJoin;
      break;
  }
  return node;
}

OperatorPtr PhysicalPlan::open(ExecContext& context) const {
  std::vector<OperatorPtr> inputs;
  for (const auto& c : children) {
    inputs.push_back(c->open(context));
  }
  return makeOperator(*this, std::move(inputs), context);
}

std::vector<Batch> collectBatches(const PhysicalPtr& plan, ExecContext& context) {
  auto op = plan->open(context);
  std::vector<Batch> out;
  while (auto b = op->next()) {
    out.push_back(std::move(*b));
  }
  return out;
}

}  // namespace rivulet::exec
