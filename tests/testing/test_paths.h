// Where tests find the shared test data and scratch space.
#pragma once

#include <filesystem>
#include <string>

namespace rivulet::testing {

/// ../shared/testdata next to the checkout (or $RIVULET_TESTDATA); empty if absent.
std::filesystem::path testdataDir();

/// A file under testdata, or GTEST_SKIP with the path when testdata is absent — use via
/// RIVULET_REQUIRE_TESTDATA.
std::filesystem::path testdataPath(const std::string& relative);

/// A fresh empty temporary directory, removed when the process exits normally.
std::filesystem::path makeTempDir(const std::string& prefix = "rivulet-test");

/// Reads a whole file.
std::string readFile(const std::filesystem::path& path);

/// Writes a whole file, creating parent directories.
void writeFile(const std::filesystem::path& path, const std::string& content);

}  // namespace rivulet::testing

/// Skips the current test with a clear message when ../shared/testdata/<rel> is missing.
#define RIVULET_REQUIRE_TESTDATA(var, rel)                                              \
  auto var = ::rivulet::testing::testdataPath(rel);                                     \
  if (!std::filesystem::exists(var)) {                                                  \
    GTEST_SKIP() << "test data not found: " << var.string()                            \
                 << " (expected ../shared/testdata beside the checkout, or set RIVULET_TESTDATA)"; \
  }
