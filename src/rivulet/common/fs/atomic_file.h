// Atomic file replacement: write a temporary file, fsync it, rename it over the target, fsync
// the directory. A reader sees the old content or the new one, never a torn file.
#pragma once

#include <string>

namespace rivulet::fs {

/// Writes `content` to `path` atomically. With `overwrite` false, fails (returns false) when
/// `path` already exists, so two writers of one log entry cannot both succeed.
[[nodiscard]] bool writeFileAtomically(const std::string& path, const std::string& content, bool overwrite);

/// Reads a whole file; throws an external error naming the file when it cannot.
std::string readWholeFile(const std::string& path);

}  // namespace rivulet::fs
