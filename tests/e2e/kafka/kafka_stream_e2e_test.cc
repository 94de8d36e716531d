// Kafka streaming end to end against the `rivulet kafka-broker` process: the lecture's stream
// with maxOffsetsPerTrigger and a checkpoint, restarts, rate limits across partitions, data loss,
// kafka → kafka, and crash-restart at the after-sink kill point with and without exactly-once.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rivulet/rivulet.h"
#include "testing/kafka_broker.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

using namespace rivulet::functions;

std::string offsetsLine(const std::filesystem::path& checkpoint, int batch) {
  std::string text = testing::readFile(checkpoint / "offsets" / std::to_string(batch));
  return text.substr(text.rfind('\n') + 1);
}

// Rows per batch id and every row, gathered by foreachBatch.
struct Collected {
  std::mutex mu;
  std::map<int64_t, std::vector<std::string>> batches;

  std::function<void(const DataFrame&, int64_t)> fn() {
    return [this](const DataFrame& df, int64_t id) {
      auto rows = df.toJSON().collectAsStrings();
      std::lock_guard<std::mutex> lock(mu);
      auto& b = batches[id];
      b.insert(b.end(), rows.begin(), rows.end());
    };
  }

  std::vector<size_t> sizes() {
    std::lock_guard<std::mutex> lock(mu);
    std::vector<size_t> out;
    for (const auto& [id, rows] : batches) {
      out.push_back(rows.size());
    }
    return out;
  }

  std::vector<std::string> all() {
    std::lock_guard<std::mutex> lock(mu);
    std::vector<std::string> out;
    for (const auto& [id, rows] : batches) {
      out.insert(out.end(), rows.begin(), rows.end());
    }
    return out;
  }
};

class KafkaStreamE2ETest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    broker_ =
        std::make_unique<testing::KafkaBrokerProcess>(RIVULET_CLI_PATH,
                                                      std::vector<std::string>{"test_topic0:1",
                                                                               "rl:3",
                                                                               "loss:1",
                                                                               "k2k-in:2",
                                                                               "k2k-out:2",
                                                                               "alo-in:2",
                                                                               "alo-out:2",
                                                                               "eo-in:2",
                                                                               "eo-out:2",
                                                                               "pat-1:1",
                                                                               "mins:1",
                                                                               "ret:1"});
  }

  static void TearDownTestSuite() { broker_.reset(); }

  void SetUp() override {
    session_ = std::make_unique<Session>(
        Session::builder().config("spark.sql.session.timeZone", "UTC").getOrCreate());
  }

  const std::string& servers() const { return broker_->bootstrapServers(); }

  DataStreamReader stream(const std::string& topic) const {
    auto r = session_->readStream().format("kafka");
    r.option("kafka.bootstrap.servers", servers()).option("subscribe", topic);
    return r;
  }

  // Writes "<prefix><i>" values, i in [from, to), to `partition` (or round robin over
  // `partitions`).
  void produce(const std::string& topic, int from, int to, int partitions = 1) const {
    session_->range(from, to)
        .selectExpr({"CONCAT('v', CAST(id AS STRING)) AS value",
                     "CAST(id % " + std::to_string(partitions) + " AS INT) AS partition"})
        .write()
        .format("kafka")
        .option("kafka.bootstrap.servers", servers())
        .option("topic", topic)
        .save();
  }

  void produceTo(const std::string& topic, int from, int to, int partition) const {
    session_->range(from, to)
        .selectExpr({"CONCAT('v', CAST(id AS STRING)) AS value",
                     "CAST(" + std::to_string(partition) + " AS INT) AS partition"})
        .write()
        .format("kafka")
        .option("kafka.bootstrap.servers", servers())
        .option("topic", topic)
        .save();
  }

  std::vector<std::string> topicValues(const std::string& topic) const {
    return session_->read()
        .format("kafka")
        .option("kafka.bootstrap.servers", servers())
        .option("subscribe", topic)
        .option("kafka.isolation.level", "read_committed")
        .load()
        .selectExpr({"CAST(value AS STRING) AS v"})
        .orderBy({col("v")})
        .collectAsStrings();
  }

  static std::unique_ptr<testing::KafkaBrokerProcess> broker_;
  std::unique_ptr<Session> session_;
};

