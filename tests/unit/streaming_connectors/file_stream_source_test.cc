// The file stream source: admission order and limits, the source log byte for byte,
// compaction, restarts, maxFileAge, cleanSource, a file sink's output as input, and Spark's errors.
#include "rivulet/connectors/file/file_stream_source.h"

#include <filesystem>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "rivulet/columnar/show.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/connectors/register_connectors.h"
#include "rivulet/formats/file_format.h"
#include "rivulet/formats/file_listing.h"
#include "rivulet/plan/sources/file_source.h"
#include "testing/error_of.h"
#include "testing/test_paths.h"

namespace rivulet::connectors {
namespace {

using rivulet::testing::errorOf;

namespace fsys = std::filesystem;
using rivulet::testing::makeTempDir;
using rivulet::testing::readFile;
using rivulet::testing::writeFile;

constexpr int64_t kT0 = 1591533600000;  // 2020-06-07 12:40:00 UTC

void writeFileAt(const fsys::path& path, const std::string& content, int64_t mtimeMs) {
  writeFile(path, content);
  struct timespec times[2];
  times[0].tv_sec = mtimeMs / 1000;
  times[0].tv_nsec = (mtimeMs % 1000) * 1000000;
  times[1] = times[0];
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
}

class FileStreamSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registerStreamingConnectors();
    root_ = makeTempDir();
    in_ = (root_ / "in").string();
    fsys::create_directories(in_);
  }

  std::unique_ptr<FileStreamSource> open(Options options, const std::string& format = "json") {
    options.set("path", in_);
    streaming::SourceContext context;
    context.metadataPath = (root_ / "chk" / "sources" / "0").string();
    return std::make_unique<FileStreamSource>(
        fileFormat(format), in_, options, parseSchemaDDL("id INT, name STRING"), context);
  }

  // File names of a batch, relative to the input directory.
  std::vector<std::string> namesOf(const plan::DataSourcePtr& batch) const {
    std::vector<std::string> out;
    for (const auto& f : dynamic_cast<const plan::FileSource&>(*batch).files()) {
      out.push_back(fsys::path(f).lexically_relative(in_).string());
    }
    return out;
  }

  std::string logLine(const std::string& name, int64_t mtime, int64_t batchId) const {
    return "{\"path\":\"file:" + in_ + "/" + name + "\",\"timestamp\":" + std::to_string(mtime) +
           ",\"batchId\":" + std::to_string(batchId) + "}";
  }

  std::string logDir() const { return (root_ / "chk" / "sources" / "0").string(); }

  fsys::path root_;
  std::string in_;
};

