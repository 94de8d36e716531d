#include "expr_test_util.h"

#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/expr/evaluator.h"
#include "rivulet/expr/expression_resolver.h"
#include "rivulet/types/value_format.h"
#include "testing/batch_from_json.h"

namespace rivulet::expr::testing {

ExprPtr col(const std::string& name) { return Expression::unresolvedAttribute(name); }

ExprPtr lit(int v) { return Expression::literal(Value::integer(v), DataType::integer()); }

ExprPtr litLong(int64_t v) { return Expression::literal(Value::integer(v), DataType::longType()); }

ExprPtr lit(double v) { return Expression::literal(Value::real(v), DataType::doubleType()); }

ExprPtr lit(const char* v) { return Expression::literal(Value::string(v), DataType::string()); }

ExprPtr litBool(bool v) { return Expression::literal(Value::boolean(v), DataType::boolean()); }

ExprPtr litNull() { return Expression::literal(Value(), DataType::null()); }

ExprPtr fn(const std::string& name, std::vector<ExprPtr> args) { return Expression::call(name, std::move(args)); }

ExprFixture::ExprFixture(const std::string& ddl, const std::string& json)
    : batch_({}, 0) {
  StructType schema = parseSchemaDDL(ddl);
  batch_ = rivulet::testing::batchFromJson(schema, json);
  for (const auto& f : schema.fields()) {
    attributes_.push_back(Expression::attribute(f.name, f.type, f.nullable, newExprId()));
  }
  static const time::TimeZonePtr utc = time::TimeZone::utc();
  context_.zone = utc.get();
}

ExprPtr ExprFixture::resolve(const ExprPtr& e) const { return resolveExpression(e, attributes_); }

std::string ExprFixture::eval(const ExprPtr& e) {
  auto bound = bindReferences(resolve(e), attributes_);
  VectorPtr v = evaluate(*bound, batch_, context_);
  std::string out;
  ValueFormatOptions options;
  options.zone = context_.zone;
  options.binaryAsHex = true;
  for (int64_t i = 0; i < v->size(); ++i) {
    if (i > 0) {
      out += " | ";
    }
    Value value = valueAt(*v, i);
    out += value.isNull() ? "NULL" : formatValue(value, *v->type(), options);
  }
  return out;
}

std::string ExprFixture::resolveError(const ExprPtr& e) const {
  try {
    resolve(e);
  } catch (const Error& err) {
    return err.message();
  }
  return "";
}

std::string ExprFixture::evalError(const ExprPtr& e) {
  try {
    eval(e);
  } catch (const Error& err) {
    return err.message();
  }
  return "";
}

}  // namespace rivulet::expr::testing
