#include <gtest/gtest.h>

#include "rivulet/common/error.h"
#include "rivulet/streaming/progress/query_progress.h"
#include "rivulet/streaming/triggers/trigger_spec.h"

namespace rivulet::streaming {
namespace {

TEST(TriggerTest, ParsesSparkIntervals) {
  EXPECT_EQ(parseIntervalMs("10 seconds"), 10000);
  EXPECT_EQ(parseIntervalMs("1 minute"), 60000);
  EXPECT_EQ(parseIntervalMs("500 milliseconds"), 500);
  EXPECT_EQ(parseIntervalMs("interval 1 hour 30 minutes"), 5400000);
  EXPECT_EQ(parseIntervalMs("2 SECONDS"), 2000);
  try {
    parseIntervalMs("1 month");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "Doesn't support month or year interval: 1 month");
  }
  try {
    parseIntervalMs("  ");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "interval cannot be null or blank.");
  }
  try {
    parseIntervalMs("-1 second");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "the interval of trigger should not be negative");
  }
}

TEST(ProgressTest, PrettyJsonAsSparkPrintsIt) {
  StreamingQueryProgress p;
  p.id = "9538ada3-a233-4697-8b02-cc66250189a3";
  p.runId = "0b5d5dc4-3a6e-4a0b-8d3f-2c2f0a1e5a77";
  p.timestamp = "2020-06-07T12:40:50.000Z";
  p.batchId = 2;
  p.batchDuration = 812;
  p.numInputRows = 10;
  p.inputRowsPerSecond = 1.0;
  p.processedRowsPerSecond = 12.5;
  p.durationMs = {{"addBatch", 600}, {"triggerExecution", 812}};
  SourceProgress s;
  s.description = "KafkaV2[Subscribe[test_topic0]]";
  s.startOffset = "{\"test_topic0\":{\"0\":20}}";
  s.endOffset = "{\"test_topic0\":{\"0\":25}}";
  s.latestOffset = "{\"test_topic0\":{\"0\":25}}";
  s.numInputRows = 5;
  s.inputRowsPerSecond = 0.5;
  s.processedRowsPerSecond = 6.25;
  s.metrics = {{"minOffsetsBehindLatest", "0"}, {"maxOffsetsBehindLatest", "0"}, {"avgOffsetsBehindLatest", "0.0"}};
  p.sources.push_back(s);
  SourceProgress rate;  // a rate source: bare-number offsets, no latest offset reported
  rate.description = "RateStreamV2[rowsPerSecond=1, rampUpTimeSeconds=0, numPartitions=default";
  rate.startOffset = "12";
  rate.endOffset = "13";
  rate.numInputRows = 1;
  rate.inputRowsPerSecond = 0.1;
  rate.processedRowsPerSecond = 1.25;
  p.sources.push_back(rate);
  p.sink.description = "FileSink[datasets/s1.parquet]";
  p.sink.numOutputRows = -1;
  EXPECT_EQ(p.prettyJson(),
            "{\n"
            "  \"id\" : \"9538ada3-a233-4697-8b02-cc66250189a3\",\n"
            "  \"runId\" : \"0b5d5dc4-3a6e-4a0b-8d3f-2c2f0a1e5a77\",\n"
            "  \"name\" : null,\n"
            "  \"timestamp\" : \"2020-06-07T12:40:50.000Z\",\n"
            "  \"batchId\" : 2,\n"
            "  \"batchDuration\" : 812,\n"
            "  \"numInputRows\" : 10,\n"
            "  \"inputRowsPerSecond\" : 1.0,\n"
            "  \"processedRowsPerSecond\" : 12.5,\n"
            "  \"durationMs\" : {\n"
            "    \"addBatch\" : 600,\n"
            "    \"triggerExecution\" : 812\n"
            "  },\n"
            "  \"stateOperators\" : [ ],\n"
            "  \"sources\" : [ {\n"
            "    \"description\" : \"KafkaV2[Subscribe[test_topic0]]\",\n"
            "    \"startOffset\" : {\n"
            "      \"test_topic0\" : {\n"
            "        \"0\" : 20\n"
            "      }\n"
            "    },\n"
            "    \"endOffset\" : {\n"
            "      \"test_topic0\" : {\n"
            "        \"0\" : 25\n"
            "      }\n"
            "    },\n"
            "    \"latestOffset\" : {\n"
            "      \"test_topic0\" : {\n"
            "        \"0\" : 25\n"
            "      }\n"
            "    },\n"
            "    \"numInputRows\" : 5,\n"
            "    \"inputRowsPerSecond\" : 0.5,\n"
            "    \"processedRowsPerSecond\" : 6.25,\n"
            "    \"metrics\" : {\n"
            "      \"avgOffsetsBehindLatest\" : \"0.0\",\n"
            "      \"maxOffsetsBehindLatest\" : \"0\",\n"
            "      \"minOffsetsBehindLatest\" : \"0\"\n"
            "    }\n"
            "  }, {\n"
            "    \"description\" : \"RateStreamV2[rowsPerSecond=1, rampUpTimeSeconds=0, numPartitions=default\",\n"
            "    \"startOffset\" : 12,\n"
            "    \"endOffset\" : 13,\n"
            "    \"latestOffset\" : null,\n"
            "    \"numInputRows\" : 1,\n"
            "    \"inputRowsPerSecond\" : 0.1,\n"
            "    \"processedRowsPerSecond\" : 1.25\n"
            "  } ],\n"
            "  \"sink\" : {\n"
            "    \"description\" : \"FileSink[datasets/s1.parquet]\",\n"
            "    \"numOutputRows\" : -1\n"
            "  }\n"
            "}");
  EXPECT_EQ(p.json(),
            "{\"id\":\"9538ada3-a233-4697-8b02-cc66250189a3\",\"runId\":\"0b5d5dc4-3a6e-4a0b-8d3f-2c2f0a1e5a77\","
            "\"name\":null,\"timestamp\":\"2020-06-07T12:40:50.000Z\",\"batchId\":2,\"batchDuration\":812,"
            "\"numInputRows\":10,\"inputRowsPerSecond\":1.0,\"processedRowsPerSecond\":12.5,"
            "\"durationMs\":{\"addBatch\":600,\"triggerExecution\":812},\"stateOperators\":[],"
            "\"sources\":[{\"description\":\"KafkaV2[Subscribe[test_topic0]]\","
            "\"startOffset\":{\"test_topic0\":{\"0\":20}},\"endOffset\":{\"test_topic0\":{\"0\":25}},"
            "\"latestOffset\":{\"test_topic0\":{\"0\":25}},\"numInputRows\":5,\"inputRowsPerSecond\":0.5,"
            "\"processedRowsPerSecond\":6.25,\"metrics\":{\"avgOffsetsBehindLatest\":\"0.0\","
            "\"maxOffsetsBehindLatest\":\"0\",\"minOffsetsBehindLatest\":\"0\"}},{\"description\":\"RateStreamV2[rowsPerSecond=1, "
            "rampUpTimeSeconds=0, numPartitions=default\",\"startOffset\":12,\"endOffset\":13,"
            "\"latestOffset\":null,\"numInputRows\":1,\"inputRowsPerSecond\":0.1,"
            "\"processedRowsPerSecond\":1.25}],\"sink\":{\"description\":\"FileSink[datasets/s1.parquet]\","
            "\"numOutputRows\":-1}}");
}

}  // namespace
}  // namespace rivulet::streaming
