// Collection functions: constructors, element access, array and map functions.
#include <gtest/gtest.h>

#include "expr_test_util.h"
#include "rivulet/expr/evaluator.h"
#include "rivulet/expr/expression_resolver.h"

namespace rivulet::expr::testing {
namespace {

constexpr const char* kRows = R"([
  [[3, 1, null, 2, 1], {"k1": 1, "k2": null}, {"x": 1, "y": "p"}, 1, "k1"],
  [[], {}, null, -1, "k2"],
  [null, null, {"x": null, "y": "q"}, null, null]])";

class CollectionFunctionsTest : public ::testing::Test {
 protected:
  ExprFixture f{"a ARRAY<INT>, m MAP<STRING, INT>, st STRUCT<x: INT, y: STRING>, i INT, s STRING", kRows};

  std::string id(size_t column) const { return std::to_string(f.attributes()[column]->exprId()); }
};

TEST_F(CollectionFunctionsTest, Constructors) {
  EXPECT_EQ(f.eval(fn("array", {col("i"), lit(2), litNull()})), "[1, 2, null] | [-1, 2, null] | [null, 2, null]");
  EXPECT_EQ(f.eval(fn("array", {col("i"), col("s")})), "[1, k1] | [-1, k2] | [null, null]");
  EXPECT_EQ(f.eval(fn("array", {})), "[] | [] | []");
  EXPECT_EQ(f.resolve(fn("array", {}))->type()->elementType()->id(), TypeId::kNull);
  EXPECT_EQ(f.resolve(fn("array", {col("i"), litLong(2)}))->type()->simpleString(), "array<bigint>");
  EXPECT_EQ(f.eval(fn("struct", {col("i"), col("s")})), "{1, k1} | {-1, k2} | {null, null}");
  EXPECT_EQ(f.resolve(fn("struct", {col("i"), lit(1), Expression::alias(col("s"), "n"), col("st.y")}))->type()->simpleString(),
            "struct<i:int,col2:int,n:string,y:string>");
  EXPECT_EQ(f.resolve(fn("named_struct", {lit("a"), col("i"), lit("b"), col("s")}))->type()->simpleString(),
            "struct<a:int,b:string>");
  EXPECT_EQ(f.eval(fn("named_struct", {lit("a"), col("i"), lit("b"), col("s")})), "{1, k1} | {-1, k2} | {null, null}");
  EXPECT_EQ(f.eval(fn("map", {lit("a"), col("i"), lit("b"), col("s")})),
            "{a -> 1, b -> k1} | {a -> -1, b -> k2} | {a -> null, b -> null}");
  EXPECT_EQ(f.evalError(fn("map", {lit("a"), col("i"), lit("a"), col("i")})),
            "[DUPLICATED_MAP_KEY] Duplicate map key a was found, please check the input data. If you want to remove the duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\" so that the key inserted at last takes precedence.");
  EXPECT_EQ(f.evalError(fn("map", {col("s"), col("i")})), "[NULL_MAP_KEY] Cannot use null as map key.");
}

TEST_F(CollectionFunctionsTest, ElementAccess) {
  EXPECT_EQ(f.eval(fn("element_at_index", {col("a"), lit(0)})), "3 | NULL | NULL");
  EXPECT_EQ(f.eval(fn("element_at_index", {col("a"), lit(4)})), "1 | NULL | NULL");
  EXPECT_EQ(f.eval(fn("element_at_index", {col("a"), lit(5)})), "NULL | NULL | NULL");
  EXPECT_EQ(f.eval(fn("element_at_index", {col("a"), lit(-1)})), "NULL | NULL | NULL");
  EXPECT_EQ(f.eval(fn("element_at_index", {col("a"), col("i")})), "1 | NULL | NULL");
  EXPECT_EQ(f.eval(fn("element_at", {col("a"), lit(1)})), "3 | NULL | NULL");
  EXPECT_EQ(f.eval(fn("element_at", {col("a"), lit(-1)})), "1 | NULL | NULL");
  EXPECT_EQ(f.eval(fn("element_at", {col("a"), lit(-6)})), "NULL | NULL | NULL");
  EXPECT_EQ(f.evalError(fn("element_at", {col("a"), lit(0)})),
            "[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).");
  EXPECT_EQ(f.eval(fn("element_at_index", {col("m"), col("s")})), "1 | NULL | NULL");
  EXPECT_EQ(f.eval(fn("element_at", {col("m"), lit("k1")})), "1 | NULL | NULL");
  EXPECT_EQ(f.eval(fn("get_field", {col("st"), lit("y")})), "p | NULL | q");
  EXPECT_EQ(f.eval(col("st.x")), "1 | NULL | NULL");
  EXPECT_EQ(f.resolve(fn("element_at_index", {col("a"), lit(0)}))->toString(), "a#" + id(0) + "[0]");
  EXPECT_EQ(f.resolve(col("st.y"))->toString(), "st#" + id(2) + ".y");
  EXPECT_EQ(f.resolveError(fn("get_field", {col("st"), lit("z")})), "[FIELD_NOT_FOUND] No such struct field `z` in `x`, `y`.");
  EXPECT_EQ(f.resolveError(fn("element_at_index", {col("a"), col("s")})),
            "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"a[s]\" due to data type mismatch: Parameter 2 requires the \"INTEGRAL\" type, however \"s\" has the type \"STRING\".");
}

