// The file sink: files straight into the output directory, the _spark_metadata log byte for
// byte, skipping a replayed batch, compaction, partitionBy, reading back through
// read().json()/read().parquet(), and Spark's errors.
#include "rivulet/connectors/file/file_stream_sink.h"

#include <chrono>
#include <filesystem>
#include <regex>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "rivulet/api/session.h"
#include "rivulet/api/data_stream_reader.h"
#include "rivulet/api/data_stream_writer.h"
#include "rivulet/api/streaming_query.h"
#include "rivulet/api/trigger.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/connectors/register_connectors.h"
#include "rivulet/formats/file_listing.h"
#include "testing/batch_from_json.h"
#include "testing/error_of.h"
#include "testing/test_paths.h"

namespace rivulet::connectors {
namespace {

using rivulet::testing::errorOf;

namespace fsys = std::filesystem;
using rivulet::testing::batchFromJson;
using rivulet::testing::makeTempDir;
using rivulet::testing::readFile;
using rivulet::testing::writeFile;

StructType rateSchema() {
  return parseSchemaDDL("timestamp TIMESTAMP, value BIGINT");
}

// Hands `data` to the sink as the query would: as a stream of batches.
void add(streaming::Sink& sink, int64_t batchId, streaming::BatchData data) {
  streaming::BatchStream stream(std::move(data));
  sink.addBatch(batchId, stream);
}

streaming::BatchData rows(int64_t from, int64_t to) {
  std::string json = "[";
  for (int64_t v = from; v < to; ++v) {
    json += (v > from ? "," : "") + std::string("[\"2020-06-07 15:40:41.723\",") +
            std::to_string(v) + "]";
  }
  streaming::BatchData data;
  data.schema = rateSchema();
  data.batches.push_back(batchFromJson(data.schema, json + "]"));
  return data;
}

// Data files directly under `dir` (recursively), sorted, relative.
std::vector<std::string> dataFiles(const fsys::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fsys::recursive_directory_iterator(dir)) {
    std::string rel = e.path().lexically_relative(dir).string();
    if (e.is_regular_file() && rel.find("_spark_metadata") == std::string::npos) {
      out.push_back(rel);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The log line Spark writes for a file.
std::string sinkLogLine(const std::string& file) {
  struct stat st {};

  EXPECT_EQ(::stat(file.c_str(), &st), 0);
  int64_t mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
  return "{\"path\":\"file:" + file + "\",\"size\":" + std::to_string(st.st_size) +
         ",\"isDir\":false,\"modificationTime\":" + std::to_string(mtime) +
         ",\"blockReplication\":1,\"blockSize\":33554432,\"action\":\"add\"}";
}

class FileStreamSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registerStreamingConnectors();
    zone_ = time::TimeZone::utc();
    out_ = (makeTempDir() / "out").string();
  }

  streaming::SinkPtr create(const std::string& format,
                            streaming::OutputMode mode = streaming::OutputMode::kAppend,
                            std::vector<std::string> partitionBy = {}) {
    streaming::SinkContext context;
    context.zone = zone_.get();
    context.outputMode = mode;
    context.partitionColumns = std::move(partitionBy);
    return streaming::findSinkProvider(format)->createSink({{"path", out_}}, rateSchema(), context);
  }

  time::TimeZonePtr zone_;
  std::string out_;
};

TEST_F(FileStreamSinkTest, WritesFilesThenLogsThemAndSkipsReplays) {
  auto sink = create("json");
  EXPECT_EQ(sink->description(), "FileSink[" + out_ + "]");
  EXPECT_EQ(sink->lastOutputRows(), -1);
  add(*sink, 0, rows(0, 3));
  auto files = dataFiles(out_);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(std::regex_match(
      files[0],
      std::regex("part-00000-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                 "[0-9a-f]{12}-c000\\.json")))
      << files[0];
  EXPECT_EQ(readFile(out_ + "/" + files[0]),
            "{\"timestamp\":\"2020-06-07T15:40:41.723Z\",\"value\":0}\n"
            "{\"timestamp\":\"2020-06-07T15:40:41.723Z\",\"value\":1}\n"
            "{\"timestamp\":\"2020-06-07T15:40:41.723Z\",\"value\":2}\n");
  EXPECT_EQ(readFile(out_ + "/_spark_metadata/0"), "v1\n" + sinkLogLine(out_ + "/" + files[0]));
  EXPECT_FALSE(fsys::exists(out_ + "/_SUCCESS"));

  // The same batch again (a re-run after a crash) writes nothing.
  add(*sink, 0, rows(0, 3));
  EXPECT_EQ(dataFiles(out_).size(), 1u);
  // So does a new sink on the same directory (a restarted query).
  auto restarted = create("json");
  add(*restarted, 0, rows(0, 3));
  EXPECT_EQ(dataFiles(out_).size(), 1u);
  add(*restarted, 1, rows(3, 5));
  EXPECT_EQ(dataFiles(out_).size(), 2u);

  // An orphan of a failed attempt is invisible to readers that honour the log.
  writeFile(fsys::path(out_) / "part-00000-orphan-c000.json", "{\"value\":99}\n");
  Session session = Session::builder().config("spark.sql.session.timeZone", "UTC").getOrCreate();
  EXPECT_EQ(session.read()
                .schema("timestamp TIMESTAMP, value BIGINT")
                .json(out_)
                .orderBy("value")
                .showString(20, 0),
            "+-----------------------+-----+\n"
            "|timestamp              |value|\n"
            "+-----------------------+-----+\n"
            "|2020-06-07 15:40:41.723|0    |\n"
            "|2020-06-07 15:40:41.723|1    |\n"
            "|2020-06-07 15:40:41.723|2    |\n"
            "|2020-06-07 15:40:41.723|3    |\n"
            "|2020-06-07 15:40:41.723|4    |\n"
            "+-----------------------+-----+\n");
}

TEST_F(FileStreamSinkTest, ParquetRoundTripAndEmptyBatches) {
  auto sink = create("parquet");
  add(*sink, 0, rows(0, 0));  // an empty batch still writes a file with the schema
  add(*sink, 1, rows(0, 4));
  auto files = dataFiles(out_);
  ASSERT_EQ(files.size(), 2u);
  for (const auto& f : files) {
    EXPECT_TRUE(f.size() > 15 && f.substr(f.size() - 15) == ".snappy.parquet") << f;
  }
  Session session = Session::builder().config("spark.sql.session.timeZone", "UTC").getOrCreate();
  DataFrame back = session.read().parquet(out_);
  EXPECT_EQ(back.count(), 4);
  EXPECT_EQ(
      back.schema().treeString(),
      "root\n |-- timestamp: timestamp (nullable = true)\n |-- value: long (nullable = true)\n");
}

TEST_F(FileStreamSinkTest, CompactsEveryTenBatches) {
  auto sink = create("csv");
  for (int64_t b = 0; b < 11; ++b) {
    add(*sink, b, rows(b, b + 1));
  }
  EXPECT_FALSE(fsys::exists(out_ + "/_spark_metadata/9"));
  std::string compact = readFile(out_ + "/_spark_metadata/9.compact");
  EXPECT_EQ(compact.substr(0, 3), "v1\n");
  EXPECT_EQ(std::count(compact.begin(), compact.end(), '\n'), 10);  // version line + 10 entries
  for (int64_t b = 0; b < 9; ++b) {
    std::string entry = readFile(out_ + "/_spark_metadata/" + std::to_string(b));
    EXPECT_NE(compact.find(entry.substr(3)), std::string::npos) << b;
  }
  auto logged = readFileSinkLog(out_);
  ASSERT_TRUE(logged.has_value());
  EXPECT_EQ(logged->size(), 11u);
  // A replay of a batch the compact entry covers is skipped too.
  add(*sink, 9, rows(100, 101));
  EXPECT_EQ(dataFiles(out_).size(), 11u);
  Session session = Session::builder().getOrCreate();
  EXPECT_EQ(session.read().schema("timestamp TIMESTAMP, value BIGINT").csv(out_).count(), 11);
}

TEST_F(FileStreamSinkTest, LogConfsComeFromTheSessionConf) {
  streaming::SinkContext context;
  context.zone = zone_.get();
  context.sessionConf = {{"spark.sql.streaming.fileSink.log.compactInterval", "3"},
                         {"spark.sql.streaming.fileSink.log.cleanupDelay", "0"},
                         {"spark.sql.streaming.minBatchesToRetain", "1"}};
  auto sink = streaming::findSinkProvider("csv")->createSink({{"path", out_}}, rateSchema(), context);
  for (int64_t b = 0; b < 4; ++b) {
    add(*sink, b, rows(b, b + 1));
  }
  // 2.compact holds batches 0..2; after batch 3 the entries it covers are deleted.
  EXPECT_FALSE(fsys::exists(out_ + "/_spark_metadata/0"));
  EXPECT_FALSE(fsys::exists(out_ + "/_spark_metadata/1"));
  EXPECT_TRUE(fsys::exists(out_ + "/_spark_metadata/2.compact"));
  EXPECT_TRUE(fsys::exists(out_ + "/_spark_metadata/3"));
  auto logged = readFileSinkLog(out_);
  ASSERT_TRUE(logged.has_value());
  EXPECT_EQ(logged->size(), 4u);
  Session session = Session::builder().getOrCreate();
  EXPECT_EQ(session.read().schema("timestamp TIMESTAMP, value BIGINT").csv(out_).count(), 4);

  // Deletion off keeps every entry.
  context.sessionConf.set("spark.sql.streaming.fileSink.log.deletion", "false");
  std::string other = (makeTempDir() / "out").string();
  auto keeping = streaming::findSinkProvider("csv")->createSink({{"path", other}}, rateSchema(), context);
  for (int64_t b = 0; b < 4; ++b) {
    add(*keeping, b, rows(b, b + 1));
  }
  for (const char* name : {"0", "1", "2.compact", "3"}) {
    EXPECT_TRUE(fsys::exists(other + "/_spark_metadata/" + name)) << name;
  }
  EXPECT_EQ(errorOf([&] {
              context.sessionConf.set("spark.sql.streaming.fileSink.log.compactInterval", "-1");
              streaming::findSinkProvider("csv")->createSink({{"path", other}}, rateSchema(), context);
            }),
            "requirement failed: Please set spark.sql.streaming.fileSink.log.compactInterval (was -1) "
            "to a positive value.");
}

TEST_F(FileStreamSinkTest, RetentionDropsOldFilesFromTheCompactEntry) {
  // Two batches logged by an earlier run: one file modified 2 hours ago, one just now.
  fsys::create_directories(out_ + "/_spark_metadata");
  writeFile(out_ + "/old.csv", "2020-06-07T15:40:41.723Z,100\n");
  writeFile(out_ + "/new.csv", "2020-06-07T15:40:41.723Z,101\n");
  auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  auto line = [&](const std::string& name, int64_t mtime) {
    return "{\"path\":\"file:" + out_ + "/" + name +
           "\",\"size\":30,\"isDir\":false,\"modificationTime\":" + std::to_string(mtime) +
           ",\"blockReplication\":1,\"blockSize\":33554432,\"action\":\"add\"}";
  };
  std::string oldLine = line("old.csv", nowMs - 2 * 3600 * 1000);
  std::string newLine = line("new.csv", nowMs);
  writeFile(out_ + "/_spark_metadata/0", "v1\n" + oldLine);
  writeFile(out_ + "/_spark_metadata/1", "v1\n" + newLine);

  streaming::SinkContext context;
  context.zone = zone_.get();
  context.sessionConf = {{"spark.sql.streaming.fileSink.log.compactInterval", "3"}};
  auto sink = streaming::findSinkProvider("csv")->createSink(
      {{"path", out_}, {"retention", "1h"}}, rateSchema(), context);
  // Before the compaction readers still see the old file.
  ASSERT_EQ(readFileSinkLog(out_)->size(), 2u);
  add(*sink, 2, rows(0, 1));
  std::vector<std::string> files = dataFiles(out_);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0], "new.csv");
  EXPECT_EQ(files[1], "old.csv");
  std::string written = files[2];  // part-00000-<uuid>-c000.csv
  EXPECT_EQ(readFile(out_ + "/_spark_metadata/2.compact"),
            "v1\n" + newLine + "\n" + sinkLogLine(out_ + "/" + written));
  auto logged = readFileSinkLog(out_);
  ASSERT_TRUE(logged.has_value());
  ASSERT_EQ(logged->size(), 2u);
  EXPECT_EQ(logged->at(0).path, out_ + "/new.csv");
  EXPECT_EQ(logged->at(1).path, out_ + "/" + written);
  Session session = Session::builder().getOrCreate();
  EXPECT_EQ(session.read().schema("timestamp TIMESTAMP, value BIGINT").csv(out_).count(), 2);

  EXPECT_EQ(errorOf([&] {
              streaming::findSinkProvider("csv")->createSink(
                  {{"path", out_}, {"retention", "soon"}}, rateSchema(), context);
            }).substr(0, 52),
            "Time must be specified as seconds (s), milliseconds ");
}

TEST_F(FileStreamSinkTest, AQueryCompactsAndCleansBothLogsAsTheSessionConfSays) {
  fsys::path root = makeTempDir();
  for (int i = 0; i < 5; ++i) {
    writeFile(root / "in" / ("f" + std::to_string(i) + ".json"),
              "{\"id\":" + std::to_string(i) + "}\n");
  }
  Session session = Session::builder().getOrCreate();
  session.conf().set("spark.sql.streaming.fileSource.log.compactInterval", "2");
  session.conf().set("spark.sql.streaming.fileSource.log.cleanupDelay", "0");
  session.conf().set("spark.sql.streaming.fileSink.log.compactInterval", "2");
  session.conf().set("spark.sql.streaming.fileSink.log.cleanupDelay", "0");
  session.conf().set("spark.sql.streaming.minBatchesToRetain", "1");
  std::string chk = (root / "chk").string();
  StreamingQuery q = session.readStream()
                         .schema("id INT")
                         .option("maxFilesPerTrigger", "1")
                         .json((root / "in").string())
                         .writeStream()
                         .format("csv")
                         .option("checkpointLocation", chk)
                         .trigger(Trigger::AvailableNow())
                         .start(out_);
  q.awaitTermination();
  auto names = [](const fsys::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fsys::directory_iterator(dir)) {
      std::string name = e.path().filename().string();
      if (name[0] != '.') {
        out.push_back(name);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  // Batches 0..4, one file each: compact entries 1 and 3; after batch 4 compact entry 3 covers
  // the retained batch, so 0, 1.compact and 2 are gone.
  EXPECT_EQ(names(root / "chk" / "sources" / "0"), (std::vector<std::string>{"3.compact", "4"}));
  EXPECT_EQ(names(fsys::path(out_) / "_spark_metadata"), (std::vector<std::string>{"3.compact", "4"}));
  EXPECT_EQ(readFileSinkLog(out_)->size(), 5u);
  EXPECT_EQ(session.read().schema("id INT").csv(out_).count(), 5);
}

TEST_F(FileStreamSinkTest, PartitionByWritesHiveDirectories) {
  auto sink = create("json", streaming::OutputMode::kAppend, {"value"});
  add(*sink, 0, rows(1, 3));
  auto files = dataFiles(out_);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].substr(0, 19), "value=1/part-00000-");
  EXPECT_EQ(files[1].substr(0, 19), "value=2/part-00000-");
  EXPECT_EQ(readFile(out_ + "/" + files[0]), "{\"timestamp\":\"2020-06-07T15:40:41.723Z\"}\n");
  std::string log = readFile(out_ + "/_spark_metadata/0");
  EXPECT_EQ(
      log, "v1\n" + sinkLogLine(out_ + "/" + files[0]) + "\n" + sinkLogLine(out_ + "/" + files[1]));
}

TEST_F(FileStreamSinkTest, ErrorsAreSparks) {
  EXPECT_EQ(errorOf([&] { create("parquet", streaming::OutputMode::kComplete); }),
            "Data source parquet does not support Complete output mode");
  EXPECT_EQ(errorOf([&] { create("json", streaming::OutputMode::kUpdate); }),
            "Data source json does not support Update output mode");
  EXPECT_EQ(errorOf([&] { streaming::findSinkProvider("csv")->createSink({}, rateSchema(), {}); }),
            "'path' is not specified");
  EXPECT_EQ(errorOf([&] { create("json", streaming::OutputMode::kAppend, {"nope"}); }),
            "Partition column `nope` not found in schema struct<timestamp:timestamp,value:bigint>");
}

}  // namespace
}  // namespace rivulet::connectors

namespace rivulet::connectors {
namespace {

TEST(FileSinkLogReader, AppliesDeletesAndRejectsMalformedEntries) {
  std::string dir = (makeTempDir() / "out").string();
  auto entry = [](const std::string& path, const char* action) {
    return "{\"path\":\"" + path +
           "\",\"size\":3,\"isDir\":false,\"modificationTime\":7,\"blockReplication\":1," +
           "\"blockSize\":33554432,\"action\":\"" + action + "\"}";
  };
  writeFile(fsys::path(dir) / "_spark_metadata" / "0",
            "v1\n" + entry("file:" + dir + "/a%20b.json", "add") + "\n" +
                entry("file:" + dir + "/c.json", "add"));
  writeFile(fsys::path(dir) / "_spark_metadata" / "1",
            "v1\n" + entry("file:" + dir + "/c.json", "delete"));
  writeFile(fsys::path(dir) / "_spark_metadata" / ".1.crc", "ignored");
  auto files = readFileSinkLog(dir);
  ASSERT_TRUE(files.has_value());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ(files->at(0).path, dir + "/a b.json");
  EXPECT_EQ(files->at(0).size, 3);
  EXPECT_EQ(files->at(0).modificationTime, 7);
  EXPECT_EQ(fileUri("/x/a b%.json"), "file:/x/a%20b%25.json");
  EXPECT_FALSE(readFileSinkLog(dir + "/_spark_metadata").has_value());

  writeFile(fsys::path(dir) / "_spark_metadata" / "2", "v1\n{\"size\":1}");
  EXPECT_EQ(
      errorOf([&] { readFileSinkLog(dir); }),
      "Malformed entry in the file sink log file:" + dir +
          "/_spark_metadata/2, line 2: expected a JSON object with a \"path\", found '{\"size\":1}'");
  writeFile(fsys::path(dir) / "_spark_metadata" / "2", "v2\n");
  EXPECT_EQ(
      errorOf([&] { readFileSinkLog(dir); }),
      "The log file file:" + dir +
          "/_spark_metadata/2 was produced by a newer version (v2); this version reads up to v1.");
}

}  // namespace
}  // namespace rivulet::connectors
