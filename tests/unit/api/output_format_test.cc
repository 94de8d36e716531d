// Exact text of what the API prints: explain(true), printSchema of nested data, toJSON with the
// session time zone.
#include <gtest/gtest.h>

#include <regex>

#include "rivulet/rivulet.h"

namespace rivulet {
namespace {

using namespace rivulet::functions;

// Attribute ids depend on what ran before; golden text uses #N instead.
std::string normalizeIds(const std::string& s) { return std::regex_replace(s, std::regex("#[0-9]+"), "#N"); }

class OutputFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = std::make_unique<Session>(Session::builder().getOrCreate());
    session_->conf().set("spark.sql.session.timeZone", "Europe/Moscow");
  }

  void TearDown() override { session_->conf().set("spark.sql.session.timeZone", "UTC"); }

  std::unique_ptr<Session> session_;
};

TEST_F(OutputFormatTest, ExplainExtendedSections) {
  StructType schema({{"ident", DataType::string(), true}, {"elevation_ft", DataType::integer(), true}});
  auto df = session_->createDataFrame({Row({Value::string("00A"), Value::integer(11)})}, schema);
  auto q = df.filter(col("ident").startsWith("00")).select(lower(col("ident")).alias("ident"), (col("elevation_ft") + lit(1) * lit(2)).alias("e"));
  EXPECT_EQ(normalizeIds(q.explainString(true)),
            "== Parsed Logical Plan ==\n"
            "'Project [lower('ident) AS ident#N, ('elevation_ft + (1 * 2)) AS e#N]\n"
            "+- 'Filter startswith('ident, 00)\n"
            "   +- Relation [ident#N,elevation_ft#N] LocalRelation\n"
            "\n"
            "== Analyzed Logical Plan ==\n"
            "ident: string, e: int\n"
            "Project [lower(ident#N) AS ident#N, (elevation_ft#N + (1 * 2)) AS e#N]\n"
            "+- Filter startswith(ident#N, 00)\n"
            "   +- Relation [ident#N,elevation_ft#N] LocalRelation\n"
            "\n"
            "== Optimized Logical Plan ==\n"
            "Project [lower(ident#N) AS ident#N, (elevation_ft#N + 2) AS e#N]\n"
            "+- Filter startswith(ident#N, 00)\n"
            "   +- Relation [ident#N,elevation_ft#N] LocalRelation\n"
            "\n"
            "== Physical Plan ==\n"
            "Project [lower(ident#N) AS ident#N, (elevation_ft#N + 2) AS e#N]\n"
            "+- Filter startswith(ident#N, 00)\n"
            "   +- LocalTableScan [ident#N,elevation_ft#N]\n"
            "\n");
  EXPECT_EQ(normalizeIds(q.explainString(false)),
            "== Physical Plan ==\n"
            "Project [lower(ident#N) AS ident#N, (elevation_ft#N + 2) AS e#N]\n"
            "+- Filter startswith(ident#N, 00)\n"
            "   +- LocalTableScan [ident#N,elevation_ft#N]\n"
            "\n");
}

TEST_F(OutputFormatTest, PrintSchemaNested) {
  auto df = session_->range(1).select(
      struct_({col("id"), lit("x").alias("tag")}).alias("s"), array({lit(1), lit(2)}).alias("a"),
      map({lit("k"), lit(1.5)}).alias("m"));
  EXPECT_EQ(df.schema().treeString(),
            "root\n"
            " |-- s: struct (nullable = false)\n"
            " |    |-- id: long (nullable = false)\n"
            " |    |-- tag: string (nullable = false)\n"
            " |-- a: array (nullable = false)\n"
            " |    |-- element: integer (containsNull = false)\n"
            " |-- m: map (nullable = false)\n"
            " |    |-- key: string\n"
            " |    |-- value: double (valueContainsNull = false)\n");
}

TEST_F(OutputFormatTest, ToJsonUsesSessionZone) {
  StructType schema({{"ts", DataType::timestamp(), true}, {"n", DataType::longType(), true}, {"d", DataType::date(), true}});
  // 2020-06-07T17:31:56.019Z is 20:31:56.019 in Moscow (+03:00).
  auto df = session_->createDataFrame({Row({Value::integer(1591551116019000), Value::integer(7), Value::integer(18420)}),
                                       Row({Value(), Value(), Value()})},
                                      schema);
  auto json = df.toJSON().collectAsStrings();
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0], R"({"ts":"2020-06-07T20:31:56.019+03:00","n":7,"d":"2020-06-07"})");
  EXPECT_EQ(json[1], "{}");
  EXPECT_EQ(df.showString(),
            "+--------------------+----+----------+\n"
            "|                  ts|   n|         d|\n"
            "+--------------------+----+----------+\n"
            "|2020-06-07 20:31:...|   7|2020-06-07|\n"
            "|                null|null|      null|\n"
            "+--------------------+----+----------+\n");
  EXPECT_EQ(df.showString(20, 0),
            "+-----------------------+----+----------+\n"
            "|ts                     |n   |d         |\n"
            "+-----------------------+----+----------+\n"
            "|2020-06-07 20:31:56.019|7   |2020-06-07|\n"
            "|null                   |null|null      |\n"
            "+-----------------------+----+----------+\n");
}

TEST_F(OutputFormatTest, StreamingActionsAreRejected) {
  auto df = session_->range(3);
  EXPECT_FALSE(df.isStreaming());
  try {
    df.writeStream().format("console").start();
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(std::string(e.what()), "'writeStream' can be called only on streaming Dataset/DataFrame");
  }
}

}  // namespace
}  // namespace rivulet
