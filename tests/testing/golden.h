// Golden files: compare output with an expected file (or rewrite it with RIVULET_UPDATE_GOLDEN=1),
// and find case folders (tests/golden/<area>/<case>/) for parameterized tests.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace rivulet::testing {

/// Expects `actual` to equal the content of `expectedFile`; on mismatch fails with a line diff.
/// With RIVULET_UPDATE_GOLDEN=1 in the environment, writes `actual` to the file instead.
void expectGolden(const std::filesystem::path& expectedFile, const std::string& actual);

/// tests/golden/<area> in the source tree.
std::filesystem::path goldenDir(const std::string& area);

/// Names of the case folders under tests/golden/<area>, sorted; empty if the folder is absent.
std::vector<std::string> goldenCases(const std::string& area);

/// A readable line diff of two texts ("" when equal): "  same", "- expected", "+ actual", with
/// trailing spaces and a missing final newline made visible.
std::string lineDiff(const std::string& expected, const std::string& actual);

/// `key=value` lines (blank lines and lines starting with '#' ignored). Missing file → empty.
std::map<std::string, std::string> readOptionsFile(const std::filesystem::path& path);

}  // namespace rivulet::testing
