#include "rivulet/connectors/memory/memory_sink.h"

#include <map>
#include <mutex>

#include "rivulet/common/error.h"

namespace rivulet::connectors {

struct MemorySink::State {
  std::mutex mu;
  StructType schema;
  std::vector<Batch> batches;
  std::optional<int64_t> latestBatchId;
};

namespace {

struct Tables {
  std::mutex mu;
  std::map<std::string, std::shared_ptr<MemorySink::State>> byName;
};

Tables& tables() {
  static Tables t;
  return t;
}

}  // namespace

std::optional<MemoryTable> memorySinkTable(const std::string& queryName) {
  std::shared_ptr<MemorySink::State> state;
  {
    std::lock_guard<std::mutex> lock(tables().mu);
    auto it = tables().byName.find(queryName);
    if (it == tables().byName.end()) {
      return std::nullopt;
    }
    state = it->second;
  }
  std::lock_guard<std::mutex> lock(state->mu);
  return MemoryTable{state->schema, state->batches};
}

void dropMemorySinkTable(const std::string& queryName) {
  std::lock_guard<std::mutex> lock(tables().mu);
  tables().byName.erase(queryName);
}

MemorySink::MemorySink(std::string queryName, StructType schema, bool complete)
    : state_(std::make_shared<State>()), complete_(complete) {
  state_->schema = std::move(schema);
  std::lock_guard<std::mutex> lock(tables().mu);
  tables().byName[queryName] = state_;
}

void MemorySink::addBatch(int64_t batchId, streaming::BatchStream& data) {
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    if (state_->latestBatchId && batchId <= *state_->latestBatchId) {
      lastOutputRows_ = 0;
      return;  // already added: a batch re-run after a restart
    }
  }
  // The whole batch first, then appended at once: a batch that fails or is stopped midway adds
  // nothing, and readers of the table never wait for the query's operators.
  std::vector<Batch> rows;
  while (auto b = data.next()) {
    if (b->numRows() > 0) {
      rows.push_back(std::move(*b));
    }
  }
  std::lock_guard<std::mutex> lock(state_->mu);
  if (complete_) {
    state_->batches.clear();
  }
  for (auto& b : rows) {
    state_->batches.push_back(std::move(b));
  }
  state_->latestBatchId = batchId;
  lastOutputRows_ = data.rowsPulled();
}

streaming::SinkPtr MemorySinkProvider::createSink(const Options&,
                                                  const StructType& schema,
                                                  const streaming::SinkContext& context) const {
  if (context.queryName.empty()) {
    throw AnalysisException("queryName must be specified for memory sink", "QUERY_NAME_REQUIRED");
  }
  // Update mode on a query without aggregation is append; Spark 3 accepts it likewise.
  return std::make_unique<MemorySink>(
      context.queryName, schema, context.outputMode == streaming::OutputMode::kComplete);
}

}  // namespace rivulet::connectors