std::unique_ptr<testing::KafkaBrokerProcess> KafkaStreamE2ETest::broker_;

TEST_F(KafkaStreamE2ETest, LectureStreamWithCheckpointAndRestart) {
  session_->range(30)
      .selectExpr({"id", "id * 7 AS value"})
      .toJSON()
      .withColumn("topic", lit("test_topic0"))
      .write()
      .format("kafka")
      .option("kafka.bootstrap.servers", servers())
      .save();
  auto checkpoint = testing::makeTempDir("kafka-lecture");
  auto run = [&](Collected& out) {
    DataFrame sdf =
        stream("test_topic0")
            .option("startingOffsets", "earliest")
            .option("maxOffsetsPerTrigger", "5")
            .load()
            .selectExpr({"CAST(value AS STRING) AS value", "topic", "partition", "offset"});
    StreamingQuery q = sdf.writeStream()
                           .option("checkpointLocation", checkpoint.string())
                           .foreachBatch(out.fn())
                           .start();
    q.processAllAvailable();
    q.stop();
    return q;
  };
  Collected first;
  StreamingQuery q = run(first);
  EXPECT_EQ(first.sizes(), (std::vector<size_t>{5, 5, 5, 5, 5, 5}));
  EXPECT_EQ(
      first.batches[4].front(),
      R"({"value":"{\"id\":20,\"value\":140}","topic":"test_topic0","partition":0,"offset":20})");
  for (int b = 0; b < 6; ++b) {
    EXPECT_EQ(offsetsLine(checkpoint, b),
              R"({"test_topic0":{"0":)" + std::to_string(5 * (b + 1)) + "}}");
  }
  EXPECT_EQ(testing::readFile(checkpoint / "sources" / "0" / "0"),
            std::string("\0v1\n", 4) + R"({"test_topic0":{"0":0}})");
  auto progress = q.lastProgress();
  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->batchId, 5);
  EXPECT_EQ(progress->sources.at(0).description, "KafkaV2[Subscribe[test_topic0]]");
  EXPECT_EQ(progress->sources.at(0).startOffset, R"({"test_topic0":{"0":25}})");
  EXPECT_EQ(progress->sources.at(0).endOffset, R"({"test_topic0":{"0":30}})");
  EXPECT_EQ(progress->sources.at(0).latestOffset, R"({"test_topic0":{"0":30}})");
  EXPECT_EQ(progress->sources.at(0).numInputRows, 5);

  // 12 more records; the restart continues with batch 6 at offset 30 (startingOffsets is not
  // used again: the initial offsets come from the checkpoint).
  session_->range(30, 42)
      .toJSON()
      .withColumn("topic", lit("test_topic0"))
      .write()
      .format("kafka")
      .option("kafka.bootstrap.servers", servers())
      .save();
  Collected second;
  run(second);
  EXPECT_EQ(second.batches.begin()->first, 6);
  EXPECT_EQ(second.sizes(), (std::vector<size_t>{5, 5, 2}));
  EXPECT_EQ(offsetsLine(checkpoint, 8), R"({"test_topic0":{"0":42}})");
  std::vector<std::string> all = first.all();
  auto more = second.all();
  all.insert(all.end(), more.begin(), more.end());
  ASSERT_EQ(all.size(), 42U);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_NE(all[i].find(",\"offset\":" + std::to_string(i) + "}"), std::string::npos) << all[i];
  }
}

