// End-to-end streaming benchmarks through the public API, one query thread:
//   overhead    default trigger, rate-micro-batch rowsPerBatch=1 → noop/memory: batches per second
//   fileoverhead  one tiny JSON file per batch (maxFilesPerTrigger=1, AvailableNow) → noop
//   rate        rate-micro-batch with large batches → memory / parquet / noop: rows per second
//   ratesource  the rate source at --rate-source-rps (10M) for --rate-source-seconds (4): rows/s kept up with
//   json        JSON lines files → parquet (AvailableNow): rows per second
// Usage: streaming_bench [--only=overhead,fileoverhead,rate,ratesource,json] [--repeat=5] [--dir=/tmp]
//        [--batches=2000] [--files=300] [--rate-rows=2000000] [--rate-batches=5]
//        [--sinks=noop,memory,parquet] [--json-files=20] [--json-rows=200000]
// Prints one line per measurement and a best/median summary per figure.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include <unistd.h>

#include "bench_util.h"

namespace {

using namespace rivulet;
using namespace rivulet::bench;

int runCounter = 0;

DataStreamWriter sinkWriter(const DataFrame& df,
                            const std::string& sink,
                            const std::string& outDir) {
  DataStreamWriter w = df.writeStream();
  if (sink == "memory") {
    w.format("memory").queryName("bench_mem_" + std::to_string(++runCounter));
  } else if (sink == "parquet") {
    w.format("parquet").option("path", outDir);
  } else {
    w.format(sink);
  }
  return w;
}

void printDurations(const std::map<std::string, int64_t>& sums, int64_t batches) {
  std::printf("    progress durationMs per batch (mean of whole-ms values):");
  for (const auto& [k, v] : sums) {
    std::printf(" %s=%.3f", k.c_str(), static_cast<double>(v) / static_cast<double>(batches));
  }
  std::printf("\n");
}

// 1. Per-batch overhead with the default trigger: every trigger finds one new row.
void benchOverhead(Session& session,
                   const Flags& flags,
                   const std::string& sink,
                   Series& msPerBatch,
                   Series& batchesPerSecond) {
  const int64_t warmup = 20;
  const int64_t batches = flags.num("batches", 2000);
  TempDir checkpoint(flags.str("dir", "/tmp"), "overhead-ckpt");
  TempDir out(flags.str("dir", "/tmp"), "overhead-out");
  auto clock = std::make_shared<BatchClock>(warmup + batches);
  session.streams().addListener(clock);
  DataFrame df = session.readStream().format("rate-micro-batch").option("rowsPerBatch", "1").load();
  double cpuStart = cpuSeconds();
  auto wallStart = Clock::now();
  StreamingQuery q = sinkWriter(df, sink, out.str() + "/data")
                         .option("checkpointLocation", checkpoint.str())
                         .start();
  bool ok = clock->wait(q, 600);
  q.stop();
  double cpu = cpuSeconds() - cpuStart;
  double wall = secondsSince(wallStart);
  session.streams().removeListener(clock);
  auto ends = clock->ends();
  if (!ok || static_cast<int64_t>(ends.size()) < warmup + batches) {
    std::printf("overhead sink=%s: FAILED after %zu batches\n", sink.c_str(), ends.size());
    return;
  }
  double seconds =
      std::chrono::duration<double>(ends[warmup + batches - 1] - ends[warmup - 1]).count();
  double ms = seconds * 1000.0 / static_cast<double>(batches);
  std::printf(
      "overhead sink=%-7s checkpoint=%s: %lld batches of 1 row in %.3f s = %.0f batches/s, %.3f ms/batch "
      "(process CPU %.0f%% of wall)  load %s\n",
      sink.c_str(),
      flags.str("dir", "/tmp").c_str(),
      static_cast<long long>(batches),
      seconds,
      batches / seconds,
      ms,
      100.0 * cpu / wall,
      loadAverage().c_str());
  printDurations(clock->durations(), static_cast<int64_t>(ends.size()));
  msPerBatch.add(ms);
  batchesPerSecond.add(batches / seconds);
}

// 1b. Per-batch overhead of the file source: one tiny JSON file per batch.
void benchFileOverhead(Session& session, const Flags& flags, Series& msPerBatch) {
  const int64_t files = flags.num("files", 300);
  TempDir in(flags.str("dir", "/tmp"), "tiny-in");
  TempDir checkpoint(flags.str("dir", "/tmp"), "tiny-ckpt");
  for (int64_t i = 0; i < files; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "f%06lld.json", static_cast<long long>(i));
    std::ofstream(in.path() / name) << "{\"id\":" << i << ",\"name\":\"n" << i << "\"}\n";
  }
  auto clock = std::make_shared<BatchClock>(files);
  session.streams().addListener(clock);
  DataFrame df = session.readStream()
                     .schema("id BIGINT, name STRING")
                     .option("maxFilesPerTrigger", "1")
                     .json(in.str());
  auto wallStart = Clock::now();
  StreamingQuery q = df.writeStream()
                         .format("noop")
                         .trigger(Trigger::AvailableNow())
                         .option("checkpointLocation", checkpoint.str())
                         .start();
  q.awaitTermination();
  double wall = secondsSince(wallStart);
  session.streams().removeListener(clock);
  auto ends = clock->ends();
  if (static_cast<int64_t>(ends.size()) != files || clock->rows() != files) {
    std::printf("fileoverhead: FAILED: %zu batches, %lld rows for %lld files\n",
                ends.size(),
                static_cast<long long>(clock->rows()),
                static_cast<long long>(files));
    return;
  }
  double seconds = std::chrono::duration<double>(ends.back() - ends.front()).count();
  double ms = seconds * 1000.0 / static_cast<double>(files - 1);
  std::printf(
      "fileoverhead json→noop maxFilesPerTrigger=1: %lld batches (1 file, 1 row each) in %.3f s = %.0f "
      "batches/s, %.3f ms/batch (wall incl. start %.3f s)  load %s\n",
      static_cast<long long>(files - 1),
      seconds,
      (files - 1) / seconds,
      ms,
      wall,
      loadAverage().c_str());
  printDurations(clock->durations(), files);
  msPerBatch.add(ms);
}

