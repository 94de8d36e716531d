#include "testing/test_paths.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

namespace rivulet::testing {

namespace fs = std::filesystem;

fs::path testdataDir() {
  if (const char* env = std::getenv("RIVULET_TESTDATA")) {
    return fs::path(env);
  }
  return fs::path(RIVULET_SOURCE_DIR).parent_path() / "shared" / "testdata";
}

fs::path testdataPath(const std::string& relative) { return testdataDir() / relative; }

namespace {

std::vector<fs::path>& tempDirs() {
  static std::vector<fs::path> dirs;
  return dirs;
}

struct Cleanup {
  ~Cleanup() {
    if (std::getenv("RIVULET_KEEP_TMP") != nullptr) {
      return;
    }
    std::error_code ec;
    for (const auto& d : tempDirs()) {
      fs::remove_all(d, ec);
    }
  }
};

}  // namespace

fs::path makeTempDir(const std::string& prefix) {
  static Cleanup cleanup;
  static std::mutex mu;
  std::string templ = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for " + templ);
  }
  std::lock_guard<std::mutex> lock(mu);
  tempDirs().emplace_back(buf.data());
  return tempDirs().back();
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeFile(const fs::path& path, const std::string& content) {
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path());
  }
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

}  // namespace rivulet::testing
