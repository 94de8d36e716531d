// CompactibleFileLog: the file source log (sources/<i>/) and the file sink log
// (<out>/_spark_metadata/) as Spark's CompactibleFileStreamLog writes them: one numbered entry
// per batch of JSON lines, and every `compactInterval`-th entry ("9.compact", "19.compact")
// holding all live lines so far.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/streaming/checkpoint/metadata_log.h"

namespace rivulet::connectors {

class CompactibleFileLog {
 public:
  explicit CompactibleFileLog(std::string directory, int compactInterval = 10);

  const std::string& directory() const { return log_.directory(); }

  /// Whether entry `batchId` is written as "<id>.compact": (id + 1) % interval == 0.
  bool isCompactionBatch(int64_t batchId) const { return (batchId + 1) % interval_ == 0; }

  /// Writes entry `batchId` ("v1" + lines joined by "\n"); a compaction batch also holds the
  /// lines of all earlier entries. False when the entry exists already.
  [[nodiscard]] bool add(int64_t batchId, const std::vector<std::string>& lines);

  /// The lines of entry `batchId` (all lines for a compact entry), or nullopt when absent.
  std::optional<std::vector<std::string>> get(int64_t batchId) const;

  /// Every live line: the latest compact entry up to `untilId` plus the entries after it.
  std::vector<std::string> allLines(std::optional<int64_t> untilId = std::nullopt) const;

  std::optional<int64_t> latestId() const { return log_.latestId(); }

 private:
  streaming::MetadataLog log_;
  int interval_;
};

/// `s` as a JSON string literal (quotes included).
std::string jsonQuote(const std::string& s);

}  // namespace rivulet::connectors
