// The checkpoint's files, byte for byte as Spark writes them, and recovery rules.
#include <gtest/gtest.h>

#include <filesystem>

#include "rivulet/common/error.h"
#include "rivulet/streaming/checkpoint/checkpoint.h"
#include "rivulet/streaming/checkpoint/metadata_log.h"
#include "testing/test_paths.h"

namespace rivulet::streaming {
namespace {

using rivulet::testing::makeTempDir;
using rivulet::testing::readFile;
using rivulet::testing::writeFile;

TEST(MetadataLogTest, WritesVersionedEntriesOnce) {
  auto dir = makeTempDir() / "offsets";
  MetadataLog log(dir.string(), 1);
  EXPECT_TRUE(log.add(0, "{\"a\":1}"));
  EXPECT_FALSE(log.add(0, "{\"a\":2}"));
  EXPECT_EQ(readFile(dir / "0"), "v1\n{\"a\":1}");
  EXPECT_EQ(log.get(0).value(), "{\"a\":1}");
  EXPECT_FALSE(log.get(1).has_value());
  EXPECT_TRUE(log.add(1, "x"));
  EXPECT_TRUE(log.add(12, "y"));
  writeFile(dir / ".12.tmp", "junk");
  writeFile(dir / "notanumber", "junk");
  EXPECT_EQ(log.ids(), (std::vector<int64_t>{0, 1, 12}));
  EXPECT_EQ(log.latestId().value(), 12);
  log.purge(12);
  EXPECT_EQ(log.ids(), (std::vector<int64_t>{12}));
}

TEST(MetadataLogTest, RejectsMalformedAndNewerEntries) {
  auto dir = makeTempDir();
  MetadataLog log(dir.string(), 1);
  writeFile(dir / "0", "");
  writeFile(dir / "1", "v2\n{}");
  writeFile(dir / "2", "version one\n{}");
  try {
    log.get(0);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "Incomplete log file in the offset commit log: " + (dir / "0").string());
  }
  try {
    log.get(1);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.errorClass(), "UNSUPPORTED_LOG_VERSION");
    EXPECT_NE(e.message().find("newer version (v2)"), std::string::npos) << e.message();
  }
  EXPECT_THROW(log.get(2), Error);
}

TEST(CheckpointTest, OffsetsAndCommitsAsSparkWritesThem) {
  auto root = makeTempDir();
  Checkpoint checkpoint(root.string());
  std::string id = checkpoint.loadOrCreateQueryId();
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(readFile(root / "metadata"), "{\"id\":\"" + id + "\"}");
  EXPECT_EQ(Checkpoint(root.string()).loadOrCreateQueryId(), id);

  OffsetSeq seq;
  seq.batchTimestampMs = 1591533651723;
  seq.conf = {{"spark.sql.shuffle.partitions", "200"}};
  seq.offsets = {std::string("12"), std::nullopt, std::string("{\"test_topic0\":{\"0\":25}}")};
  checkpoint.writeOffsets(0, seq);
  EXPECT_EQ(readFile(root / "offsets" / "0"),
            "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1591533651723,\"conf\":{\"spark.sql.shuffle.partitions\":\"200\"}}\n12\n-\n{\"test_topic0\":{\"0\":25}}");
  auto back = checkpoint.readOffsets(0).value();
  EXPECT_EQ(back.batchTimestampMs, 1591533651723);
  EXPECT_EQ(back.conf.at("spark.sql.shuffle.partitions"), "200");
  EXPECT_EQ(back.offsets, seq.offsets);
  EXPECT_THROW(checkpoint.writeOffsets(0, seq), Error);

  EXPECT_FALSE(checkpoint.isCommitted(0));
  checkpoint.writeCommit(0);
  EXPECT_EQ(readFile(root / "commits" / "0"), "v1\n{\"nextBatchWatermarkMs\":0}");
  EXPECT_TRUE(checkpoint.isCommitted(0));
  EXPECT_EQ(checkpoint.sourcePath(0), root.string() + "/sources/0");
}

