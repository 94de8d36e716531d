#include "rivulet/types/data_type.h"

#include <gtest/gtest.h>

#include "rivulet/common/error.h"
#include "rivulet/types/number_format.h"
#include "rivulet/types/row.h"

namespace rivulet {
namespace {

TEST(DataTypeTest, NamesAsSparkPrintsThem) {
  EXPECT_EQ(DataType::longType()->simpleString(), "bigint");
  EXPECT_EQ(DataType::longType()->typeName(), "long");
  EXPECT_EQ(DataType::integer()->typeName(), "integer");
  EXPECT_EQ(DataType::decimal(10, 2)->simpleString(), "decimal(10,2)");
  auto nested = DataType::structType(
      {{"a", DataType::array(DataType::integer()), true}, {"m", DataType::map(DataType::string(), DataType::longType()), false}});
  EXPECT_EQ(nested->simpleString(), "struct<a:array<int>,m:map<string,bigint>>");
  EXPECT_EQ(nested->sql(), "STRUCT<a: ARRAY<INT>, m: MAP<STRING, BIGINT> NOT NULL>");
}

TEST(DataTypeTest, TreeStringNested) {
  StructType schema({{"ident", DataType::string(), true},
                     {"tags", DataType::array(DataType::string()), true},
                     {"s", DataType::structType({{"x", DataType::integer(), false}}), true},
                     {"m", DataType::map(DataType::string(), DataType::doubleType(), false), true}});
  EXPECT_EQ(schema.treeString(),
            "root\n"
            " |-- ident: string (nullable = true)\n"
            " |-- tags: array (nullable = true)\n"
            " |    |-- element: string (containsNull = true)\n"
            " |-- s: struct (nullable = true)\n"
            " |    |-- x: integer (nullable = false)\n"
            " |-- m: map (nullable = true)\n"
            " |    |-- key: string\n"
            " |    |-- value: double (valueContainsNull = false)\n");
}

TEST(DataTypeTest, JsonForm) {
  StructType schema({{"a", DataType::integer(), true}});
  EXPECT_EQ(schema.json(),
            R"({"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}}]})");
}

TEST(NumberFormatTest, DoublesLikeJava) {
  EXPECT_EQ(formatDouble(1.0), "1.0");
  EXPECT_EQ(formatDouble(0.1), "0.1");
  EXPECT_EQ(formatDouble(-2.5), "-2.5");
  EXPECT_EQ(formatDouble(1e7), "1.0E7");
  EXPECT_EQ(formatDouble(1234567.0), "1234567.0");
  EXPECT_EQ(formatDouble(1e-4), "1.0E-4");
  EXPECT_EQ(formatDouble(0.001), "0.001");
  EXPECT_EQ(formatDouble(123456789.123), "1.23456789123E8");
  EXPECT_EQ(formatFloat(0.1f), "0.1");
  EXPECT_EQ(formatDecimal(12345, 2), "123.45");
  EXPECT_EQ(formatDecimal(-5, 3), "-0.005");
}

TEST(RowTest, TypedGettersAndToString) {
  auto schema = std::make_shared<const StructType>(
      std::vector<StructField>{{"a", DataType::string(), true}, {"b", DataType::integer(), true}, {"c", DataType::doubleType(), true}});
  Row row({Value::string("00A"), Value::integer(11), Value()}, schema);
  EXPECT_EQ(row.getString(0), "00A");
  EXPECT_EQ(row.getInt(1), 11);
  EXPECT_TRUE(row.isNullAt(2));
  EXPECT_THROW(row.getDouble(2), Error);
  EXPECT_EQ(row.fieldIndex("b"), 1u);
  EXPECT_EQ(row.toString(), "[00A,11,null]");
}

}  // namespace
}  // namespace rivulet
