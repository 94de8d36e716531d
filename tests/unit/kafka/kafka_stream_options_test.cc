// The Kafka stream's offset arithmetic (Spark's rateLimit and delayBatch), its initial offsets
// file, and the stream source and sink options. No broker needed.
#include <gtest/gtest.h>

#include "rivulet/common/options.h"
#include "rivulet/connectors/kafka/kafka_micro_batch_source.h"
#include "rivulet/connectors/kafka/kafka_source_offsets.h"
#include "rivulet/connectors/kafka/kafka_stream_sink.h"
#include "rivulet/connectors/kafka/kafka_transactional_writer.h"
#include "rivulet/rivulet.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

using kafka::PartitionOffsets;
using kafka::TopicPartition;

PartitionOffsets offsets(const std::string& json) {
  return kafka::parsePartitionOffsetsJson(json);
}

std::string limited(int64_t limit,
                    const std::string& from,
                    const std::string& until,
                    const std::string& fromNew = "{}") {
  return kafka::partitionOffsetsToJson(
      kafka::rateLimitOffsets(limit, offsets(from), offsets(until), offsets(fromNew)));
}

TEST(KafkaRateLimit, SharesFollowTheBacklog) {
  // 10/60, 20/60, 30/60 of 12.
  EXPECT_EQ(limited(12, R"({"t":{"0":0,"1":0,"2":0}})", R"({"t":{"0":10,"1":20,"2":30}})"),
            R"({"t":{"0":2,"1":4,"2":6}})");
  // Shares below one round up (0.1, 0.2), others round down (9.7): 11 records for a limit of 10.
  EXPECT_EQ(limited(10, R"({"t":{"0":0,"1":0,"2":0}})", R"({"t":{"0":1,"1":2,"2":97}})"),
            R"({"t":{"0":1,"1":1,"2":9}})");
  // 2.5 each rounds down: 4 records for a limit of 5.
  EXPECT_EQ(limited(5, R"({"t":{"0":10,"1":10}})", R"({"t":{"0":20,"1":20}})"),
            R"({"t":{"0":12,"1":12}})");
  // A limit above the backlog reads everything; never past the latest offset.
  EXPECT_EQ(limited(1000, R"({"t":{"0":3}})", R"({"t":{"0":5}})"), R"({"t":{"0":5}})");
}

TEST(KafkaRateLimit, PartitionsWithoutBacklogNewOrUnknown) {
  // No backlog at all: the latest offsets.
  EXPECT_EQ(limited(5, R"({"t":{"0":7}})", R"({"t":{"0":7}})"), R"({"t":{"0":7}})");
  // A partition moved backwards (data loss) has no backlog and ends at its latest offset.
  EXPECT_EQ(limited(4, R"({"t":{"0":9,"1":0}})", R"({"t":{"0":3,"1":8}})"),
            R"({"t":{"0":3,"1":4}})");
  // A new partition starts at its earliest offset.
  EXPECT_EQ(limited(4, R"({"t":{"0":0}})", R"({"t":{"0":4},"u":{"0":14}})", R"({"u":{"0":10}})"),
            R"({"t":{"0":2},"u":{"0":12}})");
  // A new partition whose start is unknown is left at its latest offset.
  EXPECT_EQ(limited(4, R"({"t":{"0":0}})", R"({"t":{"0":8},"u":{"0":14}})"),
            R"({"t":{"0":4},"u":{"0":14}})");
}

TEST(KafkaRateLimit, NewRecordCount) {
  EXPECT_EQ(kafka::newRecordCount(offsets(R"({"t":{"0":5}})"), offsets(R"({"t":{"0":9,"1":3}})")),
            7);
}

