// The JSON reader against Spark's test files and behaviours: inference, modes, encodings,
// nesting limits, invalid UTF-8.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <optional>

#include "unit/json/json_test_util.h"
#include "rivulet/common/error.h"
#include "testing/test_paths.h"

namespace rivulet::testing {
namespace {

std::string spark(const std::string& name) { return testdataPath("spark/json/" + name).string(); }

std::string errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(JsonReaderTest, PeopleInferredAndRead) {
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/people.json");
  auto r = readJson({p.string()}, {});
  EXPECT_EQ(r.schema.simpleString(), "struct<age:bigint,name:string>");
  EXPECT_EQ(r.rows, (Rows{"[null, Michael]", "[30, Andy]", "[19, Justin]"}));
}

TEST(JsonReaderTest, SchemaMergesAcrossFiles) {
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/people.json");
  auto r = readJson({p.string(), spark("people1.json")}, {});
  EXPECT_EQ(r.schema.simpleString(), "struct<age:bigint,aka:string,name:string>");
  EXPECT_EQ(r.rows.back(), "[null, John, Jonathan]");
  EXPECT_EQ(r.rows.size(), 4u);
}

TEST(JsonReaderTest, LineSepCommaGivesCorruptRecords) {
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/people.json");
  auto r = readJson({p.string()}, {{"lineSep", ","}});
  EXPECT_EQ(r.schema.simpleString(), "struct<_corrupt_record:string,name:string>");
  EXPECT_EQ(r.rows, (Rows{"[null, Michael]", "[ \"age\":30}\n{\"name\":\"Justin\", null]",
                          "[ \"age\":19}\n, null]"}));
}

TEST(JsonReaderTest, MultiLineArray) {
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/people_array.json");
  auto r = readJson({p.string()}, {{"multiLine", "true"}});
  EXPECT_EQ(r.schema.simpleString(), "struct<age:bigint,name:string>");
  EXPECT_EQ(r.rows, (Rows{"[null, Michael]", "[30, Andy]", "[19, Justin]"}));
}

TEST(JsonReaderTest, EmployeesAverage) {
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/employees.json");
  auto r = readJson({p.string()}, {});
  EXPECT_EQ(r.schema.simpleString(), "struct<name:string,salary:bigint>");
  EXPECT_EQ(r.rows, (Rows{"[Michael, 3000]", "[Andy, 4500]", "[Justin, 3500]", "[Berta, 4000]"}));
}

TEST(JsonReaderTest, ArrayFieldsWithSchemaAndInferred) {
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/with-array-fields.json");
  auto inferred = readJson({p.string()}, {});
  EXPECT_EQ(inferred.schema.simpleString(),
            "struct<id:bigint,intervals:array<struct<endTime:bigint,startTime:bigint>>,ints:array<"
            "bigint>>");
  StructType schema = parseSchemaDDL(
      "id int, intervals array<struct<startTime: bigint, endTime: bigint>>, ints array<int>");
  auto r = readJson({p.string()}, {}, &schema);
  EXPECT_EQ(r.rows, (Rows{"[1, [{111, 211}, {121, 221}], [11, 12, 13, 14]]",
                          "[2, [{112, 212}, {122, 222}], [21, 22, 23, 24]]",
                          "[3, [{113, 213}, {123, 223}], [31, 32, 33, 34]]"}));
}

TEST(JsonReaderTest, MapFields) {
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/with-map-fields.json");
  StructType schema =
      parseSchemaDDL("id int, intervals map<string, struct<startTime: bigint, endTime: bigint>>");
  auto r = readJson({p.string()}, {}, &schema);
  EXPECT_EQ(r.rows, (Rows{"[1, {a -> {111, 211}, b -> {121, 221}}]",
                          "[2, {a -> {112, 212}, b -> {122, 222}}]",
                          "[3, {a -> {113, 213}, b -> {123, 223}}]", "[4, {}]", "[5, null]"}));
}

TEST(JsonReaderTest, Utf16AndUtf32Files) {
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/utf16WithBOM.json");
  StructType schema = parseSchemaDDL("firstName string, lastName string");
  auto r = readJson({p.string()}, {{"multiLine", "true"}, {"encoding", "UTF-16"}}, &schema);
  EXPECT_EQ(r.rows, (Rows{"[Chris, Baird]", "[Doug, Rood]"}));
  r = readJson({spark("utf32BEWithBOM.json")}, {{"multiLine", "true"}}, &schema);
  EXPECT_EQ(r.rows, (Rows{"[Chris, Baird]"}));
  r = readJson({spark("utf16LE.json")}, {{"multiLine", "true"}, {"encoding", "uTf-16lE"}},
               &schema);
  EXPECT_EQ(r.rows, (Rows{"[Chris, Baird]"}));
  auto people = readJson({spark("people_array_utf16le.json")},
                         {{"multiLine", "true"}, {"encoding", "UTF-16LE"}});
  EXPECT_EQ(people.rows, (Rows{"[30, Andy]", "[19, Justin]"}));
  std::string wrong = errorOf([&] {
    readJson({spark("utf16LE.json")},
             {{"multiLine", "true"}, {"encoding", "UTF-16BE"}, {"mode", "FAILFAST"}}, &schema);
  });
  EXPECT_NE(wrong.find("Malformed records are detected in record parsing. Parse Mode: FAILFAST."),
            std::string::npos)
      << wrong;
  EXPECT_NE(wrong.find("utf16LE.json, line 1"), std::string::npos) << wrong;
  std::string unknown = errorOf([&] {
    readJson({spark("utf16LE.json")}, {{"multiLine", "true"}, {"encoding", "UTF-128"}}, &schema);
  });
  EXPECT_NE(unknown.find("UTF-128"), std::string::npos) << unknown;
}

TEST(JsonReaderTest, CarsLineByLineAllCorrupt) {
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/cars.json");
  auto r = readJson({p.string()}, {});
  EXPECT_EQ(r.schema.simpleString(), "struct<_corrupt_record:string>");
  ASSERT_EQ(r.rows.size(), 21u);
  EXPECT_EQ(r.rows[0], "[{]");
  EXPECT_EQ(r.rows[1], "[  \"year\": 2012,]");
  EXPECT_EQ(r.rows[20], "[}]");
}

TEST(JsonReaderTest, CarsMultiLineReadsTheFirstObject) {
  // Spark's multiLine mode parses one JSON value per file: the first of the three objects.
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/cars.json");
  auto r = readJson({p.string()}, {{"multiLine", "true"}});
  EXPECT_EQ(r.schema.simpleString(),
            "struct<comment:string,make:string,model:string,price:double,year:bigint>");
  EXPECT_EQ(r.rows, (Rows{"[null, Tesla, S, 80000.65, 2012]"}));
}

TEST(JsonReaderTest, CarsMalformedModes) {
  RIVULET_REQUIRE_TESTDATA(p, "spark/json/cars-malformed.json");
  std::string whole = readFile(p);
  auto r = readJson({p.string()}, {{"multiLine", "true"}});
  EXPECT_EQ(r.schema.simpleString(), "struct<_corrupt_record:string>");
  EXPECT_EQ(r.rows, (Rows{"[" + whole + "]"}));
  StructType schema = parseSchemaDDL("year bigint, make string, _corrupt_record string");
  r = readJson({p.string()}, {{"multiLine", "true"}}, &schema);
  EXPECT_EQ(r.rows, (Rows{"[null, null, " + whole + "]"}));
  r = readJson({p.string()}, {{"multiLine", "true"}, {"mode", "DROPMALFORMED"}}, &schema);
  EXPECT_TRUE(r.rows.empty());
  std::string e = errorOf(
      [&] { readJson({p.string()}, {{"multiLine", "true"}, {"mode", "FAILFAST"}}, &schema); });
  EXPECT_NE(e.find("[MALFORMED_RECORD_IN_PARSING]") == std::string::npos ? e.find("Malformed")
                                                                         : 0,
            std::string::npos);
  EXPECT_NE(e.find("cars-malformed.json, line 1"), std::string::npos) << e;
  std::string inferFail =
      errorOf([&] { readJson({p.string()}, {{"multiLine", "true"}, {"mode", "FAILFAST"}}); });
  EXPECT_NE(inferFail.find("Malformed records are detected in schema inference. Parse Mode: "
                           "FAILFAST."),
            std::string::npos)
      << inferFail;
}

TEST(JsonReaderTest, PermissiveKeepsGoodFieldsOfTypeMismatch) {
  auto dir = makeTempDir();
  auto file = (dir / "a.json").string();
  writeFile(file, "{\"a\": 1, \"b\": \"x\"}\n{\"a\": \"oops\", \"b\": \"y\"}\n{\"a\": 3,\n");
  StructType schema = parseSchemaDDL("a bigint, b string, _corrupt_record string");
  auto r = readJson({file}, {}, &schema);
  EXPECT_EQ(r.rows, (Rows{"[1, x, null]", "[null, y, {\"a\": \"oops\", \"b\": \"y\"}]",
                          "[null, null, {\"a\": 3,]"}));
  r = readJson({file}, {{"mode", "DROPMALFORMED"}}, &schema);
  EXPECT_EQ(r.rows, (Rows{"[1, x, null]"}));
  std::string e = errorOf([&] { readJson({file}, {{"mode", "failfast"}}, &schema); });
  EXPECT_EQ(e.rfind("Malformed records are detected in record parsing. Parse Mode: FAILFAST.", 0),
            0u)
      << e;
  EXPECT_NE(e.find("a.json, line 2"), std::string::npos) << e;
}

TEST(JsonReaderTest, InferenceWideningAndNesting) {
  auto dir = makeTempDir();
  auto file = (dir / "w.json").string();
  writeFile(file,
            "{\"n\": 1, \"x\": 1, \"s\": {\"b\": 1, \"a\": [1, 2]}, \"z\": null, \"e\": \"\"}\n"
            "{\"n\": 2.5, \"x\": \"str\", \"s\": {\"c\": true, \"a\": [1.5]}, \"z\": null}\n"
            "\n"
            "{\"n\": 123456789012345678901234567890, \"arr\": [[1], [2, null]], \"empty\": {}}\n");
  auto r = readJson({file}, {});
  EXPECT_EQ(r.schema.simpleString(),
            "struct<arr:array<array<bigint>>,e:string,n:double,s:struct<a:array<double>,b:bigint,"
            "c:boolean>,x:string,z:string>");
  EXPECT_EQ(r.rows[0], "[null, , 1.0, {[1.0, 2.0], 1, null}, 1, null]");
  EXPECT_EQ(r.rows[1], "[null, null, 2.5, {[1.5], null, true}, str, null]");
  EXPECT_EQ(r.rows[2], "[[[1], [2, null]], null, 1.2345678901234568E29, null, null, null]");
  auto dropped = readJson({file}, {{"dropFieldIfAllNull", "true"}});
  // "" infers as null like a JSON null, so "e" goes too.
  EXPECT_EQ(dropped.schema.simpleString(),
            "struct<arr:array<array<bigint>>,n:double,s:struct<a:array<double>,b:bigint,"
            "c:boolean>,x:string>");
  auto strings = readJson({file}, {{"primitivesAsString", "true"}});
  EXPECT_EQ(strings.schema.simpleString(),
            "struct<arr:array<array<string>>,e:string,n:string,s:struct<a:array<string>,b:string,"
            "c:string>,x:string,z:string>");
  EXPECT_EQ(strings.rows[0], "[null, , 1, {[1, 2], 1, null}, 1, null]");
}

TEST(JsonReaderTest, PrefersDecimal) {
  auto dir = makeTempDir();
  auto file = (dir / "d.json").string();
  writeFile(file, "{\"a\": 1.25, \"b\": 10, \"c\": 0.001}\n{\"a\": 100.5, \"b\": 2.5}\n");
  auto r = readJson({file}, {{"prefersDecimal", "true"}});
  EXPECT_EQ(r.schema.simpleString(), "struct<a:decimal(5,2),b:decimal(21,1),c:decimal(3,3)>");
  EXPECT_EQ(r.rows, (Rows{"[1.25, 10.0, 0.001]", "[100.50, 2.5, null]"}));
}

TEST(JsonReaderTest, LenientOptions) {
  auto dir = makeTempDir();
  auto file = (dir / "l.json").string();
  writeFile(file,
            "{'a': 'single', \"b\": NaN} trailing garbage\n"
            "{\"a\": \"x\", \"a\": \"last wins\", \"b\": -Infinity}\n"
            "/* note */ {a: \"unquoted\", \"b\": 007}\n");
  StructType schema = parseSchemaDDL("a string, b double");
  auto strict = readJson({file}, {}, &schema);
  EXPECT_EQ(strict.rows, (Rows{"[single, NaN]", "[last wins, -Infinity]", "[null, null]"}));
  auto lenient = readJson({file},
                          {{"allowComments", "true"},
                           {"allowUnquotedFieldNames", "true"},
                           {"allowNumericLeadingZeros", "true"}},
                          &schema);
  EXPECT_EQ(lenient.rows.back(), "[unquoted, 7.0]");
  auto noQuotes = readJson({file}, {{"allowSingleQuotes", "false"}}, &schema);
  EXPECT_EQ(noQuotes.rows.front(), "[null, null]");
}

TEST(JsonReaderTest, DeepNestingIsAMalformedRecord) {
  auto dir = makeTempDir();
  auto file = (dir / "deep.json").string();
  std::string deep = "{\"a\": " + std::string(10000, '[') + std::string(10000, ']') + "}";
  writeFile(file, "{\"a\": 1}\n" + deep + "\n");
  auto r = readJson({file}, {});
  EXPECT_EQ(r.schema.simpleString(), "struct<_corrupt_record:string,a:bigint>");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0], "[null, 1]");
  StructType schema = parseSchemaDDL("a string");
  std::string e = errorOf([&] { readJson({file}, {{"mode", "FAILFAST"}}, &schema); });
  EXPECT_NE(e.find("nesting depth exceeds the maximum of 1000"), std::string::npos) << e;
  EXPECT_NE(e.find("deep.json, line 2"), std::string::npos) << e;
}

