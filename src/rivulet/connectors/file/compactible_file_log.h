// CompactibleFileLog: the file source log (sources/<i>/) and the file sink log
// (<out>/_spark_metadata/) as Spark's CompactibleFileStreamLog writes them: one numbered entry
// per batch of JSON lines, and every `compactInterval`-th entry ("9.compact", "19.compact")
// holding all live lines so far. After each entry, entries made obsolete by a compact entry are
// deleted once they are older than the cleanup delay (keeping `minBatchesToRetain` batches).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rivulet/common/options.h"
#include "rivulet/streaming/checkpoint/metadata_log.h"

namespace rivulet::connectors {

/// The confs of one compactible log (Spark's `<prefix>compactInterval`, `<prefix>deletion`,
/// `<prefix>cleanupDelay` and `spark.sql.streaming.minBatchesToRetain`).
struct CompactibleFileLogConfig {
  /// The configured interval; an existing log's ".compact" entries may impose another one.
  int compactInterval = 10;
  /// Whether entries made obsolete by a compaction are deleted.
  bool deletion = true;
  /// Only entries whose file is at least this old are deleted.
  int64_t cleanupDelayMs = 10 * 60 * 1000;
  /// Entries needed to cover the last `minBatchesToRetain` batches are kept.
  int64_t minBatchesToRetain = 100;
};

/// The file source log's confs ("spark.sql.streaming.fileSource.log.*").
inline constexpr std::string_view kFileSourceLogConfPrefix = "spark.sql.streaming.fileSource.log.";
/// The file sink log's confs ("spark.sql.streaming.fileSink.log.*").
inline constexpr std::string_view kFileSinkLogConfPrefix = "spark.sql.streaming.fileSink.log.";

/// Reads `<prefix>compactInterval` (a positive integer), `<prefix>deletion` (true/false),
/// `<prefix>cleanupDelay` (a time string, bare number = ms) and
/// `spark.sql.streaming.minBatchesToRetain` (positive) from `conf`; absent keys keep the
/// defaults. Throws a user error naming the conf for a bad value.
CompactibleFileLogConfig compactibleFileLogConfig(const Options& conf, std::string_view prefix);

class CompactibleFileLog {
 public:
  /// Whether a line stays in the log at compaction, given the current time (ms since epoch).
  using RetainFn = std::function<bool(const std::string& line, int64_t nowMs)>;

  /// Derives the interval from the existing ".compact" entries (see deriveCompactInterval).
  /// `retain`, when set, filters every line written into a compact entry (the file sink's
  /// `retention`).
  explicit CompactibleFileLog(std::string directory,
                              CompactibleFileLogConfig config = {},
                              RetainFn retain = nullptr);

  const std::string& directory() const { return log_.directory(); }

  /// The interval in use: the configured one, unless the log's ".compact" entries imply
  /// another: with two or more, the distance between the latest two; with one, at id L,
  /// deriveCompactInterval(configured, L).
  int compactInterval() const { return interval_; }

  /// Spark's rule for a log whose only compact entry is `latestCompactId`, so that
  /// (latestCompactId + 1) is a multiple of the result: latestCompactId + 1 when that is at
  /// most `configured`; else the smallest divisor of latestCompactId + 1 that is at least
  /// `configured` (latestCompactId + 1 itself when no proper divisor is).
  static int deriveCompactInterval(int configured, int64_t latestCompactId);

  /// Whether entry `batchId` is written as "<id>.compact": (id + 1) % interval == 0.
  bool isCompactionBatch(int64_t batchId) const { return (batchId + 1) % interval_ == 0; }

  /// Writes entry `batchId` ("v1" + lines joined by "\n"); a compaction batch also holds the
  /// lines of all earlier entries (those `retain` keeps). Then, with `deletion` on, deletes the
  /// obsolete entries (see deleteExpiredEntries). False when the entry exists already.
  [[nodiscard]] bool add(int64_t batchId, const std::vector<std::string>& lines);

  /// The lines of entry `batchId` (all lines for a compact entry), or nullopt when absent.
  std::optional<std::vector<std::string>> get(int64_t batchId) const;

  /// The lines of the first compact entry at or after `batchId` (which holds `batchId`'s lines
  /// once its own entry has been deleted), or nullopt when there is none.
  std::optional<std::vector<std::string>> compactEntryCovering(int64_t batchId) const;

  /// Every live line: the latest compact entry up to `untilId` plus the entries after it.
  std::vector<std::string> allLines(std::optional<int64_t> untilId = std::nullopt) const;

  std::optional<int64_t> latestId() const { return log_.latestId(); }

  /// Spark's cleanup after entry `currentBatchId`: when interval <= currentBatchId + 1 -
  /// minBatchesToRetain, with m = currentBatchId + 1 - minBatchesToRetain, the compact entry
  /// c = m - m % interval - 1 still covers the retained batches; entries with ids below c whose
  /// file was last modified at least `cleanupDelayMs` ago are deleted. Called by add().
  void deleteExpiredEntries(int64_t currentBatchId);

 private:
  /// allLines from one listing; nullopt when a listed entry was deleted before it was read.
  std::optional<std::vector<std::string>> tryAllLines(std::optional<int64_t> untilId) const;

  streaming::MetadataLog log_;
  CompactibleFileLogConfig config_;
  RetainFn retain_;
  int interval_;
};

/// `s` as a JSON string literal (quotes included).
std::string jsonQuote(const std::string& s);

}  // namespace rivulet::connectors
