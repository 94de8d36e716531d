#include "rivulet/api/functions.h"

#include "rivulet/expr/expression.h"

namespace rivulet::functions {

using expr::Expression;
using expr::ExprPtr;

namespace {

Column call(const char* name, const std::vector<Column>& args, bool distinct = false) {
  std::vector<ExprPtr> exprs;
  for (const auto& a : args) {
    exprs.push_back(a.expr());
  }
  return Column(Expression::call(name, std::move(exprs), distinct));
}

Column optionsLiteral(const std::map<std::string, std::string>& options) {
  std::vector<Value> keys;
  std::vector<Value> values;
  for (const auto& [k, v] : options) {
    keys.push_back(Value::string(k));
    values.push_back(Value::string(v));
  }
  return Column(Expression::literal(Value::map(std::move(keys), std::move(values)),
                                    DataType::map(DataType::string(), DataType::string())));
}

}  // namespace

Column col(const std::string& name) { return Column(name); }
Column column(const std::string& name) { return Column(name); }

Column lit(int v) { return toColumn(v); }
Column lit(int64_t v) { return toColumn(v); }
Column lit(long long v) { return toColumn(static_cast<int64_t>(v)); }
Column lit(double v) { return toColumn(v); }
Column lit(bool v) { return toColumn(v); }
Column lit(const char* v) { return toColumn(v); }
Column lit(const std::string& v) { return toColumn(v); }
Column lit(std::nullptr_t) { return Column(Expression::literal(Value(), DataType::null())); }

Column callFunction(const std::string& name, const std::vector<Column>& args) { return call(name.c_str(), args); }

Column lower(const Column& c) { return call("lower", {c}); }
Column upper(const Column& c) { return call("upper", {c}); }
Column length(const Column& c) { return call("length", {c}); }
Column trim(const Column& c) { return call("trim", {c}); }
Column ltrim(const Column& c) { return call("ltrim", {c}); }
Column rtrim(const Column& c) { return call("rtrim", {c}); }
Column substring(const Column& c, int pos, int len) { return call("substring", {c, lit(pos), lit(len)}); }
Column concat(const std::vector<Column>& cols) { return call("concat", cols); }
Column concat_ws(const std::string& sep, const std::vector<Column>& cols) {
  std::vector<Column> args = {lit(sep)};
  args.insert(args.end(), cols.begin(), cols.end());
  return call("concat_ws", args);
}
Column regexp_replace(const Column& c, const std::string& pattern, const std::string& replacement) {
  return call("regexp_replace", {c, lit(pattern), lit(replacement)});
}
Column regexp_extract(const Column& c, const std::string& pattern, int idx) {
  return call("regexp_extract", {c, lit(pattern), lit(idx)});
}
Column split(const Column& c, const std::string& pattern, int limit) { return call("split", {c, lit(pattern), lit(limit)}); }
Column initcap(const Column& c) { return call("initcap", {c}); }
Column reverse(const Column& c) { return call("reverse", {c}); }

Column array(const std::vector<Column>& cols) { return call("array", cols); }
Column shuffle(const Column& c) { return call("shuffle", {c}); }
Column size(const Column& c) { return call("size", {c}); }
Column element_at(const Column& c, int index) { return call("element_at", {c, lit(index)}); }
Column element_at(const Column& c, const std::string& key) { return call("element_at", {c, lit(key)}); }
Column array_contains(const Column& c, const Column& value) { return call("array_contains", {c, value}); }
Column sort_array(const Column& c, bool asc) { return call("sort_array", {c, lit(asc)}); }
Column struct_(const std::vector<Column>& cols) { return call("struct", cols); }
Column map(const std::vector<Column>& keysAndValues) { return call("map", keysAndValues); }

Column when(const Column& condition, const Column& value) { return call("casewhen", {condition, value}); }
Column coalesce(const std::vector<Column>& cols) { return call("coalesce", cols); }
Column isnull(const Column& c) { return call("isnull", {c}); }
Column isnan(const Column& c) { return call("isnan", {c}); }
Column greatest(const std::vector<Column>& cols) { return call("greatest", cols); }
Column least(const std::vector<Column>& cols) { return call("least", cols); }

Column to_json(const Column& c) { return call("to_json", {c}); }
Column to_json(const Column& c, const std::map<std::string, std::string>& options) {
  return call("to_json", {c, optionsLiteral(options)});
}
Column from_json(const Column& c, const DataTypePtr& schema) { return call("from_json", {c, lit(schema->simpleString())}); }
Column from_json(const Column& c, const StructType& schema) { return from_json(c, schema.asDataType()); }
Column from_json(const Column& c, const std::string& schema) { return call("from_json", {c, lit(schema)}); }
Column from_json(const Column& c, const std::string& schema, const std::map<std::string, std::string>& options) {
  return call("from_json", {c, lit(schema), optionsLiteral(options)});
}

Column current_timestamp() { return call("current_timestamp", {}); }
Column current_date() { return call("current_date", {}); }
Column to_date(const Column& c) { return call("to_date", {c}); }
Column to_timestamp(const Column& c) { return call("to_timestamp", {c}); }
Column year(const Column& c) { return call("year", {c}); }
Column month(const Column& c) { return call("month", {c}); }
Column dayofmonth(const Column& c) { return call("dayofmonth", {c}); }
Column hour(const Column& c) { return call("hour", {c}); }
Column minute(const Column& c) { return call("minute", {c}); }
Column second(const Column& c) { return call("second", {c}); }
Column rand(int64_t seed) {
  return Column(Expression::call("rand", {})->withLiteral(Value::integer(seed)));
}
Column rand() { return call("rand", {}); }
Column monotonically_increasing_id() { return call("monotonically_increasing_id", {}); }

Column abs(const Column& c) { return call("abs", {c}); }
Column round(const Column& c, int scale) { return call("round", {c, lit(scale)}); }
Column floor(const Column& c) { return call("floor", {c}); }
Column ceil(const Column& c) { return call("ceil", {c}); }
Column sqrt(const Column& c) { return call("sqrt", {c}); }

Column count(const Column& c) {
  if (c.expr()->kind() == expr::ExprKind::kStar) {
    return call("count", {lit(1)});
  }
  return call("count", {c});
}
Column count(const std::string& columnName) { return count(col(columnName)); }
Column countDistinct(const std::vector<Column>& cols) { return call("count", cols, true); }
Column sum(const Column& c) { return call("sum", {c}); }
Column avg(const Column& c) { return call("avg", {c}); }
Column mean(const Column& c) { return call("avg", {c}); }
Column min(const Column& c) { return call("min", {c}); }
Column max(const Column& c) { return call("max", {c}); }
Column first(const Column& c) { return call("first", {c}); }
Column last(const Column& c) { return call("last", {c}); }
Column collect_list(const Column& c) { return call("collect_list", {c}); }
Column collect_set(const Column& c) { return call("collect_set", {c}); }

Column asc(const std::string& name) { return col(name).asc(); }
Column desc(const std::string& name) { return col(name).desc(); }

}  // namespace rivulet::functions
