// Parquet write and read throughput on a 10M-row table of mixed types (bench/e2e/
// parquet_vs_duckdb.sh runs DuckDB on the same table in the same run).
//   parquet_bench [--rows=N] [--codec=snappy] [--dir=/tmp]   (plus Google Benchmark flags)
#include <benchmark/benchmark.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "rivulet/columnar/vector.h"
#include "rivulet/formats/parquet/parquet_format.h"

namespace {

using namespace rivulet;

int64_t gRows = 10'000'000;
std::string gCodec = "snappy";
std::string gDir = "/tmp";

std::string filePath() { return gDir + "/rivulet-parquet-bench." + gCodec + ".parquet"; }

const char* kSchema =
    "id BIGINT, i INT, d DOUBLE, s STRING, dt DATE, ts TIMESTAMP, b BOOLEAN, dec DECIMAL(10,2)";

// Row r: the same formulas as the DuckDB side of bench/e2e/parquet_vs_duckdb.sh; s is null
// every 10th row.
Batch makeBatch(const StructType& schema, int64_t begin, int64_t n) {
  std::vector<VectorPtr> cols;
  for (const auto& f : schema.fields()) {
    cols.push_back(Vector::make(f.type, n));
  }
  auto* id = cols[0]->values<int64_t>();
  auto* i32 = cols[1]->values<int32_t>();
  auto* d = cols[2]->values<double>();
  auto* dt = cols[4]->values<int32_t>();
  auto* ts = cols[5]->values<int64_t>();
  auto* b = cols[6]->values<uint8_t>();
  auto* dec = cols[7]->values<__int128>();
  Vector& s = *cols[3];
  int64_t* offsets = s.offsets();
  Buffer& bytes = s.bytes();
  bytes.reserve(static_cast<size_t>(n) * 10);
  char buf[32];
  for (int64_t k = 0; k < n; ++k) {
    int64_t r = begin + k;
    id[k] = r;
    i32[k] = static_cast<int32_t>((r * 7) % 1000003);
    d[k] = static_cast<double>(r) * 0.5;
    dt[k] = static_cast<int32_t>(18000 + r % 1000);
    ts[k] = 1'600'000'000'000'000LL + r * 1000;
    b[k] = r % 2 == 0;
    dec[k] = (r % 100000) * 101;
    if (r % 10 == 0) {
      s.setNull(k, true);
    } else {
      int len = std::snprintf(buf, sizeof buf, "str%lld", static_cast<long long>(r % 100000));
      bytes.append(buf, static_cast<size_t>(len));
    }
    offsets[k + 1] = static_cast<int64_t>(bytes.size());
  }
  return Batch(std::move(cols), n);
}

void BM_ParquetWrite(benchmark::State& state) {
  StructType schema = parseSchemaDDL(kSchema);
  auto format = makeParquetFormat();
  FormatContext ctx;
  const int64_t batchRows = 65536;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove(filePath());
    state.ResumeTiming();
    auto writer = format->create(filePath(), schema, Options{{"compression", gCodec}}, ctx);
    for (int64_t begin = 0; begin < gRows; begin += batchRows) {
      state.PauseTiming();
      Batch batch = makeBatch(schema, begin, std::min(batchRows, gRows - begin));
      state.ResumeTiming();
      writer->write(batch);
    }
    writer->close();
  }
  auto bytes = static_cast<double>(std::filesystem::file_size(filePath()));
  state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(gRows), benchmark::Counter::kIsRate);
  state.counters["file_MB_per_s"] = benchmark::Counter(bytes / 1e6, benchmark::Counter::kIsRate);
  state.counters["file_MB"] = bytes / 1e6;
}

void BM_ParquetRead(benchmark::State& state) {
  StructType schema = parseSchemaDDL(kSchema);
  auto format = makeParquetFormat();
  FormatContext ctx;
  ctx.batchRows = 65536;
  std::vector<int> all = {0, 1, 2, 3, 4, 5, 6, 7};
  int64_t rows = 0;
  for (auto _ : state) {
    rows = 0;
    auto reader = format->open(filePath(), schema, all, {}, ctx);
    while (auto b = reader->next()) {
      rows += b->numRows();
      benchmark::DoNotOptimize(b->column(3)->bytes().data());
    }
  }
  if (rows != gRows) {
    state.SkipWithError("row count differs from --rows");
  }
  auto bytes = static_cast<double>(std::filesystem::file_size(filePath()));
  auto iterations = static_cast<double>(state.iterations());
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(rows) * iterations, benchmark::Counter::kIsRate);
  state.counters["file_MB_per_s"] = benchmark::Counter(bytes / 1e6 * iterations, benchmark::Counter::kIsRate);
}

BENCHMARK(BM_ParquetWrite)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_ParquetRead)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--rows=", 0) == 0) {
      gRows = std::stoll(a.substr(7));
    } else if (a.rfind("--codec=", 0) == 0) {
      gCodec = a.substr(8);
    } else if (a.rfind("--dir=", 0) == 0) {
      gDir = a.substr(6);
    } else {
      rest.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::filesystem::remove(filePath());
  return 0;
}
