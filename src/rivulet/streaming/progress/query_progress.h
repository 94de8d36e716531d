// StreamingQueryProgress: what one trigger of a streaming query did, with Spark's fields and
// JSON form. Part of the public API (StreamingQuery::lastProgress()).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rivulet {

struct SourceProgress {
  std::string description;
  /// Offsets as JSON text (a bare number for rate); empty when absent (startOffset of batch 0).
  std::string startOffset;
  std::string endOffset;
  std::string latestOffset;
  int64_t numInputRows = 0;
  double inputRowsPerSecond = 0;
  double processedRowsPerSecond = 0;
  /// The source's custom metrics ("metrics" in the JSON, keys sorted, values as strings; left out
  /// when empty), e.g. Kafka's avg/max/minOffsetsBehindLatest.
  std::map<std::string, std::string> metrics;
};

struct SinkProgress {
  std::string description;
  int64_t numOutputRows = -1;
};

struct StreamingQueryProgress {
  std::string id;
  std::string runId;
  /// Empty when the query has no name (JSON null).
  std::string name;
  /// Trigger start, UTC: "2020-06-07T12:40:50.000Z".
  std::string timestamp;
  int64_t batchId = 0;
  int64_t batchDuration = 0;
  int64_t numInputRows = 0;
  double inputRowsPerSecond = 0;
  double processedRowsPerSecond = 0;
  /// addBatch, getBatch, latestOffset, queryPlanning, triggerExecution, walCommit (sorted).
  std::map<std::string, int64_t> durationMs;
  std::vector<SourceProgress> sources;
  SinkProgress sink;

  /// Compact JSON, Spark's key order.
  std::string json() const;

  /// Pretty JSON as Spark's toString prints it (2-space indent, "key" : value).
  std::string prettyJson() const;
};

}  // namespace rivulet
