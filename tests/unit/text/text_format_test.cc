// The text format: lines as `value`, lineSep, wholetext, gzip, writer.
#include <gtest/gtest.h>

#include "rivulet/common/error.h"
#include "testing/test_paths.h"
#include "unit/csv/csv_test_helpers.h"

namespace rivulet::testing {
namespace {

ReadResult readText(const std::string& path, const Options& options) {
  return readFormat("text", {path}, options);
}

TEST(TextFormat, LinesWithAnySeparator) {
  auto dir = makeTempDir();
  writeFile(dir / "a.txt", "one\r\ntwo\n\nthree\rfour\n");
  auto r = readText((dir / "a.txt").string(), {});
  EXPECT_EQ(r.schema.treeString(), "root\n |-- value: string (nullable = true)\n");
  EXPECT_EQ(r.rows, rows({"[one]", "[two]", "[]", "[three]", "[four]"}));
  writeFile(dir / "b.txt", "no newline at end");
  EXPECT_EQ(readText((dir / "b.txt").string(), {}).rows, rows({"[no newline at end]"}));
  writeFile(dir / "empty.txt", "");
  EXPECT_EQ(readText((dir / "empty.txt").string(), {}).numRows, 0);
}

TEST(TextFormat, LineSepOnSparkFile) {
  RIVULET_REQUIRE_TESTDATA(path, "spark/csv/ages_newlines.csv");
  auto r = readText(path.string(), {{"lineSep", ","}});
  EXPECT_EQ(r.numRows, 8);
  EXPECT_EQ(r.rows, rows({"[Joe]", "[20]", "[\"Hi]", "[\nI am Jeo\"\nTom]", "[30]",
                          "[\"My name is Tom\"\nHyukjin]", "[25]",
                          "[\"I am Hyukjin\n\nI love Spark!\"\n]"}));
}

TEST(TextFormat, WholeTextAndCount) {
  auto dir = makeTempDir();
  writeFile(dir / "w.txt", "a\nb\n");
  EXPECT_EQ(readText((dir / "w.txt").string(), {{"wholetext", "true"}}).rows, rows({"[a\nb\n]"}));
  auto counted = readFormat("text", {(dir / "w.txt").string()}, {}, std::nullopt, std::vector<int>{});
  EXPECT_EQ(counted.numRows, 2);
}

TEST(TextFormat, LongLineCapAndBatches) {
  auto dir = makeTempDir();
  writeFile(dir / "l.txt", "short\n" + std::string(5000, 'y') + "\n");
  auto file = (dir / "l.txt").string();
  try {
    readText(file, {{"maxRecordBytes", "100"}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "Text line too large: the line exceeds maxRecordBytes (100) at " +
                               qualifiedPath(file) + ", line 2");
  }
  std::string many;
  for (int i = 0; i < 10000; ++i) {
    many += std::to_string(i) + "\n";
  }
  writeFile(dir / "m.txt", many);
  auto r = readFormat("text", {(dir / "m.txt").string()}, {}, std::nullopt, std::nullopt, 333);
  ASSERT_EQ(r.numRows, 10000);
  EXPECT_EQ(r.rows[9999], "[9999]");
}

TEST(TextFormat, WriteAndReadBackGzip) {
  auto dir = makeTempDir();
  const FileFormat& text = fileFormat("text");
  StructType schema({{"value", DataType::string(), true}});
  Options opts{{"compression", "gzip"}};
  EXPECT_EQ(text.fileExtension({}), ".txt");
  EXPECT_EQ(text.fileExtension(opts), ".txt.gz");
  auto file = (dir / "part-00000.txt.gz").string();
  FormatContext ctx;
  auto w = text.create(file, schema, opts, ctx);
  w->write(Batch({vectorFromValues(DataType::string(),
                                   {Value::string("a"), Value(), Value::string("c d")})},
                 3));
  w->close();
  EXPECT_EQ(InputFile(file).readAll(1000), "a\n\nc d\n");
  EXPECT_EQ(readText(file, {}).rows, rows({"[a]", "[]", "[c d]"}));
}

TEST(TextFormat, WriterRejectsOtherSchemas) {
  auto dir = makeTempDir();
  const FileFormat& text = fileFormat("text");
  FormatContext ctx;
  try {
    text.create((dir / "x.txt").string(), parseSchemaDDL("a string, b string"), {}, ctx);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "Text data source supports only a single column, and you have 2 columns.");
  }
  try {
    text.create((dir / "x.txt").string(), parseSchemaDDL("a int"), {}, ctx);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(),
              "[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The Text datasource doesn't support the "
              "column `a` of the type \"INT\".");
  }
}

}  // namespace
}  // namespace rivulet::testing
