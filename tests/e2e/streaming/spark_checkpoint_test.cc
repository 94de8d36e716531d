// Resuming checkpoints written by Spark 3.x: each test lays out a checkpoint directory byte for
// byte as Spark's HDFSMetadataLog family writes it on a local file system (metadata, offsets/N,
// commits/N, the sources' own logs, and the Hadoop ".<name>.crc" side files), then starts the
// equivalent Rivulet query on it and checks the batches it runs and the log entries it adds.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fcntl.h>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "rivulet/connectors/kafka/kafka_source_offsets.h"
#include "rivulet/rivulet.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

namespace fs = std::filesystem;
using rivulet::testing::makeTempDir;
using rivulet::testing::readFile;
using rivulet::testing::writeFile;

constexpr const char* kSparkQueryId = "9538ada3-a233-4697-8b02-cc66250189a3";

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// CRC-32 (IEEE), as Hadoop's ChecksumFileSystem computes it.
uint32_t crc32(const std::string& data, size_t from, size_t length) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = from; i < from + length; ++i) {
    crc ^= static_cast<unsigned char>(data[i]);
    for (int k = 0; k < 8; ++k) {
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  }
  return ~crc;
}

// Hadoop's checksum side file: "crc\0", bytesPerChecksum (512), then one big-endian CRC-32 per
// 512-byte chunk of the data.
std::string hadoopCrcFile(const std::string& data) {
  std::string out("crc\0", 4);
  auto putInt = [&out](uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      out += static_cast<char>((v >> shift) & 0xFF);
    }
  };
  putInt(512);
  for (size_t at = 0; at < data.size(); at += 512) {
    putInt(crc32(data, at, std::min<size_t>(512, data.size() - at)));
  }
  return out;
}

// Writes `content` at `path` and, beside it, the ".<name>.crc" file Spark's local checkpoint
// file manager leaves there.
void writeWithCrc(const fs::path& path, const std::string& content) {
  writeFile(path, content);
  writeFile(path.parent_path() / ("." + path.filename().string() + ".crc"), hadoopCrcFile(content));
}

void setMtimeMs(const fs::path& path, int64_t ms) {
  struct timespec times[2];
  times[0].tv_sec = ms / 1000;
  times[0].tv_nsec = (ms % 1000) * 1000000;
  times[1] = times[0];
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0) << path;
}

// The conf line of offsets/N as Spark 3.5 writes it (its key order), with a shuffle partition
// count the user had set.
std::string sparkOffsetsMetadata(int64_t batchTimestampMs, const std::string& shufflePartitions = "200") {
  return "{\"batchWatermarkMs\":0,\"batchTimestampMs\":" + std::to_string(batchTimestampMs) +
         ",\"conf\":{"
         "\"spark.sql.streaming.stateStore.providerClass\":"
         "\"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider\","
         "\"spark.sql.streaming.join.stateFormatVersion\":\"2\","
         "\"spark.sql.streaming.stateStore.compression.codec\":\"lz4\","
         "\"spark.sql.streaming.stateStore.rocksdb.formatVersion\":\"5\","
         "\"spark.sql.streaming.statefulOperator.useStrictDistribution\":\"true\","
         "\"spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion\":\"2\","
         "\"spark.sql.streaming.multipleWatermarkPolicy\":\"min\","
         "\"spark.sql.streaming.aggregation.stateFormatVersion\":\"2\","
         "\"spark.sql.shuffle.partitions\":\"" +
         shufflePartitions + "\"}}";
}

// A checkpoint directory as Spark 3.x writes it.
class SparkCheckpoint {
 public:
  explicit SparkCheckpoint(fs::path root) : root_(std::move(root)) {}

  const fs::path& root() const { return root_; }

  // StreamMetadata: the JSON object, no newline.
  void writeMetadata(const std::string& id = kSparkQueryId) {
    writeWithCrc(root_ / "metadata", "{\"id\":\"" + id + "\"}");
  }

