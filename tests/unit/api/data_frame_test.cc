// DataFrame operations on small in-memory tables: exact results and Spark's errors.
#include <gtest/gtest.h>

#include "rivulet/rivulet.h"

namespace rivulet {
namespace {

using namespace rivulet::functions;

class DataFrameTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = std::make_unique<Session>(Session::builder().config("spark.sql.session.timeZone", "UTC").getOrCreate());
    StructType schema({{"name", DataType::string(), true}, {"dept", DataType::string(), true}, {"salary", DataType::integer(), true}});
    people_ = std::make_unique<DataFrame>(session_->createDataFrame(
        {Row({Value::string("ann"), Value::string("eng"), Value::integer(100)}),
         Row({Value::string("bob"), Value::string("eng"), Value::integer(80)}),
         Row({Value::string("cid"), Value::string("ops"), Value::integer(70)}),
         Row({Value::string("dee"), Value(), Value()})},
        schema));
  }

  std::unique_ptr<Session> session_;
  std::unique_ptr<DataFrame> people_;
};

TEST_F(DataFrameTest, ShowDefault) {
  EXPECT_EQ(people_->showString(),
            "+----+----+------+\n"
            "|name|dept|salary|\n"
            "+----+----+------+\n"
            "| ann| eng|   100|\n"
            "| bob| eng|    80|\n"
            "| cid| ops|    70|\n"
            "| dee|null|  null|\n"
            "+----+----+------+\n");
}

TEST_F(DataFrameTest, ReplacedColumnSurvivesCollapsedProjections) {
  // withColumn replacing a column, then further projections: the optimizer merges them and the
  // replaced column keeps its name.
  auto df = people_->filter(col("salary").isNotNull())
                .withColumn("name", upper(col("name")))
                .drop("dept")
                .select(col("name"), col("salary") + 1);
  EXPECT_EQ(df.showString(),
            "+----+------------+\n"
            "|name|(salary + 1)|\n"
            "+----+------------+\n"
            "| ANN|         101|\n"
            "| BOB|          81|\n"
            "| CID|          71|\n"
            "+----+------------+\n");
}

TEST_F(DataFrameTest, FilterProjectArithmetic) {
  auto df = people_->filter(col("salary") > 75).select(col("name"), (col("salary") * 2 + 1).alias("x"));
  EXPECT_EQ(df.showString(),
            "+----+---+\n"
            "|name|  x|\n"
            "+----+---+\n"
            "| ann|201|\n"
            "| bob|161|\n"
            "+----+---+\n");
  EXPECT_EQ(df.schema().simpleString(), "struct<name:string,x:int>");
}

TEST_F(DataFrameTest, GroupByAggregates) {
  auto df = people_->groupBy("dept")
                .agg(count(col("*")).alias("n"), sum(col("salary")).alias("total"), avg(col("salary")).alias("avg"),
                     max(col("name")).alias("last"))
                .orderBy({col("dept").asc_nulls_last()});
  EXPECT_EQ(df.showString(),
            "+----+---+-----+----+----+\n"
            "|dept|  n|total| avg|last|\n"
            "+----+---+-----+----+----+\n"
            "| eng|  2|  180|90.0| bob|\n"
            "| ops|  1|   70|70.0| cid|\n"
            "|null|  1| null|null| dee|\n"
            "+----+---+-----+----+----+\n");
  EXPECT_EQ(people_->agg({countDistinct({col("dept")})}).collect()[0].getLong(0), 2);
}

TEST_F(DataFrameTest, Joins) {
  StructType deptSchema({{"dept", DataType::string(), true}, {"floor", DataType::integer(), true}});
  auto depts = session_->createDataFrame(
      {Row({Value::string("eng"), Value::integer(3)}), Row({Value::string("hr"), Value::integer(1)})}, deptSchema);
  EXPECT_EQ(people_->join(depts, "dept").select(col("name"), col("floor")).orderBy("name").showString(),
            "+----+-----+\n|name|floor|\n+----+-----+\n| ann|    3|\n| bob|    3|\n+----+-----+\n");
  EXPECT_EQ(people_->join(depts, std::vector<std::string>{"dept"}, "left").count(), 4);
  EXPECT_EQ(people_->join(depts, std::vector<std::string>{"dept"}, "full").count(), 5);
  EXPECT_EQ(people_->join(depts, std::vector<std::string>{"dept"}, "left_anti").count(), 2);
  EXPECT_EQ(people_->join(depts, std::vector<std::string>{"dept"}, "left_semi").count(), 2);
  EXPECT_EQ(people_->crossJoin(depts).count(), 8);
}