TEST(KafkaInitialOffsets, SparkLayout) {
  std::string content =
      kafka::serializeInitialOffsets(offsets(R"({"b":{"1":4,"0":2},"a":{"0":0}})"));
  EXPECT_EQ(content, std::string("\0v1\n", 4) + R"({"a":{"0":0},"b":{"0":2,"1":4}})");
  EXPECT_EQ(kafka::partitionOffsetsToJson(kafka::parseInitialOffsets(content, "x")),
            R"({"a":{"0":0},"b":{"0":2,"1":4}})");
  // Without the leading zero byte (as Spark 2.1.0 wrote it).
  EXPECT_EQ(kafka::partitionOffsetsToJson(kafka::parseInitialOffsets("v1\n{\"t\":{\"0\":3}}", "x")),
            R"({"t":{"0":3}})");
}

std::string initialError(const std::string& content) {
  try {
    kafka::parseInitialOffsets(content, "/chk/sources/0/0");
  } catch (const Error& e) {
    return e.message();
  }
  return "no error";
}

TEST(KafkaInitialOffsets, Errors) {
  EXPECT_EQ(initialError(std::string(1, '\0')),
            "Incomplete log file in the Kafka initial offsets: /chk/sources/0/0");
  EXPECT_EQ(
      initialError("x1\n{}"),
      "Log file was malformed: failed to read correct log version from /chk/sources/0/0 (found 'x1')");
  EXPECT_EQ(
      initialError("v2\n{}"),
      "The log file /chk/sources/0/0 was produced by a newer version (v2); this version reads up to v1. "
      "Please upgrade to a version that supports it.");
  EXPECT_EQ(initialError("v1\n{\"t\":5}"),
            "Expected e.g. {\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}, got {\"t\":5}");
}

Options streamOptions(std::map<std::string, std::string> extra) {
  Options o;
  o.set("kafka.bootstrap.servers", "h:1");
  o.set("subscribe", "t");
  for (const auto& [k, v] : extra) {
    o.set(k, v);
  }
  return o;
}

std::string streamError(std::map<std::string, std::string> extra) {
  try {
    kafka::parseKafkaStreamOptions(streamOptions(std::move(extra)));
  } catch (const Error& e) {
    return e.message();
  }
  return "no error";
}

TEST(KafkaStreamOptions, TriggerLimits) {
  auto o = kafka::parseKafkaStreamOptions(streamOptions(
      {{"maxOffsetsPerTrigger", "50"}, {"minOffsetsPerTrigger", "5"}, {"maxTriggerDelay", "30s"}}));
  EXPECT_EQ(o.source.maxOffsetsPerTrigger, 50);
  EXPECT_EQ(o.minOffsetsPerTrigger, 5);
  EXPECT_EQ(o.maxTriggerDelayMs, 30000);
  EXPECT_EQ(o.source.start.kind, kafka::OffsetRangeLimit::Kind::kLatest);
  EXPECT_EQ(kafka::parseKafkaStreamOptions(streamOptions({})).maxTriggerDelayMs, 15 * 60 * 1000);
  EXPECT_EQ(streamError({{"maxOffsetsPerTrigger", "5"}, {"minOffsetsPerTrigger", "6"}}),
            "The value of minOffsetPerTrigger(6) is higher than the maxOffsetsPerTrigger(5).");
  EXPECT_EQ(streamError({{"maxOffsetsPerTrigger", "0"}}),
            "Invalid value '0' for option 'maxOffsetsPerTrigger', must be a positive integer");
  EXPECT_EQ(streamError({{"minOffsetsPerTrigger", "x"}}),
            "Invalid value 'x' for option 'minOffsetsPerTrigger', must be a positive integer");
  EXPECT_EQ(streamError({{"endingOffsets", "latest"}}),
            "ending offset not valid in streaming queries");
}