  // OffsetSeqLog: "v1", the metadata line, one offset per source; lines joined by '\n', no
  // trailing newline.
  void writeOffsets(int64_t batchId, const std::string& offset, int64_t batchTimestampMs,
                    const std::string& shufflePartitions = "200") {
    writeWithCrc(root_ / "offsets" / std::to_string(batchId),
                 "v1\n" + sparkOffsetsMetadata(batchTimestampMs, shufflePartitions) + "\n" + offset);
  }

  // CommitLog.
  void writeCommit(int64_t batchId) {
    writeWithCrc(root_ / "commits" / std::to_string(batchId), "v1\n{\"nextBatchWatermarkMs\":0}");
  }

  // FileStreamSourceLog: "v1" then one FileEntry JSON per line ('\n' before each entry).
  void writeFileSourceLog(const std::string& name, const std::vector<std::string>& entries) {
    std::string body = "v1";
    for (const auto& e : entries) {
      body += "\n" + e;
    }
    writeWithCrc(root_ / "sources" / "0" / name, body);
  }

  // RateStreamMicroBatchStream's start time: "v1\n" + LongOffset json (the bare number).
  void writeRateStartTime(int64_t creationMs) {
    writeWithCrc(root_ / "sources" / "0" / "0", "v1\n" + std::to_string(creationMs));
  }

 private:
  fs::path root_;
};

// FileStreamSource's FileEntry as json4s writes it: path (Hadoop's Path.toUri, "file:/..."),
// the file's modification time in ms, and the batch that admitted it.
// java.net.URI's quoting of a path: letters, digits, "_-!.~'()*,;:$&+=/@" and non-ASCII
// stay, every other byte becomes %XX.
std::string uriPath(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c >= 0x80 || std::string("_-!.~'()*,;:$&+=/@").find(static_cast<char>(c)) != std::string::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string fileEntry(const fs::path& file, int64_t timestampMs, int64_t batchId) {
  return "{\"path\":\"file:" + uriPath(file.string()) + "\",\"timestamp\":" + std::to_string(timestampMs) +
         ",\"batchId\":" + std::to_string(batchId) + "}";
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Checks offsets/N as Rivulet wrote it: Spark's three-part layout with `offset` for the one source.
void expectOffsetsEntry(const fs::path& file, const std::string& offset) {
  ASSERT_TRUE(fs::exists(file)) << file;
  auto l = lines(readFile(file));
  ASSERT_EQ(l.size(), 3u) << readFile(file);
  EXPECT_EQ(l[0], "v1");
  EXPECT_TRUE(std::regex_match(l[1], std::regex(R"(\{"batchWatermarkMs":0,"batchTimestampMs":\d{13},"conf":\{.*\}\})")))
      << l[1];
  EXPECT_EQ(l[2], offset);
}

class SparkCheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = std::make_unique<Session>(Session::builder().getOrCreate());
    session_->conf().set("spark.sql.session.timeZone", "UTC");
    root_ = fs::canonical(makeTempDir("rivulet-spark-ckpt"));
    in_ = root_ / "in";
    fs::create_directories(in_);
  }

  // A JSON input file with one row {"id":id}, modified at `mtimeMs`.
  fs::path inputFile(const std::string& name, int id, int64_t mtimeMs) {
    fs::path p = in_ / name;
    writeFile(p, "{\"id\":" + std::to_string(id) + ",\"name\":\"" + name + "\"}\n");
    setMtimeMs(p, mtimeMs);
    return p;
  }

  // Spark's checkpoint after batch 0 read `a` (logged at t0 + 100) and committed it.
  SparkCheckpoint sparkAfterBatch0(const fs::path& a, int64_t t0, const std::string& shufflePartitions = "200") {
    SparkCheckpoint spark(root_ / "checkpoint");
    spark.writeMetadata();
    spark.writeFileSourceLog("0", {fileEntry(a, t0, 0)});
    spark.writeOffsets(0, "{\"logOffset\":0}", t0 + 100, shufflePartitions);
    spark.writeCommit(0);
    return spark;
  }

  // The json file stream of in/ into the memory table `table`, run to the end of AvailableNow.
  StreamingQuery runFilesToMemory(const std::string& table, const std::string& maxFilesPerTrigger = "") {
    DataStreamReader reader = session_->readStream().schema("id INT, name STRING");
    if (!maxFilesPerTrigger.empty()) {
      reader.option("maxFilesPerTrigger", maxFilesPerTrigger);
    }
    StreamingQuery q = reader.json(in_.string())
                           .writeStream()
                           .format("memory")
                           .queryName(table)
                           .option("checkpointLocation", (root_ / "checkpoint").string())
                           .trigger(Trigger::AvailableNow())
                           .start();
    q.awaitTermination();
    return q;
  }

  std::vector<int> ids(const std::string& table) {
    std::vector<int> out;
    for (const auto& row : session_->table(table).orderBy("id").collect()) {
      out.push_back(row.getInt(0));
    }
    return out;
  }

  std::unique_ptr<Session> session_;
  fs::path root_;
  fs::path in_;
};