TEST(JsonReaderTest, InvalidUtf8AndTruncatedInput) {
  auto dir = makeTempDir();
  auto file = (dir / "bad.json").string();
  writeFile(file, "{\"a\": \"ok\"}\n{\"a\": \"bad \xC3\x28 byte\"}\n{\"a\": \"trunc");
  StructType schema = parseSchemaDDL("a string, _corrupt_record string");
  auto r = readJson({file}, {}, &schema);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0], "[ok, null]");
  EXPECT_EQ(r.rows[2], "[null, {\"a\": \"trunc]");
  std::string e = errorOf([&] { readJson({file}, {{"mode", "FAILFAST"}}, &schema); });
  EXPECT_NE(e.find("invalid UTF-8"), std::string::npos) << e;
  EXPECT_NE(e.find("bad.json, line 2"), std::string::npos) << e;
}

TEST(JsonReaderTest, GzipAndHugeLines) {
  auto dir = makeTempDir();
  std::string big(20 << 20, 'x');
  auto file = (dir / "big.json").string();
  writeFile(file, "{\"a\": \"" + big + "\", \"b\": 1}\n{\"b\": 2}\n");
  StructType schema = parseSchemaDDL("b int");
  auto r = readJson({file}, {}, &schema);
  EXPECT_EQ(r.rows, (Rows{"[1]", "[2]"}));
}

