// Partition discovery: key=value directories become typed columns, for directories Spark wrote
// and for Rivulet's own partitionBy output.
#include <gtest/gtest.h>

#include "rivulet/rivulet.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

using namespace rivulet::functions;

TEST(PartitionDiscoveryTest, SparkPartitionedParquet) {
  RIVULET_REQUIRE_TESTDATA(dir, "spark/parquet/parquet_partitioned");
  auto session = Session::builder().getOrCreate();
  auto df = session.read().parquet(dir.string());
  EXPECT_EQ(df.dtypes(), (std::vector<std::pair<std::string, std::string>>{
                             {"name", "string"}, {"year", "int"}, {"month", "int"}, {"day", "int"}}));
  auto rows = df.orderBy("name").collect();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].toString(), "[Ali,2014,9,1]");
  EXPECT_EQ(rows[1].toString(), "[Matei,2015,10,26]");
  EXPECT_EQ(df.filter(col("year") == 2015).count(), 4);
  EXPECT_EQ(df.select(col("day")).distinct().count(), 3);
}

TEST(PartitionDiscoveryTest, ReadsBackPartitionByOutput) {
  auto session = Session::builder().getOrCreate();
  StructType schema({{"id", DataType::integer(), true}, {"country", DataType::string(), true}, {"score", DataType::doubleType(), true}});
  auto df = session.createDataFrame({Row({Value::integer(1), Value::string("ru"), Value::real(1.5)}),
                                     Row({Value::integer(2), Value::string("us/east"), Value::real(2.5)}),
                                     Row({Value::integer(3), Value(), Value::real(3.5)})},
                                    schema);
  auto dir = testing::makeTempDir("rivulet-partitions") / "out";
  df.write().partitionBy({"country"}).parquet(dir.string());
  EXPECT_TRUE(std::filesystem::exists(dir / "country=us%2Feast"));
  EXPECT_TRUE(std::filesystem::exists(dir / "country=__HIVE_DEFAULT_PARTITION__"));
  auto back = session.read().parquet(dir.string());
  EXPECT_EQ(back.schema().simpleString(), "struct<id:int,score:double,country:string>");
  auto rows = back.orderBy("id").collect();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].toString(), "[1,1.5,ru]");
  EXPECT_EQ(rows[1].toString(), "[2,2.5,us/east]");
  EXPECT_EQ(rows[2].toString(), "[3,3.5,null]");
  // Only the partition column read: the files are still scanned for their row counts.
  EXPECT_EQ(back.select(col("country")).filter(col("country").isNotNull()).count(), 2);
}

// A json table: one file {"id":N} in each relative directory.
std::filesystem::path jsonTable(const std::vector<std::pair<std::string, int>>& dirs) {
  auto root = testing::makeTempDir("rivulet-partition-types") / "t";
  for (const auto& [dir, id] : dirs) {
    std::filesystem::create_directories(root / dir);
    testing::writeFile(root / dir / "part-0.json", "{\"id\":" + std::to_string(id) + "}\n");
  }
  return root;
}

std::string schemaTree(const DataFrame& df) {
  ::testing::internal::CaptureStdout();
  df.printSchema();
  return ::testing::internal::GetCapturedStdout();
}

class PartitionTypeInferenceTest : public ::testing::Test {
 protected:
  void SetUp() override { session_.conf().set("spark.sql.session.timeZone", "UTC"); }
  void TearDown() override {
    session_.conf().set("spark.sql.session.timeZone", "UTC");
    session_.conf().unset("spark.sql.sources.partitionColumnTypeInference.enabled");
  }
  DataFrame read(const std::filesystem::path& dir) { return session_.read().json(dir.string()).orderBy("id"); }

  Session session_ = Session::builder().getOrCreate();
};

TEST_F(PartitionTypeInferenceTest, Dates) {
  auto df = read(jsonTable({{"d=2024-05-01", 1}, {"d=2024-02-29", 2}}));
  EXPECT_EQ(schemaTree(df), "root\n |-- id: long (nullable = true)\n |-- d: date (nullable = true)\n\n");
  EXPECT_EQ(df.showString(),
            "+---+----------+\n"
            "| id|         d|\n"
            "+---+----------+\n"
            "|  1|2024-05-01|\n"
            "|  2|2024-02-29|\n"
            "+---+----------+\n");
}

