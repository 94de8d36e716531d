// Spark's implicit type rules: the wider type of two, and casts to make arguments agree.
#pragma once

#include <optional>
#include <vector>

#include "rivulet/expr/expression.h"

namespace rivulet::expr {

/// The tightest type both can be widened to (int+long → bigint, int+double → double,
/// decimal rules, null+x → x), or null if none.
DataTypePtr tightestCommonType(const DataTypePtr& a, const DataTypePtr& b);

/// The common type for a comparison (adds string↔number → double, string↔date/timestamp).
DataTypePtr comparisonCommonType(const DataTypePtr& a, const DataTypePtr& b);

/// `e` cast to `type` unless it already has that type.
ExprPtr castIfNeeded(const ExprPtr& e, const DataTypePtr& type);

/// Whether a cast from `from` to `to` is allowed (Spark's Cast.canCast).
bool canCast(const DataType& from, const DataType& to);

/// A literal of the right type for a C++ value given in the Column API.
ExprPtr literalOf(const Value& v, const DataTypePtr& type);

}  // namespace rivulet::expr
