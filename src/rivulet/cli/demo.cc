// `rivulet demo`: the lecture's pipeline, end to end. For now its static half on the airport
// codes dataset: read with inferSchema, printSchema, a vertical record, 200 idents, a random
// ident per row, JSON rows, a filtered count, and the plans.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "rivulet/cli/commands.h"
#include "rivulet/rivulet.h"

namespace rivulet::cli {

namespace fs = std::filesystem;

namespace {

std::string findAirports(const std::string& given) {
  if (!given.empty()) {
    return given;
  }
  std::vector<fs::path> candidates = {"datasets/airport-codes.csv", "datasets/airport-codes.csv.gz"};
  fs::path exe = fs::canonical("/proc/self/exe");
  for (fs::path dir = exe.parent_path(); dir != dir.root_path(); dir = dir.parent_path()) {
    candidates.push_back(dir / ".." / "shared" / "testdata" / "datasets" / "airport-codes.csv.gz");
  }
  for (const auto& c : candidates) {
    if (fs::exists(c)) {
      return fs::weakly_canonical(c).string();
    }
  }
  throwUserError("PATH_NOT_FOUND",
                 "Cannot find the airport codes dataset: pass --airports PATH (datasets/airport-codes.csv as in the lecture)");
}

void step(const std::string& text) { std::cout << "\n### " << text << "\n" << std::endl; }

void runDemo(const std::string& airportsPath, const std::string& dir) {
  using namespace rivulet::functions;
  auto session = Session::builder().appName("lecture").getOrCreate();

  step("Reading the airport codes with header and inferSchema");
  DataFrame airports = session.read()
                           .options({{"header", "true"}, {"inferSchema", "true"}})
                           .csv(airportsPath);
  airports.printSchema();
  airports.show(1, 100, /*vertical=*/true);

  step("200 distinct idents, then a random one for every row");
  std::vector<Row> rows = airports.select(col("ident")).limit(200).distinct().collect();
  std::cout << "idents: " << rows.size() << " (first " << rows.front().getString(0) << ", last "
            << rows.back().getString(0) << ")" << std::endl;
  std::vector<Column> lits;
  for (const Row& r : rows) {
    lits.push_back(lit(r.getString(0)));
  }
  DataFrame withIdent = airports.select(col("ident"), col("name")).withColumn("pick", shuffle(array(lits))[0]);
  withIdent.show(5, false);

  step("Rows as JSON");
  for (const auto& line : airports.limit(3).toJSON().collectAsStrings()) {
    std::cout << line << std::endl;
  }

  step("Airports whose ident starts with 00");
  int64_t n = airports.filter(col("ident").startsWith("00")).count();
  std::cout << "count: " << n << std::endl;

  step("Airports per type, highest first");
  airports.groupBy("type").agg(count(col("*")).alias("airports"), max(col("elevation_ft")).alias("highest"))
      .orderBy({col("airports").desc()})
      .show();

  step("The plans of a filtered projection");
  airports.filter(col("ident").startsWith("00")).select(lower(col("ident")).alias("ident"), col("type")).explain(true);

  if (!dir.empty()) {
    step("Writing the heliports as JSON to " + dir);
    airports.filter(col("type") == lit("heliport")).write().mode("overwrite").json(dir + "/heliports");
    std::cout << "read back: " << session.read().json(dir + "/heliports").count() << " rows" << std::endl;
  }
}

}  // namespace

void addDemoCommand(CLI::App& app) {
  auto* demo = app.add_subcommand("demo", "Run the lecture's pipeline end to end");
  auto airports = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  demo->add_option("--airports", *airports, "The airport codes CSV (default: datasets/airport-codes.csv)");
  demo->add_option("--dir", *dir, "A working directory for the demo's output");
  demo->callback([airports, dir] {
    std::string out = *dir;
    if (out.empty()) {
      out = (fs::temp_directory_path() / "rivulet-demo").string();
    }
    fs::create_directories(out);
    runDemo(findAirports(*airports), out);
  });
}

}  // namespace rivulet::cli