TEST_F(KafkaStreamE2ETest, MaxOffsetsPerTriggerSplitsByBacklog) {
  // Backlogs 1, 2 and 97: shares 0.1 and 0.2 round up to 1, 9.7 rounds down to 9.
  produceTo("rl", 0, 1, 0);
  produceTo("rl", 1, 3, 1);
  produceTo("rl", 3, 100, 2);
  auto checkpoint = testing::makeTempDir("kafka-rl");
  Collected out;
  StreamingQuery q = stream("rl")
                         .option("startingOffsets", "earliest")
                         .option("maxOffsetsPerTrigger", 10)
                         .load()
                         .writeStream()
                         .option("checkpointLocation", checkpoint.string())
                         .foreachBatch(out.fn())
                         .start();
  q.processAllAvailable();
  q.stop();
  EXPECT_EQ(offsetsLine(checkpoint, 0), R"({"rl":{"0":1,"1":1,"2":9}})");
  // Then backlogs 0, 1 and 88: 0.11 rounds up to 1, 9.89 down to 9.
  EXPECT_EQ(offsetsLine(checkpoint, 1), R"({"rl":{"0":1,"1":2,"2":18}})");
  EXPECT_EQ(out.sizes().at(0), 11U);
  EXPECT_EQ(out.sizes().at(1), 10U);
  EXPECT_EQ(out.all().size(), 100U);
  // Spark's offsets-behind-latest metrics: latest {1, 2, 97} minus batch 0's end {1, 1, 9};
  // the average printed as Java prints a double.
  auto progress = q.recentProgress();
  ASSERT_GE(progress.size(), 2u);
  EXPECT_EQ(progress[0].sources[0].metrics,
            (std::map<std::string, std::string>{
                {"avgOffsetsBehindLatest", "29.666666666666668"},
                {"maxOffsetsBehindLatest", "88"},
                {"minOffsetsBehindLatest", "0"}}));
  EXPECT_EQ(progress[0].sources[0].latestOffset, R"({"rl":{"0":1,"1":2,"2":97}})");
  EXPECT_NE(progress[0].prettyJson().find("    \"metrics\" : {\n      \"avgOffsetsBehindLatest\" : \"29.666666666666668\",\n"
                                          "      \"maxOffsetsBehindLatest\" : \"88\",\n"
                                          "      \"minOffsetsBehindLatest\" : \"0\"\n    }\n"),
            std::string::npos)
      << progress[0].prettyJson();
}

TEST_F(KafkaStreamE2ETest, TriggerOnceIgnoresTheReadLimits) {
  // Spark: "The read limit ... is ignored when Trigger.Once is used" — one batch of everything.
  produce("once", 0, 30, 2);
  auto checkpoint = testing::makeTempDir("kafka-once");
  Collected out;
  StreamingQuery q = stream("once")
                         .option("startingOffsets", "earliest")
                         .option("maxOffsetsPerTrigger", 10)
                         .option("minOffsetsPerTrigger", 8)
                         .option("maxTriggerDelay", "1h")
                         .load()
                         .writeStream()
                         .option("checkpointLocation", checkpoint.string())
                         .trigger(Trigger::Once())
                         .foreachBatch(out.fn())
                         .start();
  EXPECT_TRUE(q.awaitTermination(30000));
  EXPECT_EQ(out.sizes(), (std::vector<size_t>{30}));
  EXPECT_EQ(offsetsLine(checkpoint, 0), R"({"once":{"0":15,"1":15,"2":0,"3":0}})");
  EXPECT_FALSE(std::filesystem::exists(checkpoint / "offsets" / "1"));
}

TEST_F(KafkaStreamE2ETest, MinOffsetsPerTriggerWaitsForRecordsOrTheDelay) {
  produce("mins", 0, 3);
  auto checkpoint = testing::makeTempDir("kafka-mins");
  Collected out;
  StreamingQuery q = stream("mins")
                         .option("startingOffsets", "earliest")
                         .option("minOffsetsPerTrigger", 5)
                         .option("maxTriggerDelay", "3s")
                         .option("includeHeaders", "true")
                         .load()
                         .selectExpr({"CAST(value AS STRING) AS v", "headers"})
                         .writeStream()
                         .option("checkpointLocation", checkpoint.string())
                         .foreachBatch(out.fn())
                         .start();
  q.processAllAvailable();  // the first trigger runs at once (no batch ran before)
  produce("mins", 3, 5);
  q.processAllAvailable();  // 2 new records < 5: no batch
  EXPECT_EQ(out.sizes(), (std::vector<size_t>{3}));
  produce("mins", 5, 8);
  q.processAllAvailable();  // 5 new records
  EXPECT_EQ(out.sizes(), (std::vector<size_t>{3, 5}));
  produce("mins", 8, 9);
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));
  q.processAllAvailable();  // 1 record, but maxTriggerDelay passed
  q.stop();
  EXPECT_EQ(out.sizes(), (std::vector<size_t>{3, 5, 1}));
  EXPECT_EQ(out.batches[2], (std::vector<std::string>{R"({"v":"v8"})"}));  // no headers: null
  EXPECT_EQ(offsetsLine(checkpoint, 2), R"({"mins":{"0":9}})");
}

