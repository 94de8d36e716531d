// Parquet files from Apache Spark's tests and docs (../shared/testdata/spark/parquet/): the
// values Spark's suites assert (raw stored values for the legacy-calendar files, which this
// reader does not rebase).
#include <gtest/gtest.h>

#include "parquet_test_util.h"
#include "rivulet/formats/parquet/parquet_format.h"
#include "testing/test_paths.h"

namespace rivulet::parquet {
namespace {

using testing::readParquet;
using Rows = std::vector<std::string>;

#define SPARK_FILE(var, name) RIVULET_REQUIRE_TESTDATA(var, std::string("spark/parquet/") + name)

Rows rowsOf(const std::filesystem::path& p) { return readParquet(p.string()).rows; }

Rows dictPlain(const std::string& time) {
  Rows rows;
  for (int d = 7; d <= 14; ++d) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "1001-01-07%s | 1001-01-%02d%s", time.c_str(), d, time.c_str());
    rows.push_back(buf);
  }
  return rows;
}

TEST(ParquetSparkFilesTest, Before1582DatesReadAsStored) {
  for (const char* name : {"before_1582_date_v2_4.snappy.parquet"}) {
    SPARK_FILE(p, name);
    EXPECT_EQ(rowsOf(p), Rows{"1001-01-07"}) << name;
  }
  for (const char* name : {"before_1582_date_v2_4_5.snappy.parquet", "before_1582_date_v2_4_6.snappy.parquet"}) {
    SPARK_FILE(p, name);
    EXPECT_EQ(rowsOf(p), dictPlain("")) << name;
  }
}

TEST(ParquetSparkFilesTest, Before1582TimestampsReadAsStored) {
  for (const char* name : {"before_1582_timestamp_micros_v2_4.snappy.parquet",
                           "before_1582_timestamp_int96_v2_4.snappy.parquet"}) {
    SPARK_FILE(p, name);
    EXPECT_EQ(rowsOf(p), Rows{"1001-01-07 09:02:03.123456"}) << name;
  }
  {
    SPARK_FILE(p, "before_1582_timestamp_millis_v2_4.snappy.parquet");
    EXPECT_EQ(rowsOf(p), Rows{"1001-01-07 09:02:03.123"});
  }
  for (const char* name : {"before_1582_timestamp_micros_v2_4_5.snappy.parquet",
                           "before_1582_timestamp_micros_v2_4_6.snappy.parquet",
                           "before_1582_timestamp_int96_dict_v2_4_5.snappy.parquet",
                           "before_1582_timestamp_int96_dict_v2_4_6.snappy.parquet",
                           "before_1582_timestamp_int96_plain_v2_4_5.snappy.parquet",
                           "before_1582_timestamp_int96_plain_v2_4_6.snappy.parquet"}) {
    SPARK_FILE(p, name);
    EXPECT_EQ(rowsOf(p), dictPlain(" 09:02:03.123456")) << name;
  }
  for (const char* name : {"before_1582_timestamp_millis_v2_4_5.snappy.parquet",
                           "before_1582_timestamp_millis_v2_4_6.snappy.parquet"}) {
    SPARK_FILE(p, name);
    EXPECT_EQ(rowsOf(p), dictPlain(" 09:02:03.123")) << name;
  }
}

Rows decimals16() {
  Rows rows;
  for (int id = 0; id < 16; ++id) {
    rows.push_back(std::to_string(id % 10) + ".00");
  }
  return rows;
}

