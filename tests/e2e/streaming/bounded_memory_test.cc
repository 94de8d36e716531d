// One JSON-lines, CSV or text file much larger than the memory a query may use streams through a
// file → parquet query in one micro-batch: the sink writes each batch as it pulls it, so the process's
// peak resident set stays bounded by the batch and the parquet row group, not by the file.
//
// Its own executable, and the peak is reset before each query, so that the peak resident set
// (VmHWM) is that query's alone. The default file is 512 MiB; RIVULET_BOUNDED_MEMORY_MB sets
// another size (docs/performance.md records 4 GiB runs) and RIVULET_BOUNDED_MEMORY_DIR where it is
// written (default: the temp directory).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "rivulet/rivulet.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

namespace fs = std::filesystem;

int64_t envMegabytes(const char* name, int64_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::strtoll(v, nullptr, 10) : fallback;
}

// "VmHWM:   123456 kB" from /proc/self/status: the peak resident set so far, in MiB.
double peakResidentMiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      return static_cast<double>(std::strtoll(line.c_str() + 6, nullptr, 10)) / 1024.0;
    }
  }
  return -1;
}

// Writes rows as JSON lines or CSV lines until the file reaches `bytes`; returns the number of rows.
int64_t writeLines(const fs::path& path, int64_t bytes, bool json) {
  static const char* cities[] = {"Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Lisbon", "Oslo"};
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    ADD_FAILURE() << "cannot create " << path;
    return 0;
  }
  std::string buf;
  buf.reserve(size_t{1} << 22);
  int64_t written = 0;
  int64_t rows = 0;
  char line[256];
  while (written < bytes) {
    buf.clear();
    while (buf.size() < (size_t{1} << 22) - sizeof line && written + static_cast<int64_t>(buf.size()) < bytes) {
      int64_t id = rows++;
      int n = std::snprintf(line, sizeof line,
                            json ? "{\"id\":%lld,\"name\":\"user-%lld\",\"score\":%lld.%02lld,\"active\":%s,"
                                   "\"city\":\"%s\",\"ts\":\"2024-05-01T%02lld:%02lld:%02lld.000Z\"}\n"
                                 : "%lld,user-%lld,%lld.%02lld,%s,%s,2024-05-01T%02lld:%02lld:%02lld.000Z\n",
                            static_cast<long long>(id), static_cast<long long>(id * 7919 % 1000003),
                            static_cast<long long>(id % 1000), static_cast<long long>(id % 100),
                            id % 3 != 0 ? "true" : "false", cities[id % 8],
                            static_cast<long long>(id / 3600 % 24), static_cast<long long>(id / 60 % 60),
                            static_cast<long long>(id % 60));
      buf.append(line, static_cast<size_t>(n));
    }
    if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size()) {
      ADD_FAILURE() << "cannot write " << path;
      break;
    }
    written += static_cast<int64_t>(buf.size());
  }
  std::fclose(f);
  return rows;
}

// Resets the peak resident set to the current one (Linux 4.0+), so each test measures its own.
void resetPeakResident() { std::ofstream("/proc/self/clear_refs") << "5"; }

class BoundedMemoryTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BoundedMemoryTest, LargeFileStreamsToParquetInBoundedMemory) {
  const std::string format = GetParam();
  const int64_t megabytes = envMegabytes("RIVULET_BOUNDED_MEMORY_MB", 512);
  // The bound: a parquet row group (128 MiB of encoded pages by default, as Spark's
  // parquet.block.size) being written, one input chunk and one batch, with the allocator's slack;
  // well below the file's size (a sink collecting the batch first peaked at 359 MiB for JSON).
  const double limitMiB = megabytes >= 2048 ? 512.0 : 300.0;
  const char* base = std::getenv("RIVULET_BOUNDED_MEMORY_DIR");
  fs::path root = base != nullptr && *base != '\0' ? fs::path(base) / "rivulet-bounded-memory" : testing::makeTempDir();
  fs::create_directories(root / "in");
  const int64_t rows = writeLines(root / "in" / ("big." + format), megabytes << 20, format == "json");
  resetPeakResident();
  const double residentBefore = peakResidentMiB();

  Session session = Session::builder().getOrCreate();
  session.conf().set("spark.sql.session.timeZone", "UTC");
  auto started = std::chrono::steady_clock::now();
  DataStreamReader reader = session.readStream().format(format);
  if (format != "text") {
    reader.schema("id BIGINT, name STRING, score DOUBLE, active BOOLEAN, city STRING, ts TIMESTAMP");
  }
  StreamingQuery q = reader.load((root / "in").string())
                         .writeStream()
                         .format("parquet")
                         .option("checkpointLocation", (root / "checkpoint").string())
                         .trigger(Trigger::AvailableNow())
                         .start((root / "out").string());
  q.awaitTermination();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double peak = peakResidentMiB();

  ASSERT_EQ(q.recentProgress().size(), 1u);  // the whole file in one micro-batch
  EXPECT_EQ(q.recentProgress()[0].numInputRows, rows);
  EXPECT_EQ(session.read().parquet((root / "out").string()).count(), rows);
  std::printf("%lld MiB of %s lines (%lld rows) → parquet in %.2f s (%.0f MiB/s); peak resident set %.0f MiB "
              "(%.0f MiB before the query)\n",
              static_cast<long long>(megabytes), format.c_str(), static_cast<long long>(rows), seconds,
              static_cast<double>(megabytes) / seconds, peak, residentBefore);
  EXPECT_GT(peak, 0.0);
  EXPECT_LT(peak, limitMiB) << "peak resident set " << peak << " MiB for a " << megabytes << " MiB file";
  fs::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(Formats, BoundedMemoryTest, ::testing::Values("json", "csv", "text"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace rivulet
