// Malformed and encrypted files (../shared/testdata/parquet/bad/, encrypted/), and damage made
// here: each fails with a rivulet::Error naming the file and what is wrong, never a crash.
#include <gtest/gtest.h>

#include <cstring>

#include "parquet_test_util.h"
#include "rivulet/columnar/vector_builder.h"
#include "rivulet/common/error.h"
#include "rivulet/formats/parquet/parquet_format.h"
#include "rivulet/formats/parquet/parquet_metadata.h"
#include "testing/test_paths.h"

namespace rivulet::parquet {
namespace {

using testing::readError;

#define BAD_FILE(var, name) RIVULET_REQUIRE_TESTDATA(var, std::string("parquet/") + name)

TEST(ParquetBadFileTest, Parquet1481CorruptSchemaValue) {
  BAD_FILE(p, "bad/PARQUET-1481.parquet");
  EXPECT_EQ(readError(p.string()),
            "Malformed Parquet metadata (Thrift compact protocol): unknown physical type -7 at byte 19\n"
            "  while reading the Parquet footer of " + p.string());
}

TEST(ParquetBadFileTest, ArrowRs6229NegativeDictionaryCount) {
  BAD_FILE(p, "bad/ARROW-RS-GH-6229-DICTHEADER.parquet");
  EXPECT_EQ(readError(p.string()),
            "Column chunk [466, +125) lies outside the file of 533 bytes\n"
            "  while opening row group 0 of " + p.string());
}

TEST(ParquetBadFileTest, ArrowRs6229TooFewLevels) {
  BAD_FILE(p, "bad/ARROW-RS-GH-6229-LEVELS.parquet");
  EXPECT_EQ(readError(p.string()),
            "Data page has fewer repetition levels than its 21 values\n"
            "  while reading column 'outer.list.item.c', page 1 at offset 19\n"
            "  while reading row group 0 of " + p.string());
}

TEST(ParquetBadFileTest, Arrow41321FewerLevelsThanValues) {
  BAD_FILE(p, "bad/ARROW-GH-41321.parquet");
  EXPECT_EQ(readError(p.string()),
            "Invalid RLE/bit-packed bit width 254 (expected 0..32)\n"
            "  while reading column 'int64', page 1 at offset 1313\n"
            "  while reading row group 0 of " + p.string());
}

TEST(ParquetBadFileTest, Arrow41317ColumnChunksDisagree) {
  BAD_FILE(p, "bad/ARROW-GH-41317.parquet");
  EXPECT_EQ(readError(p.string()),
            "Malformed Parquet metadata (Thrift compact protocol): list encodings has elements of wire type 4 "
            "at byte 13784\n"
            "  while reading the Parquet footer of " + p.string());
}

TEST(ParquetBadFileTest, Arrow43605DictionaryIndicesOfBitWidthZero) {
  // Arguably legal (every index 0): read, every row the dictionary's first value.
  BAD_FILE(p, "bad/ARROW-GH-43605.parquet");
  auto r = testing::readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "min_fl INT");
  EXPECT_EQ(r.rows, std::vector<std::string>(21186, "0"));
}

TEST(ParquetBadFileTest, Arrow45185RecordStartsInsideAList) {
  BAD_FILE(p, "bad/ARROW-GH-45185.parquet");
  EXPECT_EQ(readError(p.string()),
            "The column chunk's first repetition level is 1, expected 0 (a record cannot start inside a list)\n"
            "  while reading column 'x.list.element', page 0 at offset 4\n"
            "  while reading row group 0 of " + p.string());
}

TEST(ParquetBadFileTest, Arrow47662NullsInARequiredColumn) {
  BAD_FILE(p, "bad/ARROW-GH-47662.parquet");
  EXPECT_EQ(readError(p.string()),
            "Page values end early: 100 more FIXED_LEN_BYTE_ARRAY values needed, 364 bytes left (PLAIN)\n"
            "  while reading column 'flba_field', page 0 at offset 4\n"
            "  while reading row group 0 of " + p.string());
}

TEST(ParquetBadFileTest, UniformEncryptionIsRejected) {
  BAD_FILE(p, "encrypted/uniform_encryption.parquet.encrypted");
  try {
    testing::readParquet(p.string());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.errorClass(), "UNSUPPORTED_FEATURE");
    EXPECT_EQ(std::string(e.what()),
              "The Parquet file is encrypted (footer magic PARE); Parquet modular encryption is not supported\n"
              "  while reading the Parquet footer of " + p.string());
  }
}