TEST_F(KafkaStreamE2ETest, FailOnDataLoss) {
  produce("loss", 0, 3);
  auto start = [&](const std::string& failOnDataLoss,
                   const std::filesystem::path& checkpoint,
                   Collected& out) {
    return stream("loss")
        .option("startingOffsets", R"({"loss":{"0":10}})")
        .option("failOnDataLoss", failOnDataLoss)
        .load()
        .selectExpr({"CAST(value AS STRING) AS v", "offset"})
        .writeStream()
        .option("checkpointLocation", checkpoint.string())
        .foreachBatch(out.fn())
        .start();
  };
  Collected out;
  StreamingQuery failing = start("true", testing::makeTempDir("kafka-loss"), out);
  try {
    failing.awaitTermination();
    FAIL() << "no error";
  } catch (const Error& e) {
    std::string m = e.message();
    EXPECT_EQ(
        m.substr(0, m.find('\n')),
        "Partition loss-0's offset was changed from 10 to 3, some data may have been missed. Some data may "
        "have been lost because they are not available in Kafka any more; either the data was aged out by "
        "Kafka or the topic may have been deleted before all the data in the topic was processed. If you "
        "don't want your streaming query to fail on such cases, set the source option \"failOnDataLoss\" to "
        "\"false\".");
  }
  // failOnDataLoss=false: a warning, and the stream goes on from the latest offsets.
  auto checkpoint = testing::makeTempDir("kafka-loss-ok");
  Collected ok;
  StreamingQuery q = start("false", checkpoint, ok);
  q.processAllAvailable();
  produce("loss", 3, 5);
  q.processAllAvailable();
  q.stop();
  EXPECT_EQ(q.exception(), nullptr);
  EXPECT_EQ(offsetsLine(checkpoint, 0), R"({"loss":{"0":3}})");
  EXPECT_EQ(offsetsLine(checkpoint, 1), R"({"loss":{"0":5}})");
  EXPECT_EQ(ok.all(),
            (std::vector<std::string>{R"({"v":"v3","offset":3})", R"({"v":"v4","offset":4})"}));
}