TEST_F(CollectionFunctionsTest, SizesAndParts) {
  EXPECT_EQ(f.eval(fn("size", {col("a")})), "5 | 0 | -1");
  EXPECT_EQ(f.eval(fn("size", {col("m")})), "2 | 0 | -1");
  EXPECT_FALSE(f.resolve(fn("size", {col("a")}))->nullable());
  EXPECT_EQ(f.eval(fn("map_keys", {col("m")})), "[k1, k2] | [] | NULL");
  EXPECT_EQ(f.eval(fn("map_values", {col("m")})), "[1, null] | [] | NULL");
  EXPECT_EQ(f.eval(fn("concat", {col("a"), fn("array", {col("i")})})), "[3, 1, null, 2, 1, 1] | [-1] | NULL");
  EXPECT_EQ(f.eval(fn("reverse", {col("a")})), "[1, 2, null, 1, 3] | [] | NULL");
}

TEST_F(CollectionFunctionsTest, ArrayFunctions) {
  EXPECT_EQ(f.eval(fn("array_contains", {col("a"), lit(2)})), "true | false | NULL");
  EXPECT_EQ(f.eval(fn("array_contains", {col("a"), lit(5)})), "NULL | false | NULL");
  EXPECT_EQ(f.eval(fn("array_contains", {col("a"), litLong(3)})), "true | false | NULL");
  EXPECT_EQ(f.eval(fn("array_position", {col("a"), lit(1)})), "2 | 0 | NULL");
  EXPECT_EQ(f.eval(fn("sort_array", {col("a")})), "[null, 1, 1, 2, 3] | [] | NULL");
  EXPECT_EQ(f.eval(fn("sort_array", {col("a"), litBool(false)})), "[3, 2, 1, 1, null] | [] | NULL");
  EXPECT_EQ(f.resolve(fn("sort_array", {col("a")}))->toString(), "sort_array(a#" + id(0) + ", true)");
  EXPECT_EQ(f.eval(fn("array_distinct", {col("a")})), "[3, 1, null, 2] | [] | NULL");
  EXPECT_EQ(f.eval(fn("flatten", {fn("array", {col("a"), fn("array", {col("i")})})})), "[3, 1, null, 2, 1, 1] | [-1] | NULL");
  EXPECT_EQ(f.eval(fn("slice", {col("a"), lit(2), lit(2)})), "[1, null] | [] | NULL");
  EXPECT_EQ(f.eval(fn("slice", {col("a"), lit(-2), lit(5)})), "[2, 1] | [] | NULL");
  EXPECT_EQ(f.evalError(fn("slice", {col("a"), lit(0), lit(1)})),
            "[INVALID_PARAMETER_VALUE.START] The value of parameter(s) `start` in `slice` is invalid: Expects a positive or a negative value for `start`, but got 0.");
  EXPECT_EQ(f.eval(fn("array_join", {fn("array", {col("s"), litNull(), lit("z")}), lit("-")})), "k1-z | k2-z | z");
  EXPECT_EQ(f.eval(fn("array_join", {fn("array", {col("s"), litNull(), lit("z")}), lit("-"), lit("?")})),
            "k1-?-z | k2-?-z | ?-?-z");
  EXPECT_EQ(f.eval(fn("arrays_zip", {col("a"), fn("array", {col("s")})})),
            "[{3, k1}, {1, null}, {null, null}, {2, null}, {1, null}] | [{null, k2}] | NULL");
  EXPECT_EQ(f.resolve(fn("arrays_zip", {col("a"), fn("array", {col("s")})}))->type()->simpleString(),
            "array<struct<a:int,1:string>>");
  EXPECT_EQ(f.resolveError(fn("array_contains", {col("a"), lit("x")})),
            "[DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES] Cannot resolve \"array_contains(a, x)\" due to data type mismatch: Input to `array_contains` should have been \"ARRAY\" followed by a value with same element type, but it's [\"ARRAY<INT>\", \"STRING\"].");
}

TEST_F(CollectionFunctionsTest, ShuffleIsAPermutationFixedBySeed) {
  ExprPtr shuffled = fn("shuffle", {col("a")})->withLiteral(Value::integer(42));
  EXPECT_EQ(f.eval(fn("sort_array", {shuffled})), "[null, 1, 1, 2, 3] | [] | NULL");
  ExprFixture again{"a ARRAY<INT>, m MAP<STRING, INT>, st STRUCT<x: INT, y: STRING>, i INT, s STRING", kRows};
  ExprFixture third{"a ARRAY<INT>, m MAP<STRING, INT>, st STRUCT<x: INT, y: STRING>, i INT, s STRING", kRows};
  EXPECT_EQ(again.eval(shuffled), third.eval(shuffled));
  ExprFixture big{"a ARRAY<INT>", "[[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]]"};
  EXPECT_NE(big.eval(fn("shuffle", {col("a")})->withLiteral(Value::integer(1))), "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]");
}

}  // namespace
}  // namespace rivulet::expr::testing