TEST_F(PartitionTypeInferenceTest, TimestampsAreUnescapedAndReadInTheSessionTimeZone) {
  session_.conf().set("spark.sql.session.timeZone", "America/Los_Angeles");
  auto df = read(jsonTable({{"ts=2024-05-01 10%3A00%3A00", 1}, {"ts=2024-05-01 10%3A00%3A00.5", 2}}));
  EXPECT_EQ(schemaTree(df), "root\n |-- id: long (nullable = true)\n |-- ts: timestamp (nullable = true)\n\n");
  EXPECT_EQ(df.showString(20, 0),
            "+---+---------------------+\n"
            "|id |ts                   |\n"
            "+---+---------------------+\n"
            "|1  |2024-05-01 10:00:00  |\n"
            "|2  |2024-05-01 10:00:00.5|\n"
            "+---+---------------------+\n");
  // 10:00 PDT is 17:00 UTC.
  auto rows = df.select(col("ts").cast("double")).collect();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].toString(), "[1.7145828E9]");
  EXPECT_EQ(rows[1].toString(), "[1.7145828005E9]");
  // The values were fixed when the directory was read: a later zone only changes their display.
  session_.conf().set("spark.sql.session.timeZone", "UTC");
  EXPECT_EQ(df.select(col("ts")).collect()[0].toString(), "[2024-05-01 17:00:00]");
}

TEST_F(PartitionTypeInferenceTest, ASecondFractionOfMoreThanOneDigitIsNotThePartitionPattern) {
  // Spark parses the pattern's single S as exactly one fraction digit.
  auto df = read(jsonTable({{"ts=2024-05-01 10%3A00%3A00.123", 1}, {"ts=2024-05-01 10%3A00%3A00", 2}}));
  EXPECT_EQ(df.schema().simpleString(), "struct<id:bigint,ts:string>");
  EXPECT_EQ(df.showString(20, 0),
            "+---+-----------------------+\n"
            "|id |ts                     |\n"
            "+---+-----------------------+\n"
            "|1  |2024-05-01 10:00:00.123|\n"
            "|2  |2024-05-01 10:00:00    |\n"
            "+---+-----------------------+\n");
}

TEST_F(PartitionTypeInferenceTest, IntegersBeyondBigintAreDecimals) {
  auto df = read(jsonTable({{"n=123456789012345678901", 1}, {"n=7", 2}, {"n=-9223372036854775809", 3}}));
  EXPECT_EQ(schemaTree(df), "root\n |-- id: long (nullable = true)\n |-- n: decimal(21,0) (nullable = true)\n\n");
  EXPECT_EQ(df.showString(),
            "+---+--------------------+\n"
            "| id|                   n|\n"
            "+---+--------------------+\n"
            "|  1|12345678901234567...|\n"
            "|  2|                   7|\n"
            "|  3|-9223372036854775809|\n"
            "+---+--------------------+\n");
  EXPECT_EQ(df.collect()[0].toString(), "[1,123456789012345678901]");
  // 39 digits do not fit a decimal: a double.
  auto wide = read(jsonTable({{"n=" + std::string(39, '9'), 1}}));
  EXPECT_EQ(wide.schema().simpleString(), "struct<id:bigint,n:double>");
  EXPECT_EQ(wide.collect()[0].toString(), "[1,1.0E39]");
}

TEST_F(PartitionTypeInferenceTest, ConflictsTakeTheWiderType) {
  auto intDouble = read(jsonTable({{"x=1", 1}, {"x=2.5", 2}}));
  EXPECT_EQ(schemaTree(intDouble), "root\n |-- id: long (nullable = true)\n |-- x: double (nullable = true)\n\n");
  EXPECT_EQ(intDouble.showString(),
            "+---+---+\n"
            "| id|  x|\n"
            "+---+---+\n"
            "|  1|1.0|\n"
            "|  2|2.5|\n"
            "+---+---+\n");
  auto intLong = read(jsonTable({{"x=1", 1}, {"x=10000000000", 2}}));
  EXPECT_EQ(intLong.schema().simpleString(), "struct<id:bigint,x:bigint>");
  // bigint or decimal with double would lose precision: string (the directory text).
  auto longDouble = read(jsonTable({{"x=10000000000", 1}, {"x=2.50", 2}}));
  EXPECT_EQ(longDouble.schema().simpleString(), "struct<id:bigint,x:string>");
  EXPECT_EQ(longDouble.collect()[1].toString(), "[2,2.50]");
  auto decimalDouble = read(jsonTable({{"x=123456789012345678901", 1}, {"x=1.5", 2}}));
  EXPECT_EQ(decimalDouble.schema().simpleString(), "struct<id:bigint,x:string>");
  auto intDecimal = read(jsonTable({{"x=5", 1}, {"x=12345678901234567890123", 2}}));
  EXPECT_EQ(intDecimal.schema().simpleString(), "struct<id:bigint,x:decimal(23,0)>");
  EXPECT_EQ(intDecimal.collect()[0].toString(), "[1,5]");
  auto intDate = read(jsonTable({{"x=1", 1}, {"x=2024-05-01", 2}}));
  EXPECT_EQ(intDate.schema().simpleString(), "struct<id:bigint,x:string>");
  auto withNull = read(jsonTable({{"x=1", 1}, {"x=__HIVE_DEFAULT_PARTITION__", 2}}));
  EXPECT_EQ(withNull.schema().simpleString(), "struct<id:bigint,x:int>");
  EXPECT_EQ(withNull.collect()[1].toString(), "[2,null]");
  auto onlyNull = read(jsonTable({{"x=__HIVE_DEFAULT_PARTITION__", 1}}));
  EXPECT_EQ(onlyNull.schema().simpleString(), "struct<id:bigint,x:string>");
}

