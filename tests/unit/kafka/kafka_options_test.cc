// Kafka options: Spark's validation errors, offset JSON, descriptions and redaction. No broker
// needed: every error here is raised before a connection is made.
#include <gtest/gtest.h>

#include "rivulet/connectors/kafka/kafka_options.h"
#include "rivulet/rivulet.h"

namespace rivulet {
namespace {

using kafka::TopicPartition;

std::string loadError(const std::map<std::string, std::string>& options) {
  auto session = Session::builder().getOrCreate();
  try {
    session.read().format("kafka").options(options).load();
  } catch (const Error& e) {
    return e.message();
  }
  return "no error";
}

TEST(KafkaOptions, MissingBootstrapServers) {
  EXPECT_EQ(loadError({{"subscribe", "t"}}),
            "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer");
}

TEST(KafkaOptions, SubscriptionOptions) {
  EXPECT_EQ(loadError({{"kafka.bootstrap.servers", "h:1"}}),
            "One of the following options must be specified for Kafka source: subscribe, "
            "subscribepattern, assign. See the docs for more details.");
  EXPECT_EQ(loadError({{"kafka.bootstrap.servers", "h:1"}, {"subscribe", "a"}, {"subscribePattern", "b.*"}}),
            "Only one of the following options can be specified for Kafka source: subscribe, "
            "subscribepattern, assign. See the docs for more details.");
  EXPECT_EQ(loadError({{"kafka.bootstrap.servers", "h:1"}, {"subscribe", " , "}}),
            "No topics to subscribe to as specified value for option 'subscribe' is ' , '");
  EXPECT_EQ(loadError({{"kafka.bootstrap.servers", "h:1"}, {"assign", "t-0"}}),
            "No topicpartitions to assign as specified value for option 'assign' is 't-0'");
  EXPECT_EQ(loadError({{"kafka.bootstrap.servers", "h:1"}, {"assign", "{\"t\":0}"}}),
            "Expected e.g. {\"topicA\":[0,1],\"topicB\":[0,1]}, got {\"t\":0}");
  EXPECT_EQ(loadError({{"kafka.bootstrap.servers", "h:1"}, {"subscribePattern", "  "}}),
            "Pattern to subscribe is empty as specified value for option 'subscribePattern' is '  '");
}

TEST(KafkaOptions, ForbiddenOptions) {
  std::map<std::string, std::string> base = {{"kafka.bootstrap.servers", "h:1"}, {"subscribe", "t"}};
  auto with = [&](const std::string& k) {
    auto o = base;
    o[k] = "x";
    return loadError(o);
  };
  EXPECT_EQ(with("kafka.enable.auto.commit"), "Kafka option 'enable.auto.commit' is not supported");
  EXPECT_EQ(with("kafka.interceptor.classes"), "Kafka option 'interceptor.classes' is not supported");
  EXPECT_EQ(with("kafka.key.deserializer"),
            "Kafka option 'key.deserializer' is not supported as keys are deserialized as byte "
            "arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize "
            "the keys.");
  EXPECT_EQ(with("kafka.value.deserializer"),
            "Kafka option 'value.deserializer' is not supported as values are deserialized as byte "
            "arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize "
            "the values.");
  EXPECT_EQ(with("kafka.auto.offset.reset"),
            "Kafka option 'auto.offset.reset' is not supported.\n"
            "Instead set the source option 'startingoffsets' to 'earliest' or 'latest'\n"
            "to specify where to start. Structured Streaming manages which offsets are consumed\n"
            "internally, rather than relying on the kafkaConsumer to do it. This will ensure that no\n"
            "data is missed when new topics/partitions are dynamically subscribed. Note that\n"
            "'startingoffsets' only applies when a new Streaming query is started, and\n"
            "that resuming will always pick up from where the query left off. See the docs for more\n"
            "details.");
  EXPECT_EQ(with("minPartitions"), "Invalid value 'x' for option 'minPartitions': expected an integer");
  auto o = base;
  o["minPartitions"] = "0";
  EXPECT_EQ(loadError(o), "minPartitions must be positive");
}

TEST(KafkaOptions, BatchOffsetLimits) {
  std::map<std::string, std::string> base = {{"kafka.bootstrap.servers", "h:1"}, {"subscribe", "t"}};
  auto o = base;
  o["startingOffsets"] = "latest";
  EXPECT_EQ(loadError(o), "starting offset can't be latest for batch queries on Kafka");
  o = base;
  o["endingOffsets"] = "EARLIEST";
  EXPECT_EQ(loadError(o), "ending offset can't be earliest for batch queries on Kafka");
  o = base;
  o["startingOffsets"] = R"({"t":{"0":5,"1":-1}})";
  EXPECT_EQ(loadError(o), "startingOffsets for t-1 can't be latest for batch queries on Kafka");
  o = base;
  o["endingOffsets"] = R"({"t":{"0":-2}})";
  EXPECT_EQ(loadError(o), "ending offset for t-0 can't be earliest for batch queries on Kafka");
  o = base;
  o["startingOffsets"] = R"({"t":{"0":x}})";
  EXPECT_EQ(loadError(o),
            "Expected e.g. {\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}, got {\"t\":{\"0\":x}}");
}

TEST(KafkaOptions, UserSchemaRejected) {
  auto session = Session::builder().getOrCreate();
  try {
    session.read().format("kafka").schema("a INT").option("subscribe", "t").load();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "kafka does not allow user-specified schemas.");
  }
}

TEST(KafkaOptions, SchemaAndDescriptionWithoutBroker) {
  auto session = Session::builder().getOrCreate();
  DataFrame df = session.read()
                     .format("kafka")
                     .option("kafka.bootstrap.servers", "127.0.0.1:1")
                     .option("subscribe", "test_topic0")
                     .load();
  EXPECT_EQ(df.schema().treeString(),
            "root\n"
            " |-- key: binary (nullable = true)\n"
            " |-- value: binary (nullable = true)\n"
            " |-- topic: string (nullable = true)\n"
            " |-- partition: integer (nullable = true)\n"
            " |-- offset: long (nullable = true)\n"
            " |-- timestamp: timestamp (nullable = true)\n"
            " |-- timestampType: integer (nullable = true)\n");
  DataFrame withHeaders = session.read()
                              .format("kafka")
                              .option("kafka.bootstrap.servers", "127.0.0.1:1")
                              .option("assign", R"({"a":[1,0],"b":[2]})")
                              .option("startingOffsets", R"({"a":{"0":20,"1":-2},"b":{"2":0}})")
                              .option("includeHeaders", "true")
                              .load();
  EXPECT_EQ(withHeaders.schema().simpleString(),
            "struct<key:binary,value:binary,topic:string,partition:int,offset:bigint,timestamp:"
            "timestamp,timestampType:int,headers:array<struct<key:string,value:binary>>>");
  std::string plan = withHeaders.explainString();
  EXPECT_NE(plan.find("Scan KafkaRelation(strategy=Assign[a-1, a-0, b-2], start=SpecificOffsetRangeLimit("
                      "Map(a-0 -> 20, a-1 -> -2, b-2 -> 0)), end=LatestOffsetRangeLimit) [key#"),
            std::string::npos)
      << plan;
}

TEST(KafkaOptions, OffsetJson) {
  auto offsets = kafka::parsePartitionOffsetsJson(R"( { "test_topic0": { "0": 20, "1" : -2 }, "b":{"3":7} } )");
  ASSERT_EQ(offsets.size(), 3u);
  EXPECT_EQ((offsets[TopicPartition{"test_topic0", 1}]), -2);
  EXPECT_EQ(kafka::partitionOffsetsToJson(offsets), R"({"b":{"3":7},"test_topic0":{"0":20,"1":-2}})");
  EXPECT_EQ(kafka::partitionOffsetsToJson({}), "{}");
  auto parts = kafka::parseTopicPartitionsJson(R"({"topicA":[0,1],"topicB":[2]})");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[2].toString(), "topicB-2");
}