TEST(CheckpointTest, PurgeKeepsTheNewestBatches) {
  auto root = makeTempDir();
  Checkpoint checkpoint(root.string());
  OffsetSeq seq;
  seq.offsets = {std::string("1")};
  for (int64_t id = 0; id < 12; ++id) {
    checkpoint.writeOffsets(id, seq);
    checkpoint.writeCommit(id);
    checkpoint.purge(id, 5);
  }
  MetadataLog offsets((root / "offsets").string(), 1);
  MetadataLog commits((root / "commits").string(), 1);
  // Spark purges below 11 - 5: batch 11 and the five before it stay.
  EXPECT_EQ(offsets.ids(), (std::vector<int64_t>{6, 7, 8, 9, 10, 11}));
  EXPECT_EQ(commits.ids(), (std::vector<int64_t>{6, 7, 8, 9, 10, 11}));
}

TEST(CheckpointTest, ATornLatestCommitIsDiscarded) {
  // commits/N is synced lazily: after a power loss it may exist with no content.
  auto root = makeTempDir();
  OffsetSeq seq;
  seq.offsets = {std::string("1")};
  {
    Checkpoint checkpoint(root.string());
    checkpoint.writeOffsets(0, seq);
    checkpoint.writeCommit(0);
    checkpoint.writeOffsets(1, seq);
  }
  writeFile(root / "commits" / "1", "");
  Checkpoint restarted(root.string());
  EXPECT_THROW(restarted.isCommitted(1), Error);  // unreadable as it is
  restarted.discardTornCommit();
  EXPECT_FALSE(restarted.isCommitted(1));
  EXPECT_TRUE(restarted.isCommitted(0));
  EXPECT_EQ(restarted.latestCommittedBatch(), 0);
  restarted.writeCommit(1);  // the re-run batch commits again
  EXPECT_TRUE(restarted.isCommitted(1));
  // A readable newest commit, and offsets entries, are left alone.
  restarted.discardTornCommit();
  EXPECT_TRUE(restarted.isCommitted(1));
  EXPECT_TRUE(restarted.readOffsets(1).has_value());
}

TEST(CheckpointTest, RestoredConfKeepsTheCheckpointsValuesAndLegacyDefaults) {
  // A Spark 2.4-era entry: only two confs recorded.
  auto conf = restoredCheckpointConf({{"spark.sql.shuffle.partitions", "7"},
                                      {"spark.sql.streaming.stateStore.providerClass", "custom.Provider"},
                                      {"spark.sql.some.future.conf", "x"}});
  EXPECT_EQ(conf.at("spark.sql.shuffle.partitions"), "7");
  EXPECT_EQ(conf.at("spark.sql.streaming.stateStore.providerClass"), "custom.Provider");
  EXPECT_EQ(conf.at("spark.sql.some.future.conf"), "x");
  EXPECT_EQ(conf.at("spark.sql.streaming.aggregation.stateFormatVersion"), "1");
  EXPECT_EQ(conf.at("spark.sql.streaming.join.stateFormatVersion"), "1");
  EXPECT_EQ(conf.at("spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion"), "1");
  EXPECT_EQ(conf.at("spark.sql.streaming.statefulOperator.useStrictDistribution"), "false");
  EXPECT_EQ(conf.at("spark.sql.streaming.multipleWatermarkPolicy"), "min");
  EXPECT_EQ(conf.at("spark.sql.streaming.stateStore.rocksdb.formatVersion"), "5");  // no legacy value
  // A current entry is kept as it is.
  EXPECT_EQ(restoredCheckpointConf(defaultCheckpointConf()), defaultCheckpointConf());
}

TEST(CheckpointTest, ReadsSparkWrittenOffsets) {
  auto root = makeTempDir();
  // An offsets file as Spark 3.x writes it for a Kafka query.
  writeFile(root / "offsets" / "3",
            "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1591547441723,\"conf\":{\"spark.sql.streaming.stateStore.providerClass\":\"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider\",\"spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion\":\"2\",\"spark.sql.streaming.multipleWatermarkPolicy\":\"min\",\"spark.sql.streaming.aggregation.stateFormatVersion\":\"2\",\"spark.sql.shuffle.partitions\":\"200\"}}\n{\"test_topic0\":{\"0\":20}}");
  Checkpoint checkpoint(root.string());
  EXPECT_EQ(checkpoint.latestOffsetsBatch().value(), 3);
  auto seq = checkpoint.readOffsets(3).value();
  EXPECT_EQ(seq.batchTimestampMs, 1591547441723);
  EXPECT_EQ(seq.conf.size(), 5u);
  ASSERT_EQ(seq.offsets.size(), 1u);
  EXPECT_EQ(*seq.offsets[0], "{\"test_topic0\":{\"0\":20}}");
}

}  // namespace
}  // namespace rivulet::streaming
