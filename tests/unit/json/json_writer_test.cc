// The JSON writer's exact output and write→read round trips.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <optional>

#include "unit/json/json_test_util.h"
#include "rivulet/columnar/vector_ops.h"
#include "testing/test_paths.h"

namespace rivulet::testing {
namespace {

Batch makeBatch(const StructType& schema, const std::vector<std::vector<Value>>& columns) {
  std::vector<VectorPtr> vectors;
  for (size_t i = 0; i < schema.size(); ++i) {
    vectors.push_back(vectorFromValues(schema[i].type, columns[i]));
  }
  return Batch(std::move(vectors), static_cast<int64_t>(columns[0].size()));
}

std::string writeJson(const std::string& file,
                      const StructType& schema,
                      const Batch& batch,
                      const Options& options,
                      const std::string& zoneId) {
  auto format = makeJsonFormat();
  auto zone = time::TimeZone::load(zoneId);
  FormatContext context;
  context.zone = zone.get();
  auto writer = format->create(file, schema, options, context);
  writer->write(batch);
  writer->close();
  return readFile(file);
}

// 2020-06-07T17:31:56.019Z
constexpr int64_t kMicros = 1591551116019000;

TEST(JsonWriterTest, ExactOutput) {
  StructType schema = parseSchemaDDL(
      "s string, i int, l bigint, d double, f float, b boolean, dec decimal(10,2), "
      "t timestamp, dt date, bin binary, arr array<int>, m map<string,int>, "
      "st struct<x: int, y: string>");
  auto batch = makeBatch(
      schema,
      {{Value::string("a\"b\\c\n\x01/é"), Value()},
       {Value::integer(1), Value()},
       {Value::integer(-9000000000), Value()},
       {Value::real(1e10), Value::real(std::nan(""))},
       {Value::real(0.1), Value()},
       {Value::boolean(true), Value()},
       {Value::decimal(12345, 2), Value()},
       {Value::integer(kMicros), Value()},
       {Value::integer(18420), Value()},
       {Value::string("hello"), Value()},
       {Value::array({Value::integer(1), Value()}), Value()},
       {Value::map({Value::string("k")}, {Value()}), Value()},
       {Value::structValue({Value::integer(5), Value()}), Value()}});
  auto dir = makeTempDir();
  std::string out = writeJson((dir / "p.json").string(), schema, batch, {}, "Europe/Moscow");
  EXPECT_EQ(out,
            "{\"s\":\"a\\\"b\\\\c\\n\\u0001/é\",\"i\":1,\"l\":-9000000000,\"d\":1.0E10,\"f\":0.1,"
            "\"b\":true,\"dec\":123.45,\"t\":\"2020-06-07T20:31:56.019+03:00\",\"dt\":\"2020-06-"
            "07\",\"bin\":\"aGVsbG8=\",\"arr\":[1,null],\"m\":{\"k\":null},\"st\":{\"x\":5}}\n"
            "{\"d\":\"NaN\"}\n");
  std::string utc = writeJson((dir / "u.json").string(), StructType({schema[7]}),
                              makeBatch(StructType({schema[7]}), {{Value::integer(kMicros)}}),
                              {}, "UTC");
  EXPECT_EQ(utc, "{\"t\":\"2020-06-07T17:31:56.019Z\"}\n");
  std::string nulls = writeJson((dir / "n.json").string(), schema, batch,
                                {{"ignoreNullFields", "false"}}, "UTC");
  EXPECT_NE(nulls.find("{\"s\":null,\"i\":null,"), std::string::npos) << nulls;
}

TEST(JsonWriterTest, TimestampAndDateFormatOptions) {
  StructType schema = parseSchemaDDL("t timestamp, d date");
  auto batch = makeBatch(schema, {{Value::integer(kMicros)}, {Value::integer(18420)}});
  auto dir = makeTempDir();
  std::string out = writeJson((dir / "f.json").string(), schema, batch,
                              {{"timestampFormat", "yyyy/MM/dd HH:mm:ss"}, {"dateFormat", "dd.MM.yyyy"}},
                              "Europe/Moscow");
  EXPECT_EQ(out, "{\"t\":\"2020/06/07 20:31:56\",\"d\":\"07.06.2020\"}\n");
}

TEST(JsonWriterTest, GzipRoundTrip) {
  StructType schema = parseSchemaDDL(
      "id bigint, name string, score double, tags array<string>, t timestamp, "
      "nested struct<a: int, b: array<struct<c: string>>>");
  auto batch = makeBatch(
      schema,
      {{Value::integer(1), Value::integer(2)},
       {Value::string("x,\"y\"\n"), Value()},
       {Value::real(2.5), Value::real(-0.0)},
       {Value::array({Value::string("a"), Value()}), Value::array({})},
       {Value::integer(kMicros), Value()},
       {Value::structValue({Value::integer(7), Value::array({Value::structValue(
                                                   {Value::string("deep")})})}),
        Value()}});
  auto format = makeJsonFormat();
  Options options{{"compression", "gzip"}};
  EXPECT_EQ(format->fileExtension(options), ".json.gz");
  EXPECT_EQ(format->fileExtension({}), ".json");
  auto dir = makeTempDir();
  auto file = (dir / ("part-0" + format->fileExtension(options))).string();
  writeJson(file, schema, batch, options, "Europe/Moscow");
  auto r = readJson({file}, {}, &schema, "Europe/Moscow");
  EXPECT_EQ(r.rows, (Rows{"[1, x,\"y\"\n, 2.5, [a, null], 2020-06-07 20:31:56.019, {7, [{deep}]}]",
                          "[2, null, -0.0, [], null, null]"}));
}

}  // namespace
}  // namespace rivulet::testing