TEST_F(FileStreamSourceTest, AdmitsOldestFirstWithinMaxFilesPerTrigger) {
  writeFileAt(fsys::path(in_) / "c.json", "{\"id\":3,\"name\":\"c\"}\n", kT0 + 2000);
  writeFileAt(fsys::path(in_) / "a.json", "{\"id\":1,\"name\":\"a\"}\n", kT0);
  writeFileAt(fsys::path(in_) / "b.json", "{\"id\":2,\"name\":\"b\"}\n", kT0 + 1000);
  writeFileAt(fsys::path(in_) / ".hidden.json", "{}\n", kT0);
  auto source = open({{"maxFilesPerTrigger", "2"}});
  EXPECT_EQ(source->description(), "FileStreamSource[file:" + in_ + "]");
  EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":0}");
  EXPECT_EQ(readFile(logDir() + "/0"),
            "v1\n" + logLine("a.json", kT0, 0) + "\n" + logLine("b.json", kT0 + 1000, 0));
  EXPECT_EQ(source->latestOffset(std::string("{\"logOffset\":0}")), "{\"logOffset\":1}");
  EXPECT_EQ(readFile(logDir() + "/1"), "v1\n" + logLine("c.json", kT0 + 2000, 1));
  // Nothing new: the same offset, no log entry.
  EXPECT_EQ(source->latestOffset(std::string("{\"logOffset\":1}")), "{\"logOffset\":1}");
  EXPECT_FALSE(fsys::exists(logDir() + "/2"));

  EXPECT_EQ(namesOf(source->getBatch(std::nullopt, "{\"logOffset\":0}")),
            (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_EQ(namesOf(source->getBatch(std::string("{\"logOffset\":0}"), "{\"logOffset\":1}")),
            (std::vector<std::string>{"c.json"}));
  // A bare number is accepted as an offset too.
  EXPECT_EQ(namesOf(source->getBatch(std::nullopt, "1")),
            (std::vector<std::string>{"a.json", "b.json", "c.json"}));

  // The batch reads the rows of exactly its files.
  auto batch = source->getBatch(std::nullopt, "{\"logOffset\":0}");
  auto zone = time::TimeZone::utc();
  plan::ScanContext context;
  context.zone = zone.get();
  auto it = batch->open({0, 1}, {}, context);
  std::vector<Batch> parts;
  while (auto b = it->next()) {
    parts.push_back(*b);
  }
  ShowOptions show;
  show.zone = zone.get();
  EXPECT_EQ(showString(concatBatches(parts, 2), batch->schema(), show),
            "+---+----+\n"
            "| id|name|\n"
            "+---+----+\n"
            "|  1|   a|\n"
            "|  2|   b|\n"
            "+---+----+\n");
}

TEST_F(FileStreamSourceTest, NoFilesMeansNoOffsetAndNewFilesArePickedUpLater) {
  auto source = open({});
  EXPECT_EQ(source->latestOffset(std::nullopt), std::nullopt);
  writeFileAt(fsys::path(in_) / "a.json", "{\"id\":1}\n", kT0);
  writeFileAt(fsys::path(in_) / "b.json", "{\"id\":2}\n", kT0);
  EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":0}");
  EXPECT_EQ(readFile(logDir() + "/0"),
            "v1\n" + logLine("a.json", kT0, 0) + "\n" + logLine("b.json", kT0, 0));
  writeFileAt(fsys::path(in_) / "part=x" / "c.json", "{\"id\":3}\n", kT0 + 5);
  EXPECT_EQ(source->latestOffset(std::string("{\"logOffset\":0}")), "{\"logOffset\":1}");
  EXPECT_EQ(namesOf(source->getBatch(std::string("{\"logOffset\":0}"), "{\"logOffset\":1}")),
            (std::vector<std::string>{"part=x/c.json"}));
}

TEST_F(FileStreamSourceTest, LatestFirstTakesTheNewestFiles) {
  for (int i = 0; i < 3; ++i) {
    writeFileAt(fsys::path(in_) / ("f" + std::to_string(i) + ".json"), "{}\n", kT0 + i * 1000);
  }
  auto source = open({{"latestFirst", "true"}, {"maxFilesPerTrigger", "1"}});
  std::optional<std::string> offset;
  std::vector<std::string> order;
  for (int i = 0; i < 3; ++i) {
    auto next = source->latestOffset(offset);
    order.push_back(namesOf(source->getBatch(offset, *next)).at(0));
    offset = next;
  }
  EXPECT_EQ(order, (std::vector<std::string>{"f2.json", "f1.json", "f0.json"}));
}

TEST_F(FileStreamSourceTest, MaxBytesPerTriggerAdmitsAtLeastOneFile) {
  writeFileAt(fsys::path(in_) / "a.json", std::string(100, ' '), kT0);
  writeFileAt(fsys::path(in_) / "b.json", std::string(100, ' '), kT0 + 1);
  writeFileAt(fsys::path(in_) / "c.json", std::string(500, ' '), kT0 + 2);
  writeFileAt(fsys::path(in_) / "d.json", std::string(10, ' '), kT0 + 3);
  auto source = open({{"maxBytesPerTrigger", "250"}});
  std::optional<std::string> offset;
  std::vector<std::vector<std::string>> batches;
  for (int i = 0; i < 3; ++i) {
    auto next = source->latestOffset(offset);
    batches.push_back(namesOf(source->getBatch(offset, *next)));
    offset = next;
  }
  EXPECT_EQ(batches,
            (std::vector<std::vector<std::string>>{{"a.json", "b.json"}, {"c.json"}, {"d.json"}}));
  EXPECT_EQ(
      errorOf([] {
        parseFileStreamOptions({{"maxBytesPerTrigger", "1"}, {"maxFilesPerTrigger", "1"}});
      }),
      "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time");
}

