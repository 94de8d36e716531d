// Expression: a node of an expression tree, unresolved as the Column API builds it and
// resolved (typed, attributes with ids) after analysis. Immutable and shared.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rivulet/types/data_type.h"
#include "rivulet/types/value.h"

namespace rivulet::expr {

class Expression;
using ExprPtr = std::shared_ptr<const Expression>;

enum class ExprKind : uint8_t {
  kUnresolvedAttribute,  // 'name (may be dotted: a.b)
  kStar,                 // * or t.*
  kAttribute,            // a resolved column: name#id
  kBound,                // a column by ordinal in the input batch (after binding)
  kLiteral,
  kAlias,                // child AS name#id
  kCall,                 // a function from the registry, by name
  kCast,                 // cast(child AS type)
  kSortOrder,            // child ASC|DESC NULLS FIRST|LAST
};

/// Fresh ids for attributes and aliases (Spark's exprId: "ident#17").
int64_t newExprId();

class Expression {
 public:
  ExprKind kind() const { return kind_; }

  /// Attribute / alias name, or function name for calls.
  const std::string& name() const { return name_; }

  const std::vector<ExprPtr>& children() const { return children_; }

  const ExprPtr& child(size_t i) const { return children_[i]; }

  /// The result type; null while unresolved. For kCast, the target type.
  const DataTypePtr& type() const { return type_; }

  bool nullable() const { return nullable_; }

  bool resolved() const { return type_ != nullptr && kind_ != ExprKind::kUnresolvedAttribute; }

  /// Attribute and alias id.
  int64_t exprId() const { return exprId_; }

  /// Bound column ordinal.
  int ordinal() const { return ordinal_; }

  /// Literal value (also the seed of random functions).
  const Value& literal() const { return literal_; }

  /// Sort order: ascending; nulls first.
  bool ascending() const { return flag1_; }

  bool nullsFirst() const { return flag2_; }

  /// Calls: whether this is DISTINCT (count(DISTINCT x)).
  bool distinct() const { return flag1_; }

  // ---- construction ----
  static ExprPtr unresolvedAttribute(std::string name);
  static ExprPtr star(std::string qualifier = "");
  static ExprPtr attribute(std::string name, DataTypePtr type, bool nullable, int64_t exprId);
  static ExprPtr bound(int ordinal, DataTypePtr type, bool nullable, std::string name);
  static ExprPtr literal(Value value, DataTypePtr type);
  static ExprPtr alias(ExprPtr child, std::string name, int64_t exprId = 0);
  static ExprPtr call(std::string name, std::vector<ExprPtr> args, bool distinct = false);
  static ExprPtr cast(ExprPtr child, DataTypePtr target);
  static ExprPtr sortOrder(ExprPtr child, bool ascending, bool nullsFirst);

  /// A copy with other children (same kind, name and attributes).
  ExprPtr withChildren(std::vector<ExprPtr> children) const;

  /// A copy with the resolved type and nullability set.
  ExprPtr withType(DataTypePtr type, bool nullable) const;

  /// A copy with another literal (used to fix random seeds at analysis).
  ExprPtr withLiteral(Value value) const;

  /// Spark's rendering in plans: "ident#17", "lower(ident#17)", "(a#1 + 1)", "'ident".
  std::string toString() const;

  /// The name Spark gives the column this expression makes when it is not aliased
  /// ("lower(ident)", "(a + 1)", "ident").
  std::string prettyName() const;

  /// Structural equality (ids included).
  bool semanticEquals(const Expression& other) const;

  Expression() = default;

 private:
  friend class ExpressionBuilder;

  ExprKind kind_ = ExprKind::kLiteral;
  std::string name_;
  std::vector<ExprPtr> children_;
  DataTypePtr type_;
  bool nullable_ = true;
  int64_t exprId_ = 0;
  int ordinal_ = -1;
  Value literal_;
  bool flag1_ = false;
  bool flag2_ = false;
};

/// Walks the tree bottom-up, replacing nodes where `fn` returns non-null.
template <typename Fn>
ExprPtr transformUp(const ExprPtr& e, Fn&& fn) {
  std::vector<ExprPtr> children;
  bool changed = false;
  for (const auto& c : e->children()) {
    auto nc = transformUp(c, fn);
    changed |= nc != c;
    children.push_back(std::move(nc));
  }
  ExprPtr current = changed ? e->withChildren(std::move(children)) : e;
  ExprPtr replaced = fn(current);
  return replaced ? replaced : current;
}

/// Whether any node satisfies `pred`.
template <typename Pred>
bool anyNode(const ExprPtr& e, Pred&& pred) {
  if (pred(*e)) {
    return true;
  }
  for (const auto& c : e->children()) {
    if (anyNode(c, pred)) {
      return true;
    }
  }
  return false;
}

}  // namespace rivulet::expr
