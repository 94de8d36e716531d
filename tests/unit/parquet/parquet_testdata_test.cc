// One test per file in ../shared/testdata/parquet/ (apache/parquet-testing): the values its
// README, *_expect.csv or *.md files give.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "parquet_test_util.h"
#include "rivulet/formats/parquet/parquet_format.h"
#include "rivulet/formats/parquet/parquet_metadata.h"
#include "testing/test_paths.h"

namespace rivulet::parquet {
namespace {

using testing::readParquet;
using Rows = std::vector<std::string>;

#define PARQUET_FILE(var, name) RIVULET_REQUIRE_TESTDATA(var, std::string("parquet/") + name)

Rows rowsOf(const std::filesystem::path& p, const Options& options = {}) {
  return readParquet(p.string(), options).rows;
}

// Splits "a | b | c".
std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t bar = row.find(" | ", start);
    out.push_back(row.substr(start, bar - start));
    if (bar == std::string::npos) {
      return out;
    }
    start = bar + 3;
  }
}

// A simple CSV reader for the upstream *_expect.csv files (quoted fields, no embedded quotes).
std::vector<std::vector<std::string>> readCsv(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::string cur;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    fields.push_back(cur);
    rows.push_back(fields);
  }
  return rows;
}

// Compares a file against its expect.csv: empty CSV fields are nulls.
void expectMatchesCsv(const std::string& name, const std::string& csv) {
  PARQUET_FILE(path, name);
  PARQUET_FILE(expectPath, csv);
  auto result = readParquet(path.string());
  auto expected = readCsv(expectPath);
  ASSERT_EQ(result.rows.size() + 1, expected.size());
  ASSERT_EQ(result.schema.size(), expected[0].size());
  for (size_t r = 0; r < result.rows.size(); ++r) {
    auto got = cells(result.rows[r]);
    ASSERT_EQ(got.size(), expected[r + 1].size()) << "row " << r;
    for (size_t c = 0; c < got.size(); ++c) {
      std::string want = expected[r + 1][c].empty() ? "null" : expected[r + 1][c];
      ASSERT_EQ(got[c], want) << "row " << r << ", column " << result.schema[c].name;
    }
  }
}

const Rows kAllTypesPlain = {
    "4 | true | 0 | 0 | 0 | 0 | 0.0 | 0.0 | [30 33 2F 30 31 2F 30 39] | [30] | 2009-03-01 00:00:00",
    "5 | false | 1 | 1 | 1 | 10 | 1.1 | 10.1 | [30 33 2F 30 31 2F 30 39] | [31] | 2009-03-01 00:01:00",
    "6 | true | 0 | 0 | 0 | 0 | 0.0 | 0.0 | [30 34 2F 30 31 2F 30 39] | [30] | 2009-04-01 00:00:00",
    "7 | false | 1 | 1 | 1 | 10 | 1.1 | 10.1 | [30 34 2F 30 31 2F 30 39] | [31] | 2009-04-01 00:01:00",
    "2 | true | 0 | 0 | 0 | 0 | 0.0 | 0.0 | [30 32 2F 30 31 2F 30 39] | [30] | 2009-02-01 00:00:00",
    "3 | false | 1 | 1 | 1 | 10 | 1.1 | 10.1 | [30 32 2F 30 31 2F 30 39] | [31] | 2009-02-01 00:01:00",
    "0 | true | 0 | 0 | 0 | 0 | 0.0 | 0.0 | [30 31 2F 30 31 2F 30 39] | [30] | 2009-01-01 00:00:00",
    "1 | false | 1 | 1 | 1 | 10 | 1.1 | 10.1 | [30 31 2F 30 31 2F 30 39] | [31] | 2009-01-01 00:01:00",
};

TEST(ParquetTestdataTest, AllTypesPlain) {
  PARQUET_FILE(p, "alltypes_plain.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(),
            "id INT,bool_col BOOLEAN,tinyint_col INT,smallint_col INT,int_col INT,bigint_col BIGINT,"
            "float_col FLOAT,double_col DOUBLE,date_string_col BINARY,string_col BINARY,timestamp_col TIMESTAMP");
  EXPECT_EQ(r.rows, kAllTypesPlain);
}

TEST(ParquetTestdataTest, AllTypesPlainSnappy) {
  PARQUET_FILE(p, "alltypes_plain.snappy.parquet");
  EXPECT_EQ(rowsOf(p), (Rows{kAllTypesPlain[2], kAllTypesPlain[3]}));
}

TEST(ParquetTestdataTest, AllTypesDictionary) {
  PARQUET_FILE(p, "alltypes_dictionary.parquet");
  EXPECT_EQ(rowsOf(p), (Rows{kAllTypesPlain[6], kAllTypesPlain[7]}));
}

