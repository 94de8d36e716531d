// Kafka end to end: a broker process (`rivulet kafka-broker`) over TCP, written and read with
// Rivulet's batch sink and relation, and with kcat as the independent client.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <sstream>

#include "rivulet/rivulet.h"
#include "testing/kafka_broker.h"

namespace rivulet {
namespace {

using namespace rivulet::functions;

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::vector<std::string> sortedLines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

class KafkaE2ETest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    broker_ = std::make_unique<testing::KafkaBrokerProcess>(
        RIVULET_CLI_PATH,
        std::vector<std::string>{"rt:3", "ranges:2", "hdr:2", "kcatin:2", "kcatout:3", "test_topic0:1",
                                 "errs:2", "pat-a:1", "pat-b:2", "other:1", "big:3", "loss:1"});
  }

  static void TearDownTestSuite() { broker_.reset(); }

  void SetUp() override {
    session_ = std::make_unique<Session>(
        Session::builder().config("spark.sql.session.timeZone", "UTC").getOrCreate());
  }

  const std::string& servers() const { return broker_->bootstrapServers(); }

  DataFrameReader reader() const {
    auto r = session_->read().format("kafka");
    r.option("kafka.bootstrap.servers", servers());
    return r;
  }

  void write(const DataFrame& df, const std::string& topic = "") const {
    auto w = df.write().format("kafka").option("kafka.bootstrap.servers", servers());
    if (!topic.empty()) {
      w.option("topic", topic);
    }
    w.save();
  }

  // key, value as strings, topic, partition, offset, timestampType as JSON lines by partition, offset.
  static std::vector<std::string> records(const DataFrame& df) {
    return df
        .selectExpr({"CAST(key AS STRING) AS k", "CAST(value AS STRING) AS v", "topic", "partition",
                     "offset", "timestampType"})
        .orderBy({col("topic"), col("partition"), col("offset")})
        .toJSON()
        .collectAsStrings();
  }

  DataFrame keyedRows(int n, int partitions) const {
    std::vector<Row> rows;
    for (int i = 0; i < n; ++i) {
      rows.push_back(Row({Value::string("k" + std::to_string(i)), Value::string("v" + std::to_string(i)),
                          Value::integer(i % partitions)}));
    }
    return session_->createDataFrame(
        rows,
        StructType({{"key", DataType::string(), true},
                    {"value", DataType::string(), true},
                    {"partition", DataType::integer(), true}}));
  }

  static std::unique_ptr<testing::KafkaBrokerProcess> broker_;
  std::unique_ptr<Session> session_;
};

std::unique_ptr<testing::KafkaBrokerProcess> KafkaE2ETest::broker_;

TEST_F(KafkaE2ETest, WriteThenReadWholeTopic) {
  write(keyedRows(7, 3), "rt");
  DataFrame df = reader().option("subscribe", "rt").load();
  EXPECT_EQ(df.count(), 7);
  EXPECT_EQ(records(df),
            (std::vector<std::string>{
                R"({"k":"k0","v":"v0","topic":"rt","partition":0,"offset":0,"timestampType":0})",
                R"({"k":"k3","v":"v3","topic":"rt","partition":0,"offset":1,"timestampType":0})",
                R"({"k":"k6","v":"v6","topic":"rt","partition":0,"offset":2,"timestampType":0})",
                R"({"k":"k1","v":"v1","topic":"rt","partition":1,"offset":0,"timestampType":0})",
                R"({"k":"k4","v":"v4","topic":"rt","partition":1,"offset":1,"timestampType":0})",
                R"({"k":"k2","v":"v2","topic":"rt","partition":2,"offset":0,"timestampType":0})",
                R"({"k":"k5","v":"v5","topic":"rt","partition":2,"offset":1,"timestampType":0})",
            }));
}

