#include "rivulet/plan/analyzer.h"

#include <strings.h>

#include <random>

#include "rivulet/common/error.h"
#include "rivulet/expr/expression_resolver.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::plan {

using expr::Expression;
using expr::ExprKind;
using expr::ExprPtr;

namespace {

// Random functions get their seed once, at analysis: the same DataFrame run twice gives the
// same rows, a new DataFrame a new seed (Spark's rule).
ExprPtr fixSeeds(const ExprPtr& e) {
  return expr::transformUp(e, [](const ExprPtr& node) -> ExprPtr {
    if (node->kind() != ExprKind::kCall || !node->literal().isNull()) {
      return nullptr;
    }
    const auto* def = expr::findFunction(node->name());
    if (def == nullptr || def->deterministic) {
      return nullptr;
    }
    static std::random_device device;
    return node->withLiteral(Value::integer(static_cast<int64_t>(device()) << 16 ^ device()));
  });
}

std::vector<ExprPtr> expandStars(const std::vector<ExprPtr>& list, const std::vector<ExprPtr>& input) {
  std::vector<ExprPtr> out;
  for (const auto& e : list) {
    if (e->kind() == ExprKind::kStar) {
      out.insert(out.end(), input.begin(), input.end());
    } else {
      out.push_back(e);
    }
  }
  return out;
}

ExprPtr resolve(const ExprPtr& e, const std::vector<ExprPtr>& input) {
  return fixSeeds(expr::resolveExpression(e, input));
}

std::vector<ExprPtr> outputsOf(const std::vector<ExprPtr>& named) {
  std::vector<ExprPtr> out;
  for (const auto& n : named) {
    out.push_back(expr::toAttribute(n));
  }
  return out;
}

PlanPtr finish(LogicalPlan node) {
  node.resolved = true;
  return makePlan(std::move(node));
}

void requireBooleanCondition(const ExprPtr& cond, const char* what) {
  if (cond->type()->id() != TypeId::kBoolean) {
    throw AnalysisException("[DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN] Cannot resolve \"" +
                                cond->prettyName() + "\" due to data type mismatch: " + what +
                                " expression data type " + cond->type()->sql() + " is not boolean.",
                            "DATATYPE_MISMATCH");
  }
}

PlanPtr analyzeProject(LogicalPlan node) {
  const auto& input = node.child()->output;
  std::vector<ExprPtr> list;
  bool hasAggregate = false;
  for (const auto& e : expandStars(node.exprs, input)) {
    auto r = expr::ensureNamed(resolve(e, input));
    hasAggregate |= expr::containsAggregate(r);
    list.push_back(r);
  }
  if (hasAggregate) {
    node.kind = PlanKind::kAggregate;
    node.grouping.clear();
    for (const auto& e : list) {
      if (!expr::containsAggregate(e) && !expr::isFoldable(e)) {
        throw AnalysisException("[MISSING_GROUP_BY] The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.",
                                "MISSING_GROUP_BY");
      }
    }
  }
  node.exprs = list;
  node.output = outputsOf(list);
  return finish(std::move(node));
}

PlanPtr analyzeAggregate(LogicalPlan node) {
  const auto& input = node.child()->output;
  std::vector<ExprPtr> grouping;
  for (const auto& g : node.grouping) {
    grouping.push_back(resolve(g, input));
  }
  std::vector<ExprPtr> aggs;
  for (const auto& e : expandStars(node.exprs, input)) {
    aggs.push_back(expr::ensureNamed(resolve(e, input)));
  }
  // Every non-aggregate output must be a grouping expression.
  for (const auto& a : aggs) {
    const ExprPtr& body = a->kind() == ExprKind::kAlias ? a->child(0) : a;
    if (expr::containsAggregate(body) || expr::isFoldable(body)) {
      continue;
    }
    bool grouped = false;
    for (const auto& g : grouping) {
      grouped |= g->semanticEquals(*body);
    }
    if (!grouped) {
      throw AnalysisException("[MISSING_AGGREGATION] The non-aggregating expression \"" + body->prettyName() +
                                  "\" is based on columns which are not participating in the GROUP BY clause.",
                              "MISSING_AGGREGATION");
    }
  }
  node.grouping = grouping;
  node.exprs = aggs;
  node.output = outputsOf(aggs);
  return finish(std::move(node));
}

PlanPtr analyzeJoin(LogicalPlan node) {
  const auto& left = node.child(0)->output;
  const auto& right = node.child(1)->output;
  std::vector<ExprPtr> both = left;
  both.insert(both.end(), right.begin(), right.end());
  bool semi = node.joinType == JoinType::kLeftSemi || node.joinType == JoinType::kLeftAnti;
  auto nullableAll = [](const std::vector<ExprPtr>& attrs) {
    std::vector<ExprPtr> out;
    for (const auto& a : attrs) {
      out.push_back(Expression::attribute(a->name(), a->type(), true, a->exprId()));
    }
    return out;
  };
  if (!node.usingColumns.empty()) {
    // USING join: equality on each column; the output has each column once, then the rest.
    ExprPtr cond;
    std::vector<ExprPtr> keys;
    std::vector<ExprPtr> leftRest = left;
    std::vector<ExprPtr> rightRest = right;
    for (const auto& name : node.usingColumns) {
      auto l = expr::resolveExpression(Expression::unresolvedAttribute(name), left);
      auto r = expr::resolveExpression(Expression::unresolvedAttribute(name), right);
      auto eq = expr::resolveCall(Expression::call("equalto", {l, r}));
      cond = cond ? expr::resolveCall(Expression::call("and", {cond, eq})) : eq;
      ExprPtr key = l;
      if (node.joinType == JoinType::kRightOuter) {
        key = r;
      } else if (node.joinType == JoinType::kFullOuter) {
        key = Expression::alias(expr::resolveCall(Expression::call("coalesce", {l, r})), l->name());
      }
      keys.push_back(key);
      std::erase_if(leftRest, [&](const ExprPtr& a) { return a->exprId() == l->exprId(); });
      std::erase_if(rightRest, [&](const ExprPtr& a) { return a->exprId() == r->exprId(); });
    }
    LogicalPlan join = node;
    join.usingColumns.clear();
    join.exprs = {cond};
    std::vector<ExprPtr> lOut = left, rOut = right;
    if (node.joinType == JoinType::kRightOuter || node.joinType == JoinType::kFullOuter) lOut = nullableAll(left);
    if (node.joinType == JoinType::kLeftOuter || node.joinType == JoinType::kFullOuter) rOut = nullableAll(right);
    join.output = lOut;
    if (!semi) {
      join.output.insert(join.output.end(), rOut.begin(), rOut.end());
    }
    join.resolved = true;
    auto joined = makePlan(join);
    if (semi) {
      return joined;
    }
    LogicalPlan project;
    project.kind = PlanKind::kProject;
    project.children = {joined};
    for (auto& k : keys) {
      project.exprs.push_back(k);
    }
    for (const auto& a : leftRest) project.exprs.push_back(a);
    for (const auto& a : rightRest) project.exprs.push_back(a);
    return analyzeProject(std::move(project));
  }
  if (!node.exprs.empty()) {
    auto cond = resolve(node.exprs[0], both);
    requireBooleanCondition(cond, "join condition");
    node.exprs = {cond};
  }
  std::vector<ExprPtr> lOut = left, rOut = right;
  if (node.joinType == JoinType::kRightOuter || node.joinType == JoinType::kFullOuter) lOut = nullableAll(left);
  if (node.joinType == JoinType::kLeftOuter || node.joinType == JoinType::kFullOuter) rOut = nullableAll(right);
  node.output = lOut;
  if (!semi) {
    node.output.insert(node.output.end(), rOut.begin(), rOut.end());
  }
  return finish(std::move(node));
}

PlanPtr analyzeUnion(LogicalPlan node) {
  const auto& first = node.child(0)->output;
  std::vector<PlanPtr> children = {node.child(0)};
  std::vector<DataTypePtr> types;
  for (const auto& a : first) {
    types.push_back(a->type());
  }
  for (size_t c = 1; c < node.children.size(); ++c) {
    PlanPtr child = node.children[c];
    if (node.byName) {
      // Reorder the child's columns by the first child's names.
      LogicalPlan reorder;
      reorder.kind = PlanKind::kProject;
      reorder.children = {child};
      for (const auto& a : first) {
        ExprPtr match;
        for (const auto& b : child->output) {
          if (strcasecmp(a->name().c_str(), b->name().c_str()) == 0) {
            match = b;
          }
        }
        if (!match) {
          if (!node.allowMissingColumns) {
            throw AnalysisException("[NUM_COLUMNS_MISMATCH] Cannot resolve column name \"" + a->name() +
                                        "\" among (" + [&] {
                                          std::string s;
                                          for (size_t i = 0; i < child->output.size(); ++i) s += (i ? ", " : "") + child->output[i]->name();
                                          return s;
                                        }() + ").",
                                    "UNRESOLVED_COLUMN");
          }
          match = Expression::alias(Expression::literal(Value(), a->type()), a->name());
        }
        reorder.exprs.push_back(match);
      }
      child = analyzeProject(std::move(reorder));
    }
    if (child->output.size() != first.size()) {
      throw AnalysisException("[NUM_COLUMNS_MISMATCH] UNION can only be performed on inputs with the same number of columns, but the first input has " +
                                  std::to_string(first.size()) + " columns and the " +
                                  std::to_string(c + 1) + (c == 1 ? "nd" : (c == 2 ? "rd" : "th")) + " input has " +
                                  std::to_string(child->output.size()) + " columns.",
                              "NUM_COLUMNS_MISMATCH");
    }
    for (size_t i = 0; i < first.size(); ++i) {
      auto t = expr::tightestCommonType(types[i], child->output[i]->type());
      if (!t) {
        throw AnalysisException("[INCOMPATIBLE_COLUMN_TYPE] UNION can only be performed on inputs with compatible column types. The " +
                                    std::to_string(i + 1) + " column of the " + std::to_string(c + 1) +
                                    " table is \"" + child->output[i]->type()->sql() + "\" type which is not compatible with \"" +
                                    types[i]->sql() + "\" at the same column of the first table.",
                                "INCOMPATIBLE_COLUMN_TYPE");
      }
      types[i] = t;
    }
    children.push_back(child);
  }
  // Cast children whose types differ from the widened ones.
  for (auto& child : children) {
    bool needs = false;
    for (size_t i = 0; i < types.size(); ++i) {
      needs |= !child->output[i]->type()->equals(*types[i]);
    }
    if (needs) {
      LogicalPlan cast;
      cast.kind = PlanKind::kProject;
      cast.children = {child};
      for (size_t i = 0; i < types.size(); ++i) {
        const auto& a = child->output[i];
        cast.exprs.push_back(a->type()->equals(*types[i]) ? a
                                                           : Expression::alias(expr::castIfNeeded(a, types[i]), a->name()));
      }
      child = analyzeProject(std::move(cast));
    }
  }
  node.children = children;
  node.output.clear();
  for (size_t i = 0; i < first.size(); ++i) {
    bool nullable = false;
    for (const auto& c : children) {
      nullable |= c->output[i]->nullable();
    }
    node.output.push_back(Expression::attribute(first[i]->name(), types[i], nullable, first[i]->exprId()));
  }
  return finish(std::move(node));
}

}  // namespace

