// rivulet::functions: Spark's org.apache.spark.sql.functions in C++.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "rivulet/api/column.h"
#include "rivulet/types/data_type.h"

namespace rivulet::functions {

Column col(const std::string& name);
Column column(const std::string& name);

Column lit(int v);
Column lit(int64_t v);
Column lit(long long v);
Column lit(double v);
Column lit(bool v);
Column lit(const char* v);
Column lit(const std::string& v);
/// A typed null: lit(nullptr) is a null of type void, cast it for another type.
Column lit(std::nullptr_t);

/// Any registered function by its SQL name: callFunction("initcap", {col("s")}).
Column callFunction(const std::string& name, const std::vector<Column>& args);

// Strings.
Column lower(const Column& c);
Column upper(const Column& c);
Column length(const Column& c);
Column trim(const Column& c);
Column ltrim(const Column& c);
Column rtrim(const Column& c);
Column substring(const Column& c, int pos, int len);
Column concat(const std::vector<Column>& cols);
Column concat_ws(const std::string& sep, const std::vector<Column>& cols);
Column regexp_replace(const Column& c, const std::string& pattern, const std::string& replacement);
Column regexp_extract(const Column& c, const std::string& pattern, int idx);
Column split(const Column& c, const std::string& pattern, int limit = -1);
Column initcap(const Column& c);
Column reverse(const Column& c);

// Collections and structs.
Column array(const std::vector<Column>& cols);
Column shuffle(const Column& c);
Column size(const Column& c);
Column element_at(const Column& c, int index);
Column element_at(const Column& c, const std::string& key);
Column array_contains(const Column& c, const Column& value);
Column sort_array(const Column& c, bool asc = true);
Column struct_(const std::vector<Column>& cols);
Column map(const std::vector<Column>& keysAndValues);

// Conditionals.
Column when(const Column& condition, const Column& value);
Column coalesce(const std::vector<Column>& cols);
Column isnull(const Column& c);
Column isnan(const Column& c);
Column greatest(const std::vector<Column>& cols);
Column least(const std::vector<Column>& cols);

// JSON.
Column to_json(const Column& c);
Column to_json(const Column& c, const std::map<std::string, std::string>& options);
Column from_json(const Column& c, const DataTypePtr& schema);
Column from_json(const Column& c, const StructType& schema);
/// The schema as a DDL string ("a INT, b STRING") or a JSON schema string.
Column from_json(const Column& c, const std::string& schema);
Column from_json(const Column& c,
                 const std::string& schema,
                 const std::map<std::string, std::string>& options);

// Dates, times and generated values.
Column current_timestamp();
Column current_date();
Column to_date(const Column& c);
Column to_timestamp(const Column& c);
Column year(const Column& c);
Column month(const Column& c);
Column dayofmonth(const Column& c);
Column hour(const Column& c);
Column minute(const Column& c);
Column second(const Column& c);
Column rand(int64_t seed);
Column rand();
Column monotonically_increasing_id();

// Math.
Column abs(const Column& c);
Column round(const Column& c, int scale = 0);
Column floor(const Column& c);
Column ceil(const Column& c);
Column sqrt(const Column& c);

// Aggregates.
Column count(const Column& c);
Column count(const std::string& columnName);
Column countDistinct(const std::vector<Column>& cols);
Column sum(const Column& c);
Column avg(const Column& c);
Column mean(const Column& c);
Column min(const Column& c);
Column max(const Column& c);
Column first(const Column& c);
Column last(const Column& c);
Column collect_list(const Column& c);
Column collect_set(const Column& c);

// Sorting.
Column asc(const std::string& name);
Column desc(const std::string& name);

}  // namespace rivulet::functions
