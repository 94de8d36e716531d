// DataFrame: an immutable, lazily evaluated table (Spark's Dataset[Row]).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rivulet/api/column.h"
#include "rivulet/types/data_type.h"
#include "rivulet/types/row.h"

namespace rivulet {

namespace plan {
class LogicalPlan;
}

class SessionState;
class DataFrameWriter;
class DataStreamWriter;
class GroupedData;

class DataFrame {
 public:
  DataFrame(std::shared_ptr<SessionState> state,
            std::shared_ptr<const plan::LogicalPlan> parsed,
            std::shared_ptr<const plan::LogicalPlan> analyzed);

  // ---- schema ----
  StructType schema() const;
  void printSchema() const;
  std::vector<std::string> columns() const;
  /// (name, simpleString type) pairs.
  std::vector<std::pair<std::string, std::string>> dtypes() const;
  bool isStreaming() const;
  /// The column of this DataFrame named `name` (Spark's df("name") / df.col("name")).
  Column col(const std::string& name) const;
  Column operator[](const std::string& name) const { return col(name); }

  // ---- transformations ----
  DataFrame select(const std::vector<Column>& cols) const;
  template <typename... Cols>
  DataFrame select(const Column& first, const Cols&... rest) const {
    return select(std::vector<Column>{first, Column(rest)...});
  }
  DataFrame select(const std::vector<std::string>& names) const;
  /// SQL expressions: "ident", "lower(ident) AS l", "elevation_ft + 1", "*".
  DataFrame selectExpr(const std::vector<std::string>& exprs) const;
  DataFrame withColumn(const std::string& name, const Column& c) const;
  DataFrame withColumnRenamed(const std::string& existing, const std::string& newName) const;
  DataFrame drop(const std::vector<std::string>& names) const;
  DataFrame drop(const std::string& name) const { return drop(std::vector<std::string>{name}); }
  DataFrame filter(const Column& condition) const;
  /// A SQL predicate: filter("elevation_ft > 100").
  DataFrame filter(const std::string& condition) const;
  DataFrame where(const Column& condition) const { return filter(condition); }
  DataFrame where(const std::string& condition) const { return filter(condition); }
  DataFrame limit(int64_t n) const;
  DataFrame distinct() const;
  DataFrame dropDuplicates() const;
  DataFrame dropDuplicates(const std::vector<std::string>& columns) const;
  DataFrame sample(double fraction) const;
  DataFrame sample(double fraction, int64_t seed) const;
  DataFrame sample(bool withReplacement, double fraction, int64_t seed) const;
  DataFrame orderBy(const std::vector<Column>& cols) const;
  DataFrame orderBy(const std::string& name) const;
  DataFrame sort(const std::vector<Column>& cols) const { return orderBy(cols); }
  DataFrame sort(const std::string& name) const { return orderBy(name); }
  GroupedData groupBy(const std::vector<Column>& cols) const;
  GroupedData groupBy(const std::vector<std::string>& names) const;
  GroupedData groupBy(const std::string& name) const;
  DataFrame agg(const std::vector<Column>& aggs) const;
  DataFrame join(const DataFrame& right) const;
  DataFrame join(const DataFrame& right, const Column& on, const std::string& joinType = "inner") const;
  DataFrame join(const DataFrame& right, const std::string& usingColumn) const;
  DataFrame join(const DataFrame& right,
                 const std::vector<std::string>& usingColumns,
                 const std::string& joinType = "inner") const;
  DataFrame crossJoin(const DataFrame& right) const;
  DataFrame union_(const DataFrame& other) const;
  DataFrame unionAll(const DataFrame& other) const { return union_(other); }
  DataFrame unionByName(const DataFrame& other, bool allowMissingColumns = false) const;
  /// Each row as a JSON string, in one `value` column.
  DataFrame toJSON() const;
  /// Materialises the result once; later actions reuse it.
  DataFrame cache() const;
  DataFrame persist() const { return cache(); }

  // ---- actions ----
  int64_t count() const;
  std::vector<Row> collect() const;
  std::vector<Row> take(int64_t n) const;
  std::vector<Row> head(int64_t n) const { return take(n); }
  Row head() const;
  Row first() const { return head(); }
  /// The first column of every row as a string (e.g. after toJSON()).
  std::vector<std::string> collectAsStrings() const;
  void show() const { show(20, 20, false); }
  void show(int numRows) const { show(numRows, 20, false); }
  void show(bool truncate) const { show(20, truncate ? 20 : 0, false); }
  void show(int numRows, bool truncate) const { show(numRows, truncate ? 20 : 0, false); }
  void show(int numRows, int truncate) const { show(numRows, truncate, false); }
  void show(int numRows, int truncate, bool vertical) const;
  /// What show() prints, as a string.
  std::string showString(int numRows = 20, int truncate = 20, bool vertical = false) const;
  /// explain(): the physical plan; explain(true): parsed, analyzed, optimized and physical.
  void explain(bool extended = false) const;
  std::string explainString(bool extended = false) const;

  DataFrameWriter write() const;

  /// Writes a streaming DataFrame: writeStream().format("console").start().
  DataStreamWriter writeStream() const;

  // ---- internals for the engine's own layers ----
  const std::shared_ptr<SessionState>& state() const { return state_; }
  const std::shared_ptr<const plan::LogicalPlan>& parsedPlan() const { return parsed_; }
  const std::shared_ptr<const plan::LogicalPlan>& analyzedPlan() const { return analyzed_; }

 private:
  DataFrame derive(std::shared_ptr<const plan::LogicalPlan> unresolvedNode) const;

  std::shared_ptr<SessionState> state_;
  std::shared_ptr<const plan::LogicalPlan> parsed_;
  std::shared_ptr<const plan::LogicalPlan> analyzed_;
};

/// The result of groupBy: agg / count / sum / ...
class GroupedData {
 public:
  GroupedData(DataFrame df, std::vector<Column> grouping)
      : df_(std::move(df)), grouping_(std::move(grouping)) {}

  DataFrame agg(const std::vector<Column>& aggs) const;
  template <typename... Cols>
  DataFrame agg(const Column& first, const Cols&... rest) const {
    return agg(std::vector<Column>{first, rest...});
  }
  DataFrame count() const;
  DataFrame sum(const std::vector<std::string>& columns) const;
  DataFrame avg(const std::vector<std::string>& columns) const;
  DataFrame min(const std::vector<std::string>& columns) const;
  DataFrame max(const std::vector<std::string>& columns) const;

 private:
  DataFrame df_;
  std::vector<Column> grouping_;
};

}  // namespace rivulet