TEST(ParquetSparkFilesTest, DecimalInInt32) {
  SPARK_FILE(p, "dec-in-i32.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "i32_dec DECIMAL(5,2)");
  EXPECT_EQ(r.rows, decimals16());
}

TEST(ParquetSparkFilesTest, DecimalInInt64) {
  SPARK_FILE(p, "dec-in-i64.parquet");
  EXPECT_EQ(rowsOf(p), decimals16());
}

TEST(ParquetSparkFilesTest, DecimalInFixedLength) {
  SPARK_FILE(p, "dec-in-fixed-len.parquet");
  EXPECT_EQ(rowsOf(p), decimals16());
}

TEST(ParquetSparkFilesTest, TimestampMillisInInt64) {
  SPARK_FILE(p, "timemillis-in-i64.parquet");
  EXPECT_EQ(rowsOf(p), Rows(3, "1970-01-01 00:00:00.01"));
}

TEST(ParquetSparkFilesTest, ImpalaInt96Timestamps) {
  SPARK_FILE(p, "impala_timestamp.parq");
  EXPECT_EQ(rowsOf(p), (Rows{"2001-01-01 01:01:01", "2002-02-02 02:02:02", "2003-03-03 03:03:03"}));
}

TEST(ParquetSparkFilesTest, Parquet1217StatisticsWithoutMinMaxDoNotPrune) {
  SPARK_FILE(p, "parquet-1217.parquet");
  EXPECT_EQ(rowsOf(p), (Rows{"-1", "0", "1", "2", "null"}));
  auto format = makeParquetFormat();
  FormatContext ctx;
  StructType schema = format->inferSchema({p.string()}, {}, ctx);
  auto reader = openParquetFile(p.string(), schema, {0}, {}, ctx,
                                {ParquetFilter{"col", ParquetFilter::Op::kGt, Value::integer(0)}});
  int64_t rows = 0;
  while (auto b = reader->next()) {
    rows += b->numRows();
  }
  EXPECT_EQ(rows, 5);
}

TEST(ParquetSparkFilesTest, OldRepeatedInt) {
  SPARK_FILE(p, "old-repeated-int.parquet");
  EXPECT_EQ(rowsOf(p), Rows{"[1, 2, 3]"});
}

TEST(ParquetSparkFilesTest, OldRepeatedMessage) {
  SPARK_FILE(p, "old-repeated-message.parquet");
  EXPECT_EQ(rowsOf(p), Rows{"[{First inner, null, null}, {null, Second inner, null}, {null, null, Third inner}]"});
}

TEST(ParquetSparkFilesTest, ProtoRepeatedStruct) {
  SPARK_FILE(p, "proto-repeated-struct.parquet");
  EXPECT_EQ(rowsOf(p), Rows{"[{0 - 1, 0 - 2, 0 - 3}, {1 - 1, 1 - 2, 1 - 3}]"});
}

TEST(ParquetSparkFilesTest, ProtoStructWithArrayMany) {
  SPARK_FILE(p, "proto-struct-with-array-many.parquet");
  EXPECT_EQ(rowsOf(p), (Rows{"[{0 - 0 - 1, 0 - 0 - 2, 0 - 0 - 3}, {0 - 1 - 1, 0 - 1 - 2, 0 - 1 - 3}]",
                             "[{1 - 0 - 1, 1 - 0 - 2, 1 - 0 - 3}, {1 - 1 - 1, 1 - 1 - 2, 1 - 1 - 3}]",
                             "[{2 - 0 - 1, 2 - 0 - 2, 2 - 0 - 3}, {2 - 1 - 1, 2 - 1 - 2, 2 - 1 - 3}]"}));
}

TEST(ParquetSparkFilesTest, ProtoStructWithArray) {
  SPARK_FILE(p, "proto-struct-with-array.parquet");
  EXPECT_EQ(rowsOf(p), Rows{"10 | 9 | [] | null | {9} | [{9}, {10}]"});
}

TEST(ParquetSparkFilesTest, NestedArrayStruct) {
  SPARK_FILE(p, "nested-array-struct.parquet");
  EXPECT_EQ(rowsOf(p), (Rows{"2 | [{1, [{3}]}]", "5 | [{4, [{6}]}]", "8 | [{7, [{9}]}]"}));
}

TEST(ParquetSparkFilesTest, ProtoRepeatedString) {
  SPARK_FILE(p, "proto-repeated-string.parquet");
  EXPECT_EQ(rowsOf(p), (Rows{"[hello, world]", "[good, bye]", "[one, two, three]"}));
}

TEST(ParquetSparkFilesTest, ParquetThriftCompat) {
  SPARK_FILE(p, "parquet-thrift-compat.snappy.parquet");
  auto r = readParquet(p.string());
  ASSERT_EQ(r.rows.size(), 10u);
  const char* suits[] = {"SPADES", "HEARTS", "DIAMONDS", "CLUBS"};
  for (int i = 0; i < 10; ++i) {
    std::string v = "val_" + std::to_string(i);
    std::string required = std::string(i % 2 == 0 ? "true" : "false") + " | " + std::to_string(i) + " | " +
                           std::to_string(i + 1) + " | " + std::to_string(i + 2) + " | " + std::to_string(i * 10) +
                           " | " + std::to_string(i) + ".2 | " + v + " | " + v + " | " + suits[i % 4];
    std::string maybe = i % 3 == 0 ? "null | null | null | null | null | null | null | null | null" : required;
    std::string arr = "[arr_" + std::to_string(i) + ", arr_" + std::to_string(i + 1) + ", arr_" + std::to_string(i + 2) + "]";
    std::string map = "{" + std::to_string(i) + " -> val_" + std::to_string(i) + ", " + std::to_string(i + 1) +
                      " -> val_" + std::to_string(i + 1) + ", " + std::to_string(i + 2) + " -> val_" +
                      std::to_string(i + 2) + "}";
    std::string inner;
    for (int m = 0; m < 3; ++m) {
      int x = i + m;
      inner += std::string(m ? ", " : "") + "{[" + std::to_string(x) + ", " + std::to_string(x + 1) + ", " +
               std::to_string(x + 2) + "], val_" + std::to_string(x) + "}";
    }
    std::string complex = "{";
    for (int n = 0; n < 3; ++n) {
      complex += std::string(n ? ", " : "") + std::to_string(i + n) + " -> [" + inner + "]";
    }
    complex += "}";
    EXPECT_EQ(r.rows[static_cast<size_t>(i)],
              required + " | " + maybe + " | " + arr + " | [" + std::to_string(i) + "] | " + map + " | " + complex);
  }
}

TEST(ParquetSparkFilesTest, UsersAvro) {
  SPARK_FILE(p, "users.parquet");
  auto r = readParquet(p.string());
  EXPECT_EQ(r.schema.toDDL(), "name STRING NOT NULL,favorite_color STRING,favorite_numbers ARRAY<INT> NOT NULL");
  EXPECT_EQ(r.rows, (Rows{"Alyssa | null | [3, 9, 15, 20]", "Ben | red | []"}));
}

TEST(ParquetSparkFilesTest, Dir1Files) {
  SPARK_FILE(p1, "dir1/file1.parquet");
  SPARK_FILE(p2, "dir1/dir2/file2.parquet");
  EXPECT_EQ(rowsOf(p1), Rows{"file1.parquet"});
  EXPECT_EQ(rowsOf(p2), Rows{"file2.parquet"});
  SPARK_FILE(json, "dir1/file3.json");
  EXPECT_EQ(testing::readError(json.string()),
            "Not a Parquet file: expected magic PAR1 at the end, found 'n\"}\\x0A'\n"
            "  while reading the Parquet footer of " + json.string());
}

TEST(ParquetSparkFilesTest, PartitionedPartFiles) {
  const char* parts[][2] = {{"year=2014/month=9/day=1/part-r-00008.gz.parquet", "Ali"},
                            {"year=2015/month=9/day=1/part-r-00007.gz.parquet", "Patrick"},
                            {"year=2015/month=10/day=25/part-r-00002.gz.parquet", "Michael"},
                            {"year=2015/month=10/day=25/part-r-00004.gz.parquet", "Reynold"},
                            {"year=2015/month=10/day=26/part-r-00005.gz.parquet", "Matei"}};
  for (const auto& part : parts) {
    SPARK_FILE(p, std::string("parquet_partitioned/") + part[0]);
    auto r = readParquet(p.string());
    EXPECT_EQ(r.schema.toDDL(), "name STRING");
    EXPECT_EQ(r.rows, Rows{part[1]});
  }
  // The summary files hold footers only; _metadata's columns live in the part files.
  SPARK_FILE(common, "parquet_partitioned/_common_metadata");
  EXPECT_TRUE(rowsOf(common).empty());
  SPARK_FILE(meta, "parquet_partitioned/_metadata");
  EXPECT_EQ(testing::readError(meta.string()),
            "Parquet column 'name' is stored in another file (year=2014/month=9/day=1/part-r-00008.gz.parquet)\n"
            "  while opening row group 0 of " + meta.string());
}

}  // namespace
}  // namespace rivulet::parquet
