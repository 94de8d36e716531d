// Round trips against an independent implementation: DuckDB (from npm, run by node) reads the
// files Rivulet writes, and Rivulet reads the files DuckDB writes in every compression.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "parquet_test_util.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/formats/parquet/parquet_format.h"
#include "rivulet/formats/parquet/parquet_metadata.h"
#include "rivulet/types/value_format.h"
#include "testing/test_paths.h"

namespace rivulet::parquet {
namespace {

namespace fs = std::filesystem;

fs::path interopDir() { return fs::path(RIVULET_SOURCE_DIR) / "tests" / "interop"; }

#define REQUIRE_DUCKDB()                                                                             \
  if (!fs::exists(interopDir() / "node_modules" / "@duckdb" / "node-api") ||                        \
      std::system("node --version > /dev/null 2>&1") != 0) {                                          \
    GTEST_SKIP() << "DuckDB for node is not installed: run `npm ci` in " << interopDir().string()   \
                 << " (scripts/test.sh does) and make sure `node` is on PATH";                       \
  }

std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// Runs the DuckDB helper; returns its stdout, fails the test with its stderr on error.
std::string duckdb(const std::string& mode, const std::string& sql) {
  std::string cmd = "node " + shellQuote((interopDir() / "duckdb_parquet.mjs").string()) + " " + mode + " " +
                    shellQuote(sql) + " 2>&1";
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run node";
    return "";
  }
  std::array<char, 65536> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) {
    out.append(buf.data(), n);
  }
  int rc = pclose(pipe);
  EXPECT_EQ(rc, 0) << "DuckDB failed on: " << sql << "\n" << out;
  return out;
}

FormatContext context(int64_t batchRows) {
  static auto utc = time::TimeZone::utc();
  FormatContext c;
  c.zone = utc.get();
  c.batchRows = batchRows;
  return c;
}