TEST(ParquetTestdataTest, AllTypesPlainBinaryAsString) {
  PARQUET_FILE(p, "alltypes_plain.parquet");
  auto rows = rowsOf(p, Options{{"binaryAsString", "true"}});
  EXPECT_EQ(rows[0], "4 | true | 0 | 0 | 0 | 0 | 0.0 | 0.0 | 03/01/09 | 0 | 2009-03-01 00:00:00");
}

// The tiny-pages files hold Impala's alltypes table: row id i has these values.
void expectTinyPages(const std::string& name) {
  PARQUET_FILE(p, name);
  auto r = readParquet(p.string(), {}, 1000);
  ASSERT_EQ(r.rows.size(), 7300u);
  EXPECT_EQ(r.schema.toDDL(),
            "id INT,bool_col BOOLEAN,tinyint_col TINYINT,smallint_col SMALLINT,int_col INT,bigint_col BIGINT,"
            "float_col FLOAT,double_col DOUBLE,date_string_col STRING,string_col STRING,"
            "timestamp_col TIMESTAMP,year INT,month INT");
  EXPECT_EQ(r.rows[0], "122 | true | 2 | 2 | 2 | 20 | 2.2 | 20.2 | 01/13/09 | 2 | 2009-01-13 01:02:05.41 | 2009 | 1");
  EXPECT_EQ(r.rows.back(), "6174 | true | 4 | 4 | 4 | 40 | 4.4 | 40.4 | 09/10/10 | 4 | 2010-09-09 23:34:04.11 | 2010 | 9");
  std::vector<bool> seen(7300, false);
  for (const auto& row : r.rows) {
    auto c = cells(row);
    int id = std::stoi(c[0]);
    ASSERT_TRUE(id >= 0 && id < 7300 && !seen[static_cast<size_t>(id)]) << row;
    seen[static_cast<size_t>(id)] = true;
    int d = id % 10;
    ASSERT_EQ(c[1], d % 2 == 0 ? "true" : "false") << row;
    ASSERT_EQ(c[2], std::to_string(d)) << row;
    ASSERT_EQ(c[5], std::to_string(d * 10)) << row;
    ASSERT_EQ(c[9], std::to_string(d)) << row;
  }
}

TEST(ParquetTestdataTest, AllTypesTinyPages) { expectTinyPages("alltypes_tiny_pages.parquet"); }

TEST(ParquetTestdataTest, AllTypesTinyPagesPlain) { expectTinyPages("alltypes_tiny_pages_plain.parquet"); }

TEST(ParquetTestdataTest, Binary) {
  PARQUET_FILE(p, "binary.parquet");
  EXPECT_EQ(rowsOf(p), (Rows{"[00]", "[01]", "[02]", "[03]", "[04]", "[05]", "[06]", "[07]", "[08]", "[09]", "[0A]", "[0B]"}));
}

TEST(ParquetTestdataTest, BinaryTruncatedMinMax) {
  PARQUET_FILE(p, "binary_truncated_min_max.parquet");
  auto r = readParquet(p.string());
  ASSERT_EQ(r.rows.size(), 12u);
  EXPECT_EQ(r.rows[1], "Alice Johnson | [41 6C 69 63 65 20 4A 6F 68 6E 73 6F 6E] | Alice Johnson | "
                       "[41 6C 69 63 65 20 4A 6F 68 6E 73 6F 6E] | Al | [41 6C]");
  auto info = readParquetMetadata(p.string());
  // Truncated statistics are still lower / upper bounds of the values.
  for (const auto& c : info.rowGroups[0].columns) {
    if (c.path.find("utf8") == 0) {
      ASSERT_TRUE(c.min && c.max) << c.path;
      EXPECT_LE(*c.min, "Al") << c.path;
      EXPECT_GE(*c.max, "Fiona Apple") << c.path;
    }
  }
}

TEST(ParquetTestdataTest, ByteArrayDecimal) {
  PARQUET_FILE(p, "byte_array_decimal.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "value DECIMAL(4,2)");
  ASSERT_EQ(r.rows.size(), 24u);
  for (int i = 0; i < 24; ++i) {
    EXPECT_EQ(r.rows[static_cast<size_t>(i)], std::to_string(i + 1) + ".00");
  }
}

void expectDecimals1To24(const std::string& name, const std::string& ddl) {
  PARQUET_FILE(p, name);
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), ddl);
  ASSERT_EQ(r.rows.size(), 24u);
  for (int i = 0; i < 24; ++i) {
    EXPECT_EQ(r.rows[static_cast<size_t>(i)], std::to_string(i + 1) + ".00");
  }
}

TEST(ParquetTestdataTest, Int32Decimal) { expectDecimals1To24("int32_decimal.parquet", "value DECIMAL(4,2)"); }

TEST(ParquetTestdataTest, Int64Decimal) { expectDecimals1To24("int64_decimal.parquet", "value DECIMAL(10,2)"); }

TEST(ParquetTestdataTest, FixedLengthDecimal) { expectDecimals1To24("fixed_length_decimal.parquet", "value DECIMAL(25,2)"); }

