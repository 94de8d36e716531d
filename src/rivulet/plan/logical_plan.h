// LogicalPlan: the operator tree of a DataFrame, unresolved as built and resolved after analysis.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rivulet/expr/expression.h"
#include "rivulet/plan/data_source.h"

namespace rivulet::plan {

enum class PlanKind : uint8_t {
  kRelation,  // a DataSource scan
  kProject,
  kFilter,
  kLimit,
  kDeduplicate,  // distinct (no keys) / dropDuplicates(keys)
  kSample,
  kUnion,
  kSort,
  kAggregate,
  kJoin,
};

enum class JoinType : uint8_t { kInner, kLeftOuter, kRightOuter, kFullOuter, kLeftSemi, kLeftAnti, kCross };

/// Parses Spark's join type names ("inner", "left", "left_outer", "leftsemi", "anti", ...).
JoinType parseJoinType(const std::string& name);

std::string joinTypeName(JoinType type);

class LogicalPlan;
using PlanPtr = std::shared_ptr<const LogicalPlan>;

class LogicalPlan {
 public:
  PlanKind kind;
  std::vector<PlanPtr> children;
  /// Project list; [condition] for filter and join; sort orders; dropDuplicates keys.
  std::vector<expr::ExprPtr> exprs;
  /// Aggregate grouping expressions.
  std::vector<expr::ExprPtr> grouping;
  /// Relation: the source and the attributes of its schema; after pruning, `projection`.
  DataSourcePtr source;
  std::vector<expr::ExprPtr> sourceOutput;
  std::vector<int> projection;
  std::vector<expr::ExprPtr> pushedFilters;
  /// Limit rows; sample seed; union byName.
  int64_t limit = 0;
  double fraction = 0;
  bool withReplacement = false;
  int64_t seed = 0;
  bool byName = false;
  bool allowMissingColumns = false;
  JoinType joinType = JoinType::kInner;
  /// Join USING columns (unresolved).
  std::vector<std::string> usingColumns;
  /// Resolved output attributes (empty while unresolved).
  std::vector<expr::ExprPtr> output;
  bool resolved = false;

  const PlanPtr& child(size_t i = 0) const { return children[i]; }

  bool isStreaming() const;

  /// The one-line description of this node ("Filter (a#1 > 1)").
  std::string nodeString() const;

  /// The whole tree as Spark prints it, with "+- " and ":- " prefixes.
  std::string treeString() const;

  /// A copy with other children.
  PlanPtr withChildren(std::vector<PlanPtr> newChildren) const;

  /// The output as a schema.
  StructType schema() const;
};

PlanPtr makePlan(LogicalPlan node);

/// Renders any tree of nodes with a nodeString() and children, Spark-style.
template <typename Node>
void appendTree(const Node& node, const std::string& prefix, bool last, bool root, std::string& out) {
  if (!root) {
    out += prefix + (last ? "+- " : ":- ");
  }
  out += node.nodeString();
  out += '\n';
  std::string childPrefix = root ? "" : prefix + (last ? "   " : ":  ");
  for (size_t i = 0; i < node.children.size(); ++i) {
    appendTree(*node.children[i], childPrefix, i + 1 == node.children.size(), false, out);
  }
}

}  // namespace rivulet::plan
