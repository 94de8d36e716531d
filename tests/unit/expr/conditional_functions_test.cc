// Conditional functions: CASE WHEN, if, coalesce, nvl, nullif, greatest/least, nanvl, isnan.
#include <gtest/gtest.h>

#include "expr_test_util.h"

namespace rivulet::expr::testing {
namespace {

class ConditionalFunctionsTest : public ::testing::Test {
 protected:
  ExprFixture f{"i INT, d DOUBLE, s STRING", R"([[1, 1.5, "a"], [null, "NaN", null], [3, null, "c"]])"};

  std::string id(size_t column) const { return std::to_string(f.attributes()[column]->exprId()); }
};

ExprPtr gt(ExprPtr a, ExprPtr b) { return fn("greaterthan", {std::move(a), std::move(b)}); }

ExprPtr eq(ExprPtr a, ExprPtr b) { return fn("equalto", {std::move(a), std::move(b)}); }

TEST_F(ConditionalFunctionsTest, CaseWhen) {
  ExprPtr e = fn("casewhen", {gt(col("i"), lit(1)), lit("big"), eq(col("i"), lit(1)), lit("one"), lit("other")});
  EXPECT_EQ(f.eval(e), "one | other | big");
  EXPECT_EQ(f.resolve(e)->toString(),
            "CASE WHEN (i#" + id(0) + " > 1) THEN big WHEN (i#" + id(0) + " = 1) THEN one ELSE other END");
  EXPECT_EQ(f.eval(fn("casewhen", {gt(col("i"), lit(1)), col("s")})), "NULL | NULL | c");
  EXPECT_EQ(f.eval(fn("casewhen", {gt(col("i"), lit(1)), col("i"), col("d")})), "1.5 | NaN | 3.0");
  EXPECT_EQ(f.resolve(fn("casewhen", {gt(col("i"), lit(1)), col("i"), col("d")}))->type()->simpleString(), "double");
  EXPECT_EQ(f.resolveError(fn("casewhen", {col("i"), col("s")})),
            "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"CASE WHEN i THEN s END\" due to data type mismatch: Parameter 1 requires the \"BOOLEAN\" type, however \"i\" has the type \"INT\".");
  EXPECT_EQ(f.eval(fn("if", {gt(col("i"), lit(1)), col("s"), lit("no")})), "no | no | c");
}

TEST_F(ConditionalFunctionsTest, NullHandling) {
  EXPECT_EQ(f.eval(fn("coalesce", {col("i"), col("d")})), "1.0 | NaN | 3.0");
  EXPECT_EQ(f.eval(fn("coalesce", {col("s"), col("i")})), "a | NULL | c");
  EXPECT_EQ(f.eval(fn("coalesce", {litNull(), col("s"), lit("z")})), "a | z | c");
  EXPECT_FALSE(f.resolve(fn("coalesce", {col("s"), lit("z")}))->nullable());
  EXPECT_EQ(f.eval(fn("nvl", {col("s"), lit("z")})), "a | z | c");
  EXPECT_EQ(f.eval(fn("ifnull", {col("i"), lit(0)})), "1 | 0 | 3");
  EXPECT_EQ(f.eval(fn("nullif", {col("i"), lit(1)})), "NULL | NULL | 3");
  EXPECT_EQ(f.resolve(fn("nvl", {col("s"), lit("z")}))->toString(), "nvl(s#" + id(2) + ", z)");
}

TEST_F(ConditionalFunctionsTest, GreatestLeast) {
  EXPECT_EQ(f.eval(fn("greatest", {col("i"), col("d"), lit(2)})), "2.0 | NaN | 3.0");
  EXPECT_EQ(f.eval(fn("least", {col("i"), col("d"), lit(2)})), "1.0 | 2.0 | 2.0");
  EXPECT_EQ(f.eval(fn("greatest", {col("s"), lit("b")})), "b | b | c");
  EXPECT_EQ(f.eval(fn("least", {col("s"), litNull()})), "a | NULL | c");
  EXPECT_EQ(f.resolveError(fn("greatest", {col("i"), col("s")})),
            "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"greatest(i, s)\" due to data type mismatch: Input to `greatest` should all be the same type, but it's [\"INT\", \"STRING\"].");
}

TEST_F(ConditionalFunctionsTest, NaN) {
  EXPECT_EQ(f.eval(fn("nanvl", {col("d"), lit(0.0)})), "1.5 | 0.0 | NULL");
  EXPECT_EQ(f.eval(fn("isnan", {col("d")})), "false | true | false");
  EXPECT_FALSE(f.resolve(fn("isnan", {col("d")}))->nullable());
}

}  // namespace
}  // namespace rivulet::expr::testing
