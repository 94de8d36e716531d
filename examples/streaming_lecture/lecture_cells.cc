#include "streaming_lecture/lecture_cells.h"

#include <chrono>
#include <exception>
#include <iostream>
#include <thread>
#include <vector>

namespace rivulet::examples {

namespace fs = std::filesystem;
using namespace rivulet::functions;

namespace {

void step(const std::string& text) {
  std::cout << "\n### " << text << "\n" << std::endl;
}

// The state every cell shares, like the notebook's variables.
class LectureCells {
 public:
  LectureCells(Session& session, const LectureCellsOptions& options)
      : session_(session), options_(options) {}

  void run() {
    for (const char* name : {"s1.parquet", "s2.parquet"}) {
      fs::remove_all(datasetPath(name));
      fs::remove_all(options_.workDir / "checkpoints" / name);
    }
    DataFrame sdf = rateCells();
    rateToParquetCells(sdf);
    DataFrame identPq = identCells(sdf);
    fileStreamCells(identPq);
  }

 private:
  fs::path datasetPath(const std::string& name) const {
    return options_.workDir / "datasets" / name;
  }

  void pause(int millis) const {
    if (options_.pause) {
      options_.pause(millis);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(millis));
    }
  }

  // The lecture's createConsoleSink.
  DataStreamWriter consoleSink(const DataFrame& df) const {
    return df.writeStream()
        .format("console")
        .trigger(Trigger::ProcessingTime(options_.triggerMillis))
        .option("truncate", "false")
        .option("numRows", "20");
  }

  // The lecture's createParquetSink.
  DataStreamWriter parquetSink(const DataFrame& df, const std::string& fileName) const {
    return df.writeStream()
        .format("parquet")
        .option("path", datasetPath(fileName).string())
        .option("checkpointLocation", (options_.workDir / "checkpoints" / fileName).string())
        .trigger(Trigger::ProcessingTime(options_.triggerMillis));
  }

  // Lets every query run batches 0 … batchesPerQuery-1 (the lecture waits a while instead), then
  // stops them all. A query that fails ends the cells with its error.
  void runThenKillAll(const std::vector<StreamingQuery>& queries) {
    const int64_t lastBatch = options_.batchesPerQuery - 1;
    const int64_t limitMs = int64_t{options_.triggerMillis} * (lastBatch + 2) + 60'000;
    auto start = std::chrono::steady_clock::now();
    for (;;) {
      bool done = true;
      for (const StreamingQuery& q : queries) {
        if (!q.isActive()) {
          if (std::exception_ptr error = q.exception()) {
            std::rethrow_exception(error);
          }
          throwInternalError("The query " + q.id() + " stopped before batch " +
                             std::to_string(lastBatch));
        }
        auto progress = q.lastProgress();
        done = done && progress != nullptr && progress->batchId >= lastBatch;
      }
      if (done) {
        break;
      }
      auto waited = std::chrono::steady_clock::now() - start;
      if (std::chrono::duration_cast<std::chrono::milliseconds>(waited).count() > limitMs) {
        throwInternalError("The queries did not reach batch " + std::to_string(lastBatch) +
                           " within " + std::to_string(limitMs) + " ms");
      }
      pause(20);
    }
    killAll(session_);
  }

  // In [3], [4], [20]: a streaming DataFrame, its schema and plans; In [19], [32]: rate → console.
  DataFrame rateCells() {
    step("Rate streaming: a streaming DataFrame, its schema and plans");
    DataStreamReader reader = session_.readStream().format("rate");
    if (options_.rowsPerSecond != 1) {
      reader.option("rowsPerSecond", std::to_string(options_.rowsPerSecond));
    }
    DataFrame sdf = reader.load();
    std::cout << "isStreaming: " << (sdf.isStreaming() ? "true" : "false") << std::endl;
    sdf.printSchema();
    sdf.explain(true);

    step("rate → console");
    runThenKillAll({consoleSink(sdf).start()});
    return sdf;
  }