TEST_F(KafkaStreamE2ETest, RecordsRemovedByRetention) {
  auto checkpoint = testing::makeTempDir("kafka-retention");
  auto start = [&](const std::string& failOnDataLoss, Collected& out) {
    return stream("ret")
        .option("startingOffsets", "earliest")
        .option("failOnDataLoss", failOnDataLoss)
        .load()
        .selectExpr({"offset"})
        .writeStream()
        .option("checkpointLocation", checkpoint.string())
        .foreachBatch(out.fn())
        .start();
  };
  Collected none;
  StreamingQuery first = start("true", none);  // fixes the initial offsets at 0
  first.processAllAvailable();
  first.stop();
  // ~8 MiB in one partition: the embedded broker keeps only about 5 MiB, the oldest go.
  session_->range(8000)
      .selectExpr({"REPEAT('x', 1000) AS value"})
      .write()
      .format("kafka")
      .option("kafka.bootstrap.servers", servers())
      .option("topic", "ret")
      .save();
  int64_t earliest = std::stoll(session_->read()
                                    .format("kafka")
                                    .option("kafka.bootstrap.servers", servers())
                                    .option("subscribe", "ret")
                                    .load()
                                    .selectExpr({"CAST(min(offset) AS STRING)"})
                                    .collectAsStrings()
                                    .at(0));
  ASSERT_GT(earliest, 0);
  Collected failed;
  StreamingQuery failing = start("true", failed);
  try {
    failing.awaitTermination();
    FAIL() << "no error";
  } catch (const Error& e) {
    std::string m = e.message();
    EXPECT_EQ(m.substr(0, m.find(". Some data")),
              "Cannot fetch offsets [0, " + std::to_string(earliest) + ") (TopicPartition: ret-0)");
  }
  EXPECT_TRUE(failed.all().empty());
  Collected rest;
  StreamingQuery q = start("false", rest);  // re-runs the failed batch without the lost records
  q.processAllAvailable();
  q.stop();
  EXPECT_EQ(rest.all().size(), static_cast<size_t>(8000 - earliest));
  EXPECT_EQ(rest.all().front(), "{\"offset\":" + std::to_string(earliest) + "}");
  EXPECT_EQ(offsetsLine(checkpoint, 1), R"({"ret":{"0":8000}})");
}

TEST_F(KafkaStreamE2ETest, PatternDiscoversTopicsAndPartitionsEachTrigger) {
  produce("pat-1", 0, 2);
  auto checkpoint = testing::makeTempDir("kafka-pattern");
  Collected out;
  StreamingQuery q = session_->readStream()
                         .format("kafka")
                         .option("kafka.bootstrap.servers", servers())
                         .option("subscribePattern", "pat-.*")
                         .option("startingOffsets", "earliest")
                         .load()
                         .selectExpr({"CAST(value AS STRING) AS v", "topic", "partition"})
                         .writeStream()
                         .option("checkpointLocation", checkpoint.string())
                         .foreachBatch(out.fn())
                         .start();
  q.processAllAvailable();
  produce("pat-new", 10, 14, 2);  // created now, with the mock's 4 partitions
  q.processAllAvailable();
  q.stop();
  auto rows = out.all();
  std::sort(rows.begin(), rows.end());
  EXPECT_EQ(rows,
            (std::vector<std::string>{R"({"v":"v0","topic":"pat-1","partition":0})",
                                      R"({"v":"v1","topic":"pat-1","partition":0})",
                                      R"({"v":"v10","topic":"pat-new","partition":0})",
                                      R"({"v":"v11","topic":"pat-new","partition":1})",
                                      R"({"v":"v12","topic":"pat-new","partition":0})",
                                      R"({"v":"v13","topic":"pat-new","partition":1})"}));
  EXPECT_EQ(q.lastProgress()->sources.at(0).description, "KafkaV2[SubscribePattern[pat-.*]]");
  EXPECT_EQ(q.lastProgress()->sources.at(0).endOffset,
            R"({"pat-1":{"0":2},"pat-new":{"0":2,"1":2,"2":0,"3":0}})");
}