PlanPtr makeRelation(const DataSourcePtr& source) {
  LogicalPlan node;
  node.kind = PlanKind::kRelation;
  node.source = source;
  StructType schema = source->schema();
  for (size_t i = 0; i < schema.size(); ++i) {
    node.sourceOutput.push_back(
        Expression::attribute(schema[i].name, schema[i].type, schema[i].nullable, expr::newExprId()));
    node.projection.push_back(static_cast<int>(i));
  }
  node.output = node.sourceOutput;
  node.resolved = true;
  return makePlan(std::move(node));
}

PlanPtr analyzeNode(const LogicalPlan& input) {
  LogicalPlan node = input;
  switch (node.kind) {
    case PlanKind::kRelation: return finish(std::move(node));
    case PlanKind::kProject: return analyzeProject(std::move(node));
    case PlanKind::kAggregate: return analyzeAggregate(std::move(node));
    case PlanKind::kJoin: return analyzeJoin(std::move(node));
    case PlanKind::kUnion: return analyzeUnion(std::move(node));
    case PlanKind::kFilter: {
      const auto& in = node.child()->output;
      auto cond = resolve(node.exprs[0], in);
      requireBooleanCondition(cond, "filter");
      node.exprs = {cond};
      node.output = in;
      return finish(std::move(node));
    }
    case PlanKind::kSort: {
      const auto& in = node.child()->output;
      std::vector<ExprPtr> orders;
      for (const auto& o : node.exprs) {
        auto r = resolve(o, in);
        if (r->kind() != ExprKind::kSortOrder) {
          r = Expression::sortOrder(r, true, true);
        }
        orders.push_back(r);
      }
      node.exprs = orders;
      node.output = in;
      return finish(std::move(node));
    }
    case PlanKind::kDeduplicate: {
      const auto& in = node.child()->output;
      std::vector<ExprPtr> keys;
      for (const auto& k : node.exprs) {
        keys.push_back(resolve(k, in));
      }
      node.exprs = keys;
      node.output = in;
      return finish(std::move(node));
    }
    case PlanKind::kLimit:
    case PlanKind::kSample:
      node.output = node.child()->output;
      return finish(std::move(node));
  }
  throwInternalError("unknown plan node");
}

PlanPtr analyze(const PlanPtr& plan) {
  if (plan->resolved) {
    return plan;
  }
  std::vector<PlanPtr> children;
  for (const auto& c : plan->children) {
    children.push_back(analyze(c));
  }
  return analyzeNode(*plan->withChildren(children));
}

}  // namespace rivulet::plan
