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

}  // namespace
}  // namespace rivulet