// ---- file source ----

// Spark read a.json in batch 0 and b.json in batch 1, both committed; c.json arrived since.
// b's name has characters that Hadoop's Path.toUri escapes ("b%20file%232.json" in the log).
TEST_F(SparkCheckpointTest, FileSourceContinuesAfterCommittedBatches) {
  int64_t t0 = nowMs() - 600000;
  auto a = inputFile("a.json", 1, t0);
  auto b = inputFile("b file#2.json", 2, t0 + 1000);
  ASSERT_NE(fileEntry(b, 0, 0).find("/b%20file%232.json\""), std::string::npos);
  auto c = inputFile("c.json", 3, t0 + 2000);
  SparkCheckpoint spark = sparkAfterBatch0(a, t0);
  spark.writeFileSourceLog("1", {fileEntry(b, t0 + 1000, 1)});
  spark.writeOffsets(1, "{\"logOffset\":1}", t0 + 1100);
  spark.writeCommit(1);

  StreamingQuery q = runFilesToMemory("spark_files_committed");
  EXPECT_EQ(q.id(), kSparkQueryId);
  EXPECT_EQ(ids("spark_files_committed"), std::vector<int>({3}));
  auto progress = q.recentProgress();
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_EQ(progress[0].batchId, 2);
  EXPECT_EQ(progress[0].numInputRows, 1);
  EXPECT_EQ(progress[0].sources[0].startOffset, "{\"logOffset\":1}");
  EXPECT_EQ(progress[0].sources[0].endOffset, "{\"logOffset\":2}");

  const fs::path ckpt = root_ / "checkpoint";
  expectOffsetsEntry(ckpt / "offsets" / "2", "{\"logOffset\":2}");
  EXPECT_EQ(readFile(ckpt / "commits" / "2"), "v1\n{\"nextBatchWatermarkMs\":0}");
  EXPECT_EQ(readFile(ckpt / "sources" / "0" / "2"), "v1\n" + fileEntry(c, t0 + 2000, 2));
  EXPECT_EQ(readFile(ckpt / "metadata"), std::string("{\"id\":\"") + kSparkQueryId + "\"}");
  EXPECT_FALSE(fs::exists(ckpt / "offsets" / "3"));
}

// The same checkpoint with batch 1 logged but not committed: batch 1 runs again with exactly
// b.json (c.json, newer, waits for batch 2).
TEST_F(SparkCheckpointTest, FileSourceReRunsAnUncommittedBatchWithItsLoggedFiles) {
  int64_t t0 = nowMs() - 600000;
  auto a = inputFile("a.json", 1, t0);
  auto b = inputFile("b.json", 2, t0 + 1000);
  auto c = inputFile("c.json", 3, t0 + 2000);
  SparkCheckpoint spark = sparkAfterBatch0(a, t0);
  spark.writeFileSourceLog("1", {fileEntry(b, t0 + 1000, 1)});
  spark.writeOffsets(1, "{\"logOffset\":1}", t0 + 1100);
  const std::string sparkOffsets1 = readFile(root_ / "checkpoint" / "offsets" / "1");

  StreamingQuery q = runFilesToMemory("spark_files_uncommitted");
  EXPECT_EQ(q.id(), kSparkQueryId);
  EXPECT_EQ(ids("spark_files_uncommitted"), std::vector<int>({2, 3}));
  auto progress = q.recentProgress();
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0].batchId, 1);
  EXPECT_EQ(progress[0].numInputRows, 1);  // b.json only
  EXPECT_EQ(progress[0].sources[0].startOffset, "{\"logOffset\":0}");
  EXPECT_EQ(progress[0].sources[0].endOffset, "{\"logOffset\":1}");
  EXPECT_EQ(progress[1].batchId, 2);
  EXPECT_EQ(progress[1].numInputRows, 1);  // c.json

  const fs::path ckpt = root_ / "checkpoint";
  EXPECT_EQ(readFile(ckpt / "offsets" / "1"), sparkOffsets1);  // never rewritten
  EXPECT_EQ(readFile(ckpt / "commits" / "1"), "v1\n{\"nextBatchWatermarkMs\":0}");
  expectOffsetsEntry(ckpt / "offsets" / "2", "{\"logOffset\":2}");
  EXPECT_EQ(readFile(ckpt / "sources" / "0" / "2"), "v1\n" + fileEntry(c, t0 + 2000, 2));
}

