// The lecture's rate and file streaming cells ("Spark Structured Streaming I"), written against
// the public API only: run by the `streaming_lecture` example and by `rivulet demo`.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "rivulet/rivulet.h"

namespace rivulet::examples {

/// How the cells run.
struct LectureCellsOptions {
  /// Outputs go to workDir/datasets/{s1,s2}.parquet, checkpoints to
  /// workDir/checkpoints/{s1,s2}.parquet; those four folders are removed first.
  std::filesystem::path workDir;
  /// The airport codes CSV (the lecture's datasets/airport-codes.csv; .gz works too).
  std::string airportsCsv;
  /// The ProcessingTime trigger of every sink (10 seconds in the lecture).
  int triggerMillis = 2000;
  /// Each live query runs batches 0 … batchesPerQuery-1, then killAll() stops it; counting batches
  /// instead of seconds makes the printed batches the same on every run.
  int batchesPerQuery = 3;
  /// The rate stream's rowsPerSecond (the lecture's default, 1). The demo uses more rows so that
  /// its Kafka part has offsets 20 to 27 to read.
  int rowsPerSecond = 1;
  /// Waits `millis` while the queries run; may throw to abort (the demo stops on Ctrl-C). Null
  /// means std::this_thread::sleep_for.
  std::function<void(int millis)> pause;
};

/// Runs the cells in the lecture's order and prints what the lecture prints: the rate stream's
/// isStreaming, printSchema and explain(true); rate → console; rate → parquet read back with
/// count, printSchema and show; the airport idents and a random `ident` column, streamed to console
/// and to parquet by two queries at once; the file stream over that parquet output, first without a
/// schema (its error), then with the schema, maxFilesPerTrigger=10 and lower(ident). Every group of
/// queries ends with killAll(). Throws the query's error if one fails.
void runRateAndFileCells(Session& session, const LectureCellsOptions& options);

/// The lecture's killAll(): stops every active query and prints "Stopped <description>" of its
/// first source (from its last progress; "(no batch yet)" before the first batch).
void killAll(Session& session);

}  // namespace rivulet::examples
