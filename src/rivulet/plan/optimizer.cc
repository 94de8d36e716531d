#include "rivulet/plan/optimizer.h"

#include <algorithm>
#include <set>

#include "rivulet/common/error.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/evaluator.h"
#include "rivulet/expr/expression_resolver.h"
#include "rivulet/expr/function_registry.h"

namespace rivulet::plan {

using expr::Expression;
using expr::ExprKind;
using expr::ExprPtr;

namespace {

bool deterministic(const ExprPtr& e) {
  return !expr::anyNode(e, [](const Expression& n) {
    if (n.kind() != ExprKind::kCall) {
      return false;
    }
    const auto* def = expr::findFunction(n.name());
    return def == nullptr || !def->deterministic || !def->foldable;
  });
}

ExprPtr foldConstants(const ExprPtr& e) {
  return expr::transformUp(e, [](const ExprPtr& node) -> ExprPtr {
    if (node->kind() != ExprKind::kCall && node->kind() != ExprKind::kCast) {
      return nullptr;
    }
    if (!expr::isFoldable(node)) {
      return nullptr;
    }
    expr::EvalContext context;
    try {
      Value v = expr::evaluateConstant(*node, context);
      return Expression::literal(v, node->type());
    } catch (const Error&) {
      return nullptr;  // leave it for run time, where the error has its context
    }
  });
}

std::vector<ExprPtr> mapExprs(const std::vector<ExprPtr>& exprs, ExprPtr (*fn)(const ExprPtr&)) {
  std::vector<ExprPtr> out;
  for (const auto& e : exprs) {
    out.push_back(fn(e));
  }
  return out;
}

// Replaces attributes defined by a projection's aliases with their definitions.
ExprPtr substitute(const ExprPtr& e, const std::vector<ExprPtr>& projectList) {
  return expr::transformUp(e, [&](const ExprPtr& node) -> ExprPtr {
    if (node->kind() != ExprKind::kAttribute) {
      return nullptr;
    }
    for (const auto& p : projectList) {
      if (p->kind() == ExprKind::kAlias && p->exprId() == node->exprId()) {
        return p->child(0);
      }
    }
    return nullptr;
  });
}

ExprPtr rename(const ExprPtr& substituted, const ExprPtr& original) {
  if (original->kind() == ExprKind::kAlias) {
    if (substituted->kind() == ExprKind::kAlias) {
      return Expression::alias(substituted->child(0), original->name(), original->exprId());
    }
    return Expression::alias(substituted, original->name(), original->exprId());
  }
  if (original->kind() == ExprKind::kAttribute &&
      (substituted->kind() != ExprKind::kAttribute || substituted->exprId() != original->exprId())) {
    // An attribute replaced by its definition keeps its name and id for the operators above.
    return Expression::alias(substituted, original->name(), original->exprId());
  }
  return substituted;
}

// Whether merging `parent` over `child` would compute one of the child's function calls more
// than once (col("j.a"), col("j.b") over j = from_json(...) would parse the JSON twice).
bool duplicatesWork(const std::vector<ExprPtr>& parent, const std::vector<ExprPtr>& child) {
  for (const auto& c : child) {
    if (c->kind() != ExprKind::kAlias || c->child(0)->kind() != ExprKind::kCall) {
      continue;
    }
    int uses = 0;
    for (const auto& p : parent) {
      expr::anyNode(p, [&](const Expression& n) {
        uses += n.kind() == ExprKind::kAttribute && n.exprId() == c->exprId();
        return false;
      });
    }
    if (uses > 1) {
      return true;
    }
  }
  return false;
}

void collectAttributes(const ExprPtr& e, std::set<int64_t>& ids) {
  expr::anyNode(e, [&](const Expression& n) {
    if (n.kind() == ExprKind::kAttribute) {
      ids.insert(n.exprId());
    }
    return false;
  });
}

PlanPtr rewrite(const PlanPtr& plan);

PlanPtr rewriteNode(const PlanPtr& plan) {
  LogicalPlan node = *plan;
  node.exprs = mapExprs(node.exprs, foldConstants);
  node.grouping = mapExprs(node.grouping, foldConstants);

  if (node.kind == PlanKind::kFilter) {
    const auto& cond = node.exprs[0];
    if (cond->kind() == ExprKind::kLiteral && !cond->literal().isNull() && cond->literal().asBool()) {
      return node.child();
    }
    const PlanPtr& child = node.child();
    if (child->kind == PlanKind::kFilter && deterministic(cond)) {
      // Filter(a, Filter(b, x)) → Filter(b AND a, x)
      auto combined = expr::resolveCall(Expression::call("and", {child->exprs[0], cond}));
      LogicalPlan merged = *child;
      merged.exprs = {combined};
      return rewriteNode(makePlan(std::move(merged)));
    }
    if (child->kind == PlanKind::kProject && deterministic(cond) &&
        std::all_of(child->exprs.begin(), child->exprs.end(), [](const ExprPtr& e) { return deterministic(e); })) {
      // Filter(c, Project(list, x)) → Project(list, Filter(c', x))
      LogicalPlan pushed = node;
      pushed.exprs = {substitute(cond, child->exprs)};
      pushed.children = {child->child()};
      pushed.output = child->child()->output;
      LogicalPlan project = *child;
      project.children = {rewriteNode(makePlan(std::move(pushed)))};
      return makePlan(std::move(project));
    }
    if (child->kind == PlanKind::kRelation && deterministic(cond)) {
      LogicalPlan scan = *child;
      scan.pushedFilters = {cond};
      node.children = {makePlan(std::move(scan))};
    }
  }
  if (node.kind == PlanKind::kProject) {
    const PlanPtr& child = node.child();
    if (child->kind == PlanKind::kProject &&
        std::all_of(child->exprs.begin(), child->exprs.end(), [](const ExprPtr& e) { return deterministic(e); }) &&
        !duplicatesWork(node.exprs, child->exprs)) {
      LogicalPlan merged = node;
      merged.exprs.clear();
      for (const auto& e : node.exprs) {
        merged.exprs.push_back(rename(substitute(e, child->exprs), e));
      }
      merged.children = {child->child()};
      return rewriteNode(makePlan(std::move(merged)));
    }
    // A projection that keeps the child's output as it is does nothing.
    if (node.exprs.size() == child->output.size()) {
      bool identity = true;
      for (size_t i = 0; i < node.exprs.size(); ++i) {
        identity &= node.exprs[i]->kind() == ExprKind::kAttribute &&
                    node.exprs[i]->exprId() == child->output[i]->exprId();
      }
      if (identity) {
        return child;
      }
    }
  }
  return makePlan(std::move(node));
}

PlanPtr rewrite(const PlanPtr& plan) {
  std::vector<PlanPtr> children;
  for (const auto& c : plan->children) {
    children.push_back(rewrite(c));
  }
  return rewriteNode(plan->withChildren(children));
}

// Keeps at each relation only the columns some ancestor uses.
PlanPtr prune(const PlanPtr& plan, const std::set<int64_t>& required) {
  if (plan->kind == PlanKind::kRelation) {
    LogicalPlan scan = *plan;
    std::set<int64_t> needed = required;
    for (const auto& f : scan.pushedFilters) {
      collectAttributes(f, needed);
    }
    scan.projection.clear();
    scan.output.clear();
    for (size_t i = 0; i < scan.sourceOutput.size(); ++i) {
      if (needed.count(scan.sourceOutput[i]->exprId())) {
        scan.projection.push_back(static_cast<int>(i));
        scan.output.push_back(scan.sourceOutput[i]);
      }
    }
    return makePlan(std::move(scan));
  }
  std::set<int64_t> childRequired;
  bool passThrough = plan->kind == PlanKind::kFilter || plan->kind == PlanKind::kLimit ||
                     plan->kind == PlanKind::kSort || plan->kind == PlanKind::kSample ||
                     plan->kind == PlanKind::kJoin;
  if (passThrough) {
    childRequired = required;
  }
  if (plan->kind == PlanKind::kDeduplicate || plan->kind == PlanKind::kUnion) {
    // Every column matters (distinct rows; union by position).
    for (const auto& c : plan->children) {
      for (const auto& a : c->output) {
        childRequired.insert(a->exprId());
      }
    }
  }
  for (const auto& e : plan->exprs) {
    collectAttributes(e, childRequired);
  }
  for (const auto& e : plan->grouping) {
    collectAttributes(e, childRequired);
  }
  std::vector<PlanPtr> children;
  for (const auto& c : plan->children) {
    children.push_back(prune(c, childRequired));
  }
  LogicalPlan pruned = *plan;
  pruned.children = children;
  if (plan->kind == PlanKind::kFilter || plan->kind == PlanKind::kLimit || plan->kind == PlanKind::kSort ||
      plan->kind == PlanKind::kSample || plan->kind == PlanKind::kDeduplicate) {
    pruned.output = children[0]->output;
  } else if (plan->kind == PlanKind::kJoin) {
    // Keep the join's own attributes (outer joins made some nullable) that its children still produce.
    std::set<int64_t> produced;
    for (const auto& c : children) {
      for (const auto& a : c->output) {
        produced.insert(a->exprId());
      }
    }
    pruned.output.clear();
    for (const auto& a : plan->output) {
      if (produced.count(a->exprId())) {
        pruned.output.push_back(a);
      }
    }
  }
  return makePlan(std::move(pruned));
}

}  // namespace

PlanPtr optimize(const PlanPtr& analyzed) {
  PlanPtr plan = rewrite(analyzed);
  std::set<int64_t> all;
  for (const auto& a : plan->output) {
    all.insert(a->exprId());
  }
  return prune(plan, all);
}

}  // namespace rivulet::plan
