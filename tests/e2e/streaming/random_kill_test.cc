// SIGKILL at random moments: a query runs in a child process (this binary re-run with
// RIVULET_KILL_CHILD set) and is killed after a random delay (counted from the moment its query
// started, for every 8th kill from the spawn), again and again, each run
// restarting from the checkpoint; a final run finishes the input. The output, read back through
// `_spark_metadata`, must hold every input row exactly once. RIVULET_FAULT_RUNS sets the number
// of kills per query (default 16; the `faults` test preset runs 50). RIVULET_KILL_VERBOSE=1
// prints what each kill left in the checkpoint.
//
// The kills must hit queries that are busy: every job has work left at every kill (the json job's
// input is topped up before each run, the rate sources never run dry) and each row costs CPU (an
// always-true filter on a CRC of the row's text repeated), so batches last tens to hundreds of
// milliseconds while the data stays small enough to check row by row. After each kill the
// checkpoint is inspected: a kill counts as "in flight" when the child had started its query and
// the latest `offsets/N` has no `commits/N`; a share of the kills must be in flight.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <thread>

#include "rivulet/rivulet.h"
#include "testing/test_paths.h"

extern char** environ;

namespace rivulet {
namespace {

namespace fs = std::filesystem;
using namespace rivulet::functions;

int faultRuns() {
  const char* runs = std::getenv("RIVULET_FAULT_RUNS");
  return runs != nullptr ? std::atoi(runs) : 16;
}

// CPU cost per row without changing the output: an always-true filter (crc32 is never negative)
// on a string of `copies` copies of the row's text, some microseconds per row.
DataFrame withCost(const DataFrame& df, const std::string& text, int copies) {
  return df.filter("crc32(repeat(" + text + ", " + std::to_string(copies) + ")) >= 0");
}

// json job: one file of kRowsPerFile rows per batch.
constexpr int kRowsPerFile = 2000;
// rate job: rows per second (1000 / 25000 ms per value is never a rounding tie).
constexpr int64_t kRowsPerSecond = 25000;
// rate-micro-batch job: rows per batch.
constexpr int64_t kRowsPerBatch = 2000;
// Copies per row for the cost: tens of milliseconds per json file or rate-micro-batch batch. The
// rate job starts at about a third of a second per second of data and adapts (see its test).
constexpr int kCopies = 1000;
constexpr int kRateCopies = 400;

StreamingQuery startJob(const fs::path& root, const std::string& job, const Trigger& trigger, int copies) {
  auto session = Session::builder().getOrCreate();
  DataFrame df = [&] {
    if (job == "rate") {
      return withCost(session.readStream()
                          .format("rate")
                          .option("rowsPerSecond", std::to_string(kRowsPerSecond))
                          .load(),
                      "CAST(value AS STRING)",
                      copies);
    }
    if (job == "rate-micro-batch") {
      return withCost(session.readStream()
                          .format("rate-micro-batch")
                          .option("rowsPerBatch", std::to_string(kRowsPerBatch))
                          .load(),
                      "CAST(value AS STRING)",
                      copies);
    }
    return withCost(session.readStream()
                        .schema("id BIGINT, name STRING")
                        .option("maxFilesPerTrigger", "1")
                        .json((root / "in").string()),
                    "name",
                    copies);
  }();
  return df.writeStream()
      .format("parquet")
      .option("checkpointLocation", (root / "checkpoint").string())
      .trigger(trigger)
      .start((root / "out").string());
}

TEST(RandomKillChild, Run) {
  const char* root = std::getenv("RIVULET_KILL_CHILD");
  if (root == nullptr) {
    GTEST_SKIP() << "runs only as the child of RandomKillTest";
  }
  auto q = startJob(root,
                    std::getenv("RIVULET_KILL_JOB"),
                    Trigger::ProcessingTime("20 milliseconds"),
                    std::atoi(std::getenv("RIVULET_KILL_COPIES")));
  testing::writeFile(fs::path(root) / "child-started", "");
  q.awaitTermination();  // killed before it ends
}

// --- Checkpoint inspection, by reading the files (not through the code under test) ---

// The highest id among the entries "N" / "N.compact" of a log directory; -1 when none.
int64_t latestEntry(const fs::path& dir) {
  int64_t latest = -1;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::string digits = name.substr(0, name.find('.'));
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
        (digits.size() != name.size() && name.substr(digits.size()) != ".compact")) {
      continue;  // temp files, .crc files
    }
    latest = std::max<int64_t>(latest, std::stoll(digits));
  }
  return latest;
}

// The last line of a log entry: for offsets/N with one source, that source's offset.
std::string lastLine(const fs::path& file) {
  std::string text = testing::readFile(file);
  while (!text.empty() && text.back() == '\n') {
    text.pop_back();
  }
  return text.substr(text.rfind('\n') + 1);
}

