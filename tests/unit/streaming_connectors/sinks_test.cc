// The console, memory and noop sinks.
#include <sstream>

#include <gtest/gtest.h>

#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/connectors/console/console_sink.h"
#include "rivulet/connectors/memory/memory_sink.h"
#include "rivulet/connectors/register_connectors.h"
#include "testing/batch_from_json.h"
#include "testing/error_of.h"

namespace rivulet::connectors {
namespace {

using rivulet::testing::batchFromJson;
using rivulet::testing::errorOf;

// Hands `data` to the sink as the query would: as a stream of batches.
void add(streaming::Sink& sink, int64_t batchId, streaming::BatchData data) {
  streaming::BatchStream stream(std::move(data));
  sink.addBatch(batchId, stream);
}

streaming::BatchData rateRows(std::string_view json) {
  streaming::BatchData data;
  data.schema = parseSchemaDDL("timestamp TIMESTAMP, value BIGINT");
  data.batches.push_back(batchFromJson(data.schema, json));
  return data;
}

TEST(ConsoleSink, PrintsSparksHeaderAndTable) {
  auto zone = time::TimeZone::utc();
  std::ostringstream out;
  ConsoleSink sink(20, 0, zone.get(), &out);
  EXPECT_EQ(sink.description(), "ConsoleTable");
  add(sink, 0, rateRows("[]"));
  EXPECT_EQ(sink.lastOutputRows(), 0);
  // Two input batches are shown as one table.
  auto data = rateRows(R"([["2020-06-07 15:40:41.723", 0], ["2020-06-07 15:40:42.723", 1]])");
  data.batches.push_back(batchFromJson(data.schema, R"([["2020-06-07 15:40:43.723", 2]])"));
  add(sink, 1, data);
  EXPECT_EQ(sink.lastOutputRows(), 3);
  EXPECT_EQ(out.str(),
            "-------------------------------------------\n"
            "Batch: 0\n"
            "-------------------------------------------\n"
            "+---------+-----+\n"
            "|timestamp|value|\n"
            "+---------+-----+\n"
            "+---------+-----+\n"
            "\n"
            "-------------------------------------------\n"
            "Batch: 1\n"
            "-------------------------------------------\n"
            "+-----------------------+-----+\n"
            "|timestamp              |value|\n"
            "+-----------------------+-----+\n"
            "|2020-06-07 15:40:41.723|0    |\n"
            "|2020-06-07 15:40:42.723|1    |\n"
            "|2020-06-07 15:40:43.723|2    |\n"
            "+-----------------------+-----+\n"
            "\n");
}

TEST(ConsoleSink, ProviderOptionsNumRowsAndTruncate) {
  registerStreamingConnectors();
  std::ostringstream out;
  setConsoleSinkStream(&out);
  auto zone = time::TimeZone::utc();
  streaming::SinkContext context;
  context.zone = zone.get();
  const auto* provider = streaming::findSinkProvider("CONSOLE");
  ASSERT_NE(provider, nullptr);
  EXPECT_TRUE(provider->allowsTemporaryCheckpoint());
  auto sink = provider->createSink(
      {{"numRows", "1"}, {"truncate", "4"}}, parseSchemaDDL("s STRING"), context);
  streaming::BatchData data;
  data.schema = parseSchemaDDL("s STRING");
  data.batches.push_back(batchFromJson(data.schema, R"([["abcdefgh"], ["x"]])"));
  add(*sink, 7, data);
  setConsoleSinkStream(nullptr);
  EXPECT_EQ(out.str(),
            "-------------------------------------------\n"
            "Batch: 7\n"
            "-------------------------------------------\n"
            "+----+\n"
            "|   s|\n"
            "+----+\n"
            "|a...|\n"
            "+----+\n"
            "only showing top 1 row\n"
            "\n");
  EXPECT_EQ(
      errorOf([&] {
        provider->createSink({{"truncate", "maybe"}}, data.schema, context);
      }),
      "Invalid value 'maybe' for option 'truncate', must be true, false or a number of characters");
}

int64_t rowsOf(const MemoryTable& table) {
  int64_t n = 0;
  for (const auto& b : table.batches) {
    n += b.numRows();
  }
  return n;
}

TEST(MemorySink, AppendSkipsReplaysAndCompleteReplaces) {
  registerStreamingConnectors();
  const auto* provider = streaming::findSinkProvider("memory");
  ASSERT_NE(provider, nullptr);
  streaming::SinkContext context;
  auto schema = parseSchemaDDL("timestamp TIMESTAMP, value BIGINT");
  EXPECT_EQ(errorOf([&] { provider->createSink({}, schema, context); }),
            "queryName must be specified for memory sink");

  context.queryName = "rates";
  auto sink = provider->createSink({}, schema, context);
  EXPECT_EQ(sink->description(), "MemorySink");
  add(*sink, 0, rateRows(R"([["2020-06-07 15:40:41.723", 0]])"));
  add(*sink, 1,
                 rateRows(R"([["2020-06-07 15:40:42.723", 1], ["2020-06-07 15:40:43.723", 2]])"));
  add(*sink, 1,
                 rateRows(R"([["2020-06-07 15:40:42.723", 1], ["2020-06-07 15:40:43.723", 2]])"));
  auto table = memorySinkTable("rates");
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(rowsOf(*table), 3);
  EXPECT_EQ(table->schema.simpleString(), "struct<timestamp:timestamp,value:bigint>");
  EXPECT_EQ(table->batches.at(1).column(1)->values<int64_t>()[1], 2);

  context.queryName = "counts";
  context.outputMode = streaming::OutputMode::kComplete;
  auto complete = provider->createSink({}, schema, context);
  add(*complete,
      0, rateRows(R"([["2020-06-07 15:40:41.723", 0], ["2020-06-07 15:40:41.723", 1]])"));
  add(*complete, 1, rateRows(R"([["2020-06-07 15:40:41.723", 5]])"));
  EXPECT_EQ(complete->lastOutputRows(), 1);
  auto counts = memorySinkTable("counts");
  ASSERT_TRUE(counts.has_value());
  EXPECT_EQ(rowsOf(*counts), 1);
  EXPECT_EQ(counts->batches.at(0).column(1)->values<int64_t>()[0], 5);
  dropMemorySinkTable("counts");
  EXPECT_FALSE(memorySinkTable("counts").has_value());
  EXPECT_FALSE(memorySinkTable("never").has_value());
}

TEST(NoopSink, CountsAndDiscards) {
  registerStreamingConnectors();
  const auto* provider = streaming::findSinkProvider("noop");
  ASSERT_NE(provider, nullptr);
  auto sink = provider->createSink({}, parseSchemaDDL("timestamp TIMESTAMP, value BIGINT"), {});
  add(*sink, 0,
                 rateRows(R"([["2020-06-07 15:40:41.723", 0], ["2020-06-07 15:40:42.723", 1]])"));
  EXPECT_EQ(sink->lastOutputRows(), 2);
}

}  // namespace
}  // namespace rivulet::connectors