TEST(KafkaOptions, StrategyAndLimitText) {
  Options o{{"kafka.bootstrap.servers", "h:1"}, {"subscribe", " a, b ,"}, {"startingTimestamp", "1000"}};
  auto parsed = kafka::parseBatchSourceOptions(o);
  EXPECT_EQ(parsed.strategy.toString(), "Subscribe[a, b]");
  EXPECT_EQ(parsed.start.toString(), "GlobalTimestampRangeLimit(1000,ERROR)");
  EXPECT_EQ(parsed.end.toString(), "LatestOffsetRangeLimit");
  Options p{{"kafka.bootstrap.servers", "h:1"}, {"subscribePattern", "t.*"}};
  auto stream = kafka::parseStreamSourceOptions(p);
  EXPECT_EQ(stream.strategy.toString(), "SubscribePattern[t.*]");
  EXPECT_EQ(stream.start.toString(), "LatestOffsetRangeLimit");
  Options q{{"kafka.bootstrap.servers", "h:1"}, {"subscribe", "t"}, {"endingOffsets", "latest"}};
  EXPECT_THROW(kafka::parseStreamSourceOptions(q), Error);
}

TEST(KafkaOptions, GroupIdGeneratedOrGiven) {
  auto generated = kafka::parseBatchSourceOptions(Options{{"kafka.bootstrap.servers", "h:1"}, {"subscribe", "t"}});
  std::string groupId;
  for (const auto& [k, v] : generated.client) {
    if (k == "group.id") {
      groupId = v;
    }
  }
  EXPECT_EQ(groupId.rfind("spark-kafka-relation-", 0), 0u) << groupId;
  EXPECT_EQ(groupId.size(), std::string("spark-kafka-relation-").size() + 36 + std::string("-executor").size());
  auto given = kafka::parseBatchSourceOptions(
      Options{{"kafka.bootstrap.servers", "h:1"}, {"subscribe", "t"}, {"kafka.group.id", "mine"}});
  EXPECT_EQ(kafka::redactedConfig(given.client), "bootstrap.servers=h:1, group.id=mine");
}

