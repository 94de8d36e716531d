// The rate and rate-micro-batch sources: values, timestamps, partition order, ramp-up, the
// creation-time log, descriptions and Spark's option errors.
#include "rivulet/connectors/rate/rate_source.h"

#include <gtest/gtest.h>

#include "rivulet/columnar/show.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/connectors/rate/rate_micro_batch_source.h"
#include "rivulet/connectors/rate/time_string.h"
#include "testing/error_of.h"
#include "testing/test_paths.h"

namespace rivulet::connectors {
namespace {

using rivulet::testing::errorOf;

using rivulet::testing::makeTempDir;
using rivulet::testing::readFile;

// 2020-06-07 15:40:40.723 UTC, the millisecond fraction of the lecture's run.
constexpr int64_t kCreation = 1591544440723;

std::string scanAsTable(const plan::DataSource& source, int64_t numRows = 100) {
  auto zone = time::TimeZone::utc();
  plan::ScanContext context;
  context.zone = zone.get();
  context.batchRows = 3;  // several chunks per partition
  auto it = source.open({0, 1}, {}, context);
  std::vector<Batch> parts;
  while (auto b = it->next()) {
    parts.push_back(*b);
  }
  Batch all =
      parts.empty()
          ? Batch({Vector::make(DataType::timestamp(), 0), Vector::make(DataType::longType(), 0)},
                  0)
          : concatBatches(parts, 2);
  ShowOptions show;
  show.numRows = numRows;
  show.truncate = 0;
  show.zone = zone.get();
  return showString(all, source.schema(), show);
}

streaming::SourceContext contextAt(const std::string& dir) {
  streaming::SourceContext context;
  context.metadataPath = dir;
  return context;
}

RateOptions rateOptions(Options options) {
  return parseRateOptions(options);
}

TEST(RateSource, RecordsCreationTimeAndCountsWholeSeconds) {
  std::string dir = (makeTempDir() / "sources" / "0").string();
  int64_t now = kCreation;
  RateSource source(rateOptions({{"numPartitions", "1"}}), contextAt(dir), [&] { return now; });
  EXPECT_EQ(readFile(dir + "/0"), "v1\n1591544440723");
  EXPECT_EQ(source.latestOffset(std::nullopt), "0");
  EXPECT_EQ(scanAsTable(*source.getBatch(std::nullopt, "0")),
            "+---------+-----+\n"
            "|timestamp|value|\n"
            "+---------+-----+\n"
            "+---------+-----+\n");
  now = kCreation + 8999;
  EXPECT_EQ(source.latestOffset(std::string("0")), "8");
  now = kCreation + 5000;  // a clock going backwards does not move the offset back
  EXPECT_EQ(source.latestOffset(std::string("8")), "8");
  EXPECT_EQ(scanAsTable(*source.getBatch(std::string("0"), "3")),
            "+-----------------------+-----+\n"
            "|timestamp              |value|\n"
            "+-----------------------+-----+\n"
            "|2020-06-07 15:40:40.723|0    |\n"
            "|2020-06-07 15:40:41.723|1    |\n"
            "|2020-06-07 15:40:42.723|2    |\n"
            "+-----------------------+-----+\n");

  // A restart reuses the recorded creation time; values continue where the offsets say.
  RateSource restarted(
      rateOptions({{"numPartitions", "1"}}), contextAt(dir), [] { return kCreation + 60000; });
  EXPECT_EQ(restarted.creationTimeMs(), kCreation);
  EXPECT_EQ(readFile(dir + "/0"), "v1\n1591544440723");
  EXPECT_EQ(scanAsTable(*restarted.getBatch(std::string("3"), "5")),
            "+-----------------------+-----+\n"
            "|timestamp              |value|\n"
            "+-----------------------+-----+\n"
            "|2020-06-07 15:40:43.723|3    |\n"
            "|2020-06-07 15:40:44.723|4    |\n"
            "+-----------------------+-----+\n");
}

TEST(RateSource, PartitionsAreListedOneAfterTheOther) {
  std::string dir = (makeTempDir() / "rate").string();
  RateSource source(rateOptions({{"rowsPerSecond", "5"}, {"numPartitions", "2"}}),
                    contextAt(dir),
                    [] { return kCreation; });
  // 5 values in 1 s: 200 ms apart; partition 0 holds 0, 2, 4 and partition 1 holds 1, 3.
  EXPECT_EQ(scanAsTable(*source.getBatch(std::nullopt, "1")),
            "+-----------------------+-----+\n"
            "|timestamp              |value|\n"
            "+-----------------------+-----+\n"
            "|2020-06-07 15:40:40.723|0    |\n"
            "|2020-06-07 15:40:41.123|2    |\n"
            "|2020-06-07 15:40:41.523|4    |\n"
            "|2020-06-07 15:40:40.923|1    |\n"
            "|2020-06-07 15:40:41.323|3    |\n"
            "+-----------------------+-----+\n");
}

TEST(RateSource, RampUpGrowsTheSpeedLinearly) {
  // rampUp 4 s, 10 rows/s: speed 0 2 4 6 8 10 10, end values 0 2 6 12 20 30 40.
  std::vector<int64_t> ends;
  for (int64_t s = 0; s <= 6; ++s) {
    ends.push_back(rateValueAtSecond(s, 10, 4));
  }
  EXPECT_EQ(ends, (std::vector<int64_t>{0, 2, 6, 12, 20, 30, 40}));
  EXPECT_EQ(rateValueAtSecond(3, 1, 0), 3);

  std::string dir = (makeTempDir() / "rate").string();
  RateSource source(
      rateOptions({{"rowsPerSecond", "10"}, {"rampUpTime", "4s"}, {"numPartitions", "1"}}),
      contextAt(dir),
      [] { return kCreation; });
  // Seconds (1, 2]: values [2, 6), 1000 / 4 = 250 ms apart from second 1.
  EXPECT_EQ(scanAsTable(*source.getBatch(std::string("1"), "2")),
            "+-----------------------+-----+\n"
            "|timestamp              |value|\n"
            "+-----------------------+-----+\n"
            "|2020-06-07 15:40:41.723|2    |\n"
            "|2020-06-07 15:40:41.973|3    |\n"
            "|2020-06-07 15:40:42.223|4    |\n"
            "|2020-06-07 15:40:42.473|5    |\n"
            "+-----------------------+-----+\n");
  // Seconds (0, 1] at 3 rows/s: 333.3 ms apart, rounded to whole milliseconds.
  RateSource uneven(rateOptions({{"rowsPerSecond", "3"}, {"numPartitions", "1"}}),
                    contextAt(dir + "2"),
                    [] { return kCreation; });
  EXPECT_EQ(scanAsTable(*uneven.getBatch(std::string("0"), "1")),
            "+-----------------------+-----+\n"
            "|timestamp              |value|\n"
            "+-----------------------+-----+\n"
            "|2020-06-07 15:40:40.723|0    |\n"
            "|2020-06-07 15:40:41.056|1    |\n"
            "|2020-06-07 15:40:41.39 |2    |\n"
            "+-----------------------+-----+\n");
}

TEST(RateSource, Description) {
  std::string dir = (makeTempDir() / "rate").string();
  RateSource plain(rateOptions({}), contextAt(dir), [] { return kCreation; });
  EXPECT_EQ(plain.description(),
            "RateStreamV2[rowsPerSecond=1, rampUpTimeSeconds=0, numPartitions=default");
  RateSource set(
      rateOptions({{"rowsPerSecond", "10"}, {"rampUpTime", "5s"}, {"NUMPARTITIONS", "3"}}),
      contextAt(dir),
      [] { return kCreation; });
  EXPECT_EQ(set.description(),
            "RateStreamV2[rowsPerSecond=10, rampUpTimeSeconds=5, numPartitions=3");
}

TEST(RateSource, OptionErrorsAreSparks) {
  RateSourceProvider provider;
  EXPECT_EQ(provider.sourceSchema({}, std::nullopt).simpleString(),
            "struct<timestamp:timestamp,value:bigint>");
  EXPECT_EQ(errorOf([&] {
              provider.sourceSchema({{"rowsPerSecond", "0"}}, std::nullopt);
            }),
            "Invalid value '0'. The option 'rowsPerSecond' must be positive");
  EXPECT_EQ(errorOf([&] {
              provider.sourceSchema({{"rampUpTime", "-2s"}}, std::nullopt);
            }),
            "Invalid value '-2'. The option 'rampUpTime' must not be negative");
  EXPECT_EQ(errorOf([&] {
              provider.sourceSchema({{"numPartitions", "-1"}}, std::nullopt);
            }),
            "Invalid value '-1'. The option 'numPartitions' must be positive");
  EXPECT_EQ(errorOf([&] { provider.sourceSchema({}, parseSchemaDDL("a INT")); }),
            "RateStreamProvider source does not support user-specified schema.");
}

TEST(RateSource, TimeStrings) {
  EXPECT_EQ(timeStringAsSec("5s"), 5);
  EXPECT_EQ(timeStringAsSec("1500ms"), 1);
  EXPECT_EQ(timeStringAsSec("2min"), 120);
  EXPECT_EQ(timeStringAsSec("3"), 3);
  EXPECT_EQ(timeStringAsMs("7d"), 604800000);
  EXPECT_EQ(timeStringAsMs(" 1H "), 3600000);
  EXPECT_EQ(
      errorOf([] { timeStringAsMs("5 weeks"); }),
      "Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), hour "
      "(h), or day (d). E.g. 50s, 100ms, or 250us.\nFailed to parse time string: 5 weeks");
  EXPECT_EQ(
      errorOf([] { timeStringAsMs("5w"); }),
      "Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), hour "
      "(h), or day (d). E.g. 50s, 100ms, or 250us.\nInvalid suffix: \"w\"");
}

TEST(RateMicroBatchSource, BatchesOfFixedSizeStampedWithTheBatchStart) {
  RateMicroBatchSource source(
      parseRateMicroBatchOptions(
          {{"rowsPerBatch", "3"}, {"numPartitions", "2"}, {"startTimestamp", "1000"}}),
      contextAt((makeTempDir() / "rmb").string()));
  EXPECT_EQ(
      source.description(),
      "RatePerMicroBatchStream[rowsPerBatch=3, numPartitions=2, startTimestamp=1000, advanceMsPerBatch=1000]");
  auto first = source.latestOffset(std::nullopt);
  EXPECT_EQ(first, "{\"offset\":3,\"timestamp\":2000}");
  auto second = source.latestOffset(first);
  EXPECT_EQ(second, "{\"offset\":6,\"timestamp\":3000}");
  EXPECT_EQ(scanAsTable(*source.getBatch(first, *second)),
            "+-------------------+-----+\n"
            "|timestamp          |value|\n"
            "+-------------------+-----+\n"
            "|1970-01-01 00:00:02|3    |\n"
            "|1970-01-01 00:00:02|5    |\n"
            "|1970-01-01 00:00:02|4    |\n"
            "+-------------------+-----+\n");
  EXPECT_EQ(errorOf([] { parseRateMicroBatchOptions({}); }),
            "Invalid value '0'. The option 'rowsPerBatch' must be positive");
  EXPECT_EQ(errorOf([] {
              parseRateMicroBatchOptions({{"rowsPerBatch", "1"}, {"startTimestamp", "-5"}});
            }),
            "Invalid value '-5'. The option 'startTimestamp' must be non-negative");
  RateMicroBatchSourceProvider provider;
  EXPECT_EQ(errorOf([&] {
              provider.sourceSchema({{"rowsPerBatch", "1"}}, parseSchemaDDL("a INT"));
            }),
            "RatePerMicroBatchProvider source does not support user-specified schema.");
}

}  // namespace
}  // namespace rivulet::connectors
