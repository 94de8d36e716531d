// Kill-and-restart at the named points of the commit protocol: the query runs in a child
// process (this test binary re-run with RIVULET_CRASH_CHILD) that dies hard at the kill point;
// the restarted query must neither lose nor duplicate rows.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "rivulet/rivulet.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

namespace fs = std::filesystem;
using rivulet::testing::makeTempDir;
using rivulet::testing::writeFile;

// The streaming job both processes run: every CSV file under in/ into parquet under out/.
void runJob(const fs::path& root) {
  auto session = Session::builder().getOrCreate();
  auto q = session.readStream()
               .schema("id INT, name STRING")
               .option("maxFilesPerTrigger", "1")
               .csv((root / "in").string())
               .writeStream()
               .format("parquet")
               .option("checkpointLocation", (root / "checkpoint").string())
               .trigger(Trigger::AvailableNow())
               .start((root / "out").string());
  q.awaitTermination();
}

// Runs only as the child process of CrashRecoveryTest.
TEST(CrashChild, RunJob) {
  const char* root = std::getenv("RIVULET_CRASH_CHILD");
  if (root == nullptr) {
    GTEST_SKIP() << "runs only as the child of CrashRecoveryTest";
  }
  runJob(root);
}

int runChild(const fs::path& root, const std::string& killPoint, int batch) {
  std::string command = "RIVULET_CRASH_CHILD='" + root.string() + "' RIVULET_KILL_POINT=" + killPoint +
                        " RIVULET_KILL_BATCH=" + std::to_string(batch) + " '" +
                        fs::read_symlink("/proc/self/exe").string() +
                        "' --gtest_filter=CrashChild.RunJob > '" + (root / "child.log").string() + "' 2>&1";
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class CrashRecoveryTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CrashRecoveryTest, NoLossNoDuplicates) {
  auto root = makeTempDir("rivulet-crash");
  for (int f = 0; f < 3; ++f) {
    std::string rows;
    for (int i = 0; i < 5; ++i) {
      rows += std::to_string(f * 5 + i) + ",row" + std::to_string(f * 5 + i) + "\n";
    }
    writeFile(root / "in" / (std::to_string(f) + ".csv"), rows);
  }
  // The child dies at the kill point of batch 1.
  EXPECT_EQ(runChild(root, GetParam(), 1), 86) << rivulet::testing::readFile(root / "child.log");
  EXPECT_TRUE(fs::exists(root / "checkpoint" / "offsets" / "1"));
  bool committed = fs::exists(root / "checkpoint" / "commits" / "1");
  EXPECT_EQ(committed, GetParam() == "after-commit");

  runJob(root);  // restart in this process

  auto session = Session::builder().getOrCreate();
  auto rows = session.read().parquet((root / "out").string()).orderBy("id").collect();
  ASSERT_EQ(rows.size(), 15u);
  for (int i = 0; i < 15; ++i) {
    EXPECT_EQ(rows[i].getInt(0), i);
  }
  EXPECT_TRUE(fs::exists(root / "checkpoint" / "commits" / "2"));
  EXPECT_FALSE(fs::exists(root / "checkpoint" / "offsets" / "3"));
}

INSTANTIATE_TEST_SUITE_P(KillPoints, CrashRecoveryTest,
                         ::testing::Values("after-offsets", "after-sink", "after-commit"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace rivulet