TEST_F(FileStreamSourceTest, AvailableNowSeesOnlyTheFilesPresentAtStart) {
  writeFileAt(fsys::path(in_) / "a.json", "{}\n", kT0);
  writeFileAt(fsys::path(in_) / "b.json", "{}\n", kT0 + 1);
  streaming::SourceContext context;
  context.metadataPath = (root_ / "chk" / "sources" / "0").string();
  context.availableNow = true;
  FileStreamSource source(fileFormat("json"),
                          in_,
                          {{"path", in_}, {"maxFilesPerTrigger", "1"}},
                          parseSchemaDDL("id INT"),
                          context);
  EXPECT_EQ(source.latestOffset(std::nullopt), "{\"logOffset\":0}");
  writeFileAt(fsys::path(in_) / "c.json", "{}\n", kT0 + 2);
  EXPECT_EQ(source.latestOffset(std::nullopt), "{\"logOffset\":1}");
  EXPECT_EQ(source.latestOffset(std::nullopt), "{\"logOffset\":1}");
  EXPECT_EQ(namesOf(source.getBatch(std::nullopt, "{\"logOffset\":1}")),
            (std::vector<std::string>{"a.json", "b.json"}));
}

TEST_F(FileStreamSourceTest, RestartKeepsSeenFilesAndCompactsEveryTenEntries) {
  for (int i = 0; i < 12; ++i) {
    writeFileAt(fsys::path(in_) / ("f" + std::to_string(i / 10) + std::to_string(i % 10) + ".json"),
                "{}\n",
                kT0 + i * 1000);
  }
  {
    auto source = open({{"maxFilesPerTrigger", "1"}});
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":" + std::to_string(i) + "}");
    }
  }
  // A new run admits only files it has not logged yet.
  auto source = open({{"maxFilesPerTrigger", "1"}});
  for (int i = 5; i < 12; ++i) {
    EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":" + std::to_string(i) + "}");
  }
  EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":11}");
  EXPECT_FALSE(fsys::exists(logDir() + "/9"));
  std::string expected = "v1";
  for (int i = 0; i < 10; ++i) {
    expected += "\n" + logLine("f0" + std::to_string(i) + ".json", kT0 + i * 1000, i);
  }
  EXPECT_EQ(readFile(logDir() + "/9.compact"), expected);
  EXPECT_EQ(readFile(logDir() + "/10"), "v1\n" + logLine("f10.json", kT0 + 10000, 10));
  // A batch over a compact entry reads only that batch's files from it.
  EXPECT_EQ(namesOf(source->getBatch(std::string("{\"logOffset\":7}"), "{\"logOffset\":10}")),
            (std::vector<std::string>{"f08.json", "f09.json", "f10.json"}));
  // A restart after compaction restores every seen file from "9.compact" + "10" + "11".
  auto again = open({{"maxFilesPerTrigger", "1"}});
  EXPECT_EQ(again->latestOffset(std::nullopt), "{\"logOffset\":11}");
}

TEST_F(FileStreamSourceTest, LogConfsCompactAndDeleteAndARestartStillReads) {
  for (int i = 0; i < 9; ++i) {
    writeFileAt(fsys::path(in_) / ("f0" + std::to_string(i) + ".json"), "{}\n", kT0 + i * 1000);
  }
  // The session confs as DataStreamReader hands them to the source: in its options.
  Options options{{"maxFilesPerTrigger", "1"},
                  {"spark.sql.streaming.fileSource.log.compactInterval", "3"},
                  {"spark.sql.streaming.fileSource.log.cleanupDelay", "0"},
                  {"spark.sql.streaming.minBatchesToRetain", "1"}};
  {
    auto source = open(options);
    for (int i = 0; i < 8; ++i) {
      EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":" + std::to_string(i) + "}");
    }
    // 2.compact and 5.compact were written; after batch 6 the entries 5.compact covers went.
    std::vector<std::string> names;
    for (const auto& e : fsys::directory_iterator(logDir())) {
      names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"5.compact", "6", "7"}));
    std::string expected = "v1";
    for (int i = 0; i < 6; ++i) {
      expected += "\n" + logLine("f0" + std::to_string(i) + ".json", kT0 + i * 1000, i);
    }
    EXPECT_EQ(readFile(logDir() + "/5.compact"), expected);
    // Batches whose entries were deleted are read from the compact entry.
    EXPECT_EQ(namesOf(source->getBatch(std::string("{\"logOffset\":2}"), "{\"logOffset\":6}")),
              (std::vector<std::string>{"f03.json", "f04.json", "f05.json", "f06.json"}));
  }
  // A restart knows every file logged so far and admits only the new one.
  auto again = open(options);
  EXPECT_EQ(again->latestOffset(std::nullopt), "{\"logOffset\":8}");
  EXPECT_EQ(namesOf(again->getBatch(std::string("{\"logOffset\":7}"), "{\"logOffset\":8}")),
            (std::vector<std::string>{"f08.json"}));
  EXPECT_EQ(again->latestOffset(std::nullopt), "{\"logOffset\":8}");

  // Deletion off keeps every entry.
  fsys::remove_all(root_ / "chk");
  options.set("spark.sql.streaming.fileSource.log.deletion", "false");
  auto keeping = open(options);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(keeping->latestOffset(std::nullopt), "{\"logOffset\":" + std::to_string(i) + "}");
  }
  for (const char* name : {"0", "1", "2.compact", "3", "4", "5.compact", "6", "7"}) {
    EXPECT_TRUE(fsys::exists(logDir() + "/" + name)) << name;
  }
}