// Spark stopped after logging c.json as source log entry 1 but before writing offsets/1: batch 1
// takes that entry and the next one (d.json, entry 2), as Spark's would.
TEST_F(SparkCheckpointTest, FileSourceLogEntryAheadOfTheOffsetsIsRead) {
  int64_t t0 = nowMs() - 600000;
  auto a = inputFile("a.json", 1, t0);
  auto c = inputFile("c.json", 3, t0 + 2000);
  auto d = inputFile("d.json", 4, t0 + 3000);
  SparkCheckpoint spark = sparkAfterBatch0(a, t0);
  spark.writeFileSourceLog("1", {fileEntry(c, t0 + 2000, 1)});

  StreamingQuery q = runFilesToMemory("spark_files_log_ahead");
  EXPECT_EQ(ids("spark_files_log_ahead"), std::vector<int>({3, 4}));
  auto progress = q.recentProgress();
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_EQ(progress[0].batchId, 1);
  EXPECT_EQ(progress[0].sources[0].startOffset, "{\"logOffset\":0}");
  EXPECT_EQ(progress[0].sources[0].endOffset, "{\"logOffset\":2}");
  const fs::path ckpt = root_ / "checkpoint";
  expectOffsetsEntry(ckpt / "offsets" / "1", "{\"logOffset\":2}");
  EXPECT_EQ(readFile(ckpt / "sources" / "0" / "2"), "v1\n" + fileEntry(d, t0 + 3000, 2));
}

// Spark re-applies the conf line of the last offsets entry on restart and writes it into every
// later entry. Known gap: Rivulet writes its defaults instead (offsets/2 below gets
// "spark.sql.shuffle.partitions":"200"); harmless for the stateless queries it resumes, but not
// Spark's behaviour. Enable once MicroBatchExecution carries the recovered conf forward.
TEST_F(SparkCheckpointTest, ConfLineOfTheCheckpointIsCarriedForward) {
  int64_t t0 = nowMs() - 600000;
  auto a = inputFile("a.json", 1, t0);
  inputFile("b.json", 2, t0 + 1000);
  sparkAfterBatch0(a, t0, /*shufflePartitions=*/"7");
  runFilesToMemory("spark_files_conf");
  auto l = lines(readFile(root_ / "checkpoint" / "offsets" / "1"));
  ASSERT_EQ(l.size(), 3u);
  EXPECT_NE(l[1].find("\"spark.sql.shuffle.partitions\":\"7\""), std::string::npos) << l[1];
}

