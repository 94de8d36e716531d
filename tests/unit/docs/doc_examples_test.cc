// The docs cannot drift from compiled code: every ```cpp block in README.md and docs/*.md is
// preceded by "<!-- example: NAME.cc -->" and must equal docs/examples/NAME.cc, which the build
// compiles and ctest runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "testing/test_paths.h"

namespace rivulet {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> markdownFiles() {
  fs::path root(RIVULET_SOURCE_DIR);
  std::vector<fs::path> files = {root / "README.md"};
  for (const auto& e : fs::directory_iterator(root / "docs")) {
    if (e.path().extension() == ".md") {
      files.push_back(e.path());
    }
  }
  return files;
}

TEST(DocExamplesTest, EveryCppBlockIsACompiledExample) {
  fs::path examples = fs::path(RIVULET_SOURCE_DIR) / "docs" / "examples";
  int blocks = 0;
  for (const auto& file : markdownFiles()) {
    std::string text = testing::readFile(file);
    size_t pos = 0;
    while ((pos = text.find("```cpp\n", pos)) != std::string::npos) {
      size_t bodyStart = pos + 7;
      size_t bodyEnd = text.find("```", bodyStart);
      ASSERT_NE(bodyEnd, std::string::npos) << file << ": unterminated code block";
      std::string before = text.substr(0, pos);
      std::smatch m;
      std::string lastLine = before.substr(before.rfind('\n', before.size() - 2) + 1);
      ASSERT_TRUE(std::regex_search(lastLine, m, std::regex("<!-- example: ([a-z_]+\\.cc) -->")))
          << file << ": a ```cpp block must follow <!-- example: NAME.cc --> (line: " << lastLine << ")";
      fs::path example = examples / m[1].str();
      ASSERT_TRUE(fs::exists(example)) << example;
      EXPECT_EQ(text.substr(bodyStart, bodyEnd - bodyStart), testing::readFile(example)) << file << " vs " << example;
      ++blocks;
      pos = bodyEnd + 3;
    }
  }
  EXPECT_GE(blocks, 1);
}

}  // namespace
}  // namespace rivulet