TEST(ParquetInteropTest, DuckDbReadsWhatRivuletWrites) {
  REQUIRE_DUCKDB();
  auto dir = rivulet::testing::makeTempDir("parquet-interop");
  StructType schema = parseSchemaDDL(testing::kAllTypes);
  const int64_t rows = 1'000'000;
  const int64_t batch = 4096;
  std::string ours = (dir / "rivulet.snappy.parquet").string();
  // Expected aggregates, computed from the same generator.
  int64_t nonNullI32 = 0;
  __int128 sumI32 = 0;
  int64_t nonNullS = 0;
  int64_t arrElements = 0;
  int32_t minReq = INT32_MAX;
  int32_t maxReq = INT32_MIN;
  {
    auto writer = makeParquetFormat()->create(ours, schema, Options{{"parquet.block.size", "16000000"}}, context(batch));
    for (int64_t begin = 0; begin < rows; begin += batch) {
      Batch b = testing::allTypesBatch(schema, begin, std::min(batch, rows - begin));
      const Vector& i32 = *b.column(3);
      for (int64_t r = 0; r < b.numRows(); ++r) {
        if (!i32.isNull(r)) {
          ++nonNullI32;
          sumI32 += i32.values<int32_t>()[r];
        }
        nonNullS += !b.column(10)->isNull(r);
        minReq = std::min(minReq, b.column(18)->values<int32_t>()[r]);
        maxReq = std::max(maxReq, b.column(18)->values<int32_t>()[r]);
        if (!b.column(14)->isNull(r)) {
          arrElements += b.column(14)->offsets()[r + 1] - b.column(14)->offsets()[r];
        }
      }
      writer->write(b);
    }
    writer->close();
  }
  EXPECT_GT(readParquetMetadata(ours).rowGroups.size(), 1u);
  std::string got = duckdb("query", "SELECT count(*), count(i32), sum(i32)::VARCHAR, count(s), sum(len(arr)), "
                                    "min(req), max(req) FROM read_parquet(" + shellQuote(ours) + ")");
  auto i128 = [](__int128 v) {
    std::string s = v < 0 ? "-" : "";
    unsigned __int128 u = v < 0 ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
    std::string d;
    do {
      d.insert(d.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
      u /= 10;
    } while (u != 0);
    return s + d;
  };
  EXPECT_EQ(got, "[\"" + std::to_string(rows) + "\",\"" + std::to_string(nonNullI32) + "\",\"" + i128(sumI32) + "\",\"" +
                     std::to_string(nonNullS) + "\",\"" + std::to_string(arrElements) + "\"," +
                     std::to_string(minReq) + "," + std::to_string(maxReq) + "]\n");
  // DuckDB rewrites everything it read into its own Parquet file; reading that back must give
  // the values Rivulet wrote, row for row.
  std::string theirs = (dir / "duckdb-rewrite.parquet").string();
  duckdb("exec", "COPY (SELECT * FROM read_parquet(" + shellQuote(ours) + ")) TO " + shellQuote(theirs) +
                     " (FORMAT parquet, COMPRESSION zstd)");
  std::vector<int> all;
  for (size_t i = 0; i < schema.size(); ++i) {
    all.push_back(static_cast<int>(i));
  }
  auto format = makeParquetFormat();
  auto a = format->open(ours, schema, all, {}, context(batch));
  auto b = format->open(theirs, schema, all, {}, context(batch));
  int64_t compared = 0;
  for (int64_t begin = 0; begin < rows; begin += batch) {
    auto ba = a->next();
    auto bb = b->next();
    ASSERT_TRUE(ba && bb);
    Batch expected = testing::allTypesBatch(schema, begin, ba->numRows());
    auto want = testing::renderRows(schema, {expected});
    auto fromOurs = testing::renderRows(schema, {*ba});
    ASSERT_EQ(bb->numRows(), ba->numRows());
    auto fromTheirs = testing::renderRows(schema, {*bb});
    for (size_t r = 0; r < want.size(); ++r) {
      ASSERT_EQ(fromOurs[r], want[r]) << "row " << begin + static_cast<int64_t>(r);
      ASSERT_EQ(fromTheirs[r], want[r]) << "row " << begin + static_cast<int64_t>(r) << " as DuckDB read it";
    }
    compared += ba->numRows();
  }
  EXPECT_FALSE(a->next().has_value());
  EXPECT_FALSE(b->next().has_value());
  EXPECT_EQ(compared, rows);
}

// The table DuckDB generates: row i of each column.
std::vector<Value> duckRow(int64_t i) {
  auto nullIf = [](bool isNull, Value v) { return isNull ? Value() : v; };
  std::vector<Value> list;
  for (int64_t k = 0; k < i % 3; ++k) {
    list.push_back(Value::integer(k));
  }
  return {Value::integer(i),
          nullIf(i % 5 == 0, Value::integer(i * 7 - 30000)),
          Value::boolean(i % 2 == 0),
          nullIf(i % 3 == 0, Value::string("row " + std::to_string(i))),
          Value::real(static_cast<double>(i) / 8.0),
          Value::real(static_cast<float>(i) * 0.25f),
          Value::decimal(static_cast<__int128>(i) * 105, 2),
          Value::integer(time::daysFromCivil(2000, 1, 1) + i % 1000),
          Value::integer(1577836800LL * 1'000'000 + i * 1000003),
          nullIf(i % 4 == 0, Value::array(list)),
          Value::structValue({Value::integer(i), Value::string("x" + std::to_string(i % 10))}),
          Value::map({Value::string("a"), Value::string("b")}, {Value::integer(i), Value::integer(i * 2)})};
}

const char* kDuckTable =
    "SELECT i::INTEGER AS id, CASE WHEN i % 5 = 0 THEN NULL ELSE i * 7 - 30000 END AS big, i % 2 = 0 AS flag, "
    "CASE WHEN i % 3 = 0 THEN NULL ELSE 'row ' || i END AS s, (i / 8)::DOUBLE AS d, (i * 0.25)::FLOAT AS f, "
    "(i * 1.05)::DECIMAL(12,2) AS dec, DATE '2000-01-01' + (i % 1000)::INTEGER AS dt, "
    "TIMESTAMP '2020-01-01 00:00:00' + to_microseconds(i * 1000003) AS ts, "
    "CASE WHEN i % 4 = 0 THEN NULL ELSE range(i % 3) END AS l, {'a': i, 'b': 'x' || (i % 10)} AS st, "
    "MAP(['a', 'b'], [i, i * 2]) AS m FROM range(0, 20000) t(i)";

TEST(ParquetInteropTest, RivuletReadsWhatDuckDbWritesInEveryCompression) {
  REQUIRE_DUCKDB();
  auto dir = rivulet::testing::makeTempDir("parquet-interop");
  static auto utc = time::TimeZone::utc();
  ValueFormatOptions fmt;
  fmt.zone = utc.get();
  for (const char* codec : {"uncompressed", "snappy", "gzip", "zstd", "lz4", "lz4_raw", "brotli"}) {
    std::string p = (dir / (std::string("duckdb-") + codec + ".parquet")).string();
    duckdb("exec", std::string("COPY (") + kDuckTable + ") TO " + shellQuote(p) +
                       " (FORMAT parquet, COMPRESSION " + codec + ", ROW_GROUP_SIZE 6000)");
    auto r = testing::readParquet(p, {}, 1500);
    EXPECT_EQ(r.schema.toDDL(),
              "id INT,big BIGINT,flag BOOLEAN,s STRING,d DOUBLE,f FLOAT,dec DECIMAL(12,2),dt DATE,ts TIMESTAMP,"
              "l ARRAY<BIGINT>,st STRUCT<a: BIGINT, b: STRING>,m MAP<STRING, BIGINT>")
        << codec;
    ASSERT_EQ(r.rows.size(), 20000u) << codec;
    for (int64_t i = 0; i < 20000; ++i) {
      std::vector<Value> row = duckRow(i);
      std::string want;
      for (size_t c = 0; c < row.size(); ++c) {
        want += (c ? " | " : "") + formatValue(row[c], *r.schema[c].type, fmt);
      }
      ASSERT_EQ(r.rows[static_cast<size_t>(i)], want) << codec << " row " << i;
    }
  }
}

}  // namespace
}  // namespace rivulet::parquet
