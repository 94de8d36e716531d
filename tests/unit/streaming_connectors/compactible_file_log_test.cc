// The compactible file log (file source log, file sink log): the compact interval from the
// conf or derived from existing ".compact" entries, deletion of obsolete entries after a
// compaction (cleanupDelay, minBatchesToRetain), and the conf parsing.
#include "rivulet/connectors/file/compactible_file_log.h"

#include <chrono>
#include <filesystem>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "rivulet/common/error.h"
#include "testing/error_of.h"
#include "testing/test_paths.h"

namespace rivulet::connectors {
namespace {

using rivulet::testing::errorOf;

namespace fsys = std::filesystem;
using rivulet::testing::makeTempDir;
using rivulet::testing::readFile;
using rivulet::testing::writeFile;

// The entry file names in `dir`, sorted by id.
std::vector<std::string> entryNames(const std::string& dir) {
  std::vector<std::pair<int64_t, std::string>> named;
  for (const auto& e : fsys::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (!name.empty() && name[0] != '.') {
      named.emplace_back(std::stoll(name), name);
    }
  }
  std::sort(named.begin(), named.end());
  std::vector<std::string> out;
  for (auto& [id, name] : named) {
    out.push_back(name);
  }
  return out;
}

std::vector<std::string> linesUpTo(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    out.push_back("l" + std::to_string(i));
  }
  return out;
}

// Adds entries first..last, entry i holding the one line "l<i>".
void addEntries(CompactibleFileLog& log, int first, int last) {
  for (int i = first; i <= last; ++i) {
    ASSERT_TRUE(log.add(i, {"l" + std::to_string(i)})) << i;
  }
}

void setAge(const fsys::path& path, std::chrono::minutes age) {
  auto then = std::chrono::system_clock::now() - age;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(then.time_since_epoch()).count();
  struct timespec times[2];
  times[0].tv_sec = ms / 1000;
  times[0].tv_nsec = (ms % 1000) * 1000000;
  times[1] = times[0];
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
}

CompactibleFileLogConfig config(int interval, bool deletion, int64_t delayMs, int64_t minRetain) {
  CompactibleFileLogConfig c;
  c.compactInterval = interval;
  c.deletion = deletion;
  c.cleanupDelayMs = delayMs;
  c.minBatchesToRetain = minRetain;
  return c;
}

TEST(CompactibleFileLog, DeriveCompactIntervalIsSparks) {
  EXPECT_EQ(CompactibleFileLog::deriveCompactInterval(5, 4), 5);    // 5 <= 5: latest + 1
  EXPECT_EQ(CompactibleFileLog::deriveCompactInterval(10, 2), 3);   // 3 <= 10: latest + 1
  EXPECT_EQ(CompactibleFileLog::deriveCompactInterval(4, 9), 5);    // first divisor of 10 >= 4
  EXPECT_EQ(CompactibleFileLog::deriveCompactInterval(5, 11), 6);   // first divisor of 12 >= 5
  EXPECT_EQ(CompactibleFileLog::deriveCompactInterval(7, 23), 8);   // divisors of 24 in [7, 12]: 8
  EXPECT_EQ(CompactibleFileLog::deriveCompactInterval(2, 11), 2);   // divisors of 12 in [2, 6]: 2
  EXPECT_EQ(CompactibleFileLog::deriveCompactInterval(5, 9), 10);   // 5 is not below 10 / 2
  EXPECT_EQ(CompactibleFileLog::deriveCompactInterval(3, 5), 6);    // 3 is not below 6 / 2
  EXPECT_EQ(CompactibleFileLog::deriveCompactInterval(4, 12), 13);  // 13 is prime
}

TEST(CompactibleFileLog, CompactIntervalFromTheConf) {
  std::string dir = (makeTempDir() / "log").string();
  CompactibleFileLog log(dir, config(3, /*deletion=*/false, 0, 1));
  EXPECT_EQ(log.compactInterval(), 3);
  addEntries(log, 0, 6);
  EXPECT_EQ(entryNames(dir),
            (std::vector<std::string>{"0", "1", "2.compact", "3", "4", "5.compact", "6"}));
  EXPECT_EQ(readFile(dir + "/2.compact"), "v1\nl0\nl1\nl2");
  EXPECT_EQ(readFile(dir + "/5.compact"), "v1\nl0\nl1\nl2\nl3\nl4\nl5");
  EXPECT_EQ(readFile(dir + "/6"), "v1\nl6");
  EXPECT_EQ(log.allLines(), linesUpTo(7));
  EXPECT_EQ(log.allLines(4), linesUpTo(5));
  EXPECT_FALSE(log.add(4, {"again"}));
  EXPECT_FALSE(log.add(5, {"again"}));
}

TEST(CompactibleFileLog, APlainAndACompactEntryOfOneIdReadOnce) {
  // "<id>" beside "<id>.compact" (a log written by another tool): the compact entry is read, and
  // the lines it holds are not read again from the entries before it.
  std::string dir = (makeTempDir() / "log").string();
  CompactibleFileLog log(dir, config(3, /*deletion=*/false, 0, 1));
  addEntries(log, 0, 3);
  writeFile(dir + "/2", "v1\nl2");
  EXPECT_EQ(entryNames(dir), (std::vector<std::string>{"0", "1", "2", "2.compact", "3"}));
  EXPECT_EQ(log.allLines(), linesUpTo(4));
}

TEST(CompactibleFileLog, AnEntryListedButGoneIsNotSkipped) {
  // An entry that disappears between the listing and the reading (a compaction deleted it) makes
  // the reader list again; one that stays unreadable is an error, never silently left out. A
  // dangling link is listed but cannot be read: it stands for such an entry.
  std::string dir = (makeTempDir() / "log").string();
  CompactibleFileLog log(dir, config(10, /*deletion=*/false, 0, 1));
  addEntries(log, 0, 3);
  fsys::create_symlink(dir + "/missing-target", dir + "/4");
  EXPECT_EQ(errorOf([&] { log.allLines(); }),
            "The log " + dir + " kept changing while it was read (entries deleted by a compaction)");
  fsys::remove(dir + "/4");
  EXPECT_EQ(log.allLines(), linesUpTo(4));
}

TEST(CompactibleFileLog, IntervalIsDerivedFromExistingCompactEntries) {
  // Two or more compact entries: the distance between the latest two.
  std::string dir = (makeTempDir() / "log").string();
  {
    CompactibleFileLog log(dir, config(3, false, 0, 1));
    addEntries(log, 0, 6);
  }
  CompactibleFileLog reopened(dir, config(10, false, 0, 1));
  EXPECT_EQ(reopened.compactInterval(), 3);
  addEntries(reopened, 7, 8);
  EXPECT_EQ(readFile(dir + "/8.compact"), "v1\nl0\nl1\nl2\nl3\nl4\nl5\nl6\nl7\nl8");

  // One compact entry at 4 (interval 5): 4 + 1 <= 10, so 5.
  std::string dir5 = (makeTempDir() / "log").string();
  {
    CompactibleFileLog log(dir5, config(5, false, 0, 1));
    addEntries(log, 0, 6);
  }
  CompactibleFileLog reopened5(dir5, config(10, false, 0, 1));
  EXPECT_EQ(reopened5.compactInterval(), 5);
  addEntries(reopened5, 7, 10);
  EXPECT_EQ(entryNames(dir5), (std::vector<std::string>{"0", "1", "2", "3", "4.compact", "5", "6",
                                                        "7", "8", "9.compact", "10"}));
  EXPECT_EQ(reopened5.allLines(), linesUpTo(11));

  // One compact entry at 11, configured 5: the first divisor of 12 from 5 on, 6.
  std::string dir11 = (makeTempDir() / "log").string();
  writeFile(fsys::path(dir11) / "11.compact", "v1\nl0\nl11");
  writeFile(fsys::path(dir11) / "12", "v1\nl12");
  CompactibleFileLog reopened11(dir11, config(5, false, 0, 1));
  EXPECT_EQ(reopened11.compactInterval(), 6);
  addEntries(reopened11, 13, 17);
  EXPECT_EQ(readFile(dir11 + "/17.compact"), "v1\nl0\nl11\nl12\nl13\nl14\nl15\nl16\nl17");
  EXPECT_FALSE(fsys::exists(dir11 + "/14.compact"));
}

TEST(CompactibleFileLog, DeletesEntriesACompactEntryCoversAfterTheCleanupDelay) {
  std::string dir = (makeTempDir() / "log").string();
  CompactibleFileLog log(dir, config(3, /*deletion=*/true, /*delayMs=*/0, /*minRetain=*/1));
  addEntries(log, 0, 2);
  // After 2: 3 > 2 + 1 - 1, nothing yet.
  EXPECT_EQ(entryNames(dir), (std::vector<std::string>{"0", "1", "2.compact"}));
  addEntries(log, 3, 3);
  // After 3: m = 3, compact entry 2 covers batch 3 on: 0 and 1 go.
  EXPECT_EQ(entryNames(dir), (std::vector<std::string>{"2.compact", "3"}));
  addEntries(log, 4, 7);
  EXPECT_EQ(entryNames(dir), (std::vector<std::string>{"5.compact", "6", "7"}));
  EXPECT_EQ(log.allLines(), linesUpTo(8));
  EXPECT_EQ(log.get(4), std::nullopt);
  EXPECT_EQ(log.compactEntryCovering(4), linesUpTo(6));
  EXPECT_EQ(log.compactEntryCovering(6), std::nullopt);

  // A restart reads every line. With one compact entry left (5), the interval is derived
  // as Spark does: 3 is not below 6 / 2, so 6, and the next compact entry is 11.
  CompactibleFileLog restarted(dir, config(3, true, 0, 1));
  EXPECT_EQ(restarted.compactInterval(), 6);
  EXPECT_EQ(restarted.allLines(), linesUpTo(8));
  addEntries(restarted, 8, 11);
  EXPECT_EQ(entryNames(dir), (std::vector<std::string>{"5.compact", "6", "7", "8", "9", "10", "11.compact"}));
  addEntries(restarted, 12, 12);
  EXPECT_EQ(entryNames(dir), (std::vector<std::string>{"11.compact", "12"}));
  EXPECT_EQ(restarted.allLines(), linesUpTo(13));
}

TEST(CompactibleFileLog, DeletionOffKeepsEveryEntry) {
  std::string dir = (makeTempDir() / "log").string();
  CompactibleFileLog log(dir, config(3, /*deletion=*/false, 0, 1));
  addEntries(log, 0, 7);
  EXPECT_EQ(entryNames(dir),
            (std::vector<std::string>{"0", "1", "2.compact", "3", "4", "5.compact", "6", "7"}));
  EXPECT_EQ(log.allLines(), linesUpTo(8));
}

TEST(CompactibleFileLog, CleanupDelayAndMinBatchesToRetainLimitDeletion) {
  // The default delay (10 minutes) keeps entries written just now.
  std::string dir = (makeTempDir() / "log").string();
  CompactibleFileLogConfig delayed = config(3, true, 10 * 60 * 1000, 1);
  {
    CompactibleFileLog log(dir, delayed);
    addEntries(log, 0, 4);
    EXPECT_EQ(entryNames(dir), (std::vector<std::string>{"0", "1", "2.compact", "3", "4"}));
  }
  // Entries last modified 11 minutes ago go at the next add; the 9-minute-old one stays.
  setAge(fsys::path(dir) / "0", std::chrono::minutes(11));
  setAge(fsys::path(dir) / "1", std::chrono::minutes(9));
  CompactibleFileLog log(dir, delayed);
  addEntries(log, 5, 5);
  EXPECT_EQ(entryNames(dir), (std::vector<std::string>{"1", "2.compact", "3", "4", "5.compact"}));

  // minBatchesToRetain 4: after batch b, batches b - 3 .. b stay readable, so the compact
  // entry at or before b - 3 stays and only the entries before it go.
  std::string dir4 = (makeTempDir() / "log").string();
  CompactibleFileLog log4(dir4, config(3, true, 0, 4));
  addEntries(log4, 0, 5);
  EXPECT_EQ(entryNames(dir4), (std::vector<std::string>{"0", "1", "2.compact", "3", "4", "5.compact"}));
  addEntries(log4, 6, 8);
  EXPECT_EQ(entryNames(dir4),
            (std::vector<std::string>{"2.compact", "3", "4", "5.compact", "6", "7", "8.compact"}));
  addEntries(log4, 9, 9);
  EXPECT_EQ(entryNames(dir4), (std::vector<std::string>{"5.compact", "6", "7", "8.compact", "9"}));
  EXPECT_EQ(log4.allLines(), linesUpTo(10));
}

TEST(CompactibleFileLog, RetainFilterAppliesAtCompaction) {
  std::string dir = (makeTempDir() / "log").string();
  CompactibleFileLog log(dir, config(3, false, 0, 1), [](const std::string& line, int64_t) {
    return line != "l1";
  });
  addEntries(log, 0, 1);
  EXPECT_EQ(log.allLines(), linesUpTo(2));  // not compacted yet: still listed
  addEntries(log, 2, 2);
  EXPECT_EQ(readFile(dir + "/2.compact"), "v1\nl0\nl2");
  EXPECT_EQ(log.allLines(), (std::vector<std::string>{"l0", "l2"}));
}

TEST(CompactibleFileLog, ConfsAreReadWithSparksNamesAndChecks) {
  CompactibleFileLogConfig defaults = compactibleFileLogConfig({}, kFileSinkLogConfPrefix);
  EXPECT_EQ(defaults.compactInterval, 10);
  EXPECT_TRUE(defaults.deletion);
  EXPECT_EQ(defaults.cleanupDelayMs, 600000);
  EXPECT_EQ(defaults.minBatchesToRetain, 100);

  CompactibleFileLogConfig c = compactibleFileLogConfig(
      {{"spark.sql.streaming.fileSource.log.compactInterval", "3"},
       {"spark.sql.streaming.fileSource.log.deletion", "FALSE"},
       {"spark.sql.streaming.fileSource.log.cleanupDelay", "2min"},
       {"spark.sql.streaming.fileSink.log.compactInterval", "7"},
       {"spark.sql.streaming.minBatchesToRetain", "5"}},
      kFileSourceLogConfPrefix);
  EXPECT_EQ(c.compactInterval, 3);
  EXPECT_FALSE(c.deletion);
  EXPECT_EQ(c.cleanupDelayMs, 120000);
  EXPECT_EQ(c.minBatchesToRetain, 5);
  EXPECT_EQ(compactibleFileLogConfig({{"spark.sql.streaming.fileSink.log.cleanupDelay", "1500"}},
                                     kFileSinkLogConfPrefix)
                .cleanupDelayMs,
            1500);

  EXPECT_EQ(errorOf([] {
              compactibleFileLogConfig({{"spark.sql.streaming.fileSink.log.compactInterval", "0"}},
                                       kFileSinkLogConfPrefix);
            }),
            "requirement failed: Please set spark.sql.streaming.fileSink.log.compactInterval (was 0) "
            "to a positive value.");
  EXPECT_EQ(errorOf([] {
              compactibleFileLogConfig({{"spark.sql.streaming.fileSource.log.compactInterval", "x"}},
                                       kFileSourceLogConfPrefix);
            }),
            "spark.sql.streaming.fileSource.log.compactInterval should be int, but was x");
  EXPECT_EQ(errorOf([] {
              compactibleFileLogConfig({{"spark.sql.streaming.fileSink.log.deletion", "yes"}},
                                       kFileSinkLogConfPrefix);
            }),
            "spark.sql.streaming.fileSink.log.deletion should be boolean, but was yes");
  EXPECT_EQ(errorOf([] {
              compactibleFileLogConfig({{"spark.sql.streaming.minBatchesToRetain", "0"}},
                                       kFileSinkLogConfPrefix);
            }),
            "The minBatchesToRetain value must be positive");
}

}  // namespace
}  // namespace rivulet::connectors
