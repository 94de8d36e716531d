// Misc, math and date-time functions.
#include <gtest/gtest.h>

#include <regex>

#include "expr_test_util.h"

namespace rivulet::expr::testing {
namespace {

ExprPtr decimalLit(int64_t unscaled, int precision, int scale) {
  return Expression::literal(Value::decimal(unscaled, scale), DataType::decimal(precision, scale));
}

TEST(MiscFunctionsTest, HashMatchesSpark) {
  ExprFixture f("i INT", "[[1]]");
  // The example of Spark's documentation for hash.
  EXPECT_EQ(f.eval(fn("hash", {lit("Spark"), fn("array", {lit(123)}), lit(2)})), "-1321691492");
  EXPECT_EQ(f.eval(fn("hash", {col("i")})), "-559580957");
  EXPECT_EQ(f.eval(fn("hash", {litNull()})), "42");
}

TEST(MiscFunctionsTest, RandomFunctions) {
  ExprFixture f("i INT", "[[1], [2]]");
  std::string first = f.eval(fn("rand", {lit(0)}));
  EXPECT_EQ(first.substr(0, first.find(' ')), "0.7604953758285915");
  ExprFixture g("i INT", "[[1], [2]]");
  EXPECT_EQ(g.eval(fn("rand", {lit(0)})), first);
  // Fresh contexts: generator state belongs to one bound expression of one query.
  ExprFixture h1("i INT", "[[1], [2], [3]]");
  ExprFixture h2("i INT", "[[1], [2], [3]]");
  std::string gaussian = h1.eval(fn("randn", {lit(0)}));
  EXPECT_EQ(gaussian.substr(0, gaussian.find(' ')), "1.6034991609278433");
  EXPECT_EQ(gaussian, h2.eval(fn("randn", {lit(0)})));
  ExprFixture other("i INT", "[[1]]");
  other.context().partitionIndex = 1;
  EXPECT_NE(other.eval(fn("rand", {lit(0)})), "0.7604953758285915");
}

TEST(MiscFunctionsTest, IdsAndTime) {
  ExprFixture f("i INT", "[[1], [2], [null]]");
  f.context().partitionIndex = 2;
  f.context().rowOffset = 10;
  f.context().currentTimestampMicros = 1591545529800000;
  EXPECT_EQ(f.eval(fn("monotonically_increasing_id", {})), "17179869194 | 17179869195 | 17179869196");
  EXPECT_EQ(f.eval(fn("spark_partition_id", {})), "2 | 2 | 2");
  EXPECT_EQ(f.eval(fn("current_timestamp", {})), "2020-06-07 15:58:49.8 | 2020-06-07 15:58:49.8 | 2020-06-07 15:58:49.8");
  EXPECT_EQ(f.eval(fn("current_date", {})), "2020-06-07 | 2020-06-07 | 2020-06-07");
  std::string uuids = f.eval(fn("uuid", {}));
  EXPECT_TRUE(std::regex_match(uuids, std::regex("([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}( \\| )?){3}"))) << uuids;
  EXPECT_EQ(f.resolve(fn("spark_partition_id", {}))->toString(), "SPARK_PARTITION_ID()");
}

TEST(MathFunctionsTest, Rounding) {
  ExprFixture f("d DOUBLE, i INT", R"([[2.5, 15], [-2.5, 25], [2.675, -15], [null, null]])");
  EXPECT_EQ(f.eval(fn("round", {col("d")})), "3.0 | -3.0 | 3.0 | NULL");
  EXPECT_EQ(f.eval(fn("bround", {col("d")})), "2.0 | -2.0 | 3.0 | NULL");
  EXPECT_EQ(f.eval(fn("round", {col("d"), lit(2)})), "2.5 | -2.5 | 2.68 | NULL");
  EXPECT_EQ(f.eval(fn("round", {col("i"), lit(-1)})), "20 | 30 | -20 | NULL");
  EXPECT_EQ(f.eval(fn("bround", {col("i"), lit(-1)})), "20 | 20 | -20 | NULL");
  EXPECT_EQ(f.eval(fn("round", {decimalLit(125, 3, 2), lit(1)})), "1.3 | 1.3 | 1.3 | 1.3");
  EXPECT_EQ(f.eval(fn("bround", {decimalLit(125, 3, 2), lit(1)})), "1.2 | 1.2 | 1.2 | 1.2");
  EXPECT_EQ(f.eval(fn("round", {decimalLit(145, 3, 1), lit(-1)})), "10 | 10 | 10 | 10");
  EXPECT_EQ(f.resolve(fn("round", {decimalLit(125, 3, 2), lit(1)}))->type()->simpleString(), "decimal(3,1)");
  EXPECT_EQ(f.resolve(fn("round", {col("d")}))->toString(), "round(d#" + std::to_string(f.attributes()[0]->exprId()) + ", 0)");
  EXPECT_EQ(f.eval(fn("floor", {col("d")})), "2 | -3 | 2 | NULL");
  EXPECT_EQ(f.eval(fn("ceil", {col("d")})), "3 | -2 | 3 | NULL");
  EXPECT_EQ(f.eval(fn("floor", {decimalLit(-15, 2, 1)})), "-2 | -2 | -2 | -2");
  EXPECT_EQ(f.resolve(fn("floor", {col("d")}))->toString(), "FLOOR(d#" + std::to_string(f.attributes()[0]->exprId()) + ")");
  EXPECT_EQ(f.resolveError(fn("round", {col("d"), col("i")})),
            "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve \"round(d, i)\" due to data type mismatch: the input scale should be a foldable \"INT\" expression; however, got \"i\".");
}

TEST(MathFunctionsTest, Arithmetic) {
  ExprFixture f("i INT, d DOUBLE", R"([[-7, 4.0], [7, 0.0], [null, -1.5], [-2147483648, 100.0]])");
  EXPECT_EQ(f.eval(fn("abs", {col("i")})), "7 | 7 | NULL | -2147483648");
  EXPECT_EQ(f.eval(fn("abs", {col("d")})), "4.0 | 0.0 | 1.5 | 100.0");
  EXPECT_EQ(f.eval(fn("sqrt", {col("d")})), "2.0 | 0.0 | NaN | 10.0");
  EXPECT_EQ(f.eval(fn("ln", {col("d")})), "1.3862943611198906 | NULL | NULL | 4.605170185988092");
  EXPECT_EQ(f.eval(fn("log10", {col("d")})), "0.6020599913279624 | NULL | NULL | 2.0");
  EXPECT_EQ(f.eval(fn("log", {lit(2), col("d")})), "2.0 | NULL | NULL | 6.643856189774725");
  EXPECT_EQ(f.eval(fn("pow", {col("d"), lit(2)})), "16.0 | 0.0 | 2.25 | 10000.0");
  EXPECT_EQ(f.eval(fn("exp", {lit(0)})), "1.0 | 1.0 | 1.0 | 1.0");
  EXPECT_EQ(f.eval(fn("signum", {col("d")})), "1.0 | 0.0 | -1.0 | 1.0");
  EXPECT_EQ(f.eval(fn("pmod", {col("i"), lit(3)})), "2 | 1 | NULL | 1");
  EXPECT_EQ(f.eval(fn("pmod", {lit(7), lit(0)})), "NULL | NULL | NULL | NULL");
  EXPECT_EQ(f.eval(fn("pmod", {lit(-7.5), lit(2.0)})), "0.5 | 0.5 | 0.5 | 0.5");
  EXPECT_EQ(f.eval(fn("bitwiseand", {lit(12), lit(10)})), "8 | 8 | 8 | 8");
  EXPECT_EQ(f.eval(fn("bitwiseor", {col("i"), lit(1)})), "-7 | 7 | NULL | -2147483647");
  EXPECT_EQ(f.eval(fn("bitwisexor", {lit(12), lit(10)})), "6 | 6 | 6 | 6");
  EXPECT_EQ(f.eval(fn("bitwisenot", {col("i")})), "6 | -8 | NULL | 2147483647");
  EXPECT_EQ(f.resolve(fn("bitwiseand", {col("i"), lit(1)}))->toString(),
            "(i#" + std::to_string(f.attributes()[0]->exprId()) + " & 1)");
  EXPECT_EQ(f.resolveError(fn("abs", {fn("array", {col("i")})})),
            "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"abs(array(i))\" due to data type mismatch: Parameter 1 requires the \"NUMERIC\" type, however \"array(i)\" has the type \"ARRAY<INT>\".");
}

TEST(DateTimeFunctionsTest, FieldsParsingFormatting) {
  ExprFixture f("ts TIMESTAMP, d DATE, s STRING",
                R"([["2020-06-07 15:58:49.8", "2020-02-29", "2020-06-07 01:02:03"], [null, null, "bad"]])");
  EXPECT_EQ(f.eval(fn("year", {col("ts")})), "2020 | NULL");
  EXPECT_EQ(f.eval(fn("month", {col("d")})), "2 | NULL");
  EXPECT_EQ(f.eval(fn("dayofmonth", {col("d")})), "29 | NULL");
  EXPECT_EQ(f.eval(fn("hour", {col("ts")})), "15 | NULL");
  EXPECT_EQ(f.eval(fn("minute", {col("ts")})), "58 | NULL");
  EXPECT_EQ(f.eval(fn("second", {col("ts")})), "49 | NULL");
  EXPECT_EQ(f.eval(fn("hour", {col("s")})), "1 | NULL");
  EXPECT_EQ(f.eval(fn("date_format", {col("ts"), lit("yyyy/MM/dd HH:mm")})), "2020/06/07 15:58 | NULL");
  EXPECT_EQ(f.eval(fn("to_date", {col("s")})), "2020-06-07 | NULL");
  EXPECT_EQ(f.eval(fn("to_date", {lit("07/06/2020"), lit("dd/MM/yyyy")})), "2020-06-07 | 2020-06-07");
  EXPECT_EQ(f.eval(fn("to_timestamp", {col("s")})), "2020-06-07 01:02:03 | NULL");
  EXPECT_EQ(f.eval(fn("to_timestamp", {col("s"), lit("yyyy-MM-dd HH:mm:ss")})), "2020-06-07 01:02:03 | NULL");
  EXPECT_EQ(f.eval(fn("unix_timestamp", {col("s")})), "1591491723 | NULL");
  EXPECT_EQ(f.eval(fn("unix_timestamp", {col("ts")})), "1591545529 | NULL");
  EXPECT_EQ(f.eval(fn("from_unixtime", {lit(0)})), "1970-01-01 00:00:00 | 1970-01-01 00:00:00");
  EXPECT_EQ(f.eval(fn("date_add", {col("d"), lit(1)})), "2020-03-01 | NULL");
  EXPECT_EQ(f.eval(fn("date_sub", {col("d"), lit(60)})), "2019-12-31 | NULL");
  EXPECT_EQ(f.eval(fn("datediff", {col("d"), lit("2020-01-01")})), "59 | NULL");
}

}  // namespace
}  // namespace rivulet::expr::testing