TEST(KafkaOptions, SecretsRedacted) {
  kafka::ClientConfig c = {{"bootstrap.servers", "h:1"},
                           {"sasl.password", "hunter2"},
                           {"sasl.jaas.config", "user=\"u\" password=\"pw\""},
                           {"ssl.key.password", "k3y"}};
  EXPECT_EQ(kafka::redactedConfig(c),
            "bootstrap.servers=h:1, sasl.password=*********(redacted), "
            "sasl.jaas.config=*********(redacted), ssl.key.password=*********(redacted)");
  EXPECT_EQ(kafka::redactSecrets("failed with hunter2 and k3y", c),
            "failed with *********(redacted) and *********(redacted)");
  // A rejected secret property never shows its value.
  auto session = Session::builder().getOrCreate();
  DataFrame df = session.read()
                     .format("kafka")
                     .option("kafka.bootstrap.servers", "127.0.0.1:1")
                     .option("kafka.ssl.keystore.password", "s3cr3t-value")
                     .option("kafka.no.such.property.password", "s3cr3t-value")
                     .option("subscribe", "t")
                     .load();
  try {
    df.count();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cr3t-value"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("*********(redacted)"), std::string::npos) << e.what();
  }
}

std::string saveError(const DataFrame& df, const std::map<std::string, std::string>& options,
                      const std::string& mode = "append") {
  try {
    df.write().format("kafka").mode(mode).options(options).save();
  } catch (const Error& e) {
    return e.message();
  }
  return "no error";
}

TEST(KafkaSinkOptions, ColumnChecks) {
  auto session = Session::builder().getOrCreate();
  StructType schema({{"key", DataType::string(), true}, {"v", DataType::string(), true}});
  DataFrame noValue = session.createDataFrame({Row({Value::string("k"), Value::string("x")})}, schema);
  std::map<std::string, std::string> o = {{"kafka.bootstrap.servers", "127.0.0.1:1"}, {"topic", "t"}};
  EXPECT_EQ(saveError(noValue, o), "Required attribute 'value' not found");
  DataFrame value = noValue.withColumnRenamed("v", "value");
  EXPECT_EQ(saveError(value, {{"kafka.bootstrap.servers", "127.0.0.1:1"}}),
            "topic option required when no 'topic' attribute is present. Use the topic option for "
            "setting a topic.");
  DataFrame intValue = session.createDataFrame({Row({Value::integer(1)})},
                                               StructType({{"value", DataType::integer(), true}}));
  EXPECT_EQ(saveError(intValue, o), "value attribute unsupported type int. value must be a(n) string or binary");
  DataFrame badPartition = value.selectExpr({"value", "'p' AS partition"});
  EXPECT_EQ(saveError(badPartition, o), "partition attribute unsupported type string. partition must be a(n) int");
  EXPECT_EQ(saveError(value, o, "overwrite"),
            "Save mode Overwrite not allowed for Kafka. Allowed save modes are Append and "
            "ErrorIfExists (default).");
  EXPECT_EQ(saveError(value, {{"kafka.bootstrap.servers", "h:1"}, {"topic", "t"}, {"kafka.value.serializer", "x"}}),
            "Kafka option 'value.serializer' is not supported as value are serialized with "
            "ByteArraySerializer.");
  EXPECT_EQ(saveError(value, {{"topic", "t"}}),
            "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka producer");
}

}  // namespace
}  // namespace rivulet