TEST(JsonReaderTest, TimestampsAndDatesInTheSessionZone) {
  auto dir = makeTempDir();
  auto file = (dir / "t.json").string();
  writeFile(file,
            "{\"t\": \"2020-06-07T20:31:56.019+03:00\", \"d\": \"2020-06-07\", \"u\": "
            "\"2020-06-07 10:00:00\"}\n{\"t\": 0}\n");
  StructType schema = parseSchemaDDL("t timestamp, d date, u timestamp");
  auto r = readJson({file}, {}, &schema, "Europe/Moscow");
  EXPECT_EQ(r.rows, (Rows{"[2020-06-07 20:31:56.019, 2020-06-07, 2020-06-07 10:00:00]",
                          "[1970-01-01 03:00:00, null, null]"}));
  auto inferred = readJson({file}, {{"inferTimestamp", "true"}});
  EXPECT_EQ(inferred.schema.simpleString(), "struct<d:string,t:string,u:timestamp>");
}

TEST(JsonReaderTest, TimestampAndDateFormatOptions) {
  auto dir = makeTempDir();
  auto file = (dir / "f.json").string();
  writeFile(file, "{\"t\": \"07/06/2020 20:31\", \"d\": \"07/06/2020\"}\n"
                  "{\"t\": \"2020-06-07 01:02:03\", \"d\": \"bad\"}\n");
  StructType schema = parseSchemaDDL("t timestamp, d date");
  auto r = readJson({file}, {{"timestampFormat", "dd/MM/yyyy HH:mm"}, {"dateFormat", "dd/MM/yyyy"}},
                    &schema, "Europe/Moscow");
  EXPECT_EQ(r.rows, (Rows{"[2020-06-07 20:31:00, 2020-06-07]", "[2020-06-07 01:02:03, null]"}));
}