// A file source log past Spark's compaction (compactInterval 10): entries 0..8, 9.compact with
// every entry of batches 0..9, 10. Parameter: whether Spark's cleanup had already deleted 0..8
// (it does once they are older than fileSource.log.cleanupDelay).
class SparkCheckpointCompactedLogTest : public SparkCheckpointTest, public ::testing::WithParamInterface<bool> {
 protected:
  // f00.json .. f<n-1>.json with ids 0..n-1; Spark's log entries for batches 0..lastLogged
  // (one file each); offsets 0..lastOffsets; commits 0..lastCommitted.
  void writeSparkRun(int files, int lastLogged, int lastOffsets, int lastCommitted, bool plainEntriesDeleted) {
    const int64_t t0 = t0_;
    std::vector<std::string> entries;
    for (int i = 0; i < files; ++i) {
      char name[16];
      std::snprintf(name, sizeof name, "f%02d.json", i);
      auto p = inputFile(name, i, t0 + i * 1000);
      if (i <= lastLogged) {
        entries.push_back(fileEntry(p, t0 + i * 1000, i));
      }
    }
    SparkCheckpoint spark(root_ / "checkpoint");
    spark.writeMetadata();
    for (int i = 0; i <= lastLogged; ++i) {
      if (i == 9) {
        spark.writeFileSourceLog("9.compact", std::vector<std::string>(entries.begin(), entries.begin() + 10));
      } else if (i > 9 || !plainEntriesDeleted) {
        spark.writeFileSourceLog(std::to_string(i), {entries[i]});
      }
    }
    for (int i = 0; i <= lastOffsets; ++i) {
      spark.writeOffsets(i, "{\"logOffset\":" + std::to_string(i) + "}", t0 + i * 1000 + 100);
      if (i <= lastCommitted) {
        spark.writeCommit(i);
      }
    }
  }

  const int64_t t0_ = nowMs() - 600000;
};

TEST_P(SparkCheckpointCompactedLogTest, FilesOfTheCompactEntryAreNotReadAgain) {
  writeSparkRun(/*files=*/12, /*lastLogged=*/10, /*lastOffsets=*/10, /*lastCommitted=*/10, GetParam());
  const fs::path ckpt = root_ / "checkpoint";
  const std::string compact = readFile(ckpt / "sources" / "0" / "9.compact");

  StreamingQuery q = runFilesToMemory(GetParam() ? "spark_compact_pruned" : "spark_compact_full");
  EXPECT_EQ(q.id(), kSparkQueryId);
  EXPECT_EQ(ids(GetParam() ? "spark_compact_pruned" : "spark_compact_full"), std::vector<int>({11}));
  auto progress = q.recentProgress();
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_EQ(progress[0].batchId, 11);
  EXPECT_EQ(progress[0].sources[0].startOffset, "{\"logOffset\":10}");
  expectOffsetsEntry(ckpt / "offsets" / "11", "{\"logOffset\":11}");
  EXPECT_EQ(readFile(ckpt / "sources" / "0" / "11"), "v1\n" + fileEntry(in_ / "f11.json", t0_ + 11000, 11));
  EXPECT_EQ(readFile(ckpt / "sources" / "0" / "9.compact"), compact);
  EXPECT_FALSE(fs::exists(ckpt / "sources" / "0" / "11.compact"));
}

// Batch 9, the compaction batch, logged but not committed: it runs again with f09 only (the
// compact entry holds batches 0..9), then batch 10 takes f10.
TEST_P(SparkCheckpointCompactedLogTest, UncommittedCompactionBatchRunsAgainWithItsOwnFiles) {
  writeSparkRun(/*files=*/11, /*lastLogged=*/9, /*lastOffsets=*/9, /*lastCommitted=*/8, GetParam());
  StreamingQuery q = runFilesToMemory(GetParam() ? "spark_recompact_pruned" : "spark_recompact_full");
  EXPECT_EQ(ids(GetParam() ? "spark_recompact_pruned" : "spark_recompact_full"), std::vector<int>({9, 10}));
  auto progress = q.recentProgress();
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0].batchId, 9);
  EXPECT_EQ(progress[0].numInputRows, 1);
  EXPECT_EQ(progress[1].batchId, 10);
  EXPECT_EQ(progress[1].numInputRows, 1);
  const fs::path ckpt = root_ / "checkpoint";
  EXPECT_TRUE(fs::exists(ckpt / "commits" / "9"));
  expectOffsetsEntry(ckpt / "offsets" / "10", "{\"logOffset\":10}");
  EXPECT_TRUE(fs::exists(ckpt / "sources" / "0" / "10"));
}

