// The lecture's airport codes, bad input, limits and write -> read round trips.
#include <zlib.h>

#include <gtest/gtest.h>

#include "rivulet/common/error.h"
#include "rivulet/formats/csv/csv_options.h"
#include "rivulet/formats/csv/csv_tokenizer.h"
#include "testing/test_paths.h"
#include "unit/csv/csv_test_helpers.h"

namespace rivulet::testing {
namespace {

const char* kAirportSchema =
    "root\n"
    " |-- ident: string (nullable = true)\n"
    " |-- type: string (nullable = true)\n"
    " |-- name: string (nullable = true)\n"
    " |-- elevation_ft: integer (nullable = true)\n"
    " |-- continent: string (nullable = true)\n"
    " |-- iso_country: string (nullable = true)\n"
    " |-- iso_region: string (nullable = true)\n"
    " |-- municipality: string (nullable = true)\n"
    " |-- gps_code: string (nullable = true)\n"
    " |-- iata_code: string (nullable = true)\n"
    " |-- local_code: string (nullable = true)\n"
    " |-- coordinates: string (nullable = true)\n";

const char* kAirportFirstRow =
    "[00A,heliport,Total Rf Heliport,11,NA,US,US-PA,Bensalem,00A,null,00A,40.07080078125, "
    "-74.93360137939453]";

TEST(CsvAirports, HeaderInferSchema) {
  RIVULET_REQUIRE_TESTDATA(path, "datasets/airport-codes.csv");
  auto r = readCsv(path.string(), {{"header", "true"}, {"inferSchema", "true"}});
  EXPECT_EQ(r.schema.treeString(), kAirportSchema);
  ASSERT_EQ(r.numRows, 75848);
  EXPECT_EQ(r.rows[0], kAirportFirstRow);
}

TEST(CsvAirports, GzipReadsTheSame) {
  RIVULET_REQUIRE_TESTDATA(path, "datasets/airport-codes.csv.gz");
  auto r = readCsv(path.string(), {{"header", "true"}, {"inferSchema", "true"}});
  EXPECT_EQ(r.schema.treeString(), kAirportSchema);
  ASSERT_EQ(r.numRows, 75848);
  EXPECT_EQ(r.rows[0], kAirportFirstRow);
  auto plain = testdataPath("datasets/airport-codes.csv");
  if (std::filesystem::exists(plain)) {
    EXPECT_EQ(readCsv(plain.string(), {{"header", "true"}, {"inferSchema", "true"}}).rows, r.rows);
  }
}

TEST(CsvBadInput, MissingFile) {
  auto dir = makeTempDir();
  std::string missing = (dir / "nope.csv").string();
  try {
    readCsv(missing, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.errorClass(), "PATH_NOT_FOUND");
    EXPECT_EQ(e.message(), "[PATH_NOT_FOUND] Path does not exist: file:" + missing + ".");
  }
}

TEST(CsvBadInput, RaggedRowsPermissiveWithCorruptColumn) {
  auto dir = makeTempDir();
  writeFile(dir / "r.csv", "a,b,c\n1,2\n1,2,3,4\n5,6,7\n");
  auto schema = parseSchemaDDL("a int, b int, c int, _corrupt_record string");
  auto r = readCsv((dir / "r.csv").string(), {{"header", "true"}}, schema);
  EXPECT_EQ(r.rows, rows({"[1,2,null,1,2]", "[1,2,3,1,2,3,4]", "[5,6,7,null]"}));
  EXPECT_EQ(readCsv((dir / "r.csv").string(), {{"header", "true"}, {"mode", "DROPMALFORMED"}},
                    parseSchemaDDL("a int, b int, c int"))
                .rows,
            rows({"[5,6,7]"}));
}

TEST(CsvBadInput, WrongTypesEachMode) {
  auto dir = makeTempDir();
  writeFile(dir / "t.csv", "x,1.5,true\n2,abc,false\n3,2.5,maybe\n4,3.5,TRUE\n");
  auto schema = parseSchemaDDL("i int, d double, b boolean, _corrupt_record string");
  auto file = (dir / "t.csv").string();
  EXPECT_EQ(readCsv(file, {}, schema).rows,
            rows({"[null,1.5,true,x,1.5,true]", "[2,null,false,2,abc,false]",
                  "[3,2.5,null,3,2.5,maybe]", "[4,3.5,true,null]"}));
  EXPECT_EQ(readCsv(file, {{"mode", "DROPMALFORMED"}}, schema).rows,
            rows({"[4,3.5,true,null]"}));
  try {
    readCsv(file, {{"mode", "FAILFAST"}}, schema);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.errorClass(), "MALFORMED_RECORD_IN_PARSING");
    EXPECT_EQ(e.message(),
              "Malformed records are detected in record parsing. Parse Mode: FAILFAST. To process "
              "malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. "
              "Malformed CSV record at " +
                  qualifiedPath(file) + ", line 1: cannot parse 'x' as int for column 'i'");
  }
}

TEST(CsvBadInput, InvalidUtf8IsReplaced) {
  auto dir = makeTempDir();
  writeFile(dir / "u.csv", std::string("a\xFF,b\n\xC3\xA9,\xE2\x82\n"));
  auto r = readCsv((dir / "u.csv").string(), {});
  EXPECT_EQ(r.rows, rows({"[a\xEF\xBF\xBD,b]", "[\xC3\xA9,\xEF\xBF\xBD\xEF\xBF\xBD]"}));
}

TEST(CsvBadInput, RecordOverTheCap) {
  auto dir = makeTempDir();
  std::string big(5000, 'x');
  writeFile(dir / "big.csv", "a,b\n1," + big + "\n2,y\n");
  auto file = (dir / "big.csv").string();
  try {
    readCsv(file, {{"maxRecordBytes", "1000"}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "CSV record too large: the record exceeds maxRecordBytes (1000) at " +
                               qualifiedPath(file) + ", line 2");
  }
  // An unclosed quote in multiLine mode runs to the end of the input and hits the cap too.
  writeFile(dir / "open.csv", "a,b\n1,\"" + big + "\n2,y\n");
  EXPECT_THROW(readCsv((dir / "open.csv").string(), {{"multiLine", "true"}, {"maxRecordBytes", "1000"}}),
               Error);
  try {
    readCsv(file, {{"maxCharsPerColumn", "100"}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(),
              "CSV record too large: a value has more than maxCharsPerColumn (100) characters at " +
                  qualifiedPath(file) + ", line 2");
  }
  EXPECT_THROW(readCsv(file, {{"maxColumns", "1"}}), Error);
}

TEST(CsvBadInput, UnsupportedSchema) {
  auto dir = makeTempDir();
  writeFile(dir / "a.csv", "1\n");
  try {
    readCsv((dir / "a.csv").string(), {}, parseSchemaDDL("a array<int>"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(),
              "[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The CSV datasource doesn't support the column "
              "`a` of the type \"ARRAY<INT>\".");
  }
}

TEST(CsvRead, QuotesEscapesAndWhitespace) {
  auto dir = makeTempDir();
  writeFile(dir / "q.csv",
            "\"a \\\"x\\\" b\",\"c\"\"d\",\"e,f\"\n"
            "  g  ,\" h \" , i\n");
  auto file = (dir / "q.csv").string();
  EXPECT_EQ(readCsv(file, {}).rows, rows({"[a \"x\" b,c\"d,e,f]", "[  g  , h , i]"}));
  EXPECT_EQ(readCsv(file, {{"ignoreLeadingWhiteSpace", "true"}, {"ignoreTrailingWhiteSpace", "true"}})
                .rows,
            rows({"[a \"x\" b,c\"d,e,f]", "[g, h ,i]"}));
}

TEST(CsvRead, HeaderDuplicatesAndEnforceSchema) {
  auto dir = makeTempDir();
  writeFile(dir / "h.csv", "a,A,b,,b\n1,2,3,4,5\n");
  auto file = (dir / "h.csv").string();
  auto r = readCsv(file, {{"header", "true"}});
  EXPECT_EQ(r.schema.fieldNames(), (std::vector<std::string>{"a0", "A1", "b2", "_c3", "b4"}));
  try {
    readCsv(file, {{"header", "true"}, {"enforceSchema", "false"}},
            parseSchemaDDL("a int, x int, b int, c int, d int"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "CSV header does not conform to the schema.\n Header: a, A, b, , b\n"
                           " Schema: a, x, b, c, d\nExpected: x but found: A\nCSV file: " +
                               qualifiedPath(file));
  }
}

TEST(CsvRead, InferenceWidening) {
  auto dir = makeTempDir();
  writeFile(dir / "w.csv",
            "1,1,1,1,2020-01-01 10:00:00,1,true,x\n"
            "2147483648,1.5,,99999999999999999999,2020-01-02,true,false,\n"
            "3,NaN,,1,2020-01-03T01:02:03Z,x,,\n");
  auto r = readCsv((dir / "w.csv").string(), {{"inferSchema", "true"}});
  EXPECT_EQ(r.schema.toDDL(),
            "_c0 BIGINT,_c1 DOUBLE,_c2 INT,_c3 DECIMAL(20,0),_c4 TIMESTAMP,_c5 STRING,"
            "_c6 BOOLEAN,_c7 STRING");
  EXPECT_EQ(r.rows[2], "[3,NaN,null,1,2020-01-03 01:02:03,x,null,null]");
}

TEST(CsvRead, LineSepAndBatches) {
  auto dir = makeTempDir();
  writeFile(dir / "s.csv", "1,a;2,b;3,c");
  auto r = readFormat("csv", {(dir / "s.csv").string()}, {{"lineSep", ";"}},
                      parseSchemaDDL("n int, s string"), std::nullopt, 2);
  EXPECT_EQ(r.rows, rows({"[1,a]", "[2,b]", "[3,c]"}));
}

TEST(CsvTokenizer, SplitLine) {
  csv::CsvOptions o = csv::CsvOptions::parse({}, false);
  csv::CsvTokenizer t(o);
  std::vector<std::string> out;
  ASSERT_TRUE(t.splitLine("a,\"b,c\",\"d\\\"e\",", out));
  EXPECT_EQ(out, (std::vector<std::string>{"a", "b,c", "d\"e", ""}));
}

void writeGzip(const std::filesystem::path& path, const std::string& content) {
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  gzwrite(gz, content.data(), static_cast<unsigned>(content.size()));
  gzclose(gz);
}

TEST(CsvRead, GzipInputAndCorruptGzip) {
  auto dir = makeTempDir();
  writeGzip(dir / "g.csv.gz", "a,b\n1,2\n");
  EXPECT_EQ(readCsv((dir / "g.csv.gz").string(), {{"header", "true"}}).rows, rows({"[1,2]"}));
  std::string bytes = readFile(dir / "g.csv.gz");
  bytes.resize(bytes.size() - 6);
  bytes[bytes.size() - 3] ^= 0x55;
  writeFile(dir / "bad.csv.gz", bytes);
  EXPECT_THROW(readCsv((dir / "bad.csv.gz").string(), {{"header", "true"}}), Error);
}

// ---- writing ----

Batch sampleBatch(const StructType& schema) {
  auto b = [](DataTypePtr t, std::vector<Value> v) { return vectorFromValues(t, v); };
  return Batch({b(schema[0].type, {Value::integer(1), Value(), Value::integer(-3)}),
                b(schema[1].type, {Value::string("plain"), Value::string("a,b \"q\""), Value::string("")}),
                b(schema[2].type, {Value::real(1.5), Value::real(1e10), Value()}),
                b(schema[3].type, {Value::integer(1591544329019000), Value(), Value::integer(0)}),
                b(schema[4].type, {Value::integer(18420), Value::integer(0), Value()}),
                b(schema[5].type, {Value::decimal(150, 2), Value::decimal(-5, 2), Value()}),
                b(schema[6].type, {Value::boolean(true), Value::boolean(false), Value()})},
               3);
}

TEST(CsvWrite, SparkFormattingAndRoundTrip) {
  auto dir = makeTempDir();
  auto schema = parseSchemaDDL(
      "i int, s string, d double, t timestamp, dt date, m decimal(5,2), b boolean");
  const FileFormat& csv = fileFormat("csv");
  FormatContext ctx;
  ctx.zone = time::TimeZone::utc().get();
  Options opts{{"header", "true"}};
  EXPECT_EQ(csv.fileExtension(opts), ".csv");
  auto file = (dir / ("part-00000" + csv.fileExtension(opts))).string();
  auto w = csv.create(file, schema, opts, ctx);
  w->write(sampleBatch(schema));
  w->close();
  EXPECT_EQ(readFile(file),
            "i,s,d,t,dt,m,b\n"
            "1,plain,1.5,2020-06-07T15:38:49.019Z,2020-06-07,1.50,true\n"
            ",\"a,b \\\"q\\\"\",1.0E10,,1970-01-01,-0.05,false\n"
            "-3,\"\",,1970-01-01T00:00:00.000Z,,,\n");
  auto back = readCsv(file, {{"header", "true"}}, schema);
  EXPECT_EQ(back.rows, rows({"[1,plain,1.5,2020-06-07 15:38:49.019,2020-06-07,1.50,true]",
                             "[null,a,b \"q\",1.0E10,null,1970-01-01,-0.05,false]",
                             "[-3,null,null,1970-01-01 00:00:00,null,null,null]"}));
}

TEST(CsvWrite, GzipOptionsAndFormats) {
  auto dir = makeTempDir();
  auto schema = parseSchemaDDL(
      "i int, s string, d double, t timestamp, dt date, m decimal(5,2), b boolean");
  const FileFormat& csv = fileFormat("csv");
  FormatContext ctx;
  ctx.zone = time::TimeZone::utc().get();
  Options opts{{"compression", "gzip"},
               {"sep", "|"},
               {"quoteAll", "true"},
               {"nullValue", "NULL"},
               {"timestampFormat", "dd/MM/yyyy HH:mm:ss.SSS"},
               {"dateFormat", "yyyy/MM/dd"}};
  EXPECT_EQ(csv.fileExtension(opts), ".csv.gz");
  auto file = (dir / "part-00000.csv.gz").string();
  auto w = csv.create(file, schema, opts, ctx);
  w->write(sampleBatch(schema));
  w->close();
  InputFile in(file);
  EXPECT_EQ(in.readAll(1 << 20),
            "\"1\"|\"plain\"|\"1.5\"|\"07/06/2020 15:38:49.019\"|\"2020/06/07\"|\"1.50\"|\"true\"\n"
            "NULL|\"a,b \\\"q\\\"\"|\"1.0E10\"|NULL|\"1970/01/01\"|\"-0.05\"|\"false\"\n"
            "\"-3\"|\"\"|NULL|\"01/01/1970 00:00:00.000\"|NULL|NULL|NULL\n");
  auto back = readCsv(file, opts, schema);
  EXPECT_EQ(back.rows[0], "[1,plain,1.5,2020-06-07 15:38:49.019,2020-06-07,1.50,true]");
  EXPECT_THROW(csv.fileExtension({{"compression", "snappy"}}), Error);
}

}  // namespace
}  // namespace rivulet::testing