TEST_F(KafkaE2ETest, JsonOffsetRangesPerPartition) {
  write(keyedRows(12, 2), "ranges");  // 6 records in each partition
  DataFrame df = reader()
                     .option("subscribe", "ranges")
                     .option("startingOffsets", R"({"ranges":{"0":2,"1":-2}})")
                     .option("endingOffsets", R"( { "ranges": { "0": 4, "1": -1 } } )")
                     .load();
  EXPECT_EQ(df.selectExpr({"CAST(value AS STRING) AS value"}).orderBy({col("value")}).collectAsStrings(),
            (std::vector<std::string>{"v1", "v11", "v3", "v4", "v5", "v6", "v7", "v9"}));
  EXPECT_EQ(df.selectExpr({"partition", "offset"}).orderBy({col("partition"), col("offset")}).showString(),
            "+---------+------+\n"
            "|partition|offset|\n"
            "+---------+------+\n"
            "|        0|     2|\n"
            "|        0|     3|\n"
            "|        1|     0|\n"
            "|        1|     1|\n"
            "|        1|     2|\n"
            "|        1|     3|\n"
            "|        1|     4|\n"
            "|        1|     5|\n"
            "+---------+------+\n");
  // Specific offsets must name every partition; a start after its end fails.
  try {
    reader().option("subscribe", "ranges").option("startingOffsets", R"({"ranges":{"0":1}})").load().count();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(),
              "assertion failed: If startingOffsets contains specific offsets, you must specify all "
              "TopicPartitions.\nUse -1 for latest, -2 for earliest, if you don't care.\nSpecified: "
              "Set(ranges-0) Assigned: Set(ranges-0, ranges-1)");
  }
  try {
    reader()
        .option("assign", R"({"ranges":[1]})")
        .option("startingOffsets", R"({"ranges":{"1":5}})")
        .option("endingOffsets", R"({"ranges":{"1":3}})")
        .load()
        .count();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(),
              "Beginning offset 5 is after the ending offset 3 for topic ranges partition 1. You "
              "either provided an invalid fromOffset, or the Kafka topic has been damaged");
  }
  // assign reads only the partitions named.
  EXPECT_EQ(reader().option("assign", R"({"ranges":[1]})").load().count(), 6);
}

TEST_F(KafkaE2ETest, HeadersRoundTrip) {
  auto headerType = DataType::array(
      DataType::structType({{"key", DataType::string(), true}, {"value", DataType::binary(), true}}));
  StructType schema({{"value", DataType::string(), true},
                     {"partition", DataType::integer(), true},
                     {"headers", headerType, true}});
  DataFrame df = session_->createDataFrame(
      {Row({Value::string("a"),
            Value::integer(0),
            Value::array({Value::structValue({Value::string("h1"), Value::string("v1")}),
                          Value::structValue({Value::string("h2"), Value()})})}),
       Row({Value::string("b"), Value::integer(1), Value()})},
      schema);
  write(df, "hdr");
  DataFrame back = reader().option("subscribe", "hdr").option("includeHeaders", "true").load();
  EXPECT_EQ(back.selectExpr({"CAST(value AS STRING) AS v", "partition", "headers"})
                .orderBy({col("v")})
                .toJSON()
                .collectAsStrings(),
            (std::vector<std::string>{
                R"({"v":"a","partition":0,"headers":[{"key":"h1","value":"djE="},{"key":"h2"}]})",
                R"({"v":"b","partition":1})"}));
}

