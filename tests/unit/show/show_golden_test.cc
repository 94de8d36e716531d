// Runs every case folder under tests/golden/show/: schema.ddl, rows.json, options.txt and the
// exact expected show() text in expected.txt.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "rivulet/columnar/show.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/time/time_zone.h"
#include "testing/batch_from_json.h"
#include "testing/golden.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

using testing::goldenDir;

class ShowGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ShowGoldenTest, MatchesExpected) {
  auto dir = goldenDir("show") / GetParam();
  StructType schema = parseSchemaDDL(testing::readFile(dir / "schema.ddl"));
  Batch all = testing::batchFromJson(schema, testing::readFile(dir / "rows.json"));
  auto opts = testing::readOptionsFile(dir / "options.txt");

  ShowOptions options;
  if (opts.count("numRows")) {
    options.numRows = std::stoll(opts["numRows"]);
  }
  if (opts.count("truncate")) {
    options.truncate = std::stoi(opts["truncate"]);
  }
  options.vertical = opts["vertical"] == "true";
  auto zone = time::TimeZone::load(opts.count("timeZone") ? opts["timeZone"] : "UTC");
  options.zone = zone.get();
  if (opts.count("nullString")) {
    options.nullString = opts["nullString"];
  }
  // As Dataset.showString does: take numRows + 1 rows.
  int64_t take = std::min<int64_t>(all.numRows(), std::max<int64_t>(options.numRows, 0) + 1);
  Batch rows = sliceBatch(all, 0, take);
  testing::expectGolden(dir / "expected.txt", showString(rows, schema, options));
}

INSTANTIATE_TEST_SUITE_P(Cases,
                         ShowGoldenTest,
                         ::testing::ValuesIn(testing::goldenCases("show")),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace_if(
                               name.begin(),
                               name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ShowGoldenTest);

}  // namespace
}  // namespace rivulet