TEST_F(FileStreamSourceTest, MaxFileAgeIsRelativeToTheNewestFile) {
  writeFileAt(fsys::path(in_) / "old.json", "{}\n", kT0);
  writeFileAt(fsys::path(in_) / "new.json", "{}\n", kT0 + 7200000);
  auto source = open({{"maxFileAge", "1h"}});
  // The first batch considers everything.
  EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":0}");
  EXPECT_EQ(namesOf(source->getBatch(std::nullopt, "{\"logOffset\":0}")),
            (std::vector<std::string>{"old.json", "new.json"}));
  // Older than newest - 1h: ignored.
  writeFileAt(fsys::path(in_) / "late.json", "{}\n", kT0 + 1800000);
  EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":0}");
  writeFileAt(fsys::path(in_) / "recent.json", "{}\n", kT0 + 7000000);
  EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":1}");
  EXPECT_EQ(namesOf(source->getBatch(std::string("{\"logOffset\":0}"), "{\"logOffset\":1}")),
            (std::vector<std::string>{"recent.json"}));
}

TEST_F(FileStreamSourceTest, FileNameOnlyComparesNamesAlone) {
  writeFileAt(fsys::path(in_) / "a=1" / "x.json", "{}\n", kT0);
  auto source = open({{"fileNameOnly", "true"}});
  EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":0}");
  writeFileAt(fsys::path(in_) / "a=2" / "x.json", "{}\n", kT0 + 1);
  EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":0}");
}

TEST_F(FileStreamSourceTest, CleanSourceDeletesOrArchivesCommittedFiles) {
  writeFileAt(fsys::path(in_) / "a.json", "{}\n", kT0);
  auto source = open({{"cleanSource", "delete"}});
  auto end = source->latestOffset(std::nullopt);
  EXPECT_TRUE(fsys::exists(fsys::path(in_) / "a.json"));
  source->commit(*end);
  EXPECT_FALSE(fsys::exists(fsys::path(in_) / "a.json"));

  std::string archive = (root_ / "archive").string();
  writeFileAt(fsys::path(in_) / "b.json", "{}\n", kT0 + 1);
  auto archiving = open({{"cleanSource", "archive"}, {"sourceArchiveDir", archive}});
  auto end2 = archiving->latestOffset(end);
  EXPECT_EQ(end2, "{\"logOffset\":1}");
  archiving->commit(*end2);
  EXPECT_FALSE(fsys::exists(fsys::path(in_) / "b.json"));
  EXPECT_TRUE(fsys::exists(archive + in_ + "/b.json"));
}

