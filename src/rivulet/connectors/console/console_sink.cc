#include "rivulet/connectors/console/console_sink.h"

#include <atomic>
#include <iostream>
#include <mutex>

#include <strings.h>

#include "rivulet/columnar/show.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"

namespace rivulet::connectors {

namespace {

std::atomic<std::ostream*> consoleStream{nullptr};

// One batch is printed in one piece even when several queries print at once.
std::mutex& printMutex() {
  static std::mutex mu;
  return mu;
}

int parseTruncate(const Options& options) {
  auto text = options.get("truncate");
  if (!text) {
    return 20;
  }
  if (strcasecmp(text->c_str(), "true") == 0) {
    return 20;
  }
  if (strcasecmp(text->c_str(), "false") == 0) {
    return 0;
  }
  size_t used = 0;
  int64_t n = -1;
  try {
    n = std::stoll(*text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text->size() || n < 0 || n > INT32_MAX) {
    throwUserError("INVALID_OPTION",
                   "Invalid value '" + *text +
                       "' for option 'truncate', must be true, false or a number of characters");
  }
  return static_cast<int>(n);
}

}  // namespace

void setConsoleSinkStream(std::ostream* out) {
  consoleStream.store(out);
}

ConsoleSink::ConsoleSink(int64_t numRows,
                         int truncate,
                         const time::TimeZone* zone,
                         std::ostream* out)
    : numRows_(numRows), truncate_(truncate), zone_(zone), out_(out) {}

void ConsoleSink::addBatch(int64_t batchId, streaming::BatchStream& data) {
  // Only the first numRows + 1 rows matter to show(); the rest are counted, not kept.
  int64_t want = std::max<int64_t>(numRows_, 0) + 1;
  std::vector<Batch> parts;
  int64_t have = 0;
  while (auto b = data.next()) {
    if (have >= want) {
      continue;
    }
    int64_t take = std::min(b->numRows(), want - have);
    parts.push_back(take == b->numRows() ? std::move(*b) : sliceBatch(*b, 0, take));
    have += take;
  }
  Batch rows;
  if (parts.empty()) {
    std::vector<VectorPtr> empty;
    for (const auto& f : data.schema().fields()) {
      empty.push_back(Vector::make(f.type, 0));
    }
    rows = Batch(std::move(empty), 0);
  } else {
    rows = parts.size() == 1 ? parts[0] : concatBatches(parts, data.schema().size());
  }
  ShowOptions show;
  show.numRows = numRows_;
  show.truncate = truncate_;
  show.zone = zone_;
  std::string text =
      "-------------------------------------------\nBatch: " + std::to_string(batchId) +
      "\n-------------------------------------------\n" + showString(rows, data.schema(), show) +
      "\n";
  {
    std::lock_guard<std::mutex> lock(printMutex());
    std::ostream& out = out_ != nullptr ? *out_ : std::cout;
    out << text;
    out.flush();
  }
  lastOutputRows_ = data.rowsPulled();
}

streaming::SinkPtr ConsoleSinkProvider::createSink(const Options& options,
                                                   const StructType&,
                                                   const streaming::SinkContext& context) const {
  int64_t numRows = options.getInt("numRows", 20);
  int truncate = parseTruncate(options);
  std::ostream* out = consoleStream.load();
  return std::make_unique<ConsoleSink>(numRows, truncate, context.zone, out);
}

}  // namespace rivulet::connectors