// Spark ran with fileSource.log.compactInterval set (parameter: 3 → entries 0, 1, 2.compact, 3,
// 4, 5.compact, 6; 6 → 0..4, 5.compact, 6). Resumed under the default (10), Spark keeps the
// log's interval: the distance of the last two compact entries (3), or with one compact entry
// 5.compact the divisor-derived 6. Rivulet must lay out entries 7..11 the same way (3: 8.compact
// and 11.compact; 6: 11.compact), each compact entry holding every entry so far.
class SparkCheckpointCompactIntervalTest : public SparkCheckpointTest, public ::testing::WithParamInterface<int> {};

TEST_P(SparkCheckpointCompactIntervalTest, FileSourceLogKeepsTheIntervalOfSparksEntries) {
  const int interval = GetParam();
  int64_t t0 = nowMs() - 600000;
  std::vector<std::string> entries;
  SparkCheckpoint spark(root_ / "checkpoint");
  spark.writeMetadata();
  for (int i = 0; i < 12; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "f%02d.json", i);
    auto p = inputFile(name, i, t0 + i * 1000);
    entries.push_back(fileEntry(p, t0 + i * 1000, i));
    if (i > 6) {
      continue;
    }
    if ((i + 1) % interval == 0) {
      spark.writeFileSourceLog(std::to_string(i) + ".compact",
                               std::vector<std::string>(entries.begin(), entries.begin() + i + 1));
    } else {
      spark.writeFileSourceLog(std::to_string(i), {entries[i]});
    }
    spark.writeOffsets(i, "{\"logOffset\":" + std::to_string(i) + "}", t0 + i * 1000 + 100);
    spark.writeCommit(i);
  }
  const std::string table = "spark_compact_interval_" + std::to_string(interval);
  StreamingQuery q = runFilesToMemory(table, /*maxFilesPerTrigger=*/"1");
  EXPECT_EQ(ids(table), std::vector<int>({7, 8, 9, 10, 11}));
  const fs::path log = root_ / "checkpoint" / "sources" / "0";
  for (int i = 7; i <= 11; ++i) {
    bool compact = (i + 1) % interval == 0;
    std::string expected = "v1";
    for (int e = compact ? 0 : i; e <= i; ++e) {
      expected += "\n" + entries[e];
    }
    fs::path file = log / (std::to_string(i) + (compact ? ".compact" : ""));
    ASSERT_TRUE(fs::exists(file)) << file;
    EXPECT_EQ(readFile(file), expected) << file;
    EXPECT_FALSE(fs::exists(log / (std::to_string(i) + (compact ? "" : ".compact")))) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Spark, SparkCheckpointCompactIntervalTest, ::testing::Values(3, 6),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return "Interval" + std::to_string(info.param);
                         });

INSTANTIATE_TEST_SUITE_P(Spark, SparkCheckpointCompactedLogTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? std::string("PlainEntriesDeleted") : std::string("AllEntriesKept");
                         });

// ---- rate source ----