TEST_F(DataFrameTest, UnionDistinctLimitSort) {
  auto both = people_->union_(*people_);
  EXPECT_EQ(both.count(), 8);
  EXPECT_EQ(both.distinct().count(), 4);
  EXPECT_EQ(both.dropDuplicates({"dept"}).count(), 3);
  auto top = people_->orderBy({col("salary").desc()}).limit(2).collect();
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].getString(0), "ann");
  EXPECT_EQ(top[1].getString(0), "bob");
}

TEST_F(DataFrameTest, UnresolvedColumnError) {
  try {
    people_->select(col("nope"));
    FAIL() << "expected an AnalysisException";
  } catch (const AnalysisException& e) {
    EXPECT_EQ(std::string(e.what()),
              "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `nope` cannot be resolved. Did you mean one of the following? [`name`, `dept`, `salary`].");
  }
}

TEST_F(DataFrameTest, OptimizerKeepsAnExpensiveExpressionComputedOnce) {
  StructType schema({{"s", DataType::string(), true}});
  auto df = session_->createDataFrame({Row({Value::string(R"({"a":1,"b":"x"})")})}, schema)
                .select(from_json(col("s"), std::string("a INT, b STRING")).alias("j"))
                .select(col("j.a"), col("j.b"));
  std::string plan = df.explainString(true);
  std::string optimized = plan.substr(plan.find("== Optimized Logical Plan =="));
  optimized = optimized.substr(0, optimized.find("== Physical Plan =="));
  size_t count = 0;
  for (size_t pos = optimized.find("from_json"); pos != std::string::npos; pos = optimized.find("from_json", pos + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 1u) << optimized;
  auto row = df.collect().at(0);
  EXPECT_EQ(row.getInt(0), 1);
  EXPECT_EQ(row.getString(1), "x");
  EXPECT_EQ(df.columns(), (std::vector<std::string>{"a", "b"}));
}

TEST_F(DataFrameTest, CollectAsStringsOfAnyType) {
  EXPECT_EQ(people_->select(col("salary")).collectAsStrings(), (std::vector<std::string>{"100", "80", "70", "null"}));
}

TEST_F(DataFrameTest, SelectExprAndCasts) {
  auto df = people_->selectExpr({"upper(name) AS n", "cast(salary as string) s", "salary / 4 AS q"}).limit(1);
  EXPECT_EQ(df.schema().simpleString(), "struct<n:string,s:string,q:double>");
  auto row = df.collect().at(0);
  EXPECT_EQ(row.getString(0), "ANN");
  EXPECT_EQ(row.getString(1), "100");
  EXPECT_DOUBLE_EQ(row.getDouble(2), 25.0);
}

TEST_F(DataFrameTest, ExplainExtended) {
  auto df = people_->filter(col("salary") > 75).select(col("name"));
  std::string plan = df.explainString(true);
  EXPECT_NE(plan.find("== Parsed Logical Plan ==\n'Project ['name]\n+- 'Filter ('salary > 75)\n"), std::string::npos) << plan;
  EXPECT_NE(plan.find("== Analyzed Logical Plan ==\nname: string\nProject [name#"), std::string::npos) << plan;
  EXPECT_NE(plan.find("== Optimized Logical Plan ==\nProject [name#"), std::string::npos) << plan;
  EXPECT_NE(plan.find("== Physical Plan ==\nProject [name#"), std::string::npos) << plan;
  EXPECT_NE(plan.find("LocalTableScan [name#"), std::string::npos) << plan;
}

TEST_F(DataFrameTest, WriteAndReadBackCsvAndJson) {
  std::string dir = ::testing::TempDir() + "/rivulet-df-write";
  people_->write().mode("overwrite").option("header", "true").csv(dir + "/csv");
  auto back = session_->read().option("header", "true").option("inferSchema", "true").csv(dir + "/csv");
  EXPECT_EQ(back.schema().simpleString(), "struct<name:string,dept:string,salary:int>");
  EXPECT_EQ(back.orderBy("name").collect(), people_->orderBy("name").collect());
  people_->write().mode("overwrite").partitionBy({"dept"}).json(dir + "/json");
  auto json = session_->read().json(dir + "/json/dept=eng");
  EXPECT_EQ(json.count(), 2);
  EXPECT_THROW(people_->write().csv(dir + "/csv"), AnalysisException);
}

}  // namespace
}  // namespace rivulet