TEST_F(KafkaE2ETest, KcatProducesRivuletReads) {
  if (testing::kcatPath().empty()) {
    GTEST_SKIP() << "kcat not found on PATH (Debian package kcat): interop test skipped";
  }
  int64_t before = nowMs();
  testing::runCommand("kcat -P -b " + servers() + " -t kcatin -p 0 -K: -H src=kcat -H n=1",
                      "a:alpha\nb:beta\n");
  testing::runCommand("kcat -P -b " + servers() + " -t kcatin -p 1 -K:", "c:gamma\n");
  int64_t after = nowMs();
  DataFrame df = reader().option("subscribe", "kcatin").option("includeHeaders", "true").load();
  EXPECT_EQ(records(df),
            (std::vector<std::string>{
                R"({"k":"a","v":"alpha","topic":"kcatin","partition":0,"offset":0,"timestampType":0})",
                R"({"k":"b","v":"beta","topic":"kcatin","partition":0,"offset":1,"timestampType":0})",
                R"({"k":"c","v":"gamma","topic":"kcatin","partition":1,"offset":0,"timestampType":0})"}));
  // Header values are binary: toJSON writes them in base64 ("kcat" = a2NhdA==, "1" = MQ==).
  EXPECT_EQ(df.selectExpr({"partition", "offset", "headers"}).orderBy({col("partition"), col("offset")}).toJSON().collectAsStrings(),
            (std::vector<std::string>{
                R"({"partition":0,"offset":0,"headers":[{"key":"src","value":"a2NhdA=="},{"key":"n","value":"MQ=="}]})",
                R"({"partition":0,"offset":1,"headers":[{"key":"src","value":"a2NhdA=="},{"key":"n","value":"MQ=="}]})",
                R"({"partition":1,"offset":0})"}));
  for (const Row& r : df.select(std::vector<std::string>{"timestamp"}).collect()) {
    int64_t ms = r.getTimestamp(0) / 1000;
    EXPECT_GE(ms, before);
    EXPECT_LE(ms, after);
  }
}

TEST_F(KafkaE2ETest, RivuletWritesKcatReads) {
  if (testing::kcatPath().empty()) {
    GTEST_SKIP() << "kcat not found on PATH (Debian package kcat): interop test skipped";
  }
  DataFrame df = keyedRows(6, 3).selectExpr({"key", "CAST(value AS BINARY) AS value", "partition", "'kcatout' AS topic"});
  write(df);
  std::string out = testing::runCommand("kcat -C -b " + servers() + " -t kcatout -e -q -f '%p|%o|%k|%s\\n'");
  EXPECT_EQ(sortedLines(out),
            (std::vector<std::string>{"0|0|k0|v0", "0|1|k3|v3", "1|0|k1|v1", "1|1|k4|v4", "2|0|k2|v2",
                                      "2|1|k5|v5"}));
}

TEST_F(KafkaE2ETest, LectureCells) {
  // writeKafka("test_topic0", data): toJSON plus a topic column, then a static read between offsets.
  write(session_->range(40).selectExpr({"id AS value"}).toJSON().withColumn("topic", lit(std::string("test_topic0"))));
  DataFrame all = reader().option("subscribe", "test_topic0").load();
  EXPECT_EQ(all.count(), 40);
  DataFrame part = reader()
                       .option("subscribe", "test_topic0")
                       .option("startingOffsets", R"( { "test_topic0": { "0": 20 } } )")
                       .option("endingOffsets", R"( { "test_topic0": { "0": 27 } }  )")
                       .load();
  EXPECT_EQ(part.selectExpr({"CAST(value AS STRING) AS value"}).collectAsStrings(),
            (std::vector<std::string>{R"({"value":20})", R"({"value":21})", R"({"value":22})",
                                      R"({"value":23})", R"({"value":24})", R"({"value":25})",
                                      R"({"value":26})"}));
  std::string plan = part.explainString(true);
  EXPECT_NE(plan.find("KafkaRelation(strategy=Subscribe[test_topic0], start=SpecificOffsetRangeLimit(Map("
                      "test_topic0-0 -> 20)), end=SpecificOffsetRangeLimit(Map(test_topic0-0 -> 27)))"),
            std::string::npos)
      << plan;
}