// Spark's rate query (rowsPerSecond 2) started 100 s ago: sources/0/0 holds its start time,
// offsets/N the seconds since then (LongOffset, a bare number): 0, 5, then 8 (committed unless
// `lastCommitted` is false). Rivulet runs on from there; returns every row it wrote, by value.
class SparkCheckpointRateTest : public SparkCheckpointTest {
 protected:
  std::vector<Row> resumeRate(const std::string& table, bool lastCommitted, StreamingQuery* query) {
    SparkCheckpoint spark(root_ / "checkpoint");
    spark.writeMetadata();
    spark.writeRateStartTime(creationMs_);
    const int64_t seconds[] = {0, 5, 8};
    for (int i = 0; i < 3; ++i) {
      spark.writeOffsets(i, std::to_string(seconds[i]), creationMs_ + seconds[i] * 1000 + 7);
      if (i < 2 || lastCommitted) {
        spark.writeCommit(i);
      }
    }
    StreamingQuery q = session_->readStream()
                           .format("rate")
                           .option("rowsPerSecond", "2")
                           .option("numPartitions", "1")
                           .load()
                           .writeStream()
                           .format("memory")
                           .queryName(table)
                           .option("checkpointLocation", (root_ / "checkpoint").string())
                           .trigger(Trigger::ProcessingTime("100 milliseconds"))
                           .start();
    for (int i = 0; i < 200 && q.recentProgress().size() < 2 && q.isActive(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    q.stop();
    *query = q;
    return session_->table(table).orderBy("value").collect();
  }

  // Every row is the next value, stamped as Spark stamps it: start time + value / rowsPerSecond.
  void expectContiguousFrom(const std::vector<Row>& rows, int64_t first) {
    ASSERT_FALSE(rows.empty());
    for (size_t i = 0; i < rows.size(); ++i) {
      int64_t value = rows[i].getLong(1);
      ASSERT_EQ(value, first + static_cast<int64_t>(i)) << "row " << i;
      ASSERT_EQ(rows[i].getTimestamp(0), (creationMs_ + value * 500) * 1000) << "value " << value;
    }
  }

  const int64_t creationMs_ = nowMs() - 100000;
};

TEST_F(SparkCheckpointRateTest, ContinuesFromTheLoggedOffsetAndStartTime) {
  StreamingQuery q(nullptr);
  auto rows = resumeRate("spark_rate_committed", /*lastCommitted=*/true, &q);
  EXPECT_EQ(q.id(), kSparkQueryId);
  auto progress = q.recentProgress();
  ASSERT_GE(progress.size(), 1u);
  EXPECT_EQ(progress[0].batchId, 3);
  EXPECT_EQ(progress[0].sources[0].startOffset, "8");
  expectContiguousFrom(rows, 16);  // second 8 at 2 rows/s
  // The first batch reaches the present (~100 s after the start time).
  const fs::path ckpt = root_ / "checkpoint";
  auto l = lines(readFile(ckpt / "offsets" / "3"));
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[2], progress[0].sources[0].endOffset);
  int64_t endSeconds = std::stoll(l[2]);
  EXPECT_GE(endSeconds, 100);
  EXPECT_LT(endSeconds, 130);
  EXPECT_EQ(progress[0].numInputRows, 2 * endSeconds - 16);
  // The start time stays Spark's.
  EXPECT_EQ(readFile(ckpt / "sources" / "0" / "0"), "v1\n" + std::to_string(creationMs_));
}

TEST_F(SparkCheckpointRateTest, ReRunsAnUncommittedBatchWithItsLoggedRange) {
  StreamingQuery q(nullptr);
  auto rows = resumeRate("spark_rate_uncommitted", /*lastCommitted=*/false, &q);
  auto progress = q.recentProgress();
  ASSERT_GE(progress.size(), 2u);
  EXPECT_EQ(progress[0].batchId, 2);
  EXPECT_EQ(progress[0].sources[0].startOffset, "5");
  EXPECT_EQ(progress[0].sources[0].endOffset, "8");
  EXPECT_EQ(progress[0].numInputRows, 6);  // values 10..15
  EXPECT_EQ(progress[1].batchId, 3);
  EXPECT_EQ(progress[1].sources[0].startOffset, "8");
  expectContiguousFrom(rows, 10);
}

// ---- Kafka ----

// Spark's KafkaSourceInitialOffsetWriter: a 0x00 byte, "v1\n", the offsets JSON. (A resumed Kafka
// query needs a broker; the Kafka e2e tests cover resuming from Rivulet-written checkpoints.)
TEST(SparkCheckpointKafka, InitialOffsetsFileAsSparkWritesIt) {
  auto dir = makeTempDir("rivulet-spark-kafka");
  const std::string bytes = std::string(1, '\0') + "v1\n{\"test_topic0\":{\"0\":0,\"1\":25}}";
  writeWithCrc(dir / "sources" / "0" / "0", bytes);
  auto parsed = kafka::parseInitialOffsets(readFile(dir / "sources" / "0" / "0"), "sources/0/0");
  EXPECT_EQ(kafka::partitionOffsetsToJson(parsed), "{\"test_topic0\":{\"0\":0,\"1\":25}}");
  EXPECT_EQ(kafka::serializeInitialOffsets(parsed), bytes);
}

}  // namespace
}  // namespace rivulet
