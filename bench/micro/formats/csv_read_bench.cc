// CSV read throughput: a ~200 MB generated file (int, double, string, timestamp, long columns)
// read through the FileFormat interface, with a given schema and as all-string columns.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "rivulet/common/time/time_zone.h"
#include "rivulet/formats/file_format.h"

namespace {

constexpr int64_t kTargetBytes = 200LL << 20;

struct GeneratedFile {
  std::string path;
  int64_t bytes = 0;
  int64_t rows = 0;
};

const GeneratedFile& generatedFile() {
  static GeneratedFile file = [] {
    GeneratedFile f;
    auto dir = std::filesystem::temp_directory_path() / "rivulet-csv-bench";
    std::filesystem::create_directories(dir);
    f.path = (dir / "data.csv").string();
    std::ofstream out(f.path, std::ios::binary);
    std::string chunk = "id,amount,name,ts,qty\n";
    char line[160];
    uint64_t x = 88172645463325252ULL;
    while (f.bytes < kTargetBytes) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      int n = snprintf(line, sizeof line,
                       "%lld,%lld.%04u,\"customer %u, branch %u\",2020-%02u-%02u %02u:%02u:%02u,%llu\n",
                       static_cast<long long>(f.rows), static_cast<long long>(x % 100000),
                       static_cast<unsigned>(x % 10000), static_cast<unsigned>(x % 100000),
                       static_cast<unsigned>(x >> 40) % 50, static_cast<unsigned>(x % 12) + 1,
                       static_cast<unsigned>(x >> 8) % 28 + 1, static_cast<unsigned>(x >> 16) % 24,
                       static_cast<unsigned>(x >> 24) % 60, static_cast<unsigned>(x >> 32) % 60,
                       static_cast<unsigned long long>(x >> 3));
      chunk.append(line, static_cast<size_t>(n));
      f.bytes += n;
      ++f.rows;
      if (chunk.size() > (1 << 20)) {
        out << chunk;
        chunk.clear();
      }
    }
    out << chunk;
    f.bytes = static_cast<int64_t>(std::filesystem::file_size(f.path));
    return f;
  }();
  return file;
}

void readAll(benchmark::State& state, const rivulet::StructType& schema, const rivulet::Options& options) {
  const GeneratedFile& f = generatedFile();
  const rivulet::FileFormat& csv = rivulet::fileFormat("csv");
  rivulet::FormatContext ctx;
  ctx.zone = rivulet::time::TimeZone::utc().get();
  std::vector<int> projection;
  for (size_t i = 0; i < schema.size(); ++i) {
    projection.push_back(static_cast<int>(i));
  }
  int64_t rows = 0;
  for (auto _ : state) {
    auto reader = csv.open(f.path, schema, projection, options, ctx);
    while (auto batch = reader->next()) {
      rows += batch->numRows();
      benchmark::DoNotOptimize(batch->column(0).get());
    }
  }
  if (rows != f.rows * static_cast<int64_t>(state.iterations())) {
    state.SkipWithError("row count mismatch");
  }
  state.SetBytesProcessed(f.bytes * static_cast<int64_t>(state.iterations()));
  state.SetItemsProcessed(rows);
}

void BM_CsvReadTypedSchema(benchmark::State& state) {
  readAll(state,
          rivulet::parseSchemaDDL("id int, amount double, name string, ts timestamp, qty bigint"),
          {{"header", "true"}});
}

void BM_CsvReadStringsInferSchemaOff(benchmark::State& state) {
  const rivulet::FileFormat& csv = rivulet::fileFormat("csv");
  rivulet::Options options{{"header", "true"}, {"inferSchema", "false"}};
  rivulet::FormatContext ctx;
  auto schema = csv.inferSchema({generatedFile().path}, options, ctx);
  readAll(state, schema, options);
}

BENCHMARK(BM_CsvReadTypedSchema)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_CsvReadStringsInferSchemaOff)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace

BENCHMARK_MAIN();