TEST(ParquetTestdataTest, FixedLengthDecimalLegacy) {
  expectDecimals1To24("fixed_length_decimal_legacy.parquet", "value DECIMAL(13,2)");
}

TEST(ParquetTestdataTest, ByteStreamSplitZstd) {
  PARQUET_FILE(p, "byte_stream_split.zstd.parquet");
  auto r = readParquet(p.string());
  ASSERT_EQ(r.rows.size(), 300u);
  EXPECT_EQ(r.rows[0], "1.7640524 | -1.3065268517353166");
  EXPECT_EQ(r.rows[1], "0.4001572 | 1.658130679618188");
}

TEST(ParquetTestdataTest, ByteStreamSplitExtendedGzip) {
  PARQUET_FILE(p, "byte_stream_split_extended.gzip.parquet");
  auto r = readParquet(p.string());
  ASSERT_EQ(r.rows.size(), 200u);
  ASSERT_EQ(r.schema.size(), 14u);
  EXPECT_EQ(r.schema[0].type->simpleString(), "float");   // FLOAT16
  EXPECT_EQ(r.schema[12].type->simpleString(), "decimal(7,3)");
  EXPECT_EQ(r.rows[0], "10.3046875 | 10.3046875 | 10.337575 | 10.337575 | 9.82038858616854 | 9.82038858616854 | "
                       "24191 | 24191 | 293650000000 | 293650000000 | [30 33 37 39 35] | [30 33 37 39 35] | "
                       "1003.858 | 1003.858");
  // Each *_plain column equals its *_byte_stream_split twin.
  for (const auto& row : r.rows) {
    auto c = cells(row);
    for (size_t i = 0; i < c.size(); i += 2) {
      ASSERT_EQ(c[i], c[i + 1]) << r.schema[i].name << " in " << row;
    }
  }
}

