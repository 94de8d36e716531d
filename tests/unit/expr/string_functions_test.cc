// String, encoding and pattern functions: results on small batches, type errors, plan text.
#include <gtest/gtest.h>

#include "expr_test_util.h"

namespace rivulet::expr::testing {
namespace {

constexpr const char* kWords = R"([["Hello World", "lo", 1], ["ÀÉÎ straße", "ß", -3], [null, null, null], ["", "", 0]])";

class StringFunctionsTest : public ::testing::Test {
 protected:
  ExprFixture f{"s STRING, t STRING, i INT", kWords};
};

TEST_F(StringFunctionsTest, CaseMapping) {
  EXPECT_EQ(f.eval(fn("lower", {col("s")})), "hello world | àéî straße | NULL | ");
  EXPECT_EQ(f.eval(fn("upper", {col("s")})), "HELLO WORLD | ÀÉÎ STRASSE | NULL | ");
  EXPECT_EQ(f.eval(fn("initcap", {col("s")})), "Hello World | Àéî Straße | NULL | ");
  EXPECT_EQ(f.eval(fn("initcap", {lit("hELLO  wORLD-x")})), "Hello  World-x | Hello  World-x | Hello  World-x | Hello  World-x");
  EXPECT_EQ(f.eval(fn("upper", {col("i")})), "1 | -3 | NULL | 0");
}

TEST_F(StringFunctionsTest, Predicates) {
  EXPECT_EQ(f.eval(fn("startswith", {col("s"), lit("He")})), "true | false | NULL | false");
  EXPECT_EQ(f.eval(fn("endswith", {col("s"), lit("e")})), "false | true | NULL | false");
  EXPECT_EQ(f.eval(fn("contains", {col("s"), col("t")})), "true | true | NULL | true");
}

TEST_F(StringFunctionsTest, Substring) {
  EXPECT_EQ(f.eval(fn("substring", {col("s"), lit(2), lit(3)})), "ell | ÉÎ  | NULL | ");
  EXPECT_EQ(f.eval(fn("substring", {col("s"), lit(-3), lit(2)})), "rl | aß | NULL | ");
  EXPECT_EQ(f.eval(fn("substring", {col("s"), lit(0), lit(2)})), "He | ÀÉ | NULL | ");
  EXPECT_EQ(f.eval(fn("substring", {col("s"), lit(-20), lit(12)})), "Hel | ÀÉ | NULL | ");
  EXPECT_EQ(f.eval(fn("substring", {col("s"), lit(2), lit(-1)})), " |  | NULL | ");
  EXPECT_EQ(f.eval(fn("substring", {col("s"), col("i")})), "Hello World | aße | NULL | ");
  EXPECT_EQ(f.resolve(fn("substring", {col("s"), lit(2)}))->toString(),
            "substring(s#" + std::to_string(f.attributes()[0]->exprId()) + ", 2, 2147483647)");
}

TEST_F(StringFunctionsTest, LengthTrimPad) {
  EXPECT_EQ(f.eval(fn("length", {col("s")})), "11 | 10 | NULL | 0");
  EXPECT_EQ(f.eval(fn("trim", {lit("  a b  ")})), "a b | a b | a b | a b");
  EXPECT_EQ(f.eval(fn("ltrim", {lit("  a b  ")})), "a b   | a b   | a b   | a b  ");
  EXPECT_EQ(f.eval(fn("rtrim", {lit("\t a b  ")})), "\t a b | \t a b | \t a b | \t a b");
  EXPECT_EQ(f.eval(fn("trim", {lit("xyaxbyxß"), lit("xyß")})), "axb | axb | axb | axb");
  EXPECT_EQ(f.eval(fn("lpad", {col("t"), lit(5), lit("ab")})), "abalo | ababß | NULL | ababa");
  EXPECT_EQ(f.eval(fn("rpad", {col("t"), lit(5), lit("ab")})), "loaba | ßabab | NULL | ababa");
  EXPECT_EQ(f.eval(fn("lpad", {col("s"), lit(3)})), "Hel | ÀÉÎ | NULL |    ");
  EXPECT_EQ(f.eval(fn("rpad", {col("t"), lit(-1), lit("x")})), " |  | NULL | ");
  EXPECT_EQ(f.eval(fn("repeat", {col("t"), col("i")})), "lo |  | NULL | ");
  EXPECT_EQ(f.eval(fn("repeat", {lit("ab"), lit(3)})), "ababab | ababab | ababab | ababab");
}

TEST_F(StringFunctionsTest, Search) {
  EXPECT_EQ(f.eval(fn("instr", {col("s"), col("t")})), "4 | 9 | NULL | 1");
  EXPECT_EQ(f.eval(fn("instr", {col("s"), lit("zz")})), "0 | 0 | NULL | 0");
  EXPECT_EQ(f.eval(fn("locate", {lit("o"), col("s")})), "5 | 0 | NULL | 0");
  EXPECT_EQ(f.eval(fn("locate", {lit("o"), col("s"), lit(6)})), "8 | 0 | NULL | 0");
  EXPECT_EQ(f.eval(fn("locate", {lit("o"), col("s"), lit(0)})), "0 | 0 | NULL | 0");
  EXPECT_EQ(f.eval(fn("translate", {col("s"), lit("lodß"), lit("01")})), "He001 W1r0 | ÀÉÎ strae | NULL | ");
  EXPECT_EQ(f.eval(fn("ascii", {col("s")})), "72 | 192 | NULL | 0");
}

TEST_F(StringFunctionsTest, Concat) {
  EXPECT_EQ(f.eval(fn("concat", {col("s"), col("t")})), "Hello Worldlo | ÀÉÎ straßeß | NULL | ");
  EXPECT_EQ(f.eval(fn("concat", {col("t"), lit("-"), col("i")})), "lo-1 | ß--3 | NULL | -0");
  EXPECT_EQ(f.eval(fn("concat_ws", {lit(","), col("t"), col("i"), lit("z")})), "lo,1,z | ß,-3,z | z | ,0,z");
  EXPECT_EQ(f.eval(fn("concat_ws", {lit("/"), fn("array", {col("t"), litNull(), lit("q")}), col("t")})),
            "lo/q/lo | ß/q/ß | q | /q/");
  EXPECT_EQ(f.eval(fn("concat_ws", {litNull(), col("t")})), "NULL | NULL | NULL | NULL");
  EXPECT_EQ(f.eval(fn("reverse", {col("s")})), "dlroW olleH | eßarts ÎÉÀ | NULL | ");
}

TEST_F(StringFunctionsTest, Encodings) {
  EXPECT_EQ(f.eval(fn("hex", {col("i")})), "1 | FFFFFFFFFFFFFFFD | NULL | 0");
  EXPECT_EQ(f.eval(fn("hex", {col("t")})), "6C6F | C39F | NULL | ");
  EXPECT_EQ(f.eval(fn("base64", {lit("Spark SQL")})), "U3BhcmsgU1FM | U3BhcmsgU1FM | U3BhcmsgU1FM | U3BhcmsgU1FM");
  EXPECT_EQ(f.eval(fn("base64", {col("t")})), "bG8= | w58= | NULL | ");
  EXPECT_EQ(f.eval(Expression::cast(fn("unbase64", {fn("base64", {col("s")})}), DataType::string())),
            "Hello World | ÀÉÎ straße | NULL | ");
  EXPECT_EQ(f.eval(fn("crc32", {lit("Spark")})), "1557323817 | 1557323817 | 1557323817 | 1557323817");
}

TEST_F(StringFunctionsTest, Like) {
  EXPECT_EQ(f.eval(fn("like", {col("s"), lit("H%o W_rld")})), "true | false | NULL | false");
  EXPECT_EQ(f.eval(fn("like", {col("s"), lit("%ß_")})), "false | true | NULL | false");
  EXPECT_EQ(f.eval(fn("like", {col("s"), lit("%")})), "true | true | NULL | true");
  EXPECT_EQ(f.eval(fn("like", {col("s"), lit("_")})), "false | false | NULL | false");
  EXPECT_EQ(f.eval(fn("like", {lit("a%b"), lit("a\\%b")})), "true | true | true | true");
  EXPECT_EQ(f.eval(fn("like", {lit("axb"), lit("a\\%b")})), "false | false | false | false");
  EXPECT_EQ(f.eval(fn("like", {lit("a\\b"), lit("a\\\\b")})), "true | true | true | true");
  EXPECT_EQ(f.evalError(fn("like", {col("s"), lit("a\\b")})),
            "the pattern 'a\\b' is invalid, the escape character is not allowed to precede 'b'");
  std::string id = std::to_string(f.attributes()[0]->exprId());
  EXPECT_EQ(f.resolve(fn("like", {col("s"), lit("H%")}))->toString(), "s#" + id + " LIKE H%");
  EXPECT_EQ(f.resolve(fn("rlike", {col("s"), lit("^H")}))->prettyName(), "s RLIKE ^H");
}

TEST_F(StringFunctionsTest, Regex) {
  EXPECT_EQ(f.eval(fn("rlike", {col("s"), lit("^H.*d$")})), "true | false | NULL | false");
  EXPECT_EQ(f.eval(fn("rlike", {col("s"), lit("")})), "true | true | NULL | true");
  EXPECT_EQ(f.eval(fn("regexp_replace", {col("s"), lit("(l+)"), lit("<$1>")})), "He<ll>o Wor<l>d | ÀÉÎ straße | NULL | ");
  EXPECT_EQ(f.eval(fn("regexp_replace", {col("s"), lit("o"), lit("0"), lit(6)})), "Hello W0rld | ÀÉÎ straße | NULL | ");
  EXPECT_EQ(f.eval(fn("regexp_extract", {col("s"), lit("(\\w+) (\\w+)"), lit(2)})), "World |  | NULL | ");
  EXPECT_EQ(f.eval(fn("regexp_extract", {col("s"), lit("(x)?(l+)"), lit(1)})), " |  | NULL | ");
  EXPECT_EQ(f.eval(fn("regexp_extract", {col("s"), lit("l+"), lit(0)})), "ll |  | NULL | ");
  EXPECT_EQ(f.evalError(fn("regexp_extract", {col("s"), lit("(l)"), lit(2)})),
            "[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX] The value of parameter(s) `idx` in `regexp_extract` is invalid: Expects group index between 0 and 1, but got 2.");
  std::string id = std::to_string(f.attributes()[0]->exprId());
  EXPECT_EQ(f.resolve(fn("regexp_replace", {col("s"), lit("a"), lit("b")}))->toString(),
            "regexp_replace(s#" + id + ", a, b, 1)");
}

TEST_F(StringFunctionsTest, Split) {
  EXPECT_EQ(f.eval(fn("split", {col("s"), lit(" ")})), "[Hello, World] | [ÀÉÎ, straße] | NULL | []");
  EXPECT_EQ(f.eval(fn("size", {fn("split", {col("s"), lit(" ")})})), "2 | 2 | -1 | 1");
  EXPECT_EQ(f.eval(fn("split", {lit("a,b,,c,,"), lit(",")})), "[a, b, , c, , ] | [a, b, , c, , ] | [a, b, , c, , ] | [a, b, , c, , ]");
  EXPECT_EQ(f.eval(fn("split", {lit("a,b,c"), lit(","), lit(2)})), "[a, b,c] | [a, b,c] | [a, b,c] | [a, b,c]");
  EXPECT_EQ(f.eval(fn("split", {lit("a,b,c"), lit(","), lit(0)})), "[a, b, c] | [a, b, c] | [a, b, c] | [a, b, c]");
  EXPECT_EQ(f.eval(fn("split", {col("t"), lit("")})), "[l, o] | [ß] | NULL | []");
  EXPECT_EQ(f.eval(fn("split", {lit("abc"), lit(""), lit(2)})), "[a, bc] | [a, bc] | [a, bc] | [a, bc]");
  EXPECT_EQ(f.eval(fn("split", {lit("1a2b3"), lit("[a-z]")})), "[1, 2, 3] | [1, 2, 3] | [1, 2, 3] | [1, 2, 3]");
  EXPECT_EQ(f.eval(fn("split", {lit("ab"), lit("x*")})), "[a, b, ] | [a, b, ] | [a, b, ] | [a, b, ]");
}

TEST(StringFunctionErrorsTest, WrongTypesAndCounts) {
  ExprFixture f("a ARRAY<INT>, s STRING", R"([[[1], "x"]])");
  EXPECT_EQ(f.resolveError(fn("lower", {col("a")})),
            "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"lower(a)\" due to data type mismatch: Parameter 1 requires the \"STRING\" type, however \"a\" has the type \"ARRAY<INT>\".");
  EXPECT_EQ(f.resolveError(fn("substring", {col("s"), col("a"), lit(1)})),
            "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"substring(s, a, 1)\" due to data type mismatch: Parameter 2 requires the \"INT\" type, however \"a\" has the type \"ARRAY<INT>\".");
  EXPECT_EQ(f.resolveError(fn("upper", {col("s"), col("s")})),
            "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `upper` requires 1 parameters but the actual number is 2.");
  std::string id = std::to_string(f.attributes()[1]->exprId());
  EXPECT_EQ(f.resolve(fn("lower", {col("s")}))->toString(), "lower(s#" + id + ")");
  EXPECT_EQ(f.resolve(fn("startswith", {col("s"), lit("00")}))->toString(), "startswith(s#" + id + ", 00)");
}

}  // namespace
}  // namespace rivulet::expr::testing