// 2. rate-micro-batch with large batches into a sink.
void benchRate(Session& session,
               const Flags& flags,
               const std::string& sink,
               Series& rowsPerSecond) {
  const int64_t rowsPerBatch = flags.num("rate-rows", 2000000);
  const int64_t batches = flags.num("rate-batches", 5);
  TempDir checkpoint(flags.str("dir", "/tmp"), "rate-ckpt");
  TempDir out(flags.str("dir", "/tmp"), "rate-out");
  auto clock = std::make_shared<BatchClock>(batches);
  session.streams().addListener(clock);
  DataFrame df = session.readStream()
                     .format("rate-micro-batch")
                     .option("rowsPerBatch", std::to_string(rowsPerBatch))
                     .option("numPartitions", "1")
                     .load();
  double cpuStart = cpuSeconds();
  auto wallStart = Clock::now();
  DataStreamWriter w = sinkWriter(df, sink, out.str() + "/data");
  std::string memoryName = sink == "memory" ? "bench_mem_" + std::to_string(runCounter) : "";
  StreamingQuery q = w.option("checkpointLocation", checkpoint.str()).start();
  bool ok = clock->wait(q, 600);
  double cpuWall = secondsSince(wallStart);
  double cpu = cpuSeconds() - cpuStart;
  q.stop();
  session.streams().removeListener(clock);
  auto ends = clock->ends();
  if (!ok) {
    std::printf("rate sink=%s: FAILED after %zu batches\n", sink.c_str(), ends.size());
    return;
  }
  // The query may have finished a batch more before stop(); count the rows of the first `batches`.
  int64_t rows = rowsPerBatch * batches;
  double seconds = std::chrono::duration<double>(ends[batches - 1] - wallStart).count();
  std::string check;
  if (sink == "memory") {
    check = ", memory table holds " + std::to_string(session.table(memoryName).count()) + " rows";
  } else if (sink == "parquet") {
    int64_t bytes = 0;
    for (const auto& e : std::filesystem::directory_iterator(out.path() / "data")) {
      if (e.is_regular_file()) {
        bytes += static_cast<int64_t>(e.file_size());
      }
    }
    check = ", " + std::to_string(bytes / 1000000) + " MB of parquet, read back " +
            std::to_string(session.read().parquet(out.str() + "/data").count()) + " rows";
  }
  std::printf(
      "rate-micro-batch→%-7s %lld batches × %lld rows in %.3f s (from start()) = %.2f M rows/s (process CPU "
      "%.0f%% of wall%s)  load %s\n",
      sink.c_str(),
      static_cast<long long>(batches),
      static_cast<long long>(rowsPerBatch),
      seconds,
      rows / seconds / 1e6,
      100.0 * cpu / cpuWall,
      check.c_str(),
      loadAverage().c_str());
  printDurations(clock->durations(), static_cast<int64_t>(ends.size()));
  rowsPerSecond.add(rows / seconds);
}

