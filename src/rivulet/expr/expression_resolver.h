// Resolving expressions against the attributes of a plan's input (names → attributes, function
// calls → typed calls with implicit casts) and binding attributes to batch ordinals.
#pragma once

#include <vector>

#include "rivulet/expr/expression.h"

namespace rivulet::expr {

/// Resolves `e` against `input` (resolved attributes). Throws AnalysisException with Spark's
/// messages: "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name
/// `x` cannot be resolved. Did you mean one of the following? [`a`, `b`]."
ExprPtr resolveExpression(const ExprPtr& e, const std::vector<ExprPtr>& input);

/// Resolves a call whose children are resolved (type rules and casts of its function).
ExprPtr resolveCall(const ExprPtr& call);

/// Replaces attributes by ordinals into `input`.
ExprPtr bindReferences(const ExprPtr& e, const std::vector<ExprPtr>& input);

/// The attribute a named expression produces (alias → new attribute with the alias id).
ExprPtr toAttribute(const ExprPtr& named);

/// Wraps an unnamed expression in an alias with Spark's auto-generated name.
ExprPtr ensureNamed(const ExprPtr& e);

/// Whether `e` contains an aggregate function call.
bool containsAggregate(const ExprPtr& e);

/// Whether every node is deterministic and has no attribute (can be folded).
bool isFoldable(const ExprPtr& e);

}  // namespace rivulet::expr