TEST(KafkaStreamSource, SchemaDescriptionAndUserSchema) {
  auto session = Session::builder().getOrCreate();
  DataFrame df = session.readStream()
                     .format("kafka")
                     .option("kafka.bootstrap.servers", "h:1")
                     .option("subscribe", "a, b")
                     .option("includeHeaders", "true")
                     .load();
  EXPECT_TRUE(df.isStreaming());
  EXPECT_EQ(
      df.schema().simpleString(),
      "struct<key:binary,value:binary,topic:string,partition:int,offset:bigint,timestamp:timestamp,"
      "timestampType:int,headers:array<struct<key:string,value:binary>>>");
  try {
    session.readStream()
        .format("kafka")
        .schema("a INT")
        .option("kafka.bootstrap.servers", "h:1")
        .option("subscribe", "a")
        .load();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "kafka does not allow user-specified schemas.");
  }
  streaming::SourceContext context;
  context.metadataPath = testing::makeTempDir("kafka-src").string();
  kafka::KafkaMicroBatchSource source(
      kafka::parseKafkaStreamOptions(streamOptions({{"subscribe", "a, b"}})), context);
  EXPECT_EQ(source.description(), "KafkaV2[Subscribe[a, b]]");
  EXPECT_EQ(source.reportLatestOffset(), std::nullopt);
}

std::string sinkError(std::map<std::string, std::string> extra) {
  try {
    Options o;
    o.set("kafka.bootstrap.servers", "h:1");
    for (const auto& [k, v] : extra) {
      o.set(k, v);
    }
    kafka::parseKafkaStreamSinkOptions(o);
  } catch (const Error& e) {
    return e.message();
  }
  return "no error";
}

TEST(KafkaStreamSinkOptions, ExactlyOnceOptions) {
  Options o;
  o.set("kafka.bootstrap.servers", "h:1");
  o.set("topic", " out ");
  auto plain = kafka::parseKafkaStreamSinkOptions(o);
  EXPECT_FALSE(plain.exactlyOnce);
  EXPECT_EQ(plain.topic, "out");
  EXPECT_EQ(plain.markerTopic, "rivulet-sink-commits");
  o.set("kafka.transactional.id", "my-app");
  o.set("exactlyOnce.markerTopic", "marks");
  o.set("kafka.transaction.timeout.ms", "20000");
  auto eo = kafka::parseKafkaStreamSinkOptions(o);
  EXPECT_TRUE(eo.exactlyOnce);
  EXPECT_EQ(eo.transactionalId, "my-app");
  EXPECT_EQ(eo.markerTopic, "marks");
  EXPECT_EQ(eo.transactionTimeoutMs, 20000);
  for (const auto& [k, v] : eo.client) {
    EXPECT_NE(k, "transactional.id");  // the writer sets it
  }
  EXPECT_TRUE(kafka::parseKafkaStreamSinkOptions([&] {
                Options x;
                x.set("kafka.bootstrap.servers", "h:1");
                x.set("exactlyOnce", "true");
                return x;
              }())
                  .exactlyOnce);
  EXPECT_EQ(
      sinkError({{"kafka.transactional.id", "a"}, {"exactlyOnce", "false"}}),
      "Kafka option 'transactional.id' requires exactly-once output: remove option 'exactlyOnce=false' or "
      "'kafka.transactional.id'");
  EXPECT_EQ(sinkError({{"exactlyOnce.markerTopic", " "}}),
            "Option 'exactlyOnce.markerTopic' must not be empty");
  EXPECT_EQ(
      sinkError({{"kafka.value.serializer", "x"}}),
      "Kafka option 'value.serializer' is not supported as value are serialized with ByteArraySerializer.");
  EXPECT_EQ(kafka::KafkaTransactionalWriter::markerValue(42), R"({"batchId":42})");
}

TEST(KafkaStreamSink, ColumnsCheckedAtStart) {
  auto session = Session::builder().getOrCreate();
  DataFrame df = session.readStream().format("rate").load();
  try {
    df.writeStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", "h:1")
        .option("topic", "t")
        .option("checkpointLocation", testing::makeTempDir("kafka-sink").string())
        .start();
    FAIL() << "no error";
  } catch (const Error& e) {
    // The rate source's value column is a bigint.
    EXPECT_EQ(e.message(),
              "value attribute unsupported type bigint. value must be a(n) string or binary");
  }
}

}  // namespace
}  // namespace rivulet
