// The `memory` sink: each query's output kept in a process-wide table named after the query,
// readable as rows by tests and as a static DataFrame by the API.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/streaming/sink.h"

namespace rivulet::connectors {

/// The rows a memory sink holds: appended batches, or the last batch in complete mode.
struct MemoryTable {
  StructType schema;
  std::vector<Batch> batches;
};

/// The table of the memory sink of query `queryName`, or nullopt when none was created.
std::optional<MemoryTable> memorySinkTable(const std::string& queryName);

/// Forgets the table of `queryName`.
void dropMemorySinkTable(const std::string& queryName);

class MemorySink : public streaming::Sink {
 public:
  /// Creates (or resets) the table `queryName`. `complete`: each batch replaces the rows.
  MemorySink(std::string queryName, StructType schema, bool complete);

  std::string description() const override { return "MemorySink"; }

  /// Adds the batch unless its id is not above the last one added (a replay).
  void addBatch(int64_t batchId, streaming::BatchStream& data) override;

  int64_t lastOutputRows() const override { return lastOutputRows_; }

  /// The table's rows, shared with the process-wide registry.
  struct State;

 private:
  std::shared_ptr<State> state_;
  bool complete_;
  int64_t lastOutputRows_ = -1;
};

class MemorySinkProvider : public streaming::SinkProvider {
 public:
  std::string name() const override { return "memory"; }

  /// Requires the query name (Spark: "queryName must be specified for memory sink").
  streaming::SinkPtr createSink(const Options& options,
                                const StructType& schema,
                                const streaming::SinkContext& context) const override;

  bool allowsTemporaryCheckpoint() const override { return true; }
};

}  // namespace rivulet::connectors
