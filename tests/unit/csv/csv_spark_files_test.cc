// Every file of testdata/spark/csv read with the options of Spark's own tests, asserting the
// results those tests assert (see testdata/spark/csv/README.md).
#include <gtest/gtest.h>

#include "unit/csv/csv_test_helpers.h"
#include "rivulet/common/error.h"
#include "testing/test_paths.h"

namespace rivulet::testing {
namespace {

std::string csvPath(const char* name) { return testdataPath(std::string("spark/csv/") + name).string(); }

#define REQUIRE_CSV(name) RIVULET_REQUIRE_TESTDATA(requiredPath_, std::string("spark/csv/") + name)

TEST(CsvSparkFiles, CarsWithoutHeader) {
  REQUIRE_CSV("cars.csv");
  auto r = readCsv(csvPath("cars.csv"), {});
  EXPECT_EQ(r.schema.treeString(),
            "root\n |-- _c0: string (nullable = true)\n |-- _c1: string (nullable = true)\n"
            " |-- _c2: string (nullable = true)\n |-- _c3: string (nullable = true)\n"
            " |-- _c4: string (nullable = true)\n");
  EXPECT_EQ(r.rows, rows({"[year,make,model,comment,blank]", "[2012,Tesla,S,No comment,null]",
                          "[1997,Ford,E350,Go get one now they are going fast,null]",
                          "[2015,Chevy,Volt,null,null]"}));
}

TEST(CsvSparkFiles, CarsHeaderInferSchema) {
  REQUIRE_CSV("cars.csv");
  auto r = readCsv(csvPath("cars.csv"), {{"header", "true"}, {"inferSchema", "true"}});
  EXPECT_EQ(r.schema.treeString(),
            "root\n |-- year: integer (nullable = true)\n |-- make: string (nullable = true)\n"
            " |-- model: string (nullable = true)\n |-- comment: string (nullable = true)\n"
            " |-- blank: string (nullable = true)\n");
  EXPECT_EQ(r.rows, rows({"[2012,Tesla,S,No comment,null]",
                          "[1997,Ford,E350,Go get one now they are going fast,null]",
                          "[2015,Chevy,Volt,null,null]"}));
}

TEST(CsvSparkFiles, CarsDropMalformed) {
  REQUIRE_CSV("cars.csv");
  Options opts{{"header", "true"}, {"mode", "DROPMALFORMED"}};
  // Column pruning off: the short 2015 row is malformed even when only `year` is read.
  Options noPruning = opts;
  noPruning.set("spark.sql.csv.parser.columnPruning.enabled", "false");
  auto r = readCsv(csvPath("cars.csv"), noPruning, std::nullopt, std::vector<int>{0});
  EXPECT_EQ(r.rows, rows({"[2012]", "[1997]"}));
  // With pruning (Spark's default) a one-column read does not see the short row.
  EXPECT_EQ(readCsv(csvPath("cars.csv"), opts, std::nullopt, std::vector<int>{0}).numRows, 3);
  // Reading every column always checks the token count.
  EXPECT_EQ(readCsv(csvPath("cars.csv"), opts).numRows, 2);
}

TEST(CsvSparkFiles, CarsFailFast) {
  REQUIRE_CSV("cars.csv");
  try {
    readCsv(csvPath("cars.csv"), {{"header", "true"}, {"mode", "FAILFAST"}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.errorClass(), "MALFORMED_RECORD_IN_PARSING");
    EXPECT_EQ(e.message(),
              "Malformed records are detected in record parsing. Parse Mode: FAILFAST. To process "
              "malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. "
              "Malformed CSV record at " +
                  qualifiedPath(csvPath("cars.csv")) + ", line 6: expected 5 fields but found 3");
  }
}

TEST(CsvSparkFiles, CarsAlternative) {
  REQUIRE_CSV("cars-alternative.csv");
  auto r = readCsv(csvPath("cars-alternative.csv"),
                   {{"quote", "'"}, {"delimiter", "|"}, {"header", "true"}});
  EXPECT_EQ(r.rows, rows({"[2012,Tesla,S, 'No comment',null]",
                          "[1997,Ford,E350,Go get one now they are going fast,null]",
                          "[2015,Chevy,Volt,null,null]"}));
}

TEST(CsvSparkFiles, CarsTsvWithDdlSchema) {
  REQUIRE_CSV("cars.tsv");
  auto r = readCsv(csvPath("cars.tsv"), {{"delimiter", "\\t"}, {"header", "true"}});
  EXPECT_EQ(r.schema.size(), 6u);
  EXPECT_EQ(r.numRows, 3);
  auto schema = parseSchemaDDL(
      "yearMade double, makeName string, modelName string, priceTag decimal, comments string, "
      "grp string");
  auto typed = readCsv(csvPath("cars.tsv"), {{"delimiter", "\t"}, {"header", "true"}}, schema);
  EXPECT_EQ(typed.rows, rows({"[2012.0,Tesla,S,80001,null,null]",
                              "[1997.0,Ford,E350,35000,Go get one now they are going fast,null]",
                              "[2015.0,Chevy,Volt,5000,null,null]"}));
}

TEST(CsvSparkFiles, Latin1WithThornSeparator) {
  REQUIRE_CSV("cars_iso-8859-1.csv");
  auto r = readCsv(csvPath("cars_iso-8859-1.csv"),
                   {{"encoding", "iso-8859-1"}, {"delimiter", "\xC3\xBE"}, {"header", "true"}});
  EXPECT_EQ(r.schema.fieldNames(), (std::vector<std::string>{"year", "make", "model", "comment", "blank"}));
  EXPECT_EQ(r.rows, rows({"[2012,Tesla,S,No comment,null]",
                          "[1997,Ford,E350,Go get one now they are \xC3\xBEoing fast,null]",
                          "[2015,Chevy,Volt,null,null]"}));
  auto r2 = readCsv(csvPath("cars_iso-8859-1.csv"),
                    {{"charset", "iso-8859-1"}, {"sep", "\xC3\xBE"}, {"header", "true"}});
  EXPECT_EQ(r2.numRows, 3);
  try {
    readCsv(csvPath("cars_iso-8859-1.csv"), {{"charset", "1-9588-osi"}, {"header", "true"}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("1-9588-osi"), std::string::npos) << e.message();
  }
}

TEST(CsvSparkFiles, CrlfMultiLine) {
  REQUIRE_CSV("cars-crlf.csv");
  auto r = readCsv(csvPath("cars-crlf.csv"), {{"multiLine", "true"}, {"header", "true"}});
  EXPECT_EQ(r.rows, rows({"[2012,Tesla,S,No comment,null]",
                          "[1997,Ford,E350,Go get one now they are going fast,null]",
                          "[2015,Chevy,Volt,null,null]"}));
  EXPECT_EQ(readCsv(csvPath("cars-crlf.csv"), {{"header", "true"}}).rows, r.rows);
}

TEST(CsvSparkFiles, MultiCharDelimiters) {
  REQUIRE_CSV("cars-multichar-delim.csv");
  auto r = readCsv(csvPath("cars-multichar-delim.csv"),
                   {{"quote", "'"}, {"delimiter", ", "}, {"header", "true"}});
  EXPECT_EQ(r.rows, rows({"[2012,Tesla,S,No comment,,null]",
                          "[1997,Ford,E350,Go get one now they are going fast,null]",
                          "[2015,Chevy,Volt,null,null]"}));
  auto crazy = readCsv(csvPath("cars-multichar-delim-crazy.csv"),
                       {{"quote", "'"}, {"delimiter", "_/-\\\\_"}, {"header", "true"}},
                       std::nullopt, std::vector<int>{1, 2, 3, 4});
  EXPECT_EQ(crazy.rows, rows({"[Tesla,S,No comment,null]",
                              "[Ford,E350,Go get one now they are going fast,null]",
                              "[Chevy,Volt,null,null]"}));
}

TEST(CsvSparkFiles, MalformedWithComment) {
  REQUIRE_CSV("cars-malformed.csv");
  auto r = readCsv(csvPath("cars-malformed.csv"), {{"comment", "~"}});
  EXPECT_EQ(r.schema.size(), 5u);
  EXPECT_EQ(r.rows, rows({"[year,make,model,comment,blank]", "[2012,Tesla,S,No comment,null]",
                          "[1997,Ford,E350,Go get one now they are going fast,null]",
                          "[2015,Chevy,null,null,null]"}));
}

TEST(CsvSparkFiles, NullValueOption) {
  REQUIRE_CSV("cars-null.csv");
  auto schema = parseSchemaDDL("year int, make string, model string, comment string, blank string");
  auto r = readCsv(csvPath("cars-null.csv"), {{"header", "true"}, {"nullValue", "null"}}, schema);
  EXPECT_EQ(r.rows, rows({"[2012,Tesla,S,null,null]",
                          "[1997,Ford,E350,Go get one now they are going fast,null]",
                          "[null,Chevy,Volt,null,null]"}));
}

TEST(CsvSparkFiles, EmptyValueOption) {
  REQUIRE_CSV("cars-empty-value.csv");
  auto schema = parseSchemaDDL("year int, make string, model string, comment string, blank string");
  auto r = readCsv(csvPath("cars-empty-value.csv"), {{"header", "true"}, {"emptyValue", "empty"}},
                   schema);
  EXPECT_EQ(r.rows, rows({"[2012,Tesla,S,empty,empty]",
                          "[1997,Ford,E350,Go get one now they are going fast,null]",
                          "[2015,Chevy,Volt,null,empty]"}));
  // By default a quoted empty string reads as null too (emptyValue "" equals nullValue "").
  auto d = readCsv(csvPath("cars-empty-value.csv"), {{"header", "true"}}, schema);
  EXPECT_EQ(d.rows[0], "[2012,Tesla,S,null,null]");
}

TEST(CsvSparkFiles, BlankColumnNames) {
  REQUIRE_CSV("cars-blank-column-name.csv");
  auto r = readCsv(csvPath("cars-blank-column-name.csv"), {{"header", "true"}, {"inferSchema", "true"}});
  EXPECT_EQ(r.schema.treeString(),
            "root\n |-- _c0: integer (nullable = true)\n |-- _c1: string (nullable = true)\n"
            " |-- make: string (nullable = true)\n |-- customer: string (nullable = true)\n"
            " |-- comment: string (nullable = true)\n");
  EXPECT_EQ(r.rows, rows({"[2012,Tesla,S,bill,blank]", "[2013,Tesla,S,c,something]"}));
}

TEST(CsvSparkFiles, UnbalancedQuotesWithQuotingDisabled) {
  REQUIRE_CSV("cars-unbalanced-quotes.csv");
  auto r = readCsv(csvPath("cars-unbalanced-quotes.csv"), {{"header", "true"}, {"quote", ""}});
  EXPECT_EQ(r.schema.size(), 5u);
  EXPECT_EQ(r.rows, rows({"[\"2012,Tesla,S,No comment,null]",
                          "[1997,Ford,E350,Go get one now they are going fast\",null]",
                          "[\"2015,\"Chevy\",Volt,null,null]"}));
}

TEST(CsvSparkFiles, Comments) {
  REQUIRE_CSV("comments.csv");
  auto expected = rows({"[1,2,3,4,5.01,2015-08-20 15:57:00]", "[6,7,8,9,0,2015-08-21 16:58:01]",
                        "[1,2,3,4,5,2015-08-23 18:00:42]"});
  EXPECT_EQ(readCsv(csvPath("comments.csv"), {{"comment", "~"}}).rows, expected);
  EXPECT_EQ(readCsv(csvPath("comments.csv"), {{"comment", "~"}, {"multiLine", "true"}}).rows, expected);
  auto typed = readCsv(csvPath("comments.csv"), {{"comment", "~"},
                                                 {"inferSchema", "true"},
                                                 {"timestampFormat", "yyyy-MM-dd HH:mm:ss"}});
  EXPECT_EQ(typed.schema.treeString(),
            "root\n |-- _c0: integer (nullable = true)\n |-- _c1: integer (nullable = true)\n"
            " |-- _c2: integer (nullable = true)\n |-- _c3: integer (nullable = true)\n"
            " |-- _c4: double (nullable = true)\n |-- _c5: timestamp (nullable = true)\n");
  EXPECT_EQ(typed.rows, rows({"[1,2,3,4,5.01,2015-08-20 15:57:00]", "[6,7,8,9,0.0,2015-08-21 16:58:01]",
                              "[1,2,3,4,5.0,2015-08-23 18:00:42]"}));
}

TEST(CsvSparkFiles, CommentsAndWhitespaceLines) {
  REQUIRE_CSV("comments-whitespaces.csv");
  auto r = readCsv(csvPath("comments-whitespaces.csv"),
                   {{"header", "true"},
                    {"comment", "#"},
                    {"ignoreLeadingWhiteSpace", "false"},
                    {"ignoreTrailingWhiteSpace", "false"}},
                   parseSchemaDDL("colA string"));
  EXPECT_EQ(r.rows, rows({"[ \"a\" ]"}));
}

TEST(CsvSparkFiles, DisabledComments) {
  REQUIRE_CSV("disable_comments.csv");
  auto r = readCsv(csvPath("disable_comments.csv"), {{"comment", ""}});
  EXPECT_EQ(r.rows, rows({"[#1,2,3]", "[4,5,6]"}));
}

TEST(CsvSparkFiles, InferBoolean) {
  REQUIRE_CSV("bool.csv");
  auto r = readCsv(csvPath("bool.csv"), {{"header", "true"}, {"inferSchema", "true"}});
  EXPECT_EQ(r.schema.treeString(), "root\n |-- bool: boolean (nullable = true)\n");
  EXPECT_EQ(r.rows, rows({"[true]", "[false]", "[true]"}));
}

TEST(CsvSparkFiles, InferDecimal) {
  REQUIRE_CSV("decimal.csv");
  auto r = readCsv(csvPath("decimal.csv"),
                   {{"comment", "~"}, {"header", "true"}, {"inferSchema", "true"}});
  EXPECT_EQ(r.schema.treeString(),
            "root\n |-- decimal: decimal(20,0) (nullable = true)\n"
            " |-- long: long (nullable = true)\n |-- double: double (nullable = true)\n");
  EXPECT_EQ(r.rows, rows({"[1,1,0.1]", "[1,9223372036854775807,1.0]",
                          "[92233720368547758070,1,9.223372036854776E19]"}));
}

TEST(CsvSparkFiles, InferSparse) {
  REQUIRE_CSV("simple_sparse.csv");
  auto r = readCsv(csvPath("simple_sparse.csv"), {{"header", "true"}, {"inferSchema", "true"}});
  EXPECT_EQ(r.schema.toDDL(), "A INT,B INT,C INT,D INT");
  EXPECT_EQ(r.rows, rows({"[1,null,null,null]", "[null,1,null,null]", "[null,null,1,null]",
                          "[null,null,null,1]"}));
}

TEST(CsvSparkFiles, NumbersWithSpecialValues) {
  REQUIRE_CSV("numbers.csv");
  auto schema = parseSchemaDDL("int int, long bigint, float float, double double");
  Options opts{{"header", "true"},
               {"mode", "DROPMALFORMED"},
               {"nullValue", "--"},
               {"nanValue", "NAN"},
               {"negativeInf", "-INF"},
               {"positiveInf", "INF"}};
  // A count parses no column (Spark's test: count() == 8).
  EXPECT_EQ(readCsv(csvPath("numbers.csv"), opts, schema, std::vector<int>{}).numRows, 8);
  // Reading every column drops the three rows whose float is "223823.NAN"-like.
  auto r = readCsv(csvPath("numbers.csv"), opts, schema);
  EXPECT_EQ(r.rows, rows({"[8,1000000,1.042,2.38485450374E7]", "[null,34232323,98.343,184721.23987223]",
                          "[34,null,98.343,184721.23987223]", "[34,43323123,null,184721.23987223]",
                          "[34,43323123,223823.95,null]"}));
  auto doubles = readCsv(csvPath("numbers.csv"), opts, schema, std::vector<int>{3});
  EXPECT_EQ(doubles.rows.back(), "[-Infinity]");
  EXPECT_EQ(doubles.rows[5], "[NaN]");
}

TEST(CsvSparkFiles, DatesWithFormats) {
  REQUIRE_CSV("dates.csv");
  auto r = readCsv(csvPath("dates.csv"),
                   {{"header", "true"}, {"inferSchema", "true"}, {"timestampFormat", "dd/MM/yyyy HH:mm"}});
  EXPECT_EQ(r.schema.treeString(), "root\n |-- date: timestamp (nullable = true)\n");
  EXPECT_EQ(r.rows, rows({"[2015-08-26 18:00:00]", "[2014-10-27 18:30:00]", "[2016-01-28 20:00:00]"}));
  auto d = readCsv(csvPath("dates.csv"), {{"header", "true"}, {"dateFormat", "dd/MM/yyyy HH:mm"}},
                   parseSchemaDDL("date date"));
  EXPECT_EQ(d.rows, rows({"[2015-08-26]", "[2014-10-27]", "[2016-01-28]"}));
}

TEST(CsvSparkFiles, UnescapedQuotes) {
  REQUIRE_CSV("unescaped-quotes.csv");
  auto r = readCsv(csvPath("unescaped-quotes.csv"), {{"maxCharsPerColumn", "4"}});
  EXPECT_EQ(r.rows, rows({"[\"a\"b,ccc,ddd]", "[ab,cc\"c,ddd\"]"}));
}

TEST(CsvSparkFiles, ValueMalformedPermissive) {
  REQUIRE_CSV("value-malformed.csv");
  auto schema = parseSchemaDDL("a int, b date");
  EXPECT_EQ(readCsv(csvPath("value-malformed.csv"), {}, schema).rows,
            rows({"[0,null]", "[1,1983-08-04]"}));
  EXPECT_EQ(readCsv(csvPath("value-malformed.csv"), {{"mode", "abcd"}}, schema).rows,
            rows({"[0,null]", "[1,1983-08-04]"}));
  auto withCorrupt = parseSchemaDDL("a int, _unparsed string, b date");
  EXPECT_EQ(readCsv(csvPath("value-malformed.csv"), {{"columnNameOfCorruptRecord", "_unparsed"}},
                    withCorrupt)
                .rows,
            rows({"[0,0,2013-111_11 12:13:14,null]", "[1,null,1983-08-04]"}));
  try {
    readCsv(csvPath("value-malformed.csv"), {{"columnNameOfCorruptRecord", "_unparsed"}},
            parseSchemaDDL("a int, b date, _unparsed int"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "The field for corrupt records must be string type and nullable");
  }
}

TEST(CsvSparkFiles, BadAfterGood) {
  REQUIRE_CSV("bad_after_good.csv");
  auto r = readCsv(csvPath("bad_after_good.csv"), {}, parseSchemaDDL("col1 string, col2 date"));
  EXPECT_EQ(r.rows, rows({"[good record,1999-08-01]", "[bad record,null]"}));
}

TEST(CsvSparkFiles, MalformedRowCount) {
  REQUIRE_CSV("malformedRow.csv");
  Options opts{{"header", "true"}, {"mode", "DROPMALFORMED"}};
  EXPECT_EQ(readCsv(csvPath("malformedRow.csv"), opts, std::nullopt, std::vector<int>{}).numRows, 4);
  EXPECT_EQ(readCsv(csvPath("malformedRow.csv"), opts).rows,
            rows({"[apple,red,1,3]", "[banana,yellow,2,4]", "[orange,orange,3,5]"}));
}

TEST(CsvSparkFiles, EmptyFile) {
  REQUIRE_CSV("empty.csv");
  auto r = readCsv(csvPath("empty.csv"), {}, parseSchemaDDL("a string"));
  EXPECT_EQ(r.numRows, 0);
  EXPECT_EQ(r.schema.size(), 1u);
  EXPECT_EQ(readCsv(csvPath("empty.csv"), {{"inferSchema", "true"}}).schema.size(), 0u);
}

TEST(CsvSparkFiles, Ages) {
  REQUIRE_CSV("ages.csv");
  auto r = readCsv(csvPath("ages.csv"), {});
  EXPECT_EQ(r.schema.toDDL(), "_c0 STRING,_c1 STRING");
  EXPECT_EQ(r.rows, rows({"[Joe,20]", "[Tom,30]", "[Hyukjin,25]"}));
}

TEST(CsvSparkFiles, AgesMultiLine) {
  REQUIRE_CSV("ages_newlines.csv");
  auto r = readCsv(csvPath("ages_newlines.csv"), {{"multiLine", "true"}});
  EXPECT_EQ(r.rows, rows({"[Joe,20,Hi,\nI am Jeo]", "[Tom,30,My name is Tom]",
                          "[Hyukjin,25,I am Hyukjin\n\nI love Spark!]"}));
}

TEST(CsvSparkFiles, People) {
  REQUIRE_CSV("people.csv");
  auto r = readCsv(csvPath("people.csv"), {{"sep", ";"}, {"inferSchema", "true"}, {"header", "true"}});
  EXPECT_EQ(r.schema.treeString(),
            "root\n |-- name: string (nullable = true)\n |-- age: integer (nullable = true)\n"
            " |-- job: string (nullable = true)\n");
  EXPECT_EQ(r.rows, rows({"[Jorge,30,Developer]", "[Bob,32,Developer]"}));
}

}  // namespace
}  // namespace rivulet::testing
