// showString behaviours not covered by the golden cases: widths, cutting inside surrogate
// pairs, escapes in headers, the null spelling, zero columns.
#include "rivulet/columnar/show.h"

#include <gtest/gtest.h>

#include "rivulet/common/time/time_zone.h"
#include "testing/batch_from_json.h"

namespace rivulet {
namespace {

std::string show(const std::string& ddl, const std::string& json, ShowOptions options = {}) {
  StructType schema = parseSchemaDDL(ddl);
  auto utc = time::TimeZone::utc();
  if (options.zone == nullptr) {
    options.zone = utc.get();
  }
  return showString(testing::batchFromJson(schema, json), schema, options);
}

TEST(StringHalfWidthTest, CountsFullWidthTwiceAndSupplementaryAsTwoUnits) {
  EXPECT_EQ(stringHalfWidth(""), 0);
  EXPECT_EQ(stringHalfWidth("abc"), 3);
  EXPECT_EQ(stringHalfWidth("测试"), 4);
  EXPECT_EQ(stringHalfWidth("γύρ"), 3);
  EXPECT_EQ(stringHalfWidth("뺭ᾘ"), 3);
  // U+1F600 is one code point but two UTF-16 units, outside Spark's full-width ranges.
  EXPECT_EQ(stringHalfWidth("\xF0\x9F\x98\x80"), 2);
  // A combining mark is one UTF-16 unit, as String.length counts it.
  EXPECT_EQ(stringHalfWidth("e\xCC\x81"), 2);
  // Full-width forms block (U+FF21 'Ａ').
  EXPECT_EQ(stringHalfWidth("\xEF\xBC\xA1"), 2);
}

TEST(ShowStringTest, CutsByUtf16UnitsLikeJavaSubstring) {
  ShowOptions options;
  options.truncate = 5;
  // "测试数据集合" is 6 units: cut to 2 units + "...", width 2*2 + 3 = 7.
  EXPECT_EQ(show("s STRING", R"([["测试数据集合"]])", options),
            "+-------+\n"
            "|      s|\n"
            "+-------+\n"
            "|测试...|\n"
            "+-------+\n");
  // Cutting after one unit of a surrogate pair leaves a lone surrogate, printed as '?'.
  options.truncate = 4;
  EXPECT_EQ(show("s STRING", R"([["a\ud83d\ude00bc"]])", options),
            "+----+\n"
            "|   s|\n"
            "+----+\n"
            "|a...|\n"
            "+----+\n");
  options.truncate = 5;
  EXPECT_EQ(show("s STRING", R"([["a\ud83d\ude00bcd"]])", options),
            "+-----+\n"
            "|    s|\n"
            "+-----+\n"
            "|a?...|\n"
            "+-----+\n");
}

TEST(ShowStringTest, HeadersAreEscapedButNotCut) {
  ShowOptions options;
  options.truncate = 3;
  EXPECT_EQ(show("`long\tname` INT", "[[1]]", options),
            "+----------+\n"
            "|long\\tname|\n"
            "+----------+\n"
            "|         1|\n"
            "+----------+\n");
}

TEST(ShowStringTest, NullSpellingIsConfigurable) {
  ShowOptions options;
  options.nullString = "NULL";
  EXPECT_EQ(show("a INT, b ARRAY<INT>", "[[null, [1, null]]]", options),
            "+----+---------+\n"
            "|   a|        b|\n"
            "+----+---------+\n"
            "|NULL|[1, NULL]|\n"
            "+----+---------+\n");
}

TEST(ShowStringTest, NumRowsOneSaysRow) {
  ShowOptions options;
  options.numRows = 1;
  EXPECT_EQ(show("a INT", "[[1], [2]]", options),
            "+---+\n"
            "|  a|\n"
            "+---+\n"
            "|  1|\n"
            "+---+\n"
            "only showing top 1 row\n");
}

TEST(ShowStringTest, VerticalWithNumRowsZeroPrintsZeroRows) {
  ShowOptions options;
  options.numRows = 0;
  options.vertical = true;
  EXPECT_EQ(show("a INT", "[[1]]", options), "(0 rows)\n");
}

TEST(ShowStringTest, TimestampsUseTheGivenZone) {
  auto moscow = time::TimeZone::load("Europe/Moscow");
  ShowOptions options;
  options.zone = moscow.get();
  EXPECT_EQ(show("t TIMESTAMP", R"([["2020-06-07 12:58:49.8"]])", options),
            "+--------------------+\n"
            "|                   t|\n"
            "+--------------------+\n"
            "|2020-06-07 15:58:...|\n"
            "+--------------------+\n");
}

}  // namespace
}  // namespace rivulet
