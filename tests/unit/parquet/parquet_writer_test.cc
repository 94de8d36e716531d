// The writer: every type (nulls, nesting) round-trips through the reader in every codec;
// Spark's layout, defaults and options; row groups, pages, dictionary fallback, statistics;
// row-group skipping with pushed-down filters.
#include <gtest/gtest.h>

#include "parquet_test_util.h"
#include "rivulet/columnar/vector_builder.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/formats/parquet/parquet_format.h"
#include "rivulet/formats/parquet/parquet_metadata.h"
#include "testing/test_paths.h"

namespace rivulet::parquet {
namespace {

using testing::readParquet;
using testing::renderRows;
using testing::writeParquet;
using testing::allTypesBatch;
using testing::kAllTypes;

class ParquetWriterTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = rivulet::testing::makeTempDir("parquet-writer"); }

  std::string path(const std::string& name) { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

TEST_F(ParquetWriterTest, AllTypesRoundTripInEveryCodec) {
  StructType schema = parseSchemaDDL(kAllTypes);
  std::vector<Batch> batches = {allTypesBatch(schema, 0, 3000), allTypesBatch(schema, 3000, 1234)};
  std::vector<std::string> expected = renderRows(schema, batches);
  for (const char* codec : {"none", "uncompressed", "snappy", "gzip", "zstd", "lz4", "lz4_raw", "brotli"}) {
    std::string p = path(std::string("all-") + codec + ".parquet");
    writeParquet(p, schema, batches, Options{{"compression", codec}});
    auto r = readParquet(p, {}, 1000);
    // The Spark row metadata gives back the exact types (byte, short, nullability).
    EXPECT_EQ(r.schema.toDDL(), schema.toDDL()) << codec;
    ASSERT_EQ(r.rows.size(), expected.size()) << codec;
    for (size_t i = 0; i < expected.size(); ++i) {
      ASSERT_EQ(r.rows[i], expected[i]) << codec << " row " << i;
    }
  }
}

TEST_F(ParquetWriterTest, WritesSparksLayout) {
  StructType schema = parseSchemaDDL(kAllTypes);
  std::string p = path("layout.parquet");
  writeParquet(p, schema, {allTypesBatch(schema, 0, 100)});
  auto info = readParquetMetadata(p);
  EXPECT_EQ(info.parquetSchema,
            "message spark_schema {\n"
            "  optional BOOLEAN b;\n"
            "  optional INT32 i8 (INTEGER(8,true));\n"
            "  optional INT32 i16 (INTEGER(16,true));\n"
            "  optional INT32 i32;\n"
            "  optional INT64 i64;\n"
            "  optional FLOAT f;\n"
            "  optional DOUBLE d;\n"
            "  optional INT32 dec9 (DECIMAL(9,2));\n"
            "  optional INT64 dec18 (DECIMAL(18,4));\n"
            "  optional FIXED_LEN_BYTE_ARRAY(16) dec38 (DECIMAL(38,10));\n"
            "  optional BYTE_ARRAY s (STRING);\n"
            "  optional BYTE_ARRAY bin;\n"
            "  optional INT32 dt (DATE);\n"
            "  optional INT64 ts (TIMESTAMP(MICROS,true));\n"
            "  optional group arr (LIST) {\n"
            "    repeated group list {\n"
            "      optional INT32 element;\n"
            "    }\n"
            "  }\n"
            "  optional group nested (LIST) {\n"
            "    repeated group list {\n"
            "      optional group element (LIST) {\n"
            "        repeated group list {\n"
            "          optional BYTE_ARRAY element (STRING);\n"
            "        }\n"
            "      }\n"
            "    }\n"
            "  }\n"
            "  optional group m (MAP) {\n"
            "    repeated group key_value {\n"
            "      required BYTE_ARRAY key (STRING);\n"
            "      optional INT64 value;\n"
            "    }\n"
            "  }\n"
            "  optional group st {\n"
            "    optional INT32 x;\n"
            "    optional BYTE_ARRAY y (STRING);\n"
            "    optional group z (LIST) {\n"
            "      repeated group list {\n"
            "        optional DOUBLE element;\n"
            "      }\n"
            "    }\n"
            "  }\n"
            "  required INT32 req;\n"
            "}\n");
  ASSERT_EQ(info.keyValueMetadata.size(), 2u);
  EXPECT_EQ(info.keyValueMetadata[1].first, "org.apache.spark.sql.parquet.row.metadata");
  EXPECT_EQ(info.keyValueMetadata[1].second, schema.json());
  EXPECT_EQ(info.rowGroups[0].columns[0].codec, "SNAPPY");  // Spark's default
}

TEST_F(ParquetWriterTest, FileExtensionsFollowSpark) {
  auto format = makeParquetFormat();
  EXPECT_EQ(format->fileExtension({}), ".snappy.parquet");
  EXPECT_EQ(format->fileExtension(Options{{"compression", "none"}}), ".parquet");
  EXPECT_EQ(format->fileExtension(Options{{"compression", "uncompressed"}}), ".parquet");
  EXPECT_EQ(format->fileExtension(Options{{"compression", "GZIP"}}), ".gz.parquet");
  EXPECT_EQ(format->fileExtension(Options{{"compression", "zstd"}}), ".zstd.parquet");
  EXPECT_EQ(format->fileExtension(Options{{"compression", "lz4_raw"}}), ".lz4raw.parquet");
  EXPECT_EQ(format->fileExtension(Options{{"spark.sql.parquet.compression.codec", "lz4"}}), ".lz4hadoop.parquet");
  try {
    format->fileExtension(Options{{"compression", "lzma"}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "The value 'lzma' of option compression is not a Parquet codec; expected one of none, "
                           "uncompressed, snappy, gzip, zstd, lz4, lz4_raw, brotli");
  }
}

TEST_F(ParquetWriterTest, RowGroupAndPageSizesAreOptions) {
  StructType schema = parseSchemaDDL("id BIGINT, s STRING");
  std::vector<Batch> batches;
  for (int b = 0; b < 25; ++b) {
    VectorBuilder id(DataType::longType());
    VectorBuilder s(DataType::string());
    for (int i = 0; i < 4000; ++i) {
      id.appendInt(b * 4000 + i);
      s.appendString("row " + std::to_string(b * 4000 + i));
    }
    batches.emplace_back(std::vector<VectorPtr>{id.finish(), s.finish()}, 4000);
  }
  std::string p = path("groups.parquet");
  writeParquet(p, schema, batches, Options{{"parquet.block.size", "200000"}, {"parquet.page.size", "8192"}});
  auto info = readParquetMetadata(p);
  EXPECT_GT(info.rowGroups.size(), 3u);
  int64_t total = 0;
  for (const auto& g : info.rowGroups) {
    total += g.numRows;
    EXPECT_EQ(g.numRows % 4000, 0);  // row groups end between batches
  }
  EXPECT_EQ(total, 100000);
  EXPECT_EQ(info.numRows, 100000);
  auto r = readParquet(p, {}, 777);
  ASSERT_EQ(r.rows.size(), 100000u);
  EXPECT_EQ(r.rows[99999], "99999 | row 99999");
}

TEST_F(ParquetWriterTest, DictionaryFallsBackToPlainWhenTooLarge) {
  StructType schema = parseSchemaDDL("few STRING, many STRING");
  VectorBuilder few(DataType::string());
  VectorBuilder many(DataType::string());
  for (int i = 0; i < 50000; ++i) {
    few.appendString(i % 3 == 0 ? "red" : "blue");
    many.appendString("unique value number " + std::to_string(i));
  }
  std::string p = path("dict.parquet");
  Batch b({few.finish(), many.finish()}, 50000);
  writeParquet(p, schema, {b}, Options{{"parquet.dictionary.page.size", "65536"}});
  auto info = readParquetMetadata(p);
  const auto& cols = info.rowGroups[0].columns;
  EXPECT_EQ(cols[0].encodings, (std::vector<std::string>{"PLAIN_DICTIONARY", "RLE"}));
  EXPECT_EQ(cols[1].encodings, (std::vector<std::string>{"PLAIN_DICTIONARY", "PLAIN", "RLE"}));
  EXPECT_EQ(readParquet(p).rows, renderRows(schema, {b}));
  // Dictionary encoding off: PLAIN only.
  writeParquet(p, schema, {b}, Options{{"parquet.enable.dictionary", "false"}});
  EXPECT_EQ(readParquetMetadata(p).rowGroups[0].columns[0].encodings, (std::vector<std::string>{"PLAIN", "RLE"}));
}

TEST_F(ParquetWriterTest, WritesStatistics) {
  StructType schema = parseSchemaDDL(kAllTypes);
  std::string p = path("stats.parquet");
  Batch b = allTypesBatch(schema, 0, 700);
  writeParquet(p, schema, {b});
  auto info = readParquetMetadata(p);
  const auto& cols = info.rowGroups[0].columns;
  EXPECT_EQ(cols[3].path, "i32");
  EXPECT_EQ(*cols[3].nullCount, 100);  // rows 4, 11, 18, ...
  EXPECT_EQ(cols[4].path, "i64");
  EXPECT_EQ(*cols[4].min, "-5000000000");
  EXPECT_EQ(*cols[4].max, std::to_string(699 * 1'000'000'007LL - 5'000'000'000LL));
  EXPECT_EQ(cols[10].path, "s");
  EXPECT_EQ(*cols[10].min, "");
  EXPECT_EQ(*cols[10].max, "str-99-\xC3\xA9");
  EXPECT_EQ(cols[9].path, "dec38");
  EXPECT_EQ(*cols[9].min, "-0.0000999999");
  EXPECT_EQ(cols[13].path, "ts");
  EXPECT_EQ(*cols[13].min, "0001-01-01 00:00:00");  // rendered in UTC
}

TEST_F(ParquetWriterTest, Int96AndMillisTimestampOptions) {
  StructType schema = parseSchemaDDL("ts TIMESTAMP");
  VectorBuilder ts(DataType::timestamp());
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{1704141296123456}, int64_t{-62135596800000000}}) {
    ts.appendInt(v);
  }
  Batch b({ts.finish()}, 4);
  std::string p = path("int96.parquet");
  writeParquet(p, schema, {b}, Options{{"spark.sql.parquet.outputTimestampType", "INT96"}});
  EXPECT_EQ(readParquetMetadata(p).rowGroups[0].columns[0].physicalType, "INT96");
  EXPECT_EQ(readParquet(p).rows, renderRows(schema, {b}));
  writeParquet(p, schema, {b}, Options{{"outputTimestampType", "TIMESTAMP_MILLIS"}});
  EXPECT_EQ(readParquet(p).rows, (std::vector<std::string>{"1970-01-01 00:00:00", "1969-12-31 23:59:59.999",
                                                            "2024-01-01 20:34:56.123", "0001-01-01 00:00:00"}));
}

TEST_F(ParquetWriterTest, EmptyFileAndEmptySchema) {
  StructType schema = parseSchemaDDL("a INT, s STRING");
  std::string p = path("empty.parquet");
  writeParquet(p, schema, {});
  auto r = readParquet(p);
  EXPECT_EQ(r.schema.toDDL(), "a INT,s STRING");
  EXPECT_TRUE(r.rows.empty());
}

TEST_F(ParquetWriterTest, ProjectionAndMissingColumns) {
  StructType schema = parseSchemaDDL(kAllTypes);
  std::string p = path("proj.parquet");
  Batch b = allTypesBatch(schema, 0, 50);
  writeParquet(p, schema, {b});
  // Read st.y and m only, plus a column the file lacks.
  StructType wanted = parseSchemaDDL("m MAP<STRING, BIGINT>, st STRUCT<y: STRING, w: INT>, absent DOUBLE");
  auto r = readParquet(p, wanted, {2, 0, 1});
  ASSERT_EQ(r.rows.size(), 50u);
  EXPECT_EQ(r.rows[1], "null | {k0 -> 0} | {y1, null}");
  EXPECT_EQ(r.rows[2], "null | {k0 -> 0, k1 -> 2} | {y2, null}");
  // Widening a column's type is allowed; an incompatible type is an error naming the column.
  auto widened = readParquet(p, parseSchemaDDL("i32 BIGINT, f DOUBLE"), {0, 1});
  EXPECT_EQ(widened.rows[1], std::to_string(static_cast<int32_t>(2654435761u)) + " | -3.375");
  try {
    readParquet(p, parseSchemaDDL("s INT"), {0});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "Parquet column 's' of type BYTE_ARRAY STRING cannot be read as int");
  }
}