TEST_F(PartitionTypeInferenceTest, DateAndTimestampGiveTimestamp) {
  auto df = read(jsonTable({{"t=2024-05-01", 1}, {"t=2024-05-01 10%3A00%3A00", 2}}));
  EXPECT_EQ(schemaTree(df), "root\n |-- id: long (nullable = true)\n |-- t: timestamp (nullable = true)\n\n");
  EXPECT_EQ(df.showString(),
            "+---+-------------------+\n"
            "| id|                  t|\n"
            "+---+-------------------+\n"
            "|  1|2024-05-01 00:00:00|\n"
            "|  2|2024-05-01 10:00:00|\n"
            "+---+-------------------+\n");
}

TEST_F(PartitionTypeInferenceTest, NotADateIsAString) {
  auto df = read(jsonTable({{"d=2024-13-45", 1}, {"d=2024-05-01", 2}}));
  EXPECT_EQ(schemaTree(df), "root\n |-- id: long (nullable = true)\n |-- d: string (nullable = true)\n\n");
  EXPECT_EQ(df.showString(),
            "+---+----------+\n"
            "| id|         d|\n"
            "+---+----------+\n"
            "|  1|2024-13-45|\n"
            "|  2|2024-05-01|\n"
            "+---+----------+\n");
  EXPECT_EQ(read(jsonTable({{"d=2023-02-29", 1}})).schema().simpleString(), "struct<id:bigint,d:string>");
  EXPECT_EQ(read(jsonTable({{"d=2024-5-01", 1}})).schema().simpleString(), "struct<id:bigint,d:string>");
}

TEST_F(PartitionTypeInferenceTest, JavaDoubleSyntaxButNoHexadecimalFloats) {
  auto df = read(jsonTable({{"x=1.5d", 1}, {"x=2.25E1", 2}}));
  EXPECT_EQ(df.schema().simpleString(), "struct<id:bigint,x:double>");
  EXPECT_EQ(df.toJSON().collectAsStrings(), (std::vector<std::string>{R"({"id":1,"x":1.5})", R"({"id":2,"x":22.5})"}));
  // A hexadecimal float stays a string (never a null double).
  auto hex = read(jsonTable({{"x=0x1p3", 1}}));
  EXPECT_EQ(hex.schema().simpleString(), "struct<id:bigint,x:string>");
  EXPECT_EQ(hex.toJSON().collectAsStrings(), std::vector<std::string>{R"({"id":1,"x":"0x1p3"})"});
}

TEST_F(PartitionTypeInferenceTest, InferenceOffGivesStrings) {
  session_.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
  auto df = read(jsonTable({{"a=1/d=2024-05-01/ts=2024-05-01 10%3A00%3A00", 1},
                            {"a=__HIVE_DEFAULT_PARTITION__/d=2024-05-02/ts=2024-05-01 11%3A00%3A00", 2}}));
  EXPECT_EQ(schemaTree(df),
            "root\n |-- id: long (nullable = true)\n |-- a: string (nullable = true)\n"
            " |-- d: string (nullable = true)\n |-- ts: string (nullable = true)\n\n");
  EXPECT_EQ(df.showString(),
            "+---+----+----------+-------------------+\n"
            "| id|   a|         d|                 ts|\n"
            "+---+----+----------+-------------------+\n"
            "|  1|   1|2024-05-01|2024-05-01 10:00:00|\n"
            "|  2|null|2024-05-02|2024-05-01 11:00:00|\n"
            "+---+----+----------+-------------------+\n");
  session_.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "TRUE");
  EXPECT_EQ(read(jsonTable({{"a=1", 1}})).schema().simpleString(), "struct<id:bigint,a:int>");
}

}  // namespace
}  // namespace rivulet