  // In [46], [48], [58]: rate → parquet, read back.
  void rateToParquetCells(const DataFrame& sdf) {
    step("rate → parquet (datasets/s1.parquet), then read back");
    runThenKillAll({parquetSink(sdf, "s1.parquet").start()});
    DataFrame rates = session_.read().parquet(datasetPath("s1.parquet").string());
    std::cout << rates.count() << std::endl;
    rates.printSchema();
    rates.show(5, false);
  }

  // In [61], [76], [78], [79], [1]: a random airport ident per row, to console and parquet at once.
  DataFrame identCells(const DataFrame& sdf) {
    step("The airport codes: header and inferSchema, one vertical record");
    DataFrame airports = session_.read()
                             .options({{"header", "true"}, {"inferSchema", "true"}})
                             .csv(options_.airportsCsv);
    airports.printSchema();
    airports.show(1, 100, /*vertical=*/true);
    std::vector<Row> idents = airports.select(col("ident")).limit(200).distinct().collect();
    std::vector<Column> lits;
    std::cout << "idents = Array(";
    for (size_t i = 0; i < idents.size(); ++i) {
      std::cout << (i == 0 ? "" : ", ") << idents[i].getString(0);
      lits.push_back(lit(idents[i].getString(0)));
    }
    std::cout << ")" << std::endl;

    step("A random ident for every row of the rate stream, to console and to parquet at once");
    DataFrame identSdf = sdf.withColumn("ident", shuffle(array(lits))[0]);
    StreamingQuery console = consoleSink(identSdf).option("numRows", "5").start();
    StreamingQuery parquet = parquetSink(identSdf, "s2.parquet").start();
    std::cout << "active queries: " << session_.streams().active().size() << std::endl;
    runThenKillAll({console, parquet});
    DataFrame identPq = session_.read().parquet(datasetPath("s2.parquet").string());
    std::cout << identPq.count() << std::endl;
    identPq.printSchema();
    identPq.show(5, false);
    return identPq;
  }

  // In [85], [98], [99], [100]: the file stream over datasets/s2.parquet.
  void fileStreamCells(const DataFrame& identPq) {
    step("A file stream over the parquet output: first without a schema");
    try {
      session_.readStream()
          .format("parquet")
          .option("maxFilesPerTrigger", "1")
          .option("path", datasetPath("s2.parquet").string())
          .load()
          .printSchema();
    } catch (const Error& e) {
      std::cout << "Name: " << e.errorClass() << "\nMessage: " << e.message() << std::endl;
    }

    step("With the schema, up to ten files per trigger, idents in lower case");
    Column condition = col("ident").startsWith("a");
    for (const char* letter : {"b", "c", "d", "e", "f", "g", "i"}) {
      condition = condition || col("ident").startsWith(letter);
    }
    std::cout << "condition = " << condition.toString() << std::endl;
    DataFrame sdfFromParquet = session_.readStream()
                                   .format("parquet")
                                   .schema(identPq.schema())
                                   .option("maxFilesPerTrigger", "10")
                                   .option("path", datasetPath("s2.parquet").string())
                                   .load()
                                   .withColumn("ident", lower(col("ident")));
    sdfFromParquet.printSchema();
    StreamingQuery query = consoleSink(sdfFromParquet).start();
    query.processAllAvailable();
    killAll(session_);
  }

  Session& session_;
  const LectureCellsOptions& options_;
};

}  // namespace

void runRateAndFileCells(Session& session, const LectureCellsOptions& options) {
  LectureCells(session, options).run();
}

void killAll(Session& session) {
  for (StreamingQuery& x : session.streams().active()) {
    auto progress = x.lastProgress();
    std::string desc = progress && !progress->sources.empty()
                           ? progress->sources.front().description
                           : "(no batch yet)";
    x.stop();
    std::cout << "Stopped " << desc << std::endl;
  }
}

}  // namespace rivulet::examples