TEST_F(KafkaStreamE2ETest, KafkaToKafka) {
  produce("k2k-in", 0, 20, 2);
  auto checkpoint = testing::makeTempDir("kafka-k2k");
  StreamingQuery q =
      stream("k2k-in")
          .option("startingOffsets", "earliest")
          .option("maxOffsetsPerTrigger", 6)
          .load()
          .selectExpr({"key", "CONCAT(CAST(value AS STRING), '-out') AS value", "partition"})
          .writeStream()
          .format("kafka")
          .option("kafka.bootstrap.servers", servers())
          .option("topic", "k2k-out")
          .option("checkpointLocation", checkpoint.string())
          .start();
  q.processAllAvailable();
  q.stop();
  EXPECT_EQ(q.lastProgress()->sink.description, "KafkaTable");
  std::vector<std::string> expected;
  for (int i = 0; i < 20; ++i) {
    expected.push_back("v" + std::to_string(i) + "-out");
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(topicValues("k2k-out"), expected);
}

// Runs KafkaStreamCrashChild.Run in a child process of this binary; returns its exit status.
int runChild(const std::map<std::string, std::string>& env) {
  pid_t pid = fork();
  if (pid == 0) {
    for (const auto& [k, v] : env) {
      setenv(k.c_str(), v.c_str(), 1);
    }
    execl("/proc/self/exe",
          "kafka_stream_child",
          "--gtest_filter=KafkaStreamCrashChild.Run",
          nullptr);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void crashAndRestart(const std::string& in,
                     const std::string& out,
                     bool exactlyOnce,
                     const std::string& servers) {
  auto checkpoint = testing::makeTempDir("kafka-crash");
  std::map<std::string, std::string> env = {
      {"RIVULET_KAFKA_CHILD", "1"},
      {"RIVULET_KAFKA_SERVERS", servers},
      {"RIVULET_KAFKA_IN", in},
      {"RIVULET_KAFKA_OUT", out},
      {"RIVULET_KAFKA_EXACTLY_ONCE", exactlyOnce ? "true" : "false"},
      {"RIVULET_KAFKA_CHECKPOINT", checkpoint.string()}};
  auto killed = env;
  killed["RIVULET_KILL_POINT"] = "after-sink";
  killed["RIVULET_KILL_BATCH"] = "1";
  EXPECT_EQ(runChild(killed), 86);
  EXPECT_TRUE(std::filesystem::exists(checkpoint / "offsets" / "1"));
  EXPECT_FALSE(std::filesystem::exists(checkpoint / "commits" / "1"));
  EXPECT_EQ(runChild(env), 0);
  EXPECT_TRUE(std::filesystem::exists(checkpoint / "commits" / "3"));
}

TEST_F(KafkaStreamE2ETest, CrashAfterSinkIsAtLeastOnceByDefault) {
  produce("alo-in", 0, 20, 2);
  crashAndRestart("alo-in", "alo-out", false, servers());
  std::vector<std::string> values = topicValues("alo-out");
  // 2 partitions x 10 records, 5 per trigger: 2 per partition (2.5 rounds down), so batches of 4.
  // Batch 1 was written before the crash and again when it was re-run.
  EXPECT_EQ(values.size(), 24U);
  std::vector<std::string> distinct = values;
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  EXPECT_EQ(distinct.size(), 20U);
}

TEST_F(KafkaStreamE2ETest, CrashAfterSinkIsExactlyOnceWithTransactions) {
  produce("eo-in", 0, 20, 2);
  crashAndRestart("eo-in", "eo-out", true, servers());
  std::vector<std::string> expected;
  for (int i = 0; i < 20; ++i) {
    expected.push_back("v" + std::to_string(i));
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(topicValues("eo-out"), expected);
}

// The query of the crash tests, run in a child process (see runChild).
TEST(KafkaStreamCrashChild, Run) {
  const char* servers = std::getenv("RIVULET_KAFKA_SERVERS");
  if (std::getenv("RIVULET_KAFKA_CHILD") == nullptr || servers == nullptr) {
    GTEST_SKIP() << "runs only as the child process of the crash tests";
  }
  Session session = Session::builder().getOrCreate();
  StreamingQuery q = session.readStream()
                         .format("kafka")
                         .option("kafka.bootstrap.servers", servers)
                         .option("subscribe", std::getenv("RIVULET_KAFKA_IN"))
                         .option("startingOffsets", "earliest")
                         .option("maxOffsetsPerTrigger", 5)
                         .load()
                         .selectExpr({"value"})
                         .writeStream()
                         .format("kafka")
                         .option("kafka.bootstrap.servers", servers)
                         .option("topic", std::getenv("RIVULET_KAFKA_OUT"))
                         .option("exactlyOnce", std::getenv("RIVULET_KAFKA_EXACTLY_ONCE"))
                         .option("checkpointLocation", std::getenv("RIVULET_KAFKA_CHECKPOINT"))
                         .start();
  q.processAllAvailable();
  q.stop();
  EXPECT_EQ(q.exception(), nullptr);
}

}  // namespace
}  // namespace rivulet
