// listDataFiles: directories, partition directories, hidden files, globs, missing paths.
#include "rivulet/formats/file_listing.h"

#include <gtest/gtest.h>

#include "rivulet/common/error.h"
#include "testing/test_paths.h"

namespace rivulet::testing {
namespace {

class FileListingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = makeTempDir().string();
    for (const char* f : {"a.csv", "b.csv", "c.json", "_SUCCESS", ".hidden.csv", "x._COPYING_",
                          "sub/d.csv", "year=2020/e.csv", "year=2020/month=1/f.csv",
                          "other/g.csv", "other/h.txt"}) {
      writeFile(std::filesystem::path(dir_) / f, "x");
    }
  }

  std::vector<std::string> names(const std::vector<std::string>& files) {
    std::vector<std::string> out;
    for (const auto& f : files) {
      out.push_back(f.substr(dir_.size() + 1));
    }
    return out;
  }

  std::string dir_;
};

TEST_F(FileListingTest, DirectorySkipsHiddenAndDescendsIntoPartitions) {
  EXPECT_EQ(names(listDataFiles({dir_})),
            (std::vector<std::string>{"a.csv", "b.csv", "c.json", "year=2020/e.csv",
                                      "year=2020/month=1/f.csv"}));
  EXPECT_EQ(names(listDataFiles({"file:" + dir_ + "/"}, true)),
            (std::vector<std::string>{"a.csv", "b.csv", "c.json", "other/g.csv", "other/h.txt",
                                      "sub/d.csv", "year=2020/e.csv", "year=2020/month=1/f.csv"}));
}

TEST_F(FileListingTest, FilesNamedDirectlyAreKept) {
  EXPECT_EQ(names(listDataFiles({dir_ + "/_SUCCESS", dir_ + "/b.csv", dir_ + "/b.csv"})),
            (std::vector<std::string>{"_SUCCESS", "b.csv"}));
}

TEST_F(FileListingTest, Globs) {
  EXPECT_EQ(names(listDataFiles({dir_ + "/*.csv"})), (std::vector<std::string>{"a.csv", "b.csv"}));
  EXPECT_EQ(names(listDataFiles({dir_ + "/[ab].*"})), (std::vector<std::string>{"a.csv", "b.csv"}));
  EXPECT_EQ(names(listDataFiles({dir_ + "/?.{csv,json}"})),
            (std::vector<std::string>{"a.csv", "b.csv", "c.json"}));
  EXPECT_EQ(names(listDataFiles({dir_ + "/*/*.csv"})),
            (std::vector<std::string>{"other/g.csv", "sub/d.csv", "year=2020/e.csv"}));
  EXPECT_EQ(names(listDataFiles({dir_ + "/{sub,other}"})),
            (std::vector<std::string>{"other/g.csv", "other/h.txt", "sub/d.csv"}));
}

TEST_F(FileListingTest, MissingPaths) {
  try {
    listDataFiles({dir_ + "/missing.csv"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.errorClass(), "PATH_NOT_FOUND");
    EXPECT_EQ(e.message(), "[PATH_NOT_FOUND] Path does not exist: file:" + dir_ + "/missing.csv.");
  }
  EXPECT_THROW(listDataFiles({dir_ + "/*.parquet"}), Error);
}

TEST_F(FileListingTest, InputFileReadsPlainAndRejectsOversizedWholeReads) {
  writeFile(std::filesystem::path(dir_) / "big.txt", std::string(3000, 'z'));
  InputFile in(dir_ + "/big.txt");
  EXPECT_FALSE(in.compressed());
  try {
    in.readAll(100);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "File content exceeds the limit of 100 bytes for a whole-file read: file:" +
                               dir_ + "/big.txt");
  }
  InputFile again(dir_ + "/big.txt");
  EXPECT_EQ(again.readAll(1 << 20).size(), 3000u);
}

}  // namespace
}  // namespace rivulet::testing
