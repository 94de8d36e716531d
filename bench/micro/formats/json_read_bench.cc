// JSON Lines read throughput: ~200 MB of mixed records (ints, doubles, strings, a nested struct
// and an array) generated once in a temp dir, read single-threaded with a given schema.
// Run: build/<dir>/json_read_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "rivulet/common/options.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/formats/file_format.h"
#include "rivulet/formats/json/json_format.h"

namespace {

const std::string& dataFile() {
  static const std::string path = [] {
    auto dir = std::filesystem::temp_directory_path() / "rivulet-json-bench";
    std::filesystem::create_directories(dir);
    auto file = (dir / "data.json").string();
    constexpr uintmax_t kTarget = 200u << 20;
    if (std::filesystem::exists(file) && std::filesystem::file_size(file) >= kTarget) {
      return file;
    }
    std::mt19937_64 rng(42);
    std::ofstream out(file, std::ios::binary);
    std::string line;
    uintmax_t written = 0;
    for (int64_t i = 0; written < kTarget; ++i) {
      line.clear();
      line += "{\"id\":" + std::to_string(i);
      line += ",\"price\":" + std::to_string(static_cast<double>(rng() % 1000000) / 100.0);
      line += ",\"name\":\"user_" + std::to_string(rng() % 100000) + "_name\"";
      line += ",\"active\":" + std::string(rng() % 2 ? "true" : "false");
      line += ",\"address\":{\"city\":\"City" + std::to_string(rng() % 1000) +
              "\",\"zip\":" + std::to_string(rng() % 100000) + "}";
      line += ",\"tags\":[\"a" + std::to_string(rng() % 10) + "\",\"b" +
              std::to_string(rng() % 10) + "\"]";
      line += ",\"score\":" + std::to_string(static_cast<int64_t>(rng() % 1000)) + "}\n";
      out << line;
      written += line.size();
    }
    return file;
  }();
  return path;
}

void BM_JsonReadLines(benchmark::State& state) {
  const std::string& file = dataFile();
  auto schema = rivulet::parseSchemaDDL(
      "id BIGINT, price DOUBLE, name STRING, active BOOLEAN, "
      "address STRUCT<city: STRING, zip: BIGINT>, tags ARRAY<STRING>, score BIGINT");
  std::vector<int> projection;
  for (size_t i = 0; i < schema.size(); ++i) {
    projection.push_back(static_cast<int>(i));
  }
  auto format = rivulet::makeJsonFormat();
  auto zone = rivulet::time::TimeZone::utc();
  rivulet::FormatContext context;
  context.zone = zone.get();
  int64_t rows = 0;
  for (auto _ : state) {
    auto reader = format->open(file, schema, projection, rivulet::Options{}, context);
    while (auto batch = reader->next()) {
      rows += batch->numRows();
    }
  }
  auto bytes = static_cast<int64_t>(std::filesystem::file_size(file));
  state.SetBytesProcessed(bytes * state.iterations());
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_JsonReadLines)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
