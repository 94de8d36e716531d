#include "rivulet/api/data_frame.h"

#include <strings.h>

#include <chrono>
#include <iostream>

#include "rivulet/api/data_frame_writer.h"
#include "rivulet/api/data_stream_writer.h"
#include "rivulet/api/functions.h"
#include "rivulet/api/internal/dataframe_internal.h"
#include "rivulet/api/internal/session_state.h"
#include "rivulet/api/internal/sql_expression_parser.h"
#include "rivulet/columnar/cast_string.h"
#include "rivulet/columnar/show.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/expr/expression.h"
#include "rivulet/expr/expression_resolver.h"
#include "rivulet/plan/analyzer.h"
#include "rivulet/plan/optimizer.h"
#include "rivulet/plan/sources/local_source.h"

namespace rivulet {

using expr::Expression;
using expr::ExprKind;
using expr::ExprPtr;
using plan::LogicalPlan;
using plan::PlanKind;
using plan::PlanPtr;

namespace {

std::vector<ExprPtr> exprsOf(const std::vector<Column>& cols) {
  std::vector<ExprPtr> out;
  for (const auto& c : cols) {
    out.push_back(c.expr());
  }
  return out;
}

void requireBatch(const DataFrame& df, const char* action) {
  if (df.isStreaming()) {
    throw AnalysisException("Queries with streaming sources must be executed with writeStream.start();",
                            "STREAMING_QUERY_ACTION");
  }
  (void)action;
}

LogicalPlan node(PlanKind kind) {
  LogicalPlan n;
  n.kind = kind;
  return n;
}

}  // namespace

DataFrame::DataFrame(std::shared_ptr<SessionState> state, PlanPtr parsed, PlanPtr analyzed)
    : state_(std::move(state)), parsed_(std::move(parsed)), analyzed_(std::move(analyzed)) {}

DataFrame DataFrame::derive(PlanPtr unresolved) const {
  auto parsed = unresolved->withChildren({parsed_});
  LogicalPlan toAnalyze = *unresolved;
  toAnalyze.children = {analyzed_};
  return DataFrame(state_, parsed, plan::analyzeNode(toAnalyze));
}

StructType DataFrame::schema() const { return analyzed_->schema(); }

void DataFrame::printSchema() const { std::cout << schema().treeString() << std::endl; }

std::vector<std::string> DataFrame::columns() const { return schema().fieldNames(); }

std::vector<std::pair<std::string, std::string>> DataFrame::dtypes() const {
  std::vector<std::pair<std::string, std::string>> out;
  StructType s = schema();
  for (const auto& f : s.fields()) {
    out.emplace_back(f.name, f.type->simpleString());
  }
  return out;
}

bool DataFrame::isStreaming() const { return analyzed_->isStreaming(); }

Column DataFrame::col(const std::string& name) const {
  if (name == "*") {
    return Column(Expression::star());
  }
  return Column(expr::resolveExpression(Expression::unresolvedAttribute(name), analyzed_->output));
}

DataFrame DataFrame::select(const std::vector<Column>& cols) const {
  auto n = node(PlanKind::kProject);
  n.exprs = exprsOf(cols);
  return derive(plan::makePlan(std::move(n)));
}

DataFrame DataFrame::select(const std::vector<std::string>& names) const {
  std::vector<Column> cols;
  for (const auto& name : names) {
    cols.emplace_back(name);
  }
  return select(cols);
}

DataFrame DataFrame::selectExpr(const std::vector<std::string>& exprs) const {
  std::vector<Column> cols;
  for (const auto& e : exprs) {
    cols.emplace_back(parseSqlExpression(e));
  }
  return select(cols);
}

DataFrame DataFrame::withColumn(const std::string& name, const Column& c) const {
  std::vector<Column> cols;
  bool replaced = false;
  for (const auto& attr : analyzed_->output) {
    if (strcasecmp(attr->name().c_str(), name.c_str()) == 0) {
      cols.push_back(c.alias(name));
      replaced = true;
    } else {
      cols.emplace_back(attr);
    }
  }
  if (!replaced) {
    cols.push_back(c.alias(name));
  }
  return select(cols);
}

DataFrame DataFrame::withColumnRenamed(const std::string& existing, const std::string& newName) const {
  std::vector<Column> cols;
  bool found = false;
  for (const auto& attr : analyzed_->output) {
    if (strcasecmp(attr->name().c_str(), existing.c_str()) == 0) {
      cols.push_back(Column(attr).alias(newName));
      found = true;
    } else {
      cols.emplace_back(attr);
    }
  }
  return found ? select(cols) : *this;
}

DataFrame DataFrame::drop(const std::vector<std::string>& names) const {
  std::vector<Column> cols;
  for (const auto& attr : analyzed_->output) {
    bool dropIt = false;
    for (const auto& n : names) {
      dropIt |= strcasecmp(attr->name().c_str(), n.c_str()) == 0;
    }
    if (!dropIt) {
      cols.emplace_back(attr);
    }
  }
  if (cols.size() == analyzed_->output.size()) {
    return *this;
  }
  return select(cols);
}

DataFrame DataFrame::filter(const Column& condition) const {
  auto n = node(PlanKind::kFilter);
  n.exprs = {condition.expr()};
  return derive(plan::makePlan(std::move(n)));
}

DataFrame DataFrame::filter(const std::string& condition) const { return filter(Column(parseSqlExpression(condition))); }

DataFrame DataFrame::limit(int64_t n) const {
  if (n < 0) {
    throw AnalysisException("[INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE] The limit like expression \"" +
                                std::to_string(n) + "\" is invalid. The limit expression must be equal to or greater than 0, but got " +
                                std::to_string(n) + ".",
                            "INVALID_LIMIT_LIKE_EXPRESSION");
  }
  auto l = node(PlanKind::kLimit);
  l.limit = n;
  return derive(plan::makePlan(std::move(l)));
}

DataFrame DataFrame::distinct() const { return derive(plan::makePlan(node(PlanKind::kDeduplicate))); }

DataFrame DataFrame::dropDuplicates() const { return distinct(); }

DataFrame DataFrame::dropDuplicates(const std::vector<std::string>& columns) const {
  auto n = node(PlanKind::kDeduplicate);
  for (const auto& c : columns) {
    n.exprs.push_back(Expression::unresolvedAttribute(c));
  }
  return derive(plan::makePlan(std::move(n)));
}

DataFrame DataFrame::sample(double fraction) const {
  return sample(false, fraction, static_cast<int64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
}

DataFrame DataFrame::sample(double fraction, int64_t seed) const { return sample(false, fraction, seed); }

DataFrame DataFrame::sample(bool withReplacement, double fraction, int64_t seed) const {
  if (fraction < 0 || (!withReplacement && fraction > 1)) {
    throwUserError("INVALID_SAMPLE_FRACTION",
                   "requirement failed: Sampling fraction (" + std::to_string(fraction) + ") must be on interval [0, 1] without replacement");
  }
  auto n = node(PlanKind::kSample);
  n.fraction = fraction;
  n.withReplacement = withReplacement;
  n.seed = seed;
  return derive(plan::makePlan(std::move(n)));
}

DataFrame DataFrame::orderBy(const std::vector<Column>& cols) const {
  auto n = node(PlanKind::kSort);
  n.exprs = exprsOf(cols);
  return derive(plan::makePlan(std::move(n)));
}

DataFrame DataFrame::orderBy(const std::string& name) const { return orderBy(std::vector<Column>{Column(name)}); }

GroupedData DataFrame::groupBy(const std::vector<Column>& cols) const { return GroupedData(*this, cols); }

GroupedData DataFrame::groupBy(const std::vector<std::string>& names) const {
  std::vector<Column> cols;
  for (const auto& n : names) {
    cols.emplace_back(n);
  }
  return GroupedData(*this, cols);
}

GroupedData DataFrame::groupBy(const std::string& name) const { return groupBy(std::vector<std::string>{name}); }

DataFrame DataFrame::agg(const std::vector<Column>& aggs) const { return GroupedData(*this, {}).agg(aggs); }

namespace {

DataFrame binary(const DataFrame& left, const DataFrame& right, LogicalPlan n) {
  LogicalPlan parsed = n;
  parsed.children = {left.parsedPlan(), right.parsedPlan()};
  n.children = {left.analyzedPlan(), right.analyzedPlan()};
  return DataFrame(left.state(), plan::makePlan(std::move(parsed)), plan::analyzeNode(n));
}

}  // namespace

DataFrame DataFrame::join(const DataFrame& right) const {
  auto n = node(PlanKind::kJoin);
  n.joinType = plan::JoinType::kInner;
  return binary(*this, right, std::move(n));
}

DataFrame DataFrame::join(const DataFrame& right, const Column& on, const std::string& joinType) const {
  auto n = node(PlanKind::kJoin);
  n.joinType = plan::parseJoinType(joinType);
  n.exprs = {on.expr()};
  return binary(*this, right, std::move(n));
}

DataFrame DataFrame::join(const DataFrame& right, const std::string& usingColumn) const {
  return join(right, std::vector<std::string>{usingColumn}, "inner");
}

DataFrame DataFrame::join(const DataFrame& right,
                          const std::vector<std::string>& usingColumns,
                          const std::string& joinType) const {
  auto n = node(PlanKind::kJoin);
  n.joinType = plan::parseJoinType(joinType);
  n.usingColumns = usingColumns;
  return binary(*this, right, std::move(n));
}

DataFrame DataFrame::crossJoin(const DataFrame& right) const {
  auto n = node(PlanKind::kJoin);
  n.joinType = plan::JoinType::kCross;
  return binary(*this, right, std::move(n));
}

DataFrame DataFrame::union_(const DataFrame& other) const {
  return binary(*this, other, node(PlanKind::kUnion));
}

DataFrame DataFrame::unionByName(const DataFrame& other, bool allowMissingColumns) const {
  auto n = node(PlanKind::kUnion);
  n.byName = true;
  n.allowMissingColumns = allowMissingColumns;
  return binary(*this, other, std::move(n));
}

DataFrame DataFrame::toJSON() const {
  std::vector<Column> fields;
  for (const auto& attr : analyzed_->output) {
    fields.emplace_back(attr);
  }
  return select({functions::to_json(functions::struct_(fields)).alias("value")});
}

DataFrame DataFrame::cache() const {
  requireBatch(*this, "cache");
  auto batches = executeBatches(*this);
  auto source = std::make_shared<plan::LocalSource>(schema(), std::move(batches), "InMemoryRelation");
  auto relation = plan::makeRelation(source);
  // Keep the column ids so Columns taken from this DataFrame still resolve.
  LogicalPlan same = *relation;
  same.sourceOutput = analyzed_->output;
  same.output = analyzed_->output;
  auto cached = plan::makePlan(std::move(same));
  return DataFrame(state_, cached, cached);
}

int64_t DataFrame::count() const {
  requireBatch(*this, "count");
  auto counted = agg({functions::count(Column(Expression::star()))});
  auto rows = counted.collect();
  return rows.at(0).getLong(0);
}

std::vector<Row> DataFrame::collect() const {
  requireBatch(*this, "collect");
  auto schemaPtr = std::make_shared<const StructType>(schema());
  std::vector<Row> rows;
  for (const auto& b : executeBatches(*this)) {
    for (int64_t r = 0; r < b.numRows(); ++r) {
      std::vector<Value> values;
      values.reserve(b.numColumns());
      for (const auto& c : b.columns()) {
        values.push_back(valueAt(*c, r));
      }
      rows.emplace_back(std::move(values), schemaPtr);
    }
  }
  return rows;
}

std::vector<Row> DataFrame::take(int64_t n) const { return limit(n).collect(); }

Row DataFrame::head() const {
  auto rows = take(1);
  if (rows.empty()) {
    throwUserError("NO_SUCH_ELEMENT", "next on empty iterator");
  }
  return rows[0];
}

std::vector<std::string> DataFrame::collectAsStrings() const {
  std::vector<std::string> out;
  auto zone = state_->zone();
  for (const auto& b : executeBatches(*this)) {
    if (b.numColumns() == 0) {
      continue;
    }
    VectorPtr c = b.column(0);
    if (c->typeId() != TypeId::kString && c->typeId() != TypeId::kBinary) {
      c = castToString(*c, *zone);
    }
    for (int64_t r = 0; r < b.numRows(); ++r) {
      out.push_back(c->isNull(r) ? "null" : std::string(c->stringAt(r)));
    }
  }
  return out;
}

std::string DataFrame::showString(int numRows, int truncate, bool vertical) const {
  requireBatch(*this, "show");
  auto batches = executeBatches(limit(std::max(numRows, 0) + 1));
  StructType rowSchema = schema();
  Batch rows = batches.empty() ? Batch([&] {
    std::vector<VectorPtr> cols;
    for (const auto& f : rowSchema.fields()) {
      cols.push_back(Vector::make(f.type, 0));
    }
    return cols;
  }(), 0)
                               : concatBatches(batches, schema().size());
  ShowOptions options;
  options.numRows = numRows;
  options.truncate = truncate;
  options.vertical = vertical;
  auto zone = state_->zone();
  options.zone = zone.get();
  return rivulet::showString(rows, schema(), options);
}

void DataFrame::show(int numRows, int truncate, bool vertical) const {
  std::cout << showString(numRows, truncate, vertical) << std::endl;
}

std::string DataFrame::explainString(bool extended) const {
  auto optimized = optimizedPlan(*this);
  auto physical = physicalPlan(*this);
  if (!extended) {
    return "== Physical Plan ==\n" + physical->treeString() + "\n";
  }
  std::string analyzedHeader;
  for (size_t i = 0; i < analyzed_->output.size(); ++i) {
    const auto& a = analyzed_->output[i];
    analyzedHeader += (i ? ", " : "") + a->name() + ": " + a->type()->simpleString();
  }
  return "== Parsed Logical Plan ==\n" + parsed_->treeString() + "\n== Analyzed Logical Plan ==\n" +
         analyzedHeader + "\n" + analyzed_->treeString() + "\n== Optimized Logical Plan ==\n" +
         optimized->treeString() + "\n== Physical Plan ==\n" + physical->treeString() + "\n";
}

void DataFrame::explain(bool extended) const { std::cout << explainString(extended) << std::flush; }

DataFrameWriter DataFrame::write() const { return DataFrameWriter(*this); }

DataStreamWriter DataFrame::writeStream() const { return DataStreamWriter(*this); }

DataFrame GroupedData::agg(const std::vector<Column>& aggs) const {
  LogicalPlan n;
  n.kind = PlanKind::kAggregate;
  n.grouping = exprsOf(grouping_);
  // Spark keeps the grouping columns in the output, first.
  for (const auto& g : grouping_) {
    n.exprs.push_back(g.expr());
  }
  for (const auto& a : aggs) {
    n.exprs.push_back(a.expr());
  }
  LogicalPlan parsed = n;
  parsed.children = {df_.parsedPlan()};
  n.children = {df_.analyzedPlan()};
  return DataFrame(df_.state(), plan::makePlan(std::move(parsed)), plan::analyzeNode(n));
}

DataFrame GroupedData::count() const { return agg({functions::count(functions::lit(1)).alias("count")}); }

namespace {

std::vector<Column> each(const std::vector<std::string>& names, Column (*fn)(const Column&)) {
  std::vector<Column> out;
  for (const auto& n : names) {
    out.push_back(fn(Column(n)));
  }
  return out;
}

}  // namespace

DataFrame GroupedData::sum(const std::vector<std::string>& c) const { return agg(each(c, functions::sum)); }
DataFrame GroupedData::avg(const std::vector<std::string>& c) const { return agg(each(c, functions::avg)); }
DataFrame GroupedData::min(const std::vector<std::string>& c) const { return agg(each(c, functions::min)); }
DataFrame GroupedData::max(const std::vector<std::string>& c) const { return agg(each(c, functions::max)); }

DataFrame dataFrameOf(const std::shared_ptr<SessionState>& state, const PlanPtr& resolved) {
  return DataFrame(state, resolved, resolved);
}

PlanPtr optimizedPlan(const DataFrame& df) { return plan::optimize(df.analyzedPlan()); }

exec::PhysicalPtr physicalPlan(const DataFrame& df) { return exec::planPhysical(optimizedPlan(df)); }

std::vector<Batch> executeBatches(const DataFrame& df) {
  exec::ExecContext context;
  auto zone = df.state()->zone();
  context.zone = zone.get();
  context.currentTimestampMicros = std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count();
  return exec::collectBatches(physicalPlan(df), context);
}

}  // namespace rivulet
