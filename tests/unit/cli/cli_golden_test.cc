// Golden tests of the `rivulet` command: tests/golden/cli/<case>/args holds the arguments (one
// per line, ${TESTDATA} for ../shared/testdata, ${CASE} for the case's folder), expected.txt the exact stdout, then
// "--- stderr ---", stderr, and "--- exit N ---".
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "testing/golden.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

namespace fs = std::filesystem;

std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

class CliGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CliGoldenTest, MatchesExpectedOutput) {
  fs::path dir = fs::path(RIVULET_SOURCE_DIR) / "tests" / "golden" / "cli" / GetParam();
  std::string testdata = testing::testdataDir().string();
  std::string args = testing::readFile(dir / "args");
  if (args.find("${TESTDATA}") != std::string::npos && !fs::exists(testing::testdataDir())) {
    GTEST_SKIP() << "test data not found: " << testdata;
  }
  std::string command = shellQuote(RIVULET_CLI_PATH);
  std::istringstream lines(args);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty()) {
      command += " " + shellQuote(replaceAll(replaceAll(line, "${TESTDATA}", testdata), "${CASE}", dir.string()));
    }
  }
  fs::path tmp = testing::makeTempDir("rivulet-cli");
  std::string full = "cd " + shellQuote(tmp.string()) + " && TZ=UTC " + command + " >out 2>err; echo $? >rc";
  ASSERT_EQ(std::system(full.c_str()), 0);
  std::string actual = testing::readFile(tmp / "out") + "--- stderr ---\n" + testing::readFile(tmp / "err") +
                       "--- exit " + testing::readFile(tmp / "rc").substr(0, 1) + " ---\n";
  actual = replaceAll(replaceAll(actual, testdata, "${TESTDATA}"), dir.string(), "${CASE}");
  testing::expectGolden(dir / "expected.txt", actual);
}

std::vector<std::string> cases() {
  std::vector<std::string> names;
  fs::path root = fs::path(RIVULET_SOURCE_DIR) / "tests" / "golden" / "cli";
  for (const auto& e : fs::directory_iterator(root)) {
    if (e.is_directory()) {
      names.push_back(e.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Cases, CliGoldenTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (auto& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace rivulet
