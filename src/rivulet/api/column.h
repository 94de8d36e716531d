// Column: an expression in the DataFrame API (col("a") + 1, lower(col("ident")), ...).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rivulet/types/data_type.h"

namespace rivulet {

namespace expr {
class Expression;
}

/// A cheap, immutable handle on an expression. Operators build new Columns; nothing is
/// evaluated until an action runs.
class Column {
 public:
  explicit Column(std::shared_ptr<const expr::Expression> expr) : expr_(std::move(expr)) {}

  /// col(name): a column by name ("a", "a.b" for a struct field, "*" for all).
  explicit Column(const std::string& name);

  const std::shared_ptr<const expr::Expression>& expr() const { return expr_; }

  /// Spark's Column.toString: "lower(ident)", "(a + 1)".
  std::string toString() const;

  // Naming and types.
  Column alias(const std::string& name) const;
  Column as(const std::string& name) const { return alias(name); }
  Column name(const std::string& name) const { return alias(name); }
  Column cast(const DataTypePtr& type) const;
  /// cast("int"), cast("array<string>").
  Column cast(const std::string& ddlType) const;

  // Nulls and membership.
  Column isNull() const;
  Column isNotNull() const;
  Column isNaN() const;
  Column isin(const std::vector<Column>& values) const;
  Column eqNullSafe(const Column& other) const;
  Column between(const Column& lower, const Column& upper) const;

  // Strings.
  Column startsWith(const Column& prefix) const;
  Column startsWith(const std::string& prefix) const;
  Column endsWith(const Column& suffix) const;
  Column endsWith(const std::string& suffix) const;
  Column contains(const Column& other) const;
  Column contains(const std::string& other) const;
  Column like(const std::string& pattern) const;
  Column rlike(const std::string& regex) const;
  Column substr(int pos, int len) const;

  // Nested values.
  /// Array element (0-based) or map value: col("a")[0], col("m")["k"].
  Column operator[](int index) const;
  Column operator[](const std::string& key) const;
  Column getItem(int index) const { return (*this)[index]; }
  Column getItem(const std::string& key) const { return (*this)[key]; }
  Column getField(const std::string& field) const;

  // Conditionals: when(cond, a).when(cond2, b).otherwise(c).
  Column when(const Column& condition, const Column& value) const;
  Column otherwise(const Column& value) const;

  // Sorting.
  Column asc() const;
  Column desc() const;
  Column asc_nulls_first() const;
  Column asc_nulls_last() const;
  Column desc_nulls_first() const;
  Column desc_nulls_last() const;

  // Spark's method forms of the operators.
  Column equalTo(const Column& other) const;
  Column notEqual(const Column& other) const;
  Column gt(const Column& other) const;
  Column geq(const Column& other) const;
  Column lt(const Column& other) const;
  Column leq(const Column& other) const;
  Column plus(const Column& other) const;
  Column minus(const Column& other) const;
  Column multiply(const Column& other) const;
  Column divide(const Column& other) const;
  Column mod(const Column& other) const;
  Column and_(const Column& other) const;
  Column or_(const Column& other) const;

 private:
  std::shared_ptr<const expr::Expression> expr_;
};

/// A literal Column for C++ values (int → int, int64_t → bigint, double, bool, strings).
Column toColumn(int v);
Column toColumn(int64_t v);
Column toColumn(double v);
Column toColumn(bool v);
Column toColumn(const char* v);
Column toColumn(const std::string& v);
inline Column toColumn(const Column& c) { return c; }

#define RIVULET_COLUMN_BINARY(op, method)                           \
  inline Column operator op(const Column& a, const Column& b) {     \
    return a.method(b);                                             \
  }                                                                 \
  template <typename T>                                             \
  Column operator op(const Column& a, const T& b) {                 \
    return a.method(toColumn(b));                                   \
  }                                                                 \
  template <typename T>                                             \
  Column operator op(const T& a, const Column& b) {                 \
    return toColumn(a).method(b);                                   \
  }

RIVULET_COLUMN_BINARY(==, equalTo)
RIVULET_COLUMN_BINARY(!=, notEqual)
RIVULET_COLUMN_BINARY(>, gt)
RIVULET_COLUMN_BINARY(>=, geq)
RIVULET_COLUMN_BINARY(<, lt)
RIVULET_COLUMN_BINARY(<=, leq)
RIVULET_COLUMN_BINARY(+, plus)
RIVULET_COLUMN_BINARY(-, minus)
RIVULET_COLUMN_BINARY(*, multiply)
RIVULET_COLUMN_BINARY(/, divide)
RIVULET_COLUMN_BINARY(%, mod)
RIVULET_COLUMN_BINARY(&&, and_)
RIVULET_COLUMN_BINARY(||, or_)
#undef RIVULET_COLUMN_BINARY

Column operator!(const Column& c);
Column operator-(const Column& c);

}  // namespace rivulet