TEST_F(KafkaE2ETest, SubscribePatternAndMissingTopics) {
  write(keyedRows(4, 2), "pat-b");
  write(keyedRows(1, 1), "pat-a");
  write(keyedRows(1, 1), "other");
  EXPECT_EQ(reader().option("subscribePattern", "pat-.*").load().count(), 5);
  EXPECT_EQ(reader().option("subscribePattern", "pat").load().count(), 0) << "patterns match whole names";
  EXPECT_EQ(reader().option("subscribe", "no_such_topic").load().count(), 0);
}

TEST_F(KafkaE2ETest, DeliveryErrorFailsTheWrite) {
  DataFrame df = session_->createDataFrame(
      {Row({Value::string("x"), Value::integer(7)})},
      StructType({{"value", DataType::string(), true}, {"partition", DataType::integer(), true}}));
  try {
    write(df, "errs");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "Failed to deliver a record to Kafka topic 'errs' partition 7: Local: Unknown partition");
  }
  DataFrame nullTopic = session_->createDataFrame(
      {Row({Value::string("x"), Value()})},
      StructType({{"value", DataType::string(), true}, {"topic", DataType::string(), true}}));
  try {
    write(nullTopic);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "null topic present in the data. Use the topic option for setting a default topic.");
  }
}

TEST_F(KafkaE2ETest, ManyBatchesAcrossPartitions) {
  // 3 partitions x 5000 records: several 4096-row batches, partitions fetched together.
  write(session_->range(15000).selectExpr({"CAST(id AS STRING) AS value", "CAST(id % 3 AS INT) AS partition"}), "big");
  DataFrame df = reader().option("subscribe", "big").load();
  EXPECT_EQ(df.selectExpr({"count(*) AS n", "sum(CAST(CAST(value AS STRING) AS BIGINT)) AS s", "sum(offset) AS o",
                           "count(DISTINCT partition) AS p"})
                .toJSON()
                .collectAsStrings(),
            (std::vector<std::string>{R"({"n":15000,"s":112492500,"o":37492500,"p":3})"}));
  EXPECT_EQ(df.where("partition = 2 AND offset = 4999").selectExpr({"CAST(value AS STRING) AS v"}).collectAsStrings(),
            (std::vector<std::string>{"14999"}));
}

TEST_F(KafkaE2ETest, OffsetsMissingFromTheLog) {
  write(keyedRows(3, 1), "loss");
  auto read = [&](const std::string& failOnDataLoss) {
    return reader()
        .option("subscribe", "loss")
        .option("startingOffsets", R"({"loss":{"0":1}})")
        .option("endingOffsets", R"({"loss":{"0":10}})")
        .option("failOnDataLoss", failOnDataLoss)
        .load();
  };
  try {
    read("true").count();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(),
              "Cannot fetch offsets [3, 10) (TopicPartition: loss-0). Some data may have been lost "
              "because they are not available in Kafka any more; either the data was aged out by "
              "Kafka or the topic may have been deleted before all the data in the topic was "
              "processed. If you don't want your streaming query to fail on such cases, set the "
              "source option \"failOnDataLoss\" to \"false\".");
  }
  EXPECT_EQ(read("false").selectExpr({"offset"}).orderBy("offset").toJSON().collectAsStrings(),
            (std::vector<std::string>{R"({"offset":1})", R"({"offset":2})"}));
}

TEST(KafkaBrokerProcessTest, StopsCleanlyAndTakesBrokersDown) {
  testing::KafkaBrokerProcess broker(RIVULET_CLI_PATH, {"t:2"}, 2);
  EXPECT_EQ(std::count(broker.bootstrapServers().begin(), broker.bootstrapServers().end(), ','), 1)
      << broker.bootstrapServers();
  if (!testing::kcatPath().empty()) {
    std::string meta = testing::runCommand("kcat -L -b " + broker.bootstrapServers() + " -t t");
    EXPECT_NE(meta.find("topic \"t\" with 2 partitions"), std::string::npos) << meta;
  }
  broker.signal(SIGUSR1);
  broker.signal(SIGUSR2);
  EXPECT_EQ(broker.stop(), 0);
}

}  // namespace
}  // namespace rivulet