TEST(ParquetTestdataTest, ColumnChunkKeyValueMetadata) {
  PARQUET_FILE(p, "column_chunk_key_value_metadata.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "column1 INT,column2 INT");
  EXPECT_TRUE(r.rows.empty());
}

TEST(ParquetTestdataTest, ConcatenatedGzipMembers) {
  PARQUET_FILE(p, "concatenated_gzip_members.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "long_col DECIMAL(20,0)");  // UINT_64, as Spark reads it
  ASSERT_EQ(r.rows.size(), 513u);
  for (int i = 0; i < 513; ++i) {
    ASSERT_EQ(r.rows[static_cast<size_t>(i)], std::to_string(i + 1));
  }
}

const Rows kBloomRows = {"Hello", "This is", "a", "test", "How", "are you", "doing ", "today", "the quick",
                         "brown fox", "jumps", "over", "the lazy", "dog"};

TEST(ParquetTestdataTest, DataIndexBloomEncodingStats) {
  PARQUET_FILE(p, "data_index_bloom_encoding_stats.parquet");
  EXPECT_EQ(rowsOf(p), kBloomRows);
}

TEST(ParquetTestdataTest, DataIndexBloomEncodingWithLength) {
  PARQUET_FILE(p, "data_index_bloom_encoding_with_length.parquet");
  EXPECT_EQ(rowsOf(p), kBloomRows);
}

Rows checksumRows(const std::string& name, const Options& options = {}) {
  auto p = rivulet::testing::testdataPath("parquet/" + name);
  return rowsOf(p, options);
}

TEST(ParquetTestdataTest, DatapageV1UncompressedChecksum) {
  PARQUET_FILE(p, "datapage_v1-uncompressed-checksum.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "a INT NOT NULL,b INT NOT NULL");
  ASSERT_EQ(r.rows.size(), 5120u);
  EXPECT_EQ(r.rows[0], "50462976 | 1734763876");
  EXPECT_EQ(r.rows.back(), "16909060 | -1684366952");
}

TEST(ParquetTestdataTest, DatapageV1SnappyCompressedChecksum) {
  PARQUET_FILE(p, "datapage_v1-snappy-compressed-checksum.parquet");
  EXPECT_EQ(rowsOf(p), checksumRows("datapage_v1-uncompressed-checksum.parquet"));
}

TEST(ParquetTestdataTest, DatapageV1CorruptChecksum) {
  PARQUET_FILE(p, "datapage_v1-corrupt-checksum.parquet");
  EXPECT_EQ(testing::readError(p.string()),
            "Page CRC mismatch: the header says 3150855069, the page data has 256863498\n"
            "  while reading column 'a', page 0 at offset 4\n"
            "  while reading row group 0 of " + p.string());
  // Without CRC checks the file reads; only the two damaged pages differ from the intact file.
  Rows damaged = rowsOf(p, Options{{"verifyChecksums", "false"}});
  Rows intact = checksumRows("datapage_v1-uncompressed-checksum.parquet");
  ASSERT_EQ(damaged.size(), intact.size());
  int differing = 0;
  for (size_t i = 0; i < damaged.size(); ++i) {
    differing += damaged[i] != intact[i];
  }
  EXPECT_GT(differing, 0);
  EXPECT_LT(differing, 5120);
}

TEST(ParquetTestdataTest, DatapageV2Snappy) {
  PARQUET_FILE(p, "datapage_v2.snappy.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "a STRING,b INT NOT NULL,c DOUBLE NOT NULL,d BOOLEAN NOT NULL,e ARRAY<INT>");
  EXPECT_EQ(r.rows, (Rows{"abc | 1 | 2.0 | true | [1, 2, 3]", "abc | 2 | 3.0 | true | null",
                          "abc | 3 | 4.0 | true | null", "null | 4 | 5.0 | false | [1, 2, 3]",
                          "abc | 5 | 2.0 | true | [1, 2]"}));
}

TEST(ParquetTestdataTest, DatapageV2EmptyDatapageSnappy) {
  PARQUET_FILE(p, "datapage_v2_empty_datapage.snappy.parquet");
  EXPECT_EQ(rowsOf(p), Rows{"null"});
}

TEST(ParquetTestdataTest, DeltaBinaryPacked) {
  expectMatchesCsv("delta_binary_packed.parquet", "delta_binary_packed_expect.csv");
}

TEST(ParquetTestdataTest, DeltaByteArray) { expectMatchesCsv("delta_byte_array.parquet", "delta_byte_array_expect.csv"); }

TEST(ParquetTestdataTest, DeltaEncodingOptionalColumn) {
  expectMatchesCsv("delta_encoding_optional_column.parquet", "delta_encoding_optional_column_expect.csv");
}

TEST(ParquetTestdataTest, DeltaEncodingRequiredColumn) {
  expectMatchesCsv("delta_encoding_required_column.parquet", "delta_encoding_required_column_expect.csv");
}

TEST(ParquetTestdataTest, DeltaLengthByteArray) {
  PARQUET_FILE(p, "delta_length_byte_array.parquet");
  auto rows = rowsOf(p);
  ASSERT_EQ(rows.size(), 1000u);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(rows[static_cast<size_t>(i)], "apple_banana_mango" + std::to_string(i * i));
  }
}

TEST(ParquetTestdataTest, DictPageOffsetZero) {
  PARQUET_FILE(p, "dict-page-offset-zero.parquet");
  EXPECT_EQ(rowsOf(p), Rows(39, "1552"));
}

TEST(ParquetTestdataTest, FixedLengthByteArray) {
  PARQUET_FILE(p, "fixed_length_byte_array.parquet");
  auto r = readParquet(p.string(), {}, 64);
  EXPECT_EQ(r.schema.toDDL(), "flba_field BINARY");
  ASSERT_EQ(r.rows.size(), 1000u);
  // Row i holds 1000 - i as 4 big-endian bytes, or null; the .md lists nulls per 100-row page.
  const int nullsPerPage[] = {9, 9, 19, 10, 13, 11, 11, 8, 9, 6};
  for (int page = 0; page < 10; ++page) {
    int nulls = 0;
    for (int i = page * 100; i < page * 100 + 100; ++i) {
      const std::string& v = r.rows[static_cast<size_t>(i)];
      if (v == "null") {
        ++nulls;
        continue;
      }
      char expect[32];
      int x = 1000 - i;
      std::snprintf(expect, sizeof expect, "[00 00 %02X %02X]", (x >> 8) & 0xFF, x & 0xFF);
      ASSERT_EQ(v, expect) << "row " << i;
    }
    EXPECT_EQ(nulls, nullsPerPage[page]) << "page " << page;
  }
}

TEST(ParquetTestdataTest, Float16NonzerosAndNans) {
  PARQUET_FILE(p, "float16_nonzeros_and_nans.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "x FLOAT");
  EXPECT_EQ(r.rows, (Rows{"null", "1.0", "-2.0", "NaN", "0.0", "-1.0", "-0.0", "2.0"}));
}

TEST(ParquetTestdataTest, Float16ZerosAndNans) {
  PARQUET_FILE(p, "float16_zeros_and_nans.parquet");
  EXPECT_EQ(rowsOf(p), (Rows{"null", "0.0", "NaN"}));
}

TEST(ParquetTestdataTest, FloatingOrdersNanCount) {
  PARQUET_FILE(p, "floating_orders_nan_count.parquet");
  auto r = readParquet(p.string());
  ASSERT_EQ(r.rows.size(), 50u);
  EXPECT_EQ(r.rows[0], "-2.0 | -2.0 | -2.0 | -2.0 | -2.0 | -2.0");
  // Every row holds the same number in all six columns (float, double, float16; two orders).
  for (const auto& row : r.rows) {
    auto c = cells(row);
    for (const auto& v : c) {
      ASSERT_EQ(v, c[0]) << row;
    }
  }
  auto info = readParquetMetadata(p.string());
  EXPECT_EQ(info.rowGroups.size(), 5u);
}

const Rows kLz4Rows = {"1593604800 | [61 62 63] | 42.0", "1593604800 | [64 65 66] | 7.7",
                       "1593604801 | [61 62 63] | 42.125", "1593604801 | [64 65 66] | 7.7"};

TEST(ParquetTestdataTest, HadoopLz4Compressed) {
  PARQUET_FILE(p, "hadoop_lz4_compressed.parquet");
  EXPECT_EQ(rowsOf(p), kLz4Rows);
}

TEST(ParquetTestdataTest, NonHadoopLz4Compressed) {
  PARQUET_FILE(p, "non_hadoop_lz4_compressed.parquet");
  EXPECT_EQ(rowsOf(p), kLz4Rows);
}

TEST(ParquetTestdataTest, Lz4RawCompressed) {
  PARQUET_FILE(p, "lz4_raw_compressed.parquet");
  EXPECT_EQ(rowsOf(p), kLz4Rows);
}

void expectUuids(const std::string& name) {
  PARQUET_FILE(p, name);
  auto rows = rowsOf(p);
  ASSERT_EQ(rows.size(), 10000u);
  EXPECT_EQ(rows[0], "c7ce6bef-d5b0-4863-b199-8ea8c7fb117b");
  EXPECT_EQ(rows[1], "e8fb9197-cb9f-4118-b67f-fbfa65f61843");
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 36u) << r;
  }
}

TEST(ParquetTestdataTest, HadoopLz4CompressedLarger) {
  expectUuids("hadoop_lz4_compressed_larger.parquet");
  EXPECT_EQ(checksumRows("hadoop_lz4_compressed_larger.parquet"), checksumRows("lz4_raw_compressed_larger.parquet"));
}

TEST(ParquetTestdataTest, Lz4RawCompressedLarger) { expectUuids("lz4_raw_compressed_larger.parquet"); }

TEST(ParquetTestdataTest, IncorrectMapSchema) {
  PARQUET_FILE(p, "incorrect_map_schema.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "my_map MAP<STRING, STRING>");
  EXPECT_EQ(r.rows, Rows{"{parent -> another, name -> report}"});
}

TEST(ParquetTestdataTest, Int32WithNullPages) {
  PARQUET_FILE(p, "int32_with_null_pages.parquet");
  auto rows = rowsOf(p);
  ASSERT_EQ(rows.size(), 1000u);
  // The column index of int32_with_null_pages.md: per 100-row page null count, min, max.
  struct PageStats {
    int nulls;
    int64_t min;
    int64_t max;
  };
  const PageStats expected[] = {{8, -2135807632, 2144701119}, {55, -2104090659, 1745329571}, {100, 0, 0},
                                {52, -2116849709, 2077105757}, {16, -2048691758, 2143189382},
                                {12, -2017923401, 2087827129}, {5, -2136906554, 2125689411},
                                {7, -2113313110, 2145722375}, {8, -2046900272, 2087168549},
                                {12, -1941944785, 2078586537}};
  for (int page = 0; page < 10; ++page) {
    int nulls = 0;
    int64_t mn = INT64_MAX;
    int64_t mx = INT64_MIN;
    for (int i = page * 100; i < page * 100 + 100; ++i) {
      const std::string& v = rows[static_cast<size_t>(i)];
      if (v == "null") {
        ++nulls;
      } else {
        mn = std::min<int64_t>(mn, std::stoll(v));
        mx = std::max<int64_t>(mx, std::stoll(v));
      }
    }
    EXPECT_EQ(nulls, expected[page].nulls) << "page " << page;
    if (expected[page].nulls < 100) {
      EXPECT_EQ(mn, expected[page].min) << "page " << page;
      EXPECT_EQ(mx, expected[page].max) << "page " << page;
    }
  }
}

TEST(ParquetTestdataTest, Int96FromSpark) {
  PARQUET_FILE(p, "int96_from_spark.parquet");
  auto format = makeParquetFormat();
  FormatContext ctx;
  StructType schema = format->inferSchema({p.string()}, {}, ctx);
  EXPECT_EQ(schema.toDDL(), "a TIMESTAMP");
  auto reader = format->open(p.string(), schema, {0}, {}, ctx);
  auto batch = reader->next();
  ASSERT_TRUE(batch.has_value());
  const Vector& v = *batch->column(0);
  ASSERT_EQ(v.size(), 6);
  const int64_t expected[] = {1704141296123456, 1704070800000000, 253402225200000000, 1735599600000000, 0,
                              9089380393200000000};
  for (int i = 0; i < 6; ++i) {
    if (i == 4) {
      EXPECT_TRUE(v.isNull(i));
    } else {
      EXPECT_EQ(v.values<int64_t>()[i], expected[i]) << i;
    }
  }
}

TEST(ParquetTestdataTest, LargeStringMapBrotli) {
  if (std::getenv("RIVULET_TEST_LARGE") == nullptr) {
    GTEST_SKIP() << "large_string_map.brotli.parquet decompresses to more than 2 GiB; set "
                    "RIVULET_TEST_LARGE=1 to run (metadata read and page-size refusal only)";
  }
  PARQUET_FILE(p, "large_string_map.brotli.parquet");
  auto info = readParquetMetadata(p.string());
  EXPECT_EQ(info.numRows, 2);
  EXPECT_EQ(info.rowGroups[0].columns[0].codec, "BROTLI");
  std::string error = testing::readError(p.string());
  EXPECT_NE(error.find("exceeds the limit of 268435456 bytes (option maxPageBytes)"), std::string::npos) << error;
}

TEST(ParquetTestdataTest, ListColumns) {
  PARQUET_FILE(p, "list_columns.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "int64_list ARRAY<BIGINT>,utf8_list ARRAY<STRING>");
  EXPECT_EQ(r.rows, (Rows{"[1, 2, 3] | [abc, efg, hij]", "[null, 1] | null", "[4] | [efg, null, hij, xyz]"}));
}

TEST(ParquetTestdataTest, MapNoValue) {
  PARQUET_FILE(p, "map_no_value.parquet");
  auto r = readParquet(p.string());
  // A MAP without a value field is read as the list of its keys.
  EXPECT_EQ(r.schema.toDDL(),
            "my_map MAP<INT, INT> NOT NULL,my_map_no_v ARRAY<INT> NOT NULL,my_list ARRAY<INT> NOT NULL");
  EXPECT_EQ(r.rows, (Rows{"{1 -> null, 2 -> null, 3 -> null} | [1, 2, 3] | [1, 2, 3]",
                          "{4 -> null, 5 -> null, 6 -> null} | [4, 5, 6] | [4, 5, 6]",
                          "{7 -> null, 8 -> null, 9 -> null} | [7, 8, 9] | [7, 8, 9]"}));
}

TEST(ParquetTestdataTest, NanInStats) {
  PARQUET_FILE(p, "nan_in_stats.parquet");
  EXPECT_EQ(rowsOf(p), (Rows{"1.0", "NaN"}));
  // A NaN bound is no bound: the statistics are not used.
  auto info = readParquetMetadata(p.string());
  EXPECT_FALSE(info.rowGroups[0].columns[0].max.has_value());
}

TEST(ParquetTestdataTest, NationDictMalformed) {
  PARQUET_FILE(p, "nation.dict-malformed.parquet");
  EXPECT_EQ(testing::readError(p.string()),
            "Page of 28 bytes runs past the end of the column chunk (13 bytes left)\n"
            "  while reading column 'name', page 1 at offset 421\n"
            "  while reading row group 0 of " + p.string());
}

TEST(ParquetTestdataTest, NestedListsSnappy) {
  PARQUET_FILE(p, "nested_lists.snappy.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "a ARRAY<ARRAY<ARRAY<STRING>>>,b INT NOT NULL");
  EXPECT_EQ(r.rows, (Rows{"[[[a, b], [c]], [null, [d]]] | 1", "[[[a, b], [c, d]], [null, [e]]] | 1",
                          "[[[a, b], [c, d], [e]], [null, [f]]] | 1"}));
}

TEST(ParquetTestdataTest, NestedMapsSnappy) {
  PARQUET_FILE(p, "nested_maps.snappy.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "a MAP<STRING, MAP<INT, BOOLEAN>>,b INT NOT NULL,c DOUBLE NOT NULL");
  EXPECT_EQ(r.rows, (Rows{"{a -> {1 -> true, 2 -> false}} | 1 | 1.0", "{b -> {1 -> true}} | 1 | 1.0",
                          "{c -> null} | 1 | 1.0", "{d -> {}} | 1 | 1.0", "{e -> {1 -> true}} | 1 | 1.0",
                          "{f -> {3 -> true, 4 -> false, 5 -> true}} | 1 | 1.0"}));
}

TEST(ParquetTestdataTest, NestedStructsRust) {
  PARQUET_FILE(p, "nested_structs.rust.parquet");
  auto r = readParquet(p.string());
  ASSERT_EQ(r.schema.size(), 36u);
  for (const auto& f : r.schema.fields()) {
    ASSERT_EQ(f.type->fields().size(), 6u) << f.name;
  }
  ASSERT_EQ(r.rows.size(), 1u);
  auto c = cells(r.rows[0]);
  ASSERT_EQ(c.size(), 36u);
  EXPECT_EQ(c[0], "{190406409000602, 190407175004000, 190406671229999, 495, 94251302258849568, 0}");
  EXPECT_EQ(c[1], "{115, 742, 416, 495, 206195, 10374}");
  // Reading one struct field alone finds the right leaf among 216 (ARROW-11452).
  int idx = r.schema.fieldIndex("PC_CUR");
  ASSERT_GE(idx, 0);
  auto one = readParquet(p.string(), r.schema, {idx});
  EXPECT_EQ(one.rows, Rows{c[static_cast<size_t>(idx)]});
}

TEST(ParquetTestdataTest, NonnullableImpala) {
  PARQUET_FILE(p, "nonnullable.impala.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.rows, Rows{"8 | [-1] | [[-1, -2], []] | {k1 -> -1} | [{}, {k1 -> 1}, {}, {}] | "
                         "{-1, [-1], {[[{-1, nonnullable}]]}, {}}"});
}

TEST(ParquetTestdataTest, NullableImpala) {
  PARQUET_FILE(p, "nullable.impala.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.rows,
            (Rows{"1 | [1, 2, 3] | [[1, 2], [3, 4]] | {k1 -> 1, k2 -> 100} | [{k1 -> 1}] | "
                  "{1, [1], {[[{10, aaa}, {-10, bbb}], [{11, c}]]}, {foo -> {{[1.1]}}}}",
                  "2 | [null, 1, 2, null, 3, null] | [[null, 1, 2, null], [3, null, 4], [], null] | "
                  "{k1 -> 2, k2 -> null} | [{k3 -> null, k1 -> 1}, null, {}] | {null, [null], {[[{null, null}, "
                  "{10, aaa}, {null, null}, {-10, bbb}, {null, null}], [{11, c}, null], [], null]}, {g1 -> "
                  "{{[2.2, null]}}, g2 -> {{[]}}, g3 -> null, g4 -> {{null}}, g5 -> {null}}}",
                  "3 | [] | [null] | {} | [null, null] | {null, null, {[]}, {}}",
                  "4 | null | [] | {} | [] | {null, null, {null}, null}",
                  "5 | null | null | {} | null | {null, null, null, {foo -> {{[2.2, 3.3]}}}}",
                  "6 | null | null | null | null | null",
                  "7 | null | [null, [5, 6]] | {k1 -> null, k3 -> null} | null | {7, [2, 3, null], {[[], [null], "
                  "null]}, null}"}));
  // Batches of one row assemble the same values.
  EXPECT_EQ(readParquet(p.string(), {}, 1).rows, r.rows);
}

TEST(ParquetTestdataTest, NullList) {
  PARQUET_FILE(p, "null_list.parquet");
  EXPECT_EQ(rowsOf(p), Rows{"[]"});
}

TEST(ParquetTestdataTest, NullsSnappy) {
  PARQUET_FILE(p, "nulls.snappy.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "b_struct STRUCT<b_c_int: INT>");
  EXPECT_EQ(r.rows, Rows(8, "{null}"));
}

TEST(ParquetTestdataTest, OldListStructure) {
  PARQUET_FILE(p, "old_list_structure.parquet");
  EXPECT_EQ(rowsOf(p), Rows{"[[1, 2], [3, 4]]"});
}

TEST(ParquetTestdataTest, OverflowI16PageCount) {
  PARQUET_FILE(p, "overflow_i16_page_cnt.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.rows, Rows(40000, "false"));  // as DuckDB reads it
}

TEST(ParquetTestdataTest, PageV2EmptyCompressed) {
  PARQUET_FILE(p, "page_v2_empty_compressed.parquet");
  EXPECT_EQ(rowsOf(p), Rows(10, "null"));
}

TEST(ParquetTestdataTest, PlainDictUncompressedChecksum) {
  PARQUET_FILE(p, "plain-dict-uncompressed-checksum.parquet");
  auto rows = rowsOf(p);
  EXPECT_EQ(rows, Rows(1000, "0 | [61 36 35 35 66 64 30 65 2D 39 39 34 39 2D 34 30 35 39 2D 62 63 61 65 2D 66 64 "
                              "36 61 30 30 32 61 34 36 35 32]"));
}

TEST(ParquetTestdataTest, RleDictSnappyChecksum) {
  PARQUET_FILE(p, "rle-dict-snappy-checksum.parquet");
  EXPECT_EQ(rowsOf(p), Rows(1000, "0 | [63 39 35 65 32 36 33 61 2D 66 35 64 34 2D 34 30 31 66 2D 38 31 30 37 2D 35 "
                                  "63 61 37 31 34 36 61 31 66 39 38]"));
}

TEST(ParquetTestdataTest, RleDictUncompressedCorruptChecksum) {
  PARQUET_FILE(p, "rle-dict-uncompressed-corrupt-checksum.parquet");
  EXPECT_EQ(testing::readError(p.string()),
            "Page CRC mismatch: the header says 1696784234, the page data has 1696784233\n"
            "  while reading column 'long_field', page 0 at offset 4\n"
            "  while reading row group 0 of " + p.string());
  EXPECT_EQ(rowsOf(p, Options{{"verifyChecksums", "false"}}).size(), 1000u);
}

TEST(ParquetTestdataTest, RepeatedNoAnnotation) {
  PARQUET_FILE(p, "repeated_no_annotation.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(),
            "id INT NOT NULL,phoneNumbers STRUCT<phone: ARRAY<STRUCT<number: BIGINT NOT NULL, kind: STRING>>>");
  // The footer says 0 rows; the pages hold 6 records, which are read (as DuckDB does).
  EXPECT_EQ(r.rows, (Rows{"1 | null", "2 | null", "3 | {[]}", "4 | {[{5555555555, null}]}",
                          "5 | {[{1111111111, home}]}",
                          "6 | {[{1111111111, home}, {2222222222, null}, {3333333333, mobile}]}"}));
}

TEST(ParquetTestdataTest, RepeatedPrimitiveNoList) {
  PARQUET_FILE(p, "repeated_primitive_no_list.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.rows, (Rows{"[0, 1, 2, 3] | [foo, zero, one, two] | {[0, 1, 2, 3], [foo, zero, one, two]}",
                          "[] | [three] | {[], [three]}", "[4] | [four] | {[4], [four]}",
                          "[5, 6, 7, 8] | [five, six, seven, eight] | {[5, 6, 7, 8], [five, six, seven, eight]}"}));
}

TEST(ParquetTestdataTest, RleBooleanEncoding) {
  PARQUET_FILE(p, "rle_boolean_encoding.parquet");
  auto rows = rowsOf(p);
  ASSERT_EQ(rows.size(), 68u);
  EXPECT_EQ(Rows(rows.begin(), rows.begin() + 8), (Rows{"true", "false", "null", "true", "true", "false", "false", "true"}));
  EXPECT_EQ(std::count(rows.begin(), rows.end(), "true"), 36);
  EXPECT_EQ(std::count(rows.begin(), rows.end(), "false"), 26);
  EXPECT_EQ(std::count(rows.begin(), rows.end(), "null"), 6);
}

TEST(ParquetTestdataTest, SingleNan) {
  PARQUET_FILE(p, "single_nan.parquet");
  // The footer counts the one value as null (pandas wrote NaN as null); DuckDB reads null too.
  EXPECT_EQ(rowsOf(p), Rows{"null"});
}

TEST(ParquetTestdataTest, SortColumns) {
  PARQUET_FILE(p, "sort_columns.parquet");
  EXPECT_EQ(rowsOf(p), (Rows{"null | a", "2 | b", "1 | c", "null | a", "2 | b", "1 | c"}));
}

TEST(ParquetTestdataTest, UnknownLogicalType) {
  PARQUET_FILE(p, "unknown-logical-type.parquet");
  auto r = readParquet(p.string());
  // An unknown logical type falls back to the physical type.
  EXPECT_EQ(r.schema.toDDL(), "column with known type STRING,column with unknown type BINARY");
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0], "known string 1 | [75 6E 6B 6E 6F 77 6E 20 73 74 72 69 6E 67 20 31]");
}

TEST(ParquetTestdataTest, EveryFileHasATest) {
  RIVULET_REQUIRE_TESTDATA(dir, "parquet");
  const std::set<std::string> covered = {
      "alltypes_dictionary", "alltypes_plain", "alltypes_plain.snappy", "alltypes_tiny_pages",
      "alltypes_tiny_pages_plain", "binary", "binary_truncated_min_max", "byte_array_decimal",
      "byte_stream_split.zstd", "byte_stream_split_extended.gzip", "column_chunk_key_value_metadata",
      "concatenated_gzip_members", "data_index_bloom_encoding_stats", "data_index_bloom_encoding_with_length",
      "datapage_v1-corrupt-checksum", "datapage_v1-snappy-compressed-checksum",
      "datapage_v1-uncompressed-checksum", "datapage_v2.snappy", "datapage_v2_empty_datapage.snappy",
      "delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column",
      "delta_encoding_required_column", "delta_length_byte_array", "dict-page-offset-zero",
      "fixed_length_byte_array", "fixed_length_decimal", "fixed_length_decimal_legacy",
      "float16_nonzeros_and_nans", "float16_zeros_and_nans", "floating_orders_nan_count",
      "hadoop_lz4_compressed", "hadoop_lz4_compressed_larger", "incorrect_map_schema", "int32_decimal",
      "int32_with_null_pages", "int64_decimal", "int96_from_spark", "large_string_map.brotli", "list_columns",
      "lz4_raw_compressed", "lz4_raw_compressed_larger", "map_no_value", "nan_in_stats",
      "nation.dict-malformed", "nested_lists.snappy", "nested_maps.snappy", "nested_structs.rust",
      "non_hadoop_lz4_compressed", "nonnullable.impala", "null_list", "nullable.impala", "nulls.snappy",
      "old_list_structure", "overflow_i16_page_cnt", "page_v2_empty_compressed",
      "plain-dict-uncompressed-checksum", "repeated_no_annotation", "repeated_primitive_no_list",
      "rle-dict-snappy-checksum", "rle-dict-uncompressed-corrupt-checksum", "rle_boolean_encoding",
      "single_nan", "sort_columns", "unknown-logical-type"};
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".parquet") {
      EXPECT_TRUE(covered.count(name.substr(0, name.size() - 8))) << name << " has no test";
    }
  }
}

}  // namespace
}  // namespace rivulet::parquet