TEST_F(ParquetWriterTest, FiltersSkipRowGroups) {
  StructType schema = parseSchemaDDL("id BIGINT, name STRING, score DOUBLE");
  std::vector<Batch> batches;
  for (int g = 0; g < 10; ++g) {
    VectorBuilder id(DataType::longType());
    VectorBuilder name(DataType::string());
    VectorBuilder score(DataType::doubleType());
    for (int i = 0; i < 1000; ++i) {
      id.appendInt(g * 1000 + i);
      name.appendString("name" + std::to_string(g));
      if (g == 3) {
        score.appendNull();
      } else {
        score.appendDouble(g + i / 1000.0);
      }
    }
    batches.emplace_back(std::vector<VectorPtr>{id.finish(), name.finish(), score.finish()}, 1000);
  }
  std::string p = path("filters.parquet");
  writeParquet(p, schema, batches, Options{{"parquet.block.size", "1"}});  // a row group per batch
  ASSERT_EQ(readParquetMetadata(p).rowGroups.size(), 10u);
  using Op = ParquetFilter::Op;
  auto count = [&](std::vector<ParquetFilter> filters, const Options& options = {}) {
    FormatContext ctx;
    auto reader = openParquetFile(p, schema, {0}, options, ctx, filters);
    int64_t rows = 0;
    while (auto b = reader->next()) {
      rows += b->numRows();
    }
    return rows;
  };
  EXPECT_EQ(count({}), 10000);
  EXPECT_EQ(count({{"id", Op::kEq, Value::integer(4321)}}), 1000);
  EXPECT_EQ(count({{"id", Op::kLt, Value::integer(2000)}}), 2000);
  EXPECT_EQ(count({{"id", Op::kLe, Value::integer(2000)}}), 3000);
  EXPECT_EQ(count({{"id", Op::kGt, Value::integer(8999)}}), 1000);
  EXPECT_EQ(count({{"id", Op::kGe, Value::integer(8999)}}), 2000);
  EXPECT_EQ(count({{"ID", Op::kGe, Value::integer(100000)}}), 0);
  EXPECT_EQ(count({{"name", Op::kEq, Value::string("name7")}}), 1000);
  EXPECT_EQ(count({{"score", Op::kIsNull, Value()}}), 1000);
  EXPECT_EQ(count({{"score", Op::kIsNotNull, Value()}}), 9000);
  EXPECT_EQ(count({{"score", Op::kGt, Value::real(8.5)}}), 2000);
  EXPECT_EQ(count({{"id", Op::kGe, Value::integer(5000)}, {"score", Op::kLt, Value::real(7.0)}}), 2000);
  EXPECT_EQ(count({{"id", Op::kEq, Value::integer(4321)}}, Options{{"filterPushdown", "false"}}), 10000);
}

TEST_F(ParquetWriterTest, NullInNonNullableFieldIsAnError) {
  StructType schema = parseSchemaDDL("a INT NOT NULL");
  VectorBuilder a(DataType::integer());
  a.appendInt(1);
  a.appendNull();
  Batch b({a.finish()}, 2);
  StructType nested = parseSchemaDDL("s STRUCT<x: INT NOT NULL>");
  VectorBuilder s(nested[0].type);
  s.child(0).appendNull();
  s.finishStruct();
  try {
    writeParquet(path("bad.parquet"), nested, {Batch({s.finish()}, 1)});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "A null value appeared in the non-nullable field 'x' written to " + path("bad.parquet"));
  }
}

TEST_F(ParquetWriterTest, BatchesHonourBatchRows) {
  StructType schema = parseSchemaDDL(kAllTypes);
  std::string p = path("batches.parquet");
  writeParquet(p, schema, {allTypesBatch(schema, 0, 1000)});
  auto r = readParquet(p, {}, 64);
  EXPECT_EQ(r.batches, 16);
  EXPECT_EQ(r.rows, readParquet(p, {}, 100000).rows);
}

}  // namespace
}  // namespace rivulet::parquet
