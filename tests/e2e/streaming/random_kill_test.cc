// SIGKILL at random moments: a query runs in a child process (this binary re-run with
// RIVULET_KILL_CHILD set) and is killed after a random delay, again and again, each run
// restarting from the checkpoint; a final run finishes the input. The output, read back through
// `_spark_metadata`, must hold every input row exactly once. RIVULET_FAULT_RUNS sets the number
// of kills (default 5; the full acceptance count is 50).
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
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
  return runs != nullptr ? std::atoi(runs) : 5;
}

// The two jobs, run by the child (until killed) and by the final in-process run (to the end).
StreamingQuery startRateJob(const fs::path& root, bool toTheEnd) {
  auto session = Session::builder().getOrCreate();
  auto writer = session.readStream()
                    .format("rate-micro-batch")
                    .option("rowsPerBatch", "100")
                    .load()
                    .writeStream()
                    .format("parquet")
                    .option("checkpointLocation", (root / "checkpoint").string());
  if (toTheEnd) {
    writer.trigger(Trigger::Once());
  } else {
    writer.trigger(Trigger::ProcessingTime("20 milliseconds"));
  }
  return writer.start((root / "out").string());
}

StreamingQuery startFileJob(const fs::path& root, bool toTheEnd) {
  auto session = Session::builder().getOrCreate();
  auto writer = session.readStream()
                    .schema("id BIGINT, name STRING")
                    .option("maxFilesPerTrigger", "2")
                    .json((root / "in").string())
                    .writeStream()
                    .format("parquet")
                    .option("checkpointLocation", (root / "checkpoint").string());
  writer.trigger(toTheEnd ? Trigger::AvailableNow() : Trigger::ProcessingTime("20 milliseconds"));
  return writer.start((root / "out").string());
}

TEST(RandomKillChild, Run) {
  const char* root = std::getenv("RIVULET_KILL_CHILD");
  if (root == nullptr) {
    GTEST_SKIP() << "runs only as the child of RandomKillTest";
  }
  std::string job = std::getenv("RIVULET_KILL_JOB");
  auto q = job == "rate" ? startRateJob(root, false) : startFileJob(root, false);
  q.awaitTermination();  // killed before it ends
}

pid_t spawnChild(const fs::path& root, const std::string& job) {
  std::string exe = fs::read_symlink("/proc/self/exe").string();
  std::string rootEnv = "RIVULET_KILL_CHILD=" + root.string();
  std::string jobEnv = "RIVULET_KILL_JOB=" + job;
  std::vector<std::string> env = {rootEnv, jobEnv, "TZ=UTC"};
  std::vector<char*> envp;
  for (auto& e : env) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  std::string filter = "--gtest_filter=RandomKillChild.Run";
  std::vector<char*> argv = {exe.data(), filter.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), envp.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

void killRepeatedly(const fs::path& root, const std::string& job) {
  std::mt19937 random(20261125);
  std::uniform_int_distribution<int> delay(100, 700);
  int runs = faultRuns();
  for (int run = 0; run < runs; ++run) {
    pid_t pid = spawnChild(root, job);
    int ms = delay(random);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "run " << run << ": the child ended before the kill at " << ms << " ms";
  }
}

class RandomKillTest : public ::testing::Test {};

TEST_F(RandomKillTest, RateToParquetExactlyOnce) {
  auto root = testing::makeTempDir("rivulet-kill-rate");
  killRepeatedly(root, "rate");
  startRateJob(root, true).awaitTermination();
  auto session = Session::builder().getOrCreate();
  auto values = session.read().parquet((root / "out").string()).select(col("value")).orderBy("value").collect();
  ASSERT_FALSE(values.empty());
  // Every batch covers the next values, so the output is 0, 1, ... with no gap and no repeat.
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(values[i].getLong(0), static_cast<int64_t>(i)) << "at row " << i;
  }
  EXPECT_EQ(values.size() % 100, 0u);
}

TEST_F(RandomKillTest, JsonFilesToParquetExactlyOnce) {
  auto root = testing::makeTempDir("rivulet-kill-json");
  const int files = 60;
  const int rowsPerFile = 50;
  for (int f = 0; f < files; ++f) {
    std::string lines;
    for (int r = 0; r < rowsPerFile; ++r) {
      int64_t id = static_cast<int64_t>(f) * rowsPerFile + r;
      lines += "{\"id\":" + std::to_string(id) + ",\"name\":\"n" + std::to_string(id) + "\"}\n";
    }
    char name[32];
    snprintf(name, sizeof name, "part-%03d.json", f);
    testing::writeFile(root / "in" / name, lines);
  }
  killRepeatedly(root, "file");
  startFileJob(root, true).awaitTermination();
  auto session = Session::builder().getOrCreate();
  auto ids = session.read().parquet((root / "out").string()).select(col("id")).orderBy("id").collect();
  ASSERT_EQ(ids.size(), static_cast<size_t>(files * rowsPerFile));
  for (size_t i = 0; i < ids.size(); ++i) {
    ASSERT_EQ(ids[i].getLong(0), static_cast<int64_t>(i)) << "at row " << i;
  }
}

}  // namespace
}  // namespace rivulet