// 2b. The `rate` source itself at a high rowsPerSecond, default trigger, for a fixed time: the rows
// the query kept up with per second (the source offers rowsPerSecond × elapsed).
void benchRateSource(Session& session, const Flags& flags, const std::string& sink, Series& rowsPerSecond) {
  const int64_t rps = flags.num("rate-source-rps", 10000000);
  const int64_t seconds = flags.num("rate-source-seconds", 4);
  TempDir checkpoint(flags.str("dir", "/tmp"), "rate-source-ckpt");
  TempDir out(flags.str("dir", "/tmp"), "rate-source-out");
  auto clock = std::make_shared<BatchClock>(100000);  // more batches than the run can make
  session.streams().addListener(clock);
  DataFrame df = session.readStream().format("rate").option("rowsPerSecond", std::to_string(rps)).load();
  double cpuStart = cpuSeconds();
  auto wallStart = Clock::now();
  StreamingQuery q = sinkWriter(df, sink, out.str() + "/data").option("checkpointLocation", checkpoint.str()).start();
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  q.stop();
  double wall = secondsSince(wallStart);
  double cpu = cpuSeconds() - cpuStart;
  session.streams().removeListener(clock);
  auto ends = clock->ends();
  if (ends.size() < 2) {
    std::printf("rate source→%s: FAILED: %zu batches\n", sink.c_str(), ends.size());
    return;
  }
  double span = std::chrono::duration<double>(ends.back() - wallStart).count();
  double kept = static_cast<double>(clock->rows()) / span;
  std::printf(
      "rate(rowsPerSecond=%lld)→%-7s %zu batches, %lld rows by %.2f s = %.2f M rows/s (%.0f%% of the rate offered; "
      "process CPU %.0f%% of wall = %.1f M rows per CPU second)  load %s\n",
      static_cast<long long>(rps), sink.c_str(), ends.size(), static_cast<long long>(clock->rows()), span,
      kept / 1e6, 100.0 * kept / static_cast<double>(rps), 100.0 * cpu / wall,
      static_cast<double>(clock->rows()) / cpu / 1e6, loadAverage().c_str());
  rowsPerSecond.add(kept);
}

// 3. JSON lines files → parquet with AvailableNow.
void writeJsonFiles(const std::filesystem::path& dir,
                    int64_t files,
                    int64_t rowsPerFile,
                    int64_t& bytes) {
  static const char* cities[] = {
      "Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Lisbon", "Oslo"};
  bytes = 0;
  std::string buf;
  for (int64_t f = 0; f < files; ++f) {
    buf.clear();
    for (int64_t r = 0; r < rowsPerFile; ++r) {
      int64_t id = f * rowsPerFile + r;
      char line[256];
      int n = std::snprintf(
          line,
          sizeof line,
          "{\"id\":%lld,\"name\":\"user-%lld\",\"score\":%lld.%02lld,\"active\":%s,\"city\":\"%s\","
          "\"ts\":\"2024-05-01T%02lld:%02lld:%02lld.000Z\"}\n",
          static_cast<long long>(id),
          static_cast<long long>(id * 7919 % 1000003),
          static_cast<long long>(id % 1000),
          static_cast<long long>(id % 100),
          id % 3 ? "true" : "false",
          cities[id % 8],
          static_cast<long long>(id / 3600 % 24),
          static_cast<long long>(id / 60 % 60),
          static_cast<long long>(id % 60));
      buf.append(line, static_cast<size_t>(n));
    }
    char name[64];
    std::snprintf(name, sizeof name, "part-%04lld.json", static_cast<long long>(f));
    std::ofstream(dir / name, std::ios::binary) << buf;
    bytes += static_cast<int64_t>(buf.size());
  }
}

void benchJson(Session& session,
               const Flags& flags,
               const std::filesystem::path& input,
               int64_t inputBytes,
               Series& rowsPerSecond) {
  const int64_t files = flags.num("json-files", 20);
  const int64_t rowsPerFile = flags.num("json-rows", 200000);
  const std::string maxFiles = flags.str("json-max-files", "");
  TempDir checkpoint(flags.str("dir", "/tmp"), "json-ckpt");
  TempDir out(flags.str("dir", "/tmp"), "json-out");
  auto clock = std::make_shared<BatchClock>(1);
  session.streams().addListener(clock);
  DataStreamReader r = session.readStream().schema(
      "id BIGINT, name STRING, score DOUBLE, active BOOLEAN, city STRING, ts TIMESTAMP");
  if (!maxFiles.empty()) {
    r.option("maxFilesPerTrigger", maxFiles);
  }
  double cpuStart = cpuSeconds();
  auto wallStart = Clock::now();
  StreamingQuery q = r.json(input.string())
                         .writeStream()
                         .format("parquet")
                         .option("path", out.str() + "/data")
                         .option("checkpointLocation", checkpoint.str())
                         .trigger(Trigger::AvailableNow())
                         .start();
  q.awaitTermination();
  double seconds = secondsSince(wallStart);
  double cpu = cpuSeconds() - cpuStart;
  session.streams().removeListener(clock);
  int64_t rows = files * rowsPerFile;
  int64_t readBack = session.read().parquet(out.str() + "/data").count();
  std::printf(
      "json→parquet %lld files × %lld rows (%.0f MB) in %.3f s = %.2f M rows/s, %.0f MB/s, %zu batch(es) "
      "(process CPU %.0f%% of wall, read back %lld rows%s)  load %s\n",
      static_cast<long long>(files),
      static_cast<long long>(rowsPerFile),
      inputBytes / 1e6,
      seconds,
      rows / seconds / 1e6,
      inputBytes / seconds / 1e6,
      clock->ends().size(),
      100.0 * cpu / seconds,
      static_cast<long long>(readBack),
      readBack == rows ? "" : " MISMATCH",
      loadAverage().c_str());
  printDurations(clock->durations(), static_cast<int64_t>(clock->ends().size()));
  rowsPerSecond.add(rows / seconds);
}

}  // namespace

