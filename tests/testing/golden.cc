#include "testing/golden.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "testing/test_paths.h"

namespace rivulet::testing {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start) + "\\ (no newline at end)");
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// Trailing spaces matter in show() output; mark the end of each line.
std::string visible(const std::string& line) {
  return line + "$";
}

}  // namespace

std::string lineDiff(const std::string& expected, const std::string& actual) {
  if (expected == actual) {
    return "";
  }
  std::vector<std::string> a = splitLines(expected);
  std::vector<std::string> b = splitLines(actual);
  // Longest common subsequence of lines, so an inserted line shows as one "+".
  size_t n = a.size();
  size_t m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::ostringstream out;
  out << "--- expected\n+++ actual\n";
  size_t i = 0;
  size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out << "  " << visible(a[i]) << "\n";
      ++i;
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out << "- " << visible(a[i++]) << "\n";
    } else {
      out << "+ " << visible(b[j++]) << "\n";
    }
  }
  return out.str();
}

void expectGolden(const fs::path& expectedFile, const std::string& actual) {
  const char* update = std::getenv("RIVULET_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    writeFile(expectedFile, actual);
    return;
  }
  if (!fs::exists(expectedFile)) {
    ADD_FAILURE() << "golden file missing: " << expectedFile.string()
                  << " (run with RIVULET_UPDATE_GOLDEN=1 to create it); actual output:\n"
                  << actual;
    return;
  }
  std::string expected = readFile(expectedFile);
  if (expected != actual) {
    ADD_FAILURE() << "output differs from " << expectedFile.string()
                  << " (RIVULET_UPDATE_GOLDEN=1 rewrites it):\n"
                  << lineDiff(expected, actual);
  }
}

fs::path goldenDir(const std::string& area) {
  // ctest sets RIVULET_SOURCE_DIR; the compiled-in path serves direct runs.
  const char* env = std::getenv("RIVULET_SOURCE_DIR");
  fs::path root = env != nullptr && *env != '\0' ? fs::path(env) : fs::path(RIVULET_SOURCE_DIR);
  return root / "tests" / "golden" / area;
}

std::vector<std::string> goldenCases(const std::string& area) {
  std::vector<std::string> names;
  fs::path dir = goldenDir(area);
  if (!fs::is_directory(dir)) {
    return names;
  }
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory()) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::map<std::string, std::string> readOptionsFile(const fs::path& path) {
  std::map<std::string, std::string> options;
  if (!fs::exists(path)) {
    return options;
  }
  std::istringstream in(readFile(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.empty() || line[0] == '#') {
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string::npos) {
      options[line] = "";
    } else {
      options[line.substr(0, eq)] = line.substr(eq + 1);
    }
  }
  return options;
}

}  // namespace rivulet::testing
