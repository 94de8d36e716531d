// CAST between strings and every type, as Spark's non-ANSI cast: exact text out, exact values
// in, null for anything invalid or out of range.
#include "rivulet/columnar/cast_string.h"

#include <cmath>
#include <cstring>
#include <limits>

#include <gtest/gtest.h>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/types/number_format.h"
#include "testing/batch_from_json.h"

namespace rivulet {
namespace {

// CAST(column AS STRING) of a one-column JSON table, each row as text ("<null>" for null).
std::vector<std::string> castText(const std::string& type,
                                  const std::string& json,
                                  const std::string& zoneId = "UTC") {
  StructType schema = parseSchemaDDL("c " + type);
  Batch batch = testing::batchFromJson(schema, json);
  auto zone = time::TimeZone::load(zoneId);
  VectorPtr out = castToString(*batch.column(0), *zone);
  EXPECT_EQ(out->typeId(), TypeId::kString);
  std::vector<std::string> result;
  for (int64_t i = 0; i < out->size(); ++i) {
    result.push_back(out->isNull(i) ? "<null>" : std::string(out->stringAt(i)));
  }
  return result;
}

VectorPtr strings(const std::vector<const char*>& texts) {
  VectorBuilder b(DataType::string());
  for (const char* t : texts) {
    if (t == nullptr) {
      b.appendNull();
    } else {
      b.appendString(t);
    }
  }
  return b.finish();
}

using Strings = std::vector<std::string>;

TEST(CastToStringTest, Scalars) {
  EXPECT_EQ(castText("BOOLEAN", "[[true], [false], [null]]"), (Strings{"true", "false", "<null>"}));
  EXPECT_EQ(castText("TINYINT", "[[-128], [127]]"), (Strings{"-128", "127"}));
  EXPECT_EQ(castText("BIGINT", "[[-9223372036854775808], [0]]"),
            (Strings{"-9223372036854775808", "0"}));
  EXPECT_EQ(
      castText("DOUBLE",
               R"([[1.0], [1e10], [1.0E-4], ["NaN"], ["-Infinity"], [0.1], [-0.0], [1234567.0]])"),
      (Strings{"1.0", "1.0E10", "1.0E-4", "NaN", "-Infinity", "0.1", "-0.0", "1234567.0"}));
  EXPECT_EQ(castText("FLOAT", "[[0.1], [3.4028235e38], [1e7]]"),
            (Strings{"0.1", "3.4028235E38", "1.0E7"}));
  EXPECT_EQ(castText("STRING", R"([["héllo"], [""], [null]])"), (Strings{"héllo", "", "<null>"}));
  EXPECT_EQ(castText("BINARY", R"([["{\"a"], [[0, 65]]])"),
            (Strings{"{\"a", std::string("\0A", 2)}));
}

TEST(CastToStringTest, DecimalsUseJavaBigDecimalToString) {
  EXPECT_EQ(castText("DECIMAL(10,2)", R"([[1.5], [-0.05], [0], [12345678.99]])"),
            (Strings{"1.50", "-0.05", "0.00", "12345678.99"}));
  // Adjusted exponent below -6: scientific, as non-ANSI CAST prints BigDecimal.toString.
  EXPECT_EQ(castText("DECIMAL(10,7)", R"([[0.0000001], [0], [0.000001], [-0.0000015]])"),
            (Strings{"1E-7", "0E-7", "0.0000010", "-0.0000015"}));
  EXPECT_EQ(castText("DECIMAL(38,0)", R"([["99999999999999999999999999999999999999"]])"),
            (Strings{"99999999999999999999999999999999999999"}));
  EXPECT_EQ(formatDecimalJava(15, 9), "1.5E-8");
}

TEST(CastToStringTest, DatesAndTimestamps) {
  EXPECT_EQ(
      castText("DATE", R"([["2020-06-07"], ["1969-12-31"], ["0001-01-01"], ["+12345-01-01"]])"),
      (Strings{"2020-06-07", "1969-12-31", "0001-01-01", "+12345-01-01"}));
  EXPECT_EQ(
      castText(
          "TIMESTAMP",
          R"([["2020-06-07 15:58:49.8"], ["2020-06-07 15:58:49"], ["2020-06-07 15:58:49.000123"], ["1969-12-31 23:59:59.5"]])"),
      (Strings{"2020-06-07 15:58:49.8",
               "2020-06-07 15:58:49",
               "2020-06-07 15:58:49.000123",
               "1969-12-31 23:59:59.5"}));
  EXPECT_EQ(castText("TIMESTAMP", R"([["2020-06-07 12:58:49.8"]])", "Europe/Moscow"),
            (Strings{"2020-06-07 15:58:49.8"}));
  EXPECT_EQ(castText("TIMESTAMP", R"([["2020-01-01 00:00:00"]])", "America/Los_Angeles"),
            (Strings{"2019-12-31 16:00:00"}));
}

TEST(CastToStringTest, NestedValues) {
  EXPECT_EQ(castText("ARRAY<INT>", "[[[1, 2]], [[]], [[null, 3]], [[1, null]], [null]]"),
            (Strings{"[1, 2]", "[]", "[null, 3]", "[1, null]", "<null>"}));
  EXPECT_EQ(castText("MAP<STRING, INT>", R"([[{"a": 1, "b": null}], [{}]])"),
            (Strings{"{a -> 1, b -> null}", "{}"}));
  EXPECT_EQ(castText("STRUCT<a: INT, b: STRING>", R"([[[1, "a"]], [[null, null]], [null]])"),
            (Strings{"{1, a}", "{null, null}", "<null>"}));
  EXPECT_EQ(
      castText("ARRAY<STRUCT<x: DOUBLE, y: ARRAY<STRING>>>", R"([[[[1.0, ["p", null]], null]]])"),
      (Strings{"[{1.0, [p, null]}, null]"}));
  // Binary inside a nested value keeps its bytes in a cast (hex is show()'s style only).
  EXPECT_EQ(castText("ARRAY<BINARY>", R"([[["ab"]]])"), (Strings{"[ab]"}));
}

TEST(ParseIntegralTextTest, SparkRules) {
  EXPECT_EQ(parseIntegralText("123", TypeId::kInt), 123);
  EXPECT_EQ(parseIntegralText("  -42\t\n", TypeId::kInt), -42);
  EXPECT_EQ(parseIntegralText("+7", TypeId::kLong), 7);
  EXPECT_EQ(parseIntegralText("1.9", TypeId::kInt), 1);
  EXPECT_EQ(parseIntegralText("-1.9", TypeId::kInt), -1);
  EXPECT_EQ(parseIntegralText("5.", TypeId::kInt), 5);
  EXPECT_EQ(parseIntegralText("127", TypeId::kByte), 127);
  EXPECT_EQ(parseIntegralText("128", TypeId::kByte), std::nullopt);
  EXPECT_EQ(parseIntegralText("-128", TypeId::kByte), -128);
  EXPECT_EQ(parseIntegralText("32768", TypeId::kShort), std::nullopt);
  EXPECT_EQ(parseIntegralText("2147483647", TypeId::kInt), 2147483647);
  EXPECT_EQ(parseIntegralText("2147483648", TypeId::kInt), std::nullopt);
  EXPECT_EQ(parseIntegralText("-9223372036854775808", TypeId::kLong),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(parseIntegralText("9223372036854775808", TypeId::kLong), std::nullopt);
  EXPECT_EQ(parseIntegralText("99999999999999999999", TypeId::kLong), std::nullopt);
  for (const char* bad : {"", " ", "-", "+", "abc", "1e3", "1.2.3", "1 2", "0x10", "1.5a", "--1"}) {
    EXPECT_EQ(parseIntegralText(bad, TypeId::kInt), std::nullopt) << bad;
  }
}

TEST(ParseDoubleTextTest, JavaSyntaxAndSparkSpecialLiterals) {
  EXPECT_EQ(parseDoubleText("1.5"), 1.5);
  EXPECT_EQ(parseDoubleText(" 1e10 "), 1e10);
  EXPECT_EQ(parseDoubleText("-2.5E-3"), -2.5e-3);
  EXPECT_EQ(parseDoubleText(".5"), 0.5);
  EXPECT_EQ(parseDoubleText("5."), 5.0);
  EXPECT_EQ(parseDoubleText("+3"), 3.0);
  EXPECT_EQ(parseDoubleText("1.5d"), 1.5);
  EXPECT_EQ(parseDoubleText("2F"), 2.0);
  EXPECT_EQ(parseDoubleText("Infinity"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parseDoubleText("-Infinity"), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(parseDoubleText("inf"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parseDoubleText("+INF"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parseDoubleText("-infinity"), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(*parseDoubleText("NaN")));
  EXPECT_TRUE(std::isnan(*parseDoubleText("nan")));
  EXPECT_EQ(parseDoubleText("1e400"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parseDoubleText("1e-400"), 0.0);
  for (const char* bad : {"", "abc", "1e", "e5", ".", "1.5x", "1,5", "- 1", "infinityx", "0x1p3"}) {
    EXPECT_EQ(parseDoubleText(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(parseFloatText("0.1"), 0.1f);
  EXPECT_EQ(parseFloatText("1e39"), std::numeric_limits<float>::infinity());
}

TEST(ParseDecimalTextTest, RoundsHalfUpAndChecksPrecision) {
  EXPECT_EQ(parseDecimalText("1.25", 10, 2), 125);
  EXPECT_EQ(parseDecimalText("1.255", 10, 2), 126);
  EXPECT_EQ(parseDecimalText("-1.255", 10, 2), -126);
  EXPECT_EQ(parseDecimalText("1.254", 10, 2), 125);
  EXPECT_EQ(parseDecimalText(" 7 ", 10, 2), 700);
  EXPECT_EQ(parseDecimalText("1e3", 10, 0), 1000);
  EXPECT_EQ(parseDecimalText("1.5E-1", 5, 2), 15);
  EXPECT_EQ(parseDecimalText("0.004", 5, 2), 0);
  EXPECT_EQ(parseDecimalText("0.005", 5, 2), 1);
  EXPECT_EQ(parseDecimalText("0.0000000001", 5, 2), 0);
  EXPECT_EQ(parseDecimalText(".5", 3, 0), 1);
  EXPECT_EQ(parseDecimalText("000123.4500", 6, 2), 12345);
  EXPECT_EQ(parseDecimalText("999.995", 5, 2), std::nullopt);  // rounds to 1000.00: 6 digits
  EXPECT_EQ(parseDecimalText("999.994", 5, 2), 99999);
  EXPECT_EQ(parseDecimalText("123456", 5, 0), std::nullopt);
  EXPECT_EQ(parseDecimalText("1e40", 38, 0), std::nullopt);
  // 37 digits kept, the 38th (8) rounds up.
  EXPECT_EQ(parseDecimalText("0.12345678901234567890123456789012345678901234", 38, 37),
            parseDecimalText("1234567890123456789012345678901234568", 38, 0));
  for (const char* bad : {"", "abc", "1.2.3", "NaN", "Infinity", "1e", "--1", "1,0"}) {
    EXPECT_EQ(parseDecimalText(bad, 10, 2), std::nullopt) << bad;
  }
}

TEST(ParseBooleanTextTest, AcceptsSparksSpellings) {
  for (const char* t : {"t", "true", "TRUE", "y", "Yes", "1", " true "}) {
    EXPECT_EQ(parseBooleanText(t), true) << t;
  }
  for (const char* f : {"f", "False", "n", "NO", "0", "\tfalse\n"}) {
    EXPECT_EQ(parseBooleanText(f), false) << f;
  }
  for (const char* bad : {"", "2", "tru", "yess", "on", "off"}) {
    EXPECT_EQ(parseBooleanText(bad), std::nullopt) << bad;
  }
}

TEST(CastFromStringTest, EachTargetType) {
  auto utc = time::TimeZone::utc();
  VectorPtr in = strings({"1", " 2.7 ", "x", nullptr, "99999999999"});
  VectorPtr ints = castFromString(*in, DataType::integer(), *utc);
  ASSERT_EQ(ints->size(), 5);
  EXPECT_EQ(ints->values<int32_t>()[0], 1);
  EXPECT_EQ(ints->values<int32_t>()[1], 2);
  EXPECT_TRUE(ints->isNull(2));
  EXPECT_TRUE(ints->isNull(3));
  EXPECT_TRUE(ints->isNull(4));
  VectorPtr longs = castFromString(*in, DataType::longType(), *utc);
  EXPECT_EQ(longs->values<int64_t>()[4], 99999999999LL);
  VectorPtr bytes = castFromString(*in, DataType::byte(), *utc);
  EXPECT_EQ(bytes->values<int8_t>()[1], 2);
  EXPECT_TRUE(bytes->isNull(4));

  VectorPtr d = castFromString(*strings({"1.5", "NaN", "bad"}), DataType::doubleType(), *utc);
  EXPECT_EQ(d->values<double>()[0], 1.5);
  EXPECT_TRUE(std::isnan(d->values<double>()[1]));
  EXPECT_TRUE(d->isNull(2));
  VectorPtr f = castFromString(*strings({"0.1"}), DataType::floatType(), *utc);
  EXPECT_EQ(f->values<float>()[0], 0.1f);

  VectorPtr dec = castFromString(*strings({"3.14159", "1e9"}), DataType::decimal(5, 2), *utc);
  EXPECT_EQ(static_cast<int64_t>(dec->values<__int128>()[0]), 314);
  EXPECT_TRUE(dec->isNull(1));

  VectorPtr b = castFromString(*strings({"yes", "0", "maybe"}), DataType::boolean(), *utc);
  EXPECT_EQ(b->values<uint8_t>()[0], 1);
  EXPECT_EQ(b->values<uint8_t>()[1], 0);
  EXPECT_TRUE(b->isNull(2));

  VectorPtr date = castFromString(
      *strings({"2020-06-07", "2020-02-30", "2020-06-07T10:00"}), DataType::date(), *utc);
  EXPECT_EQ(date->values<int32_t>()[0], time::daysFromCivil(2020, 6, 7));
  EXPECT_TRUE(date->isNull(1));
  EXPECT_EQ(date->values<int32_t>()[2], time::daysFromCivil(2020, 6, 7));

  auto moscow = time::TimeZone::load("Europe/Moscow");
  VectorPtr ts =
      castFromString(*strings({"2020-06-07 15:58:49.8", "nope"}), DataType::timestamp(), *moscow);
  EXPECT_EQ(ts->values<int64_t>()[0],
            (static_cast<int64_t>(time::daysFromCivil(2020, 6, 7)) * 86400 + 12 * 3600 + 58 * 60 +
             49) * 1'000'000 +
                800'000);
  EXPECT_TRUE(ts->isNull(1));

  VectorPtr bin = castFromString(*strings({"ab", nullptr}), DataType::binary(), *utc);
  EXPECT_EQ(bin->typeId(), TypeId::kBinary);
  EXPECT_EQ(bin->stringAt(0), "ab");
  EXPECT_TRUE(bin->isNull(1));

  VectorPtr str = castFromString(*in, DataType::string(), *utc);
  EXPECT_EQ(str->stringAt(1), " 2.7 ");
  EXPECT_TRUE(str->isNull(3));
}

TEST(CastFromStringTest, SlicedInputKeepsItsRows) {
  auto utc = time::TimeZone::utc();
  VectorPtr in = slice(*strings({"skip", "10", nullptr, "12"}), 1, 3);
  VectorPtr out = castFromString(*in, DataType::string(), *utc);
  ASSERT_EQ(out->size(), 3);
  EXPECT_EQ(out->stringAt(0), "10");
  EXPECT_TRUE(out->isNull(1));
  EXPECT_EQ(out->stringAt(2), "12");
  VectorPtr ints = castFromString(*in, DataType::integer(), *utc);
  EXPECT_EQ(ints->values<int32_t>()[2], 12);
}

TEST(CastFromStringTest, NestedTargetIsAUserError) {
  auto utc = time::TimeZone::utc();
  EXPECT_THROW(castFromString(*strings({"[1]"}), DataType::array(DataType::integer()), *utc),
               Error);
}

}  // namespace
}  // namespace rivulet

namespace rivulet {
namespace {

// The vectorized double/float text must equal formatDouble/formatFloat (Java's toString).
TEST(CastToStringTest, DoublesMatchJavaFormattingOnManyValues) {
  std::vector<double> values = {1.0,
                                0.1,
                                1e-3,
                                9.99e-4,
                                1e7,
                                9999999.0,
                                1e-300,
                                5e-324,
                                1.7976931348623157e308,
                                123456.789,
                                -2.5e-5,
                                100.0,
                                1e21,
                                1e22,
                                1e23,
                                0.3};
  uint64_t bits = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 20000; ++i) {
    bits ^= bits << 13;
    bits ^= bits >> 7;
    bits ^= bits << 17;
    double d;
    std::memcpy(&d, &bits, sizeof d);
    values.push_back(d);
    values.push_back(static_cast<double>(static_cast<int64_t>(bits % 100000000)) / 1000.0);
  }
  VectorBuilder db(DataType::doubleType());
  VectorBuilder fb(DataType::floatType());
  for (double v : values) {
    db.appendDouble(v);
    fb.appendDouble(static_cast<double>(static_cast<float>(v)));
  }
  auto utc = time::TimeZone::utc();
  VectorPtr d = castToString(*db.finish(), *utc);
  VectorPtr f = castToString(*fb.finish(), *utc);
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(d->stringAt(static_cast<int64_t>(i)), formatDouble(values[i])) << i;
    ASSERT_EQ(f->stringAt(static_cast<int64_t>(i)), formatFloat(static_cast<float>(values[i])))
        << i;
  }
}

}  // namespace
}  // namespace rivulet
