// The static half of the lecture on the airport codes dataset, as the C++ API runs it.
#include <gtest/gtest.h>

#include <set>

#include "rivulet/rivulet.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

using namespace rivulet::functions;

class LectureStaticTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = std::make_unique<Session>(Session::builder().appName("lecture").config("spark.sql.session.timeZone", "UTC").getOrCreate());
  }

  std::unique_ptr<Session> session_;
};

TEST_F(LectureStaticTest, SchemaRecordAndIdents) {
  RIVULET_REQUIRE_TESTDATA(path, "datasets/airport-codes.csv.gz");
  DataFrame airports = session_->read().options({{"header", "true"}, {"inferSchema", "true"}}).csv(path.string());
  EXPECT_EQ(airports.schema().treeString(),
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
            " |-- coordinates: string (nullable = true)\n");
  EXPECT_EQ(airports.showString(1, 100, true),
            "-RECORD 0------------------------------------------\n"
            " ident        | 00A                                \n"
            " type         | heliport                           \n"
            " name         | Total Rf Heliport                  \n"
            " elevation_ft | 11                                 \n"
            " continent    | NA                                 \n"
            " iso_country  | US                                 \n"
            " iso_region   | US-PA                              \n"
            " municipality | Bensalem                           \n"
            " gps_code     | 00A                                \n"
            " iata_code    | null                               \n"
            " local_code   | 00A                                \n"
            " coordinates  | 40.07080078125, -74.93360137939453 \n"
            "only showing top 1 row\n");

  std::vector<Row> rows = airports.select(col("ident")).limit(200).distinct().collect();
  ASSERT_EQ(rows.size(), 200u);
  EXPECT_EQ(rows[0].getString(0), "00A");
  EXPECT_EQ(rows[1].getString(0), "00AA");

  std::vector<Column> lits;
  for (const Row& r : rows) {
    lits.push_back(lit(r.getString(0)));
  }
  DataFrame withIdent = airports.withColumn("pick", shuffle(array(lits))[0]);
  EXPECT_EQ(withIdent.columns().back(), "pick");
  auto picks = withIdent.select(col("pick")).limit(50).collect();
  std::set<std::string> idents;
  for (const auto& r : rows) idents.insert(r.getString(0));
  for (const auto& p : picks) {
    EXPECT_TRUE(idents.count(p.getString(0))) << p.getString(0);
  }
  // The seed is fixed when the DataFrame is built: collecting twice gives the same picks.
  auto again = withIdent.select(col("pick")).limit(50).collect();
  EXPECT_EQ(picks, again);

  EXPECT_EQ(airports.count(), 75848);
  int64_t n = airports.filter(col("ident").startsWith("00")).count();
  EXPECT_GT(n, 0);
  EXPECT_EQ(n, airports.filter("ident like '00%'").count());

  auto json = airports.limit(2).select(col("ident"), col("elevation_ft"), col("iata_code")).toJSON().collectAsStrings();
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0], R"({"ident":"00A","elevation_ft":11})");
  EXPECT_EQ(json[1], R"({"ident":"00AA","elevation_ft":3435})");
}

}  // namespace
}  // namespace rivulet
