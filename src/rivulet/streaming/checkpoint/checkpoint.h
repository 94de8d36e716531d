// Checkpoint: a query's checkpoint directory laid out as Spark lays it out — metadata (the
// query id), offsets/N (write-ahead log of each batch's offsets), commits/N, sources/<i>/.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/streaming/checkpoint/metadata_log.h"

namespace rivulet::streaming {

/// One offsets/N entry (Spark's OffsetSeq).
struct OffsetSeq {
  int64_t batchWatermarkMs = 0;
  int64_t batchTimestampMs = 0;
  /// Session confs fixed for the life of the checkpoint.
  std::map<std::string, std::string> conf;
  /// One offset per source in plan order; nullopt for a source without an offset yet ("-").
  std::vector<std::optional<std::string>> offsets;

  std::string serialize() const;

  /// Parses an entry body; throws a user error naming `where` when malformed.
  static OffsetSeq parse(const std::string& body, const std::string& where);
};

class Checkpoint {
 public:
  explicit Checkpoint(std::string root);

  const std::string& root() const { return root_; }

  /// The id in <root>/metadata; a new one is written when the checkpoint is new.
  std::string loadOrCreateQueryId();

  /// Writes offsets/N; throws when it already exists (another run wrote it).
  void writeOffsets(int64_t batchId, const OffsetSeq& offsets);

  std::optional<OffsetSeq> readOffsets(int64_t batchId) const;

  std::optional<int64_t> latestOffsetsBatch() const { return offsets_.latestId(); }

  /// commits/N exists.
  bool isCommitted(int64_t batchId) const;

  /// Writes commits/N atomically but without waiting for the disk: it survives a crash of the
  /// process at once and a power loss after `syncCommits` (or the kernel's writeback). Losing
  /// it only makes a restart re-run batch N with its logged offsets, which every sink handles
  /// by batch id; offsets/N, the write-ahead entry, is always synced before the batch runs.
  void writeCommit(int64_t batchId, int64_t nextBatchWatermarkMs = 0);

  /// Makes every commit written so far durable (when the query goes idle and when it stops).
  void syncCommits();

  /// At restart: the newest commit entry, if a power loss left it empty or torn (commits are
  /// synced lazily), is removed, so that its batch runs again. Offsets entries are never touched.
  void discardTornCommit();

  std::optional<int64_t> latestCommittedBatch() const { return commits_.latestId(); }

  /// Deletes offsets and commits below `currentBatchId - minBatchesToRetain` (Spark's rule).
  void purge(int64_t currentBatchId, int64_t minBatchesToRetain);

  /// <root>/sources/<i>.
  std::string sourcePath(size_t index) const;

 private:
  std::string root_;
  MetadataLog offsets_;
  MetadataLog commits_;
  /// Entries below this id are gone (-1 before the first purge of this run).
  int64_t purgedBelow_ = -1;
  /// Commits written but not yet synced.
  std::vector<int64_t> unsyncedCommits_;
};

/// The confs Spark records in every offsets entry, with their values.
std::map<std::string, std::string> defaultCheckpointConf();

/// The confs to record after a restart from an entry with `logged`: its values, and for the
/// confs it lacks (a checkpoint of an older Spark) the values that keep that query's behaviour,
/// as Spark's OffsetSeqMetadata does (state formats of version 1, no strict distribution), else
/// the defaults. Keys unknown here are kept as they are.
std::map<std::string, std::string> restoredCheckpointConf(const std::map<std::string, std::string>& logged);

}  // namespace rivulet::streaming