TEST(ParquetBadFileTest, EncryptedColumnsAreRejected) {
  BAD_FILE(p, "encrypted/encrypt_columns_plaintext_footer.parquet.encrypted");
  EXPECT_EQ(readError(p.string()),
            "Parquet column 'float_field' is encrypted (Parquet modular encryption is not supported)\n"
            "  while opening row group 0 of " + p.string());
  // The plaintext footer is readable.
  auto info = readParquetMetadata(p.string());
  EXPECT_EQ(info.numRows, 50);
  EXPECT_EQ(info.rowGroups.size(), 1u);
}

class DamagedFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = rivulet::testing::makeTempDir("parquet-damaged");
    good_ = (dir_ / "good.parquet").string();
    StructType schema = parseSchemaDDL("a INT, s STRING, l ARRAY<BIGINT>");
    VectorBuilder a(DataType::integer());
    VectorBuilder s(DataType::string());
    VectorBuilder l(schema[2].type);
    for (int i = 0; i < 5000; ++i) {
      a.appendInt(i);
      s.appendString("value " + std::to_string(i % 37));
      l.child(0).appendInt(i);
      l.child(0).appendInt(-i);
      l.finishArray();
    }
    Batch b({a.finish(), s.finish(), l.finish()}, 5000);
    testing::writeParquet(good_, schema, {b}, Options{{"compression", "snappy"}});
    bytes_ = rivulet::testing::readFile(good_);
  }

  std::string damaged(const std::string& name, const std::string& content) {
    auto p = (dir_ / name).string();
    rivulet::testing::writeFile(p, content);
    return p;
  }

  std::filesystem::path dir_;
  std::string good_;
  std::string bytes_;
};

TEST_F(DamagedFileTest, EveryTruncationFailsCleanly) {
  // Cutting the file anywhere yields an error (or, for cuts inside no data, the same rows).
  for (size_t n = 0; n < bytes_.size(); n += std::max<size_t>(1, bytes_.size() / 97)) {
    std::string p = damaged("cut.parquet", bytes_.substr(0, n));
    std::string error = readError(p);
    EXPECT_NE(error, "") << "cut at " << n;
  }
  EXPECT_EQ(readError(damaged("tiny.parquet", "PAR1")),
            "Not a Parquet file: 4 bytes is too small (at least 12 expected)\n"
            "  while reading the Parquet footer of " + (dir_ / "tiny.parquet").string());
}

TEST_F(DamagedFileTest, FlippedBytesNeverCrash) {
  // Every single-byte change either reads or throws rivulet::Error (run under ASan in CI).
  for (size_t i = 0; i < bytes_.size(); i += 7) {
    std::string copy = bytes_;
    copy[i] = static_cast<char>(copy[i] ^ 0x5A);
    std::string p = damaged("flip.parquet", copy);
    try {
      testing::readParquet(p, Options{{"verifyChecksums", "false"}});
    } catch (const Error&) {
    }
  }
}

TEST_F(DamagedFileTest, LyingFooterLength) {
  std::string copy = bytes_;
  uint32_t huge = 0x7FFFFFF0;
  std::memcpy(copy.data() + copy.size() - 8, &huge, 4);
  std::string p = damaged("footer.parquet", copy);
  EXPECT_EQ(readError(p), "Footer length 2147483632 exceeds the file size " + std::to_string(copy.size()) +
                              " minus 12 bytes of magic and length\n"
                              "  while reading the Parquet footer of " + p);
}

TEST_F(DamagedFileTest, WrongMagic) {
  std::string copy = bytes_;
  copy.replace(copy.size() - 4, 4, "PAR2");
  std::string p = damaged("magic.parquet", copy);
  EXPECT_EQ(readError(p), "Not a Parquet file: expected magic PAR1 at the end, found 'PAR2'\n"
                          "  while reading the Parquet footer of " + p);
}

TEST_F(DamagedFileTest, MissingFileIsPathNotFound) {
  try {
    testing::readParquet((dir_ / "absent.parquet").string());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.errorClass(), "PATH_NOT_FOUND");
  }
}

}  // namespace
}  // namespace rivulet::parquet
