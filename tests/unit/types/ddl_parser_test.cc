#include <gtest/gtest.h>

#include "rivulet/common/error.h"
#include "rivulet/types/data_type.h"

namespace rivulet {
namespace {

TEST(DdlParserTest, ParsesTypes) {
  EXPECT_EQ(parseDataType("int")->simpleString(), "int");
  EXPECT_EQ(parseDataType("ARRAY<STRING>")->simpleString(), "array<string>");
  EXPECT_EQ(parseDataType("decimal(10, 2)")->simpleString(), "decimal(10,2)");
  EXPECT_EQ(parseDataType("decimal")->simpleString(), "decimal(10,0)");
  EXPECT_EQ(parseDataType("map<string, struct<a:int, b string>>")->simpleString(),
            "map<string,struct<a:int,b:string>>");
}

TEST(DdlParserTest, ParsesSchemas) {
  auto s = parseSchemaDDL("timestamp TIMESTAMP, value LONG NOT NULL, `odd name` string");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].name, "timestamp");
  EXPECT_EQ(s[1].type->simpleString(), "bigint");
  EXPECT_FALSE(s[1].nullable);
  EXPECT_EQ(s[2].name, "odd name");
  EXPECT_EQ(parseSchemaDDL("struct<a:int>").size(), 1u);
}

TEST(DdlParserTest, RejectsBadInput) {
  try {
    parseDataType("array<int");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.errorClass(), "PARSE_SYNTAX_ERROR");
    EXPECT_EQ(std::string(e.what()), "Cannot parse the data type or schema 'array<int': expected '>' at position 9");
  }
  EXPECT_THROW(parseDataType("widget"), Error);
}

}  // namespace
}  // namespace rivulet
