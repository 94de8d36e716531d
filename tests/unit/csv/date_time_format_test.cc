// DateTimeFormat: Spark's datetime patterns for parsing and formatting.
#include "rivulet/common/time/date_time_format.h"

#include <gtest/gtest.h>

#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"

namespace rivulet::time {
namespace {

int64_t utcMicros(const char* text) { return *parseTimestamp(text, *TimeZone::utc()); }

TEST(DateTimeFormat, ParsesNumericPatterns) {
  auto utc = TimeZone::utc();
  auto f = DateTimeFormat::compile("dd/MM/yyyy HH:mm");
  EXPECT_EQ(f.parseTimestamp("26/08/2015 18:00", *utc), utcMicros("2015-08-26 18:00:00"));
  EXPECT_EQ(f.parseDate("26/08/2015 18:00"), parseDate("2015-08-26"));
  EXPECT_FALSE(f.parseTimestamp("26/08/2015 18:00:01", *utc));
  EXPECT_FALSE(f.parseTimestamp("31/02/2015 18:00", *utc));
  EXPECT_FALSE(f.parseTimestamp("6/08/2015 18:00", *utc));
  auto g = DateTimeFormat::compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  EXPECT_EQ(g.parseTimestamp("2020-06-07T20:31:56.019+03:00", *utc),
            utcMicros("2020-06-07 17:31:56.019"));
  EXPECT_EQ(g.parseTimestamp("2020-06-07T20:31:56.5Z", *utc), utcMicros("2020-06-07 20:31:56.5"));
  auto compact = DateTimeFormat::compile("yyyyMMddHHmmss");
  EXPECT_EQ(compact.parseTimestamp("20200607203156", *utc), utcMicros("2020-06-07 20:31:56"));
}

TEST(DateTimeFormat, TextFieldsAndTwelveHourClock) {
  auto utc = TimeZone::utc();
  auto f = DateTimeFormat::compile("EEE, d MMM yyyy h:mm a");
  EXPECT_EQ(f.parseTimestamp("Sun, 7 Jun 2020 8:31 PM", *utc), utcMicros("2020-06-07 20:31:00"));
  EXPECT_FALSE(f.parseTimestamp("Mon, 7 Jun 2020 8:31 PM", *utc));
  EXPECT_EQ(f.formatTimestamp(utcMicros("2020-06-07 00:05:00"), *utc), "Sun, 7 Jun 2020 12:05 AM");
  auto full = DateTimeFormat::compile("EEEE d MMMM yy");
  EXPECT_EQ(full.formatDate(*parseDate("2021-01-04")), "Monday 4 January 21");
  EXPECT_EQ(full.parseDate("monday 4 january 21"), parseDate("2021-01-04"));
}

TEST(DateTimeFormat, FormatsInZone) {
  auto moscow = TimeZone::load("+03:00");
  auto f = DateTimeFormat::compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  int64_t t = utcMicros("2020-06-07 17:31:56.019");
  EXPECT_EQ(f.formatTimestamp(t, *moscow), "2020-06-07T20:31:56.019+03:00");
  EXPECT_EQ(f.formatTimestamp(t, *TimeZone::utc()), "2020-06-07T17:31:56.019Z");
  EXPECT_EQ(DateTimeFormat::compile("xx Z ZZZZ ZZZZZ X").formatTimestamp(t, *moscow),
            "+0300 +0300 GMT+03:00 +03:00 +03");
  EXPECT_EQ(DateTimeFormat::compile("HH:mm:ss.SSSSSS 'o''clock'").formatTimestamp(t + 123, *moscow),
            "20:31:56.019123 o'clock");
  EXPECT_EQ(DateTimeFormat::compile("yyyy-MM-dd HH:mm").parseTimestamp("2020-06-07 20:31", *moscow),
            utcMicros("2020-06-07 17:31:00"));
}

TEST(DateTimeFormat, RejectsUnsupportedLetters) {
  try {
    DateTimeFormat::compile("yyyy-QQ");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "Unsupported datetime pattern letter 'QQ' in pattern 'yyyy-QQ'");
  }
  EXPECT_THROW(DateTimeFormat::compile("yyyy-MM-dd'T"), Error);
  EXPECT_THROW(DateTimeFormat::compile("MMMMM"), Error);
}

}  // namespace
}  // namespace rivulet::time
