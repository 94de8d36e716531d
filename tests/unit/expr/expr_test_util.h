// Helpers of the expression tests: an input batch from JSON rows, resolution, evaluation and
// the results as text.
#pragma once

#include <string>
#include <vector>

#include "rivulet/columnar/batch.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/expression.h"
#include "rivulet/types/data_type.h"

namespace rivulet::expr::testing {

ExprPtr col(const std::string& name);

ExprPtr lit(int v);

ExprPtr litLong(int64_t v);

ExprPtr lit(double v);

ExprPtr lit(const char* v);

ExprPtr litBool(bool v);

ExprPtr litNull();

ExprPtr fn(const std::string& name, std::vector<ExprPtr> args);

/// An input of the schema `ddl` ("s STRING, i INT") and rows `json` ([["a", 1], [null, 2]]).
class ExprFixture {
 public:
  ExprFixture(const std::string& ddl, const std::string& json);

  /// The expression resolved against the input attributes.
  ExprPtr resolve(const ExprPtr& e) const;

  /// Every row of the result, Spark's string form, nulls as "NULL", joined with " | ".
  std::string eval(const ExprPtr& e);

  /// The message of the error resolution throws ("" if none).
  std::string resolveError(const ExprPtr& e) const;

  /// The message of the error evaluation throws ("" if none).
  std::string evalError(const ExprPtr& e);

  const std::vector<ExprPtr>& attributes() const { return attributes_; }

  EvalContext& context() { return context_; }

  const Batch& batch() const { return batch_; }

 private:
  std::vector<ExprPtr> attributes_;
  Batch batch_;
  EvalContext context_;
};

}  // namespace rivulet::expr::testing
