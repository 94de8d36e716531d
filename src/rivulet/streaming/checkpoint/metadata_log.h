// MetadataLog: a directory of numbered, versioned entries (Spark's HDFSMetadataLog): offsets/,
// commits/, the file source log and the file sink's _spark_metadata. Each entry is a file named
// after its batch id whose first line is "v<version>"; entries are written atomically and never
// overwritten.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rivulet::streaming {

class MetadataLog {
 public:
  /// `maxVersion`: the newest format version this build reads.
  MetadataLog(std::string directory, int maxVersion);

  const std::string& directory() const { return directory_; }

  /// Writes entry `batchId` with "v<version>\n" + body. Returns false when the entry already
  /// exists (written by an earlier run or a concurrent writer).
  /// `synced` false: atomic but not fsynced (see fs::Durability::kDeferred); `sync` later.
  [[nodiscard]] bool add(int64_t batchId, const std::string& body, int version = 1, bool synced = true);

  /// fsyncs entries written with `synced` false, then the directory.
  void sync(const std::vector<int64_t>& batchIds) const;

  /// The body of entry `batchId` (after the version line), or nullopt when absent. Throws a
  /// user error naming the file for an empty file, a bad version line or a newer version.
  std::optional<std::string> get(int64_t batchId) const;

  /// The highest batch id with an entry.
  std::optional<int64_t> latestId() const;

  /// Batch ids with entries, ascending (".compact" entries included by their id).
  std::vector<int64_t> ids() const;

  /// Deletes entry `batchId` (plain and compacted forms) if present.
  void remove(int64_t batchId);

  /// Deletes entries with ids below `thresholdId`.
  void purge(int64_t thresholdId);

  /// The path of an entry ("<dir>/<id>" or "<dir>/<id>.compact" when that exists).
  std::string pathOf(int64_t batchId) const;

  /// One file of an entry: "<dir>/<id>" or "<dir>/<id>.compact".
  struct EntryFile {
    int64_t id = 0;
    bool compact = false;
    std::string path;
  };

  /// The entry files in the directory, by ascending id (temp files and others left out).
  std::vector<EntryFile> entryFiles() const;

 private:
  std::string directory_;
  int maxVersion_;
};

}  // namespace rivulet::streaming
