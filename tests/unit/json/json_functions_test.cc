// to_json / from_json / schema_of_json / toJSON column conversions.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <optional>

#include "unit/json/json_test_util.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/formats/json/json_functions.h"

namespace rivulet::testing {
namespace {

std::vector<std::string> render(const Vector& v) {
  std::vector<std::string> out;
  ValueFormatOptions fo;
  for (int64_t i = 0; i < v.size(); ++i) {
    out.push_back(formatValue(valueAt(v, i), *v.type(), fo));
  }
  return out;
}

VectorPtr strings(const std::vector<std::optional<std::string>>& values) {
  std::vector<Value> vs;
  for (const auto& s : values) {
    vs.push_back(s ? Value::string(*s) : Value());
  }
  return vectorFromValues(DataType::string(), vs);
}

TEST(JsonFunctionsTest, ToJson) {
  auto type = parseDataType("struct<a: int, b: string, c: array<double>>");
  auto input = vectorFromValues(
      type, {Value::structValue({Value::integer(1), Value(), Value::array({Value::real(1.5)})}),
             Value()});
  auto zone = time::TimeZone::utc();
  EXPECT_EQ(render(*json::structsToJson(*input, {}, *zone)),
            (Rows{"{\"a\":1,\"c\":[1.5]}", "null"}));
  auto map = vectorFromValues(parseDataType("map<string, int>"),
                              {Value::map({Value::string("x")}, {Value::integer(2)})});
  EXPECT_EQ(render(*json::structsToJson(*map, {}, *zone)), (Rows{"{\"x\":2}"}));
  auto arr = vectorFromValues(parseDataType("array<struct<a: int>>"),
                              {Value::array({Value::structValue({Value::integer(1)}),
                                             Value::structValue({Value()})})});
  EXPECT_EQ(render(*json::structsToJson(*arr, {}, *zone)), (Rows{"[{\"a\":1},{}]"}));
}

TEST(JsonFunctionsTest, BatchToJson) {
  StructType schema = parseSchemaDDL("a int, b string");
  Batch batch({vectorFromValues(schema[0].type, {Value::integer(1), Value()}),
               vectorFromValues(schema[1].type, {Value::string("x"), Value::string("y")})},
              2);
  auto zone = time::TimeZone::utc();
  EXPECT_EQ(render(*json::batchToJson(batch, schema, {}, *zone)),
            (Rows{"{\"a\":1,\"b\":\"x\"}", "{\"b\":\"y\"}"}));
}

TEST(JsonFunctionsTest, FromJson) {
  auto zone = time::TimeZone::utc();
  auto input = strings({"{\"a\": 1, \"b\": \"x\"}", "{\"a\" 1}", std::nullopt, "{\"a\": \"no\"}",
                        "  ", "[{\"a\": 5}, {\"a\": 6}]"});
  auto type = parseDataType("struct<a: int, b: string>");
  EXPECT_EQ(render(*json::jsonToStructs(*input, type, {}, *zone)),
            (Rows{"{1, x}", "{null, null}", "null", "{null, null}", "null", "{5, null}"}));
  auto withCorrupt = parseDataType("struct<a: int, _corrupt_record: string>");
  EXPECT_EQ(render(*json::jsonToStructs(*input, withCorrupt, {}, *zone)),
            (Rows{"{1, null}", "{null, {\"a\" 1}}", "null", "{null, {\"a\": \"no\"}}", "null",
                  "{5, null}"}));
  auto arrays = strings({"[1, 2, null]", "{\"a\": 1}", "[1, \"x\"]"});
  EXPECT_EQ(render(*json::jsonToStructs(*arrays, parseDataType("array<int>"), {}, *zone)),
            (Rows{"[1, 2, null]", "null", "null"}));
  auto maps = strings({"{\"k\": 1.5, \"j\": null}"});
  EXPECT_EQ(render(*json::jsonToStructs(*maps, parseDataType("map<string, double>"), {}, *zone)),
            (Rows{"{k -> 1.5, j -> null}"}));
  try {
    json::jsonToStructs(*input, type, {{"mode", "FAILFAST"}}, *zone);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.message()).rfind("Malformed records are detected in record parsing. "
                                             "Parse Mode: FAILFAST.",
                                             0),
              0u);
    EXPECT_NE(std::string(e.what()).find("from_json row 1"), std::string::npos) << e.what();
  }
  EXPECT_THROW(json::jsonToStructs(*input, type, {{"mode", "DROPMALFORMED"}}, *zone),
               AnalysisException);
}

TEST(JsonFunctionsTest, FromJsonNonStringValuesIntoStrings) {
  auto zone = time::TimeZone::utc();
  auto input = strings({"{\"s\": {\"x\": [1, 2.50, true, null, \"q\\\"\"]}}", "{\"s\": 1e2}"});
  EXPECT_EQ(render(*json::jsonToStructs(*input, parseDataType("struct<s: string>"), {}, *zone)),
            (Rows{"{{\"x\":[1,2.5,true,null,\"q\\\"\"]}}", "{100.0}"}));
}

TEST(JsonFunctionsTest, SchemaOfJson) {
  auto zone = time::TimeZone::utc();
  EXPECT_EQ(json::inferJsonSchema("[{\"col\":0}]", {}, *zone)->sql(), "ARRAY<STRUCT<col: BIGINT>>");
  EXPECT_EQ(json::inferJsonSchema("{\"b\": 1.5, \"a\": [\"x\"], \"c\": null}", {}, *zone)
                ->simpleString(),
            "struct<a:array<string>,b:double,c:string>");
  EXPECT_EQ(json::inferJsonSchema("1", {}, *zone)->simpleString(), "bigint");
  EXPECT_THROW(json::inferJsonSchema("{\"a\":", {}, *zone), Error);
  auto column = strings({"{\"a\": 1}", "{\"a\": 2.5, \"b\": true}", std::nullopt});
  EXPECT_EQ(json::inferJsonSchema(*column, {}, *zone)->simpleString(),
            "struct<a:double,b:boolean>");
}

}  // namespace
}  // namespace rivulet::testing
