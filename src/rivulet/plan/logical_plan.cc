#include "rivulet/plan/logical_plan.h"

#include <algorithm>
#include <cctype>

#include "rivulet/common/error.h"

namespace rivulet::plan {

JoinType parseJoinType(const std::string& name) {
  std::string n;
  for (char c : name) {
    if (c != '_') {
      n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (n == "inner") return JoinType::kInner;
  if (n == "left" || n == "leftouter") return JoinType::kLeftOuter;
  if (n == "right" || n == "rightouter") return JoinType::kRightOuter;
  if (n == "full" || n == "outer" || n == "fullouter") return JoinType::kFullOuter;
  if (n == "semi" || n == "leftsemi") return JoinType::kLeftSemi;
  if (n == "anti" || n == "leftanti") return JoinType::kLeftAnti;
  if (n == "cross") return JoinType::kCross;
  throwUserError("UNSUPPORTED_JOIN_TYPE",
                 "Unsupported join type '" + name +
                     "'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.");
}

std::string joinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner: return "Inner";
    case JoinType::kLeftOuter: return "LeftOuter";
    case JoinType::kRightOuter: return "RightOuter";
    case JoinType::kFullOuter: return "FullOuter";
    case JoinType::kLeftSemi: return "LeftSemi";
    case JoinType::kLeftAnti: return "LeftAnti";
    case JoinType::kCross: return "Cross";
  }
  return "?";
}

bool LogicalPlan::isStreaming() const {
  if (source && source->isStreaming()) {
    return true;
  }
  return std::any_of(children.begin(), children.end(), [](const PlanPtr& c) { return c->isStreaming(); });
}

namespace {

std::string exprList(const std::vector<expr::ExprPtr>& exprs, const char* sep = ", ") {
  std::string s;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) {
      s += sep;
    }
    s += exprs[i]->toString();
  }
  return s;
}

}  // namespace

std::string LogicalPlan::nodeString() const {
  if (!resolved && kind != PlanKind::kRelation && kind != PlanKind::kJoin) {
    auto copy = *this;
    copy.resolved = true;
    return "'" + copy.nodeString();
  }
  switch (kind) {
    case PlanKind::kRelation: {
      std::vector<expr::ExprPtr> cols;
      if (projection.empty() && !resolved) {
        cols = sourceOutput;
      } else {
        for (int i : projection) {
          cols.push_back(sourceOutput[i]);
        }
      }
      if (source->isStreaming()) {
        return "StreamingRelationV2 " + source->relationName() + ", [" + exprList(cols) + "]";
      }
      return "Relation [" + exprList(cols, ",") + "] " + source->relationName();
    }
    case PlanKind::kProject: return "Project [" + exprList(exprs) + "]";
    case PlanKind::kFilter: return "Filter " + exprs[0]->toString();
    case PlanKind::kLimit: return "GlobalLimit " + std::to_string(limit);
    case PlanKind::kDeduplicate:
      return exprs.empty() ? "Distinct" : "Deduplicate [" + exprList(exprs) + "]";
    case PlanKind::kSample: {
      char buf[128];
      snprintf(buf, sizeof buf, "Sample 0.0, %s, %s, %lld", std::to_string(fraction).c_str(),
               withReplacement ? "true" : "false", static_cast<long long>(seed));
      return buf;
    }
    case PlanKind::kUnion: return byName ? "Union false, false" : "Union false, false";
    case PlanKind::kSort: return "Sort [" + exprList(exprs) + "], true";
    case PlanKind::kAggregate: return "Aggregate [" + exprList(grouping) + "], [" + exprList(exprs) + "]";
    case PlanKind::kJoin: {
      std::string s = "Join " + joinTypeName(joinType);
      if (!usingColumns.empty() && !resolved) {
        std::string cols;
        for (size_t i = 0; i < usingColumns.size(); ++i) {
          cols += (i ? ", " : "") + usingColumns[i];
        }
        return "'Join UsingJoin(" + joinTypeName(joinType) + ", [" + cols + "])";
      }
      if (!exprs.empty()) {
        s += ", " + exprs[0]->toString();
      }
      return s;
    }
  }
  return "?";
}

std::string LogicalPlan::treeString() const {
  std::string out;
  appendTree(*this, "", true, true, out);
  return out;
}

PlanPtr LogicalPlan::withChildren(std::vector<PlanPtr> newChildren) const {
  auto copy = std::make_shared<LogicalPlan>(*this);
  copy->children = std::move(newChildren);
  return copy;
}

StructType LogicalPlan::schema() const {
  std::vector<StructField> fields;
  for (const auto& a : output) {
    fields.push_back({a->name(), a->type(), a->nullable()});
  }
  return StructType(std::move(fields));
}

PlanPtr makePlan(LogicalPlan node) { return std::make_shared<const LogicalPlan>(std::move(node)); }

}  // namespace rivulet::plan