int benchMain(int argc, char** argv) {
  Flags flags(argc, argv);
  auto only = splitList(flags.str("only", ""));
  const int64_t repeat = flags.num("repeat", 5);
  auto sinks = splitList(flags.str("sinks", "noop,memory,parquet"));
  std::string cmd;
  for (int i = 0; i < argc; ++i) {
    cmd += (i ? " " : "") + std::string(argv[i]);
  }
  std::printf("command: %s\nload average at start: %s, %ld cores online\n",
              cmd.c_str(),
              loadAverage().c_str(),
              sysconf(_SC_NPROCESSORS_ONLN));
  std::fflush(stdout);
  Session session = Session::builder().appName("streaming_bench").getOrCreate();

  std::vector<std::string> overheadSinks = splitList(flags.str("overhead-sinks", "noop,memory"));
  std::map<std::string, Series> ms, bps, rate;
  Series fileMs("fileoverhead json→noop ms/batch", "ms", false);
  Series json("json→parquet rows/s", "rows/s", true);
  for (const auto& s : overheadSinks) {
    ms.emplace(s, Series("overhead rate-micro-batch→" + s + " ms/batch", "ms", false));
    bps.emplace(s, Series("overhead rate-micro-batch→" + s + " batches/s", "batches/s", true));
  }
  std::map<std::string, Series> rateSource;
  for (const auto& s : sinks) {
    rate.emplace(s, Series("rate-micro-batch→" + s + " rows/s", "rows/s", true));
    rateSource.emplace(s, Series("rate source→" + s + " rows/s kept up with", "rows/s", true));
  }

  std::unique_ptr<TempDir> jsonInput;
  int64_t jsonBytes = 0;
  if (wanted(only, "json")) {
    jsonInput = std::make_unique<TempDir>(flags.str("dir", "/tmp"), "json-in");
    writeJsonFiles(
        jsonInput->path(), flags.num("json-files", 20), flags.num("json-rows", 200000), jsonBytes);
  }
  for (int64_t i = 0; i < repeat; ++i) {
    std::printf(
        "--- run %lld of %lld\n", static_cast<long long>(i + 1), static_cast<long long>(repeat));
    if (wanted(only, "overhead")) {
      for (const auto& s : overheadSinks) {
        benchOverhead(session, flags, s, ms.at(s), bps.at(s));
        std::fflush(stdout);
      }
    }
    if (wanted(only, "fileoverhead")) {
      benchFileOverhead(session, flags, fileMs);
      std::fflush(stdout);
    }
    if (wanted(only, "rate")) {
      for (const auto& s : sinks) {
        benchRate(session, flags, s, rate.at(s));
        std::fflush(stdout);
      }
    }
    if (wanted(only, "ratesource")) {
      for (const auto& s : sinks) {
        benchRateSource(session, flags, s, rateSource.at(s));
        std::fflush(stdout);
      }
    }
    if (wanted(only, "json")) {
      benchJson(session, flags, jsonInput->path(), jsonBytes, json);
      std::fflush(stdout);
    }
  }
  std::printf("--- summary (load average now: %s)\n", loadAverage().c_str());
  for (const auto& s : overheadSinks) {
    ms.at(s).print();
    bps.at(s).print();
  }
  fileMs.print();
  for (const auto& s : sinks) {
    rate.at(s).print();
  }
  for (const auto& s : sinks) {
    rateSource.at(s).print();
  }
  json.print();
  return 0;
}

int main(int argc, char** argv) {
  try {
    return benchMain(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "streaming_bench: %s\n", e.what());
    return 1;
  }
}