int64_t offsetsLatest(const fs::path& root) { return latestEntry(root / "checkpoint" / "offsets"); }
int64_t commitsLatest(const fs::path& root) { return latestEntry(root / "checkpoint" / "commits"); }
int64_t sinkLatest(const fs::path& root) { return latestEntry(root / "out" / "_spark_metadata"); }

// --- The killing ---

pid_t spawnChild(const fs::path& root, const std::string& job, int copies) {
  std::string exe = fs::read_symlink("/proc/self/exe").string();
  std::string rootEnv = "RIVULET_KILL_CHILD=" + root.string();
  std::string jobEnv = "RIVULET_KILL_JOB=" + job;
  std::string copiesEnv = "RIVULET_KILL_COPIES=" + std::to_string(copies);
  std::vector<std::string> env = {rootEnv, jobEnv, copiesEnv, "TZ=UTC"};
  std::vector<char*> envp;
  for (auto& e : env) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  std::string filter = "--gtest_filter=RandomKillChild.Run";
  std::vector<char*> argv = {exe.data(), filter.data(), nullptr};
  std::string log = (root / "child.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), envp.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

struct KillStats {
  int runs = 0;
  // The child had started its query and a logged batch had no commit.
  int inFlight = 0;
  // ... and that batch was logged by this run (not one left by the previous kill).
  int newBatchInFlight = 0;
  // offsets/N as found after each kill that left batch N uncommitted.
  std::map<int64_t, std::string> uncommittedOffsets;
};

// What one kill left behind.
struct Kill {
  int run = 0;
  int delayMs = 0;
  bool started = false;  // the child had started its query
  int64_t offsetsBefore = -1;
  int64_t commitsBefore = -1;
  int64_t offsets = -1;
  int64_t commits = -1;
};

// Each child is killed a uniformly random [minMs, maxMs] after its spawn. `copies`: the cost of
// the child's query, read at each spawn. `beforeRun` prepares run i (e.g. adds input);
// `afterKill` checks the checkpoint after it.
KillStats killRepeatedly(const fs::path& root,
                         const std::string& job,
                         const int& copies,
                         int minMs,
                         int maxMs,
                         const std::function<void(int)>& beforeRun = {},
                         const std::function<void(const Kill&)>& afterKill = {}) {
  std::mt19937 random(20261125);
  std::uniform_int_distribution<int> delay(minMs, maxMs);
  KillStats stats;
  stats.runs = faultRuns();
  for (int run = 0; run < stats.runs; ++run) {
    if (beforeRun) {
      beforeRun(run);
    }
    fs::remove(root / "child-started");
    Kill k;
    k.run = run;
    k.offsetsBefore = offsetsLatest(root);
    k.commitsBefore = commitsLatest(root);
    int64_t offsetsBefore = k.offsetsBefore;
    pid_t pid = spawnChild(root, job, copies);
    int ms = delay(random);
    k.delayMs = ms;
    // Every 8th kill counts its delay from the spawn (it may land while the child starts up); the
    // others from the moment the child's query started, so that a slow start on a loaded machine
    // does not turn them into kills of a process that has not begun.
    if (run % 8 != 7) {
      for (int i = 0; i < 2000 && !fs::exists(root / "child-started"); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    kill(pid, SIGKILL);
    int status = 0;
    EXPECT_EQ(waitpid(pid, &status, 0), pid);
    bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    EXPECT_TRUE(killed) << "run " << run << ": the child ended before the kill at " << ms
                        << " ms (status " << status << "):\n"
                        << testing::readFile(root / "child.log");
    if (!killed) {
      return stats;
    }
    int64_t offsets = offsetsLatest(root);
    int64_t commits = commitsLatest(root);
    k.offsets = offsets;
    k.commits = commits;
    k.started = fs::exists(root / "child-started");
    EXPECT_LE(commits, offsets) << "run " << run;
    EXPECT_GE(offsets, offsetsBefore) << "run " << run;
    if (offsets > commits) {
      // offsets/N is never rewritten: a later kill finding N uncommitted again sees the same text.
      std::string text = testing::readFile(root / "checkpoint" / "offsets" / std::to_string(offsets));
      auto [it, added] = stats.uncommittedOffsets.emplace(offsets, text);
      EXPECT_EQ(it->second, text) << "offsets/" << offsets << " changed after run " << run;
      if (k.started) {
        ++stats.inFlight;
        stats.newBatchInFlight += offsets > offsetsBefore ? 1 : 0;
      }
    }
    if (std::getenv("RIVULET_KILL_VERBOSE") != nullptr) {
      std::printf("[ %s ] run %d (cost %d): killed at %d ms, started %d, offsets %lld -> %lld, commits %lld\n",
                  job.c_str(),
                  run,
                  copies,
                  ms,
                  k.started ? 1 : 0,
                  static_cast<long long>(offsetsBefore),
                  static_cast<long long>(offsets),
                  static_cast<long long>(commits));
    }
    if (afterKill) {
      afterKill(k);
    }
  }
  std::printf("[ %s ] %d kills: %d with a batch in flight, %d of them in a batch logged by the killed run\n",
              job.c_str(),
              stats.runs,
              stats.inFlight,
              stats.newBatchInFlight);
  return stats;
}

// After the final run: every batch logged by the killed runs reached the sink and was committed,
// and each batch a kill left uncommitted was re-run with exactly the offsets logged for it.
void expectRecovered(const fs::path& root, const KillStats& stats, int64_t offsetsBeforeFinal) {
  EXPECT_GE(sinkLatest(root), offsetsBeforeFinal);
  EXPECT_GE(commitsLatest(root), offsetsBeforeFinal);
  for (const auto& [batch, text] : stats.uncommittedOffsets) {
    auto file = root / "checkpoint" / "offsets" / std::to_string(batch);
    if (fs::exists(file)) {  // older entries are purged after minBatchesToRetain batches
      EXPECT_EQ(testing::readFile(file), text) << "offsets/" << batch;
      EXPECT_TRUE(fs::exists(root / "checkpoint" / "commits" / std::to_string(batch))) << "commits/" << batch;
    }
  }
}

// Kills land in batches: at least one, and a share of them (1 / `divisor`) in long runs.
void expectKillsInFlight(const KillStats& stats, int divisor) {
  EXPECT_GE(stats.inFlight, std::max(1, stats.runs / divisor)) << "of " << stats.runs << " kills";
}

class RandomKillTest : public ::testing::Test {};

// rate-micro-batch: batch k holds the values [k * rowsPerBatch, (k + 1) * rowsPerBatch).
TEST_F(RandomKillTest, RateMicroBatchToParquetExactlyOnce) {
  auto root = testing::makeTempDir("rivulet-kill-rate-micro-batch");
  KillStats stats = killRepeatedly(root, "rate-micro-batch", kCopies, 100, 700);
  ASSERT_FALSE(HasFailure());
  int64_t logged = offsetsLatest(root);
  // After a kill in batch N, Trigger.Once runs only batch N again; otherwise one new batch.
  auto q = startJob(root, "rate-micro-batch", Trigger::Once(), 1);
  q.awaitTermination();
  expectRecovered(root, stats, logged);
  expectKillsInFlight(stats, 3);
  int64_t batches = sinkLatest(root) + 1;
  auto session = Session::builder().getOrCreate();
  auto values = session.read().parquet((root / "out").string()).select(col("value")).orderBy("value").collect();
  ASSERT_EQ(static_cast<int64_t>(values.size()), batches * kRowsPerBatch);
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(values[i].getLong(0), static_cast<int64_t>(i)) << "at row " << i;
  }
}

// rate: the start time stored in sources/0/0 by the first run is kept by every restart, and the
// values count on from it: 0, 1, 2, ... with no gap or repeat, value v stamped
// start + round(v * 1000 / rowsPerSecond) ms.
TEST_F(RandomKillTest, RateToParquetExactlyOnce) {
  auto root = testing::makeTempDir("rivulet-kill-rate");
  auto startFile = root / "checkpoint" / "sources" / "0" / "0";
  std::string startTime;
  // A batch covers whole seconds (all of them since the last one, after a restart) and a killed
  // batch is re-run whole, so a batch that outlasts the runs would be re-run for ever, growing the
  // next one. Hence runs of up to 1.5 s, and a cost that adapts to the machine's speed: raised
  // when a kill found the query waiting for the next second, lowered when a run of 0.8 s or more
  // neither committed nor logged a batch (still re-running the one the previous kill left).
  int copies = kRateCopies;
  auto afterKill = [&](const Kill& k) {
    if (startTime.empty() && fs::exists(startFile)) {
      startTime = lastLine(startFile);
    } else if (!startTime.empty()) {
      EXPECT_EQ(lastLine(startFile), startTime) << "after run " << k.run;
    }
    if (!k.started) {
      return;
    }
    if (k.offsets == k.commits) {
      copies = std::min(copies * 5 / 4, 4000);
    } else if (k.offsets == k.offsetsBefore && k.commits == k.commitsBefore && k.delayMs >= 800) {
      copies = std::max(copies * 3 / 4, 50);
    }
  };
  KillStats stats = killRepeatedly(root, "rate", copies, 200, 1500, {}, afterKill);
  ASSERT_FALSE(HasFailure());
  std::printf("[ rate ] cost at the end: %d copies\n", copies);
  ASSERT_FALSE(startTime.empty()) << "no run got as far as recording its start time";
  int64_t logged = offsetsLatest(root);
  int64_t loggedEndSeconds =
      logged >= 0 ? std::stoll(lastLine(root / "checkpoint" / "offsets" / std::to_string(logged))) : 0;

  // The final run goes on until it has processed past every second the killed runs logged.
  auto finalStart = std::chrono::steady_clock::now();
  auto q = startJob(root, "rate", Trigger::ProcessingTime("20 milliseconds"), 1);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  for (;;) {
    auto progress = q.lastProgress();
    if (progress && progress->sources.size() == 1 && !progress->sources[0].endOffset.empty() &&
        std::stoll(progress->sources[0].endOffset) >= std::max<int64_t>(loggedEndSeconds, 1)) {
      break;
    }
    ASSERT_TRUE(q.isActive()) << "the final run ended";
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the final run did not catch up with second "
                                                           << loggedEndSeconds;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  q.stop();
  std::printf("[ rate ] final run: %lld ms to reach second %lld\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - finalStart)
                                         .count()),
              static_cast<long long>(loggedEndSeconds));
  EXPECT_EQ(q.exception(), nullptr);
  EXPECT_EQ(lastLine(startFile), startTime);
  expectRecovered(root, stats, logged);
  // The rate source logs a batch once a second: some kills find the query waiting for it.
  expectKillsInFlight(stats, 5);

  // The output holds exactly the values of the batches in _spark_metadata: all seconds up to the
  // end offset of the last one.
  int64_t lastBatch = sinkLatest(root);
  int64_t endSeconds = std::stoll(lastLine(root / "checkpoint" / "offsets" / std::to_string(lastBatch)));
  EXPECT_GE(endSeconds, loggedEndSeconds);
  int64_t startMs = std::stoll(startTime);
  auto session = Session::builder().getOrCreate();
  auto rows = session.read()
                  .parquet((root / "out").string())
                  .select(col("value"), col("timestamp"))
                  .orderBy("value")
                  .collect();
  ASSERT_EQ(static_cast<int64_t>(rows.size()), endSeconds * kRowsPerSecond);
  for (size_t i = 0; i < rows.size(); ++i) {
    int64_t v = static_cast<int64_t>(i);
    ASSERT_EQ(rows[i].getLong(0), v) << "at row " << i;
    int64_t ms = startMs + static_cast<int64_t>(std::floor(static_cast<double>(v) * 1000.0 / kRowsPerSecond + 0.5));
    ASSERT_EQ(rows[i].getTimestamp(1), ms * 1000) << "value " << v;
  }
}

// json files: before each run the input is topped up so the child never runs out of files.
TEST_F(RandomKillTest, JsonFilesToParquetExactlyOnce) {
  auto root = testing::makeTempDir("rivulet-kill-json");
  int files = 0;
  auto addFile = [&] {
    std::string lines;
    for (int r = 0; r < kRowsPerFile; ++r) {
      int64_t id = static_cast<int64_t>(files) * kRowsPerFile + r;
      lines += "{\"id\":" + std::to_string(id) + ",\"name\":\"n" + std::to_string(id) + "\"}\n";
    }
    char name[32];
    std::snprintf(name, sizeof name, "part-%05d.json", files);
    // Written aside and renamed in, so the source never lists a half-written file.
    testing::writeFile(root / "staging" / name, lines);
    fs::create_directories(root / "in");
    fs::rename(root / "staging" / name, root / "in" / name);
    ++files;
  };
  // Unread files kept ahead of the query, doubled whenever a child finished them all before its
  // kill. A batch reads one file, so commits + 1 estimates the files read (a batch planned after
  // a kill between the source's log entry and offsets/N reads both entries' files, as in Spark).
  int backlog = 12;
  auto topUp = [&](int) {
    int64_t read = commitsLatest(root) + 1;
    while (files - read < backlog) {
      addFile();
    }
  };
  auto checkBusy = [&](const Kill& k) {
    if (k.commits + 1 >= files) {
      backlog = std::min(backlog * 2, 200);
    }
  };
  KillStats stats = killRepeatedly(root, "json", kCopies, 100, 700, topUp, checkBusy);
  ASSERT_FALSE(HasFailure());
  std::printf("[ json ] %d input files, %d kept unread before each run\n", files, backlog);
  int64_t logged = offsetsLatest(root);
  startJob(root, "json", Trigger::AvailableNow(), 1).awaitTermination();
  expectRecovered(root, stats, logged);
  expectKillsInFlight(stats, 3);
  auto session = Session::builder().getOrCreate();
  auto ids = session.read().parquet((root / "out").string()).select(col("id")).orderBy("id").collect();
  ASSERT_EQ(ids.size(), static_cast<size_t>(files) * kRowsPerFile);
  for (size_t i = 0; i < ids.size(); ++i) {
    ASSERT_EQ(ids[i].getLong(0), static_cast<int64_t>(i)) << "at row " << i;
  }
}

}  // namespace
}  // namespace rivulet