TEST_F(FileStreamSourceTest, ReadsOnlyTheFilesOfAFileSinkLog) {
  // A file sink's output: one committed file, one orphan of a failed attempt.
  writeFileAt(fsys::path(in_) / "part-00000-committed.json", "{\"id\":1}\n", kT0);
  writeFileAt(fsys::path(in_) / "part-00000-orphan.json", "{\"id\":2}\n", kT0);
  writeFile(fsys::path(in_) / "_spark_metadata" / "0",
            "v1\n{\"path\":\"file://" + in_ +
                "/part-00000-committed.json\",\"size\":9,\"isDir\":false,\"modificationTime\":" +
                std::to_string(kT0) +
                ",\"blockReplication\":1,\"blockSize\":33554432,\"action\":\"add\"}");
  EXPECT_EQ(listDataFiles({in_}), (std::vector<std::string>{in_ + "/part-00000-committed.json"}));
  auto source = open({});
  EXPECT_EQ(source->latestOffset(std::nullopt), "{\"logOffset\":0}");
  EXPECT_EQ(namesOf(source->getBatch(std::nullopt, "{\"logOffset\":0}")),
            (std::vector<std::string>{"part-00000-committed.json"}));
  FileStreamSourceProvider provider("json");
  EXPECT_EQ(
      errorOf([&] {
        streaming::SourceContext context;
        context.metadataPath = (root_ / "chk2").string();
        provider.createSource(
            {{"path", in_}, {"cleanSource", "delete"}}, parseSchemaDDL("id INT"), context);
      }),
      "Cleaning up source files is not supported when reading from the output directory of FileStreamSink.");
}

TEST_F(FileStreamSourceTest, SchemaRulesAndErrorsAreSparks) {
  FileStreamSourceProvider json("json");
  EXPECT_EQ(errorOf([&] { json.sourceSchema({}, std::nullopt); }), "'path' is not specified");
  EXPECT_EQ(errorOf([&] {
              json.sourceSchema({{"path", in_ + "/missing"}}, std::nullopt);
            }),
            "[PATH_NOT_FOUND] Path does not exist: file:" + in_ + "/missing.");
  EXPECT_EQ(
      errorOf([&] {
        json.sourceSchema({{"path", in_}}, std::nullopt);
      }),
      "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the "
      "directory, then depending on the file format you may be able to create a static DataFrame on that "
      "directory with 'spark.read.load(directory)' and infer schema from it.");
  // A glob need not match anything yet.
  EXPECT_EQ(json.sourceSchema({{"path", in_ + "/*/x"}}, parseSchemaDDL("a INT")).simpleString(),
            "struct<a:int>");
  EXPECT_EQ(
      FileStreamSourceProvider("text").sourceSchema({{"path", in_}}, std::nullopt).simpleString(),
      "struct<value:string>");
  EXPECT_EQ(
      errorOf([&] {
        json.sourceSchema({{"path", in_}, {"spark.sql.streaming.schemaInference", "true"}},
                          std::nullopt);
      }),
      "[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for JSON. It must be specified manually.");
  writeFileAt(fsys::path(in_) / "a.json", "{\"id\":1,\"name\":\"a\"}\n", kT0);
  EXPECT_EQ(json.sourceSchema({{"path", in_}, {"spark.sql.streaming.schemaInference", "true"}},
                              std::nullopt)
                .simpleString(),
            "struct<id:bigint,name:string>");

  EXPECT_EQ(errorOf([] {
              parseFileStreamOptions({{"maxFilesPerTrigger", "0"}});
            }),
            "Invalid value '0' for option 'maxFilesPerTrigger', must be a positive integer");
  EXPECT_EQ(errorOf([] {
              parseFileStreamOptions({{"latestFirst", "yes"}});
            }),
            "Invalid value 'yes' for option 'latestFirst', must be true or false");
  EXPECT_EQ(errorOf([] {
              parseFileStreamOptions({{"cleanSource", "move"}});
            }),
            "Invalid mode for clean source option Some(move). Must be one of ARCHIVE,DELETE,OFF");
  EXPECT_EQ(errorOf([] {
              parseFileStreamOptions({{"cleanSource", "archive"}});
            }),
            "Archive mode must be used with 'sourceArchiveDir' option.");
  EXPECT_EQ(parseFileStreamOptions({}).maxFileAgeMs, 604800000);
  // latestFirst with a limit ignores maxFileAge.
  EXPECT_EQ(parseFileStreamOptions(
                {{"latestFirst", "true"}, {"maxFilesPerTrigger", "5"}, {"maxFileAge", "1h"}})
                .maxFileAgeMs,
            INT64_MAX);
}

}  // namespace
}  // namespace rivulet::connectors
