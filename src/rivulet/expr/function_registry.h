// FunctionRegistry: every function by name, with its type rule (resolve) and its vectorized
// kernel (eval). Filled once by registerBuiltinFunctions().
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rivulet/columnar/vector.h"
#include "rivulet/expr/expression.h"

namespace rivulet::expr {

class EvalContext;

/// What resolve() decides for a call: the arguments after implicit casts, and the result.
struct ResolvedCall {
  std::vector<ExprPtr> args;
  DataTypePtr type;
  bool nullable = true;
};

/// How a call prints in plans.
enum class PrintStyle : uint8_t {
  kPrefix,  // name(a, b)
  kInfix,   // (a op b)
  kUnary,   // (- a), (NOT a)
  kPostfix, // (a IS NULL)
  kCustom,  // printed by the node's own rule (CASE WHEN, IN, element access)
};

struct FunctionDef {
  std::string name;
  /// Operator symbol for infix/unary ("+", "AND", "NOT").
  std::string symbol;
  PrintStyle style = PrintStyle::kPrefix;
  /// Checks argument types and inserts casts; throws AnalysisException with Spark's message.
  std::function<ResolvedCall(const std::vector<ExprPtr>& args, const Expression& call)> resolve;
  /// Computes the result for `numRows` rows from the evaluated arguments.
  std::function<VectorPtr(const std::vector<VectorPtr>& args,
                          int64_t numRows,
                          EvalContext& context,
                          const Expression& call)>
      eval;
  bool deterministic = true;
  /// Aggregate functions are computed by the aggregate operator, not by eval.
  bool aggregate = false;
  /// Whether the function is computed from its arguments at all (false for current_timestamp-like
  /// functions that are not folded as constants).
  bool foldable = true;
};

/// The function named `name` (case-insensitive), or nullptr.
const FunctionDef* findFunction(const std::string& name);

/// The function, or an AnalysisException "Undefined function: name".
const FunctionDef& getFunction(const std::string& name);

void registerFunction(FunctionDef def);

/// Registers the built-in functions of this layer (idempotent). Functions that need later
/// layers (to_json, from_json) are registered by those layers at session start.
void registerBuiltinFunctions();

// Per-group registration, one per kernels/ file.
void registerArithmeticFunctions();
void registerComparisonFunctions();
void registerLogicalFunctions();
void registerStringFunctions();
void registerCollectionFunctions();
void registerConditionalFunctions();
void registerMiscFunctions();
void registerAggregateFunctions();

}  // namespace rivulet::expr
