// Atomic file creation: write a temporary file, fsync it, rename (or link) it to the target,
// fsync the directory. A reader sees the old content or the new one, never a torn file.
#pragma once

#include <cstdint>
#include <string>

namespace rivulet::fs {

/// How far a write is made durable before it returns.
enum class Durability : uint8_t {
  /// File and directory entry fsynced: the file survives a power loss.
  kSynced,
  /// Atomic and visible at once, so it survives the writer's crash, but left to the kernel's
  /// writeback; `syncFile` makes it durable later.
  kDeferred,
};

/// Writes `content` to `path` atomically. With `overwrite` false, fails (returns false) when
/// `path` already exists, so two writers of one log entry cannot both succeed.
[[nodiscard]] bool writeFileAtomically(const std::string& path,
                                       const std::string& content,
                                       bool overwrite,
                                       Durability durability = Durability::kSynced);

/// fsyncs a file written with Durability::kDeferred (a missing file is no error: it was
/// removed since). Throws an external error naming the file when the sync fails.
void syncFile(const std::string& path);

/// fsyncs a directory, making the entries created in it durable.
void syncDirectory(const std::string& dir);

/// Reads a whole file; throws an external error naming the file when it cannot.
std::string readWholeFile(const std::string& path);

}  // namespace rivulet::fs