TEST(JsonReaderTest, StringsWithAndWithoutEscapesAtEveryLength) {
  // Strings without a backslash are copied straight from the input, 16 bytes at a time;
  // lengths around 16 and 32, structural characters inside strings and escapes at either end
  // check both that path and the unescaping one.
  auto dir = makeTempDir();
  auto file = (dir / "s.json").string();
  std::string text;
  std::vector<std::string> expected;
  for (int len : {0, 1, 15, 16, 17, 31, 32, 33, 70}) {
    std::string s;
    for (int i = 0; i < len; ++i) {
      s += static_cast<char>('a' + i % 26);
    }
    text += "{\"s\":\"" + s + "\",\"t\":1}\n";
    expected.push_back("[" + s + ", 1]");
  }
  text += "{\"s\":\"a,b}c]d:e{f[g\" , \"t\":2}\n";
  expected.push_back("[a,b}c]d:e{f[g, 2]");
  text += "{\"s\":\"x\\\"y\\\\z\\n\\u00e9\",\"t\":3}\n";
  expected.push_back("[x\"y\\z\n\xc3\xa9, 3]");
  text += "{\"s\":\"\\\"0123456789abcdef\",\"t\":4}\n";
  expected.push_back("[\"0123456789abcdef, 4]");
  text += "{\"s\":\"0123456789abcdef\\\\\",\"t\":5}\n";
  expected.push_back("[0123456789abcdef\\, 5]");
  text += "{\"s\":\"caf\xc3\xa9 \xe2\x82\xac\",\"t\":6}\n";
  expected.push_back("[caf\xc3\xa9 \xe2\x82\xac, 6]");
  writeFile(file, text);
  StructType schema = parseSchemaDDL("s string, t int");
  auto r = readJson({file}, {}, &schema);
  EXPECT_EQ(r.rows, expected);
}

}  // namespace
}  // namespace rivulet::testing
