// Aggregate functions: their type rules. The aggregate operator (exec/) computes them.
#include "rivulet/common/error.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

namespace {

void registerAggregate(const char* name, std::function<ResolvedCall(const std::vector<ExprPtr>&, const Expression&)> resolve) {
  FunctionDef def;
  def.name = name;
  def.aggregate = true;
  def.resolve = std::move(resolve);
  registerFunction(std::move(def));
}

void requireNumeric(const std::vector<ExprPtr>& args, const Expression& call) {
  const auto& t = args.at(0)->type();
  if (!t->isNumeric() && t->id() != TypeId::kString && t->id() != TypeId::kNull) {
    throw AnalysisException("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" +
                                call.prettyName() + "\" due to data type mismatch: the first parameter requires the \"NUMERIC\" type, however \"" +
                                args[0]->prettyName() + "\" has the type \"" + t->sql() + "\".",
                            "DATATYPE_MISMATCH");
  }
}

}  // namespace

void registerAggregateFunctions() {
  registerAggregate("count", [](const std::vector<ExprPtr>& args, const Expression&) {
    return ResolvedCall{args, DataType::longType(), false};
  });
  registerAggregate("sum", [](const std::vector<ExprPtr>& args, const Expression& call) {
    requireNumeric(args, call);
    const auto& t = args[0]->type();
    DataTypePtr result;
    if (t->isIntegral()) {
      result = DataType::longType();
    } else if (t->id() == TypeId::kDecimal) {
      result = DataType::decimal(std::min(38, t->precision() + 10), t->scale());
    } else {
      result = DataType::doubleType();
    }
    return ResolvedCall{{castIfNeeded(args[0], result)}, result, true};
  });
  registerAggregate("avg", [](const std::vector<ExprPtr>& args, const Expression& call) {
    requireNumeric(args, call);
    return ResolvedCall{{castIfNeeded(args[0], DataType::doubleType())}, DataType::doubleType(), true};
  });
  for (const char* name : {"min", "max", "first", "last"}) {
    registerAggregate(name, [](const std::vector<ExprPtr>& args, const Expression&) {
      return ResolvedCall{{args[0]}, args[0]->type(), true};
    });
  }
  registerAggregate("collect_list", [](const std::vector<ExprPtr>& args, const Expression&) {
    return ResolvedCall{args, DataType::array(args[0]->type(), false), false};
  });
  registerAggregate("collect_set", [](const std::vector<ExprPtr>& args, const Expression&) {
    return ResolvedCall{args, DataType::array(args[0]->type(), false), false};
  });
}

}  // namespace rivulet::expr
