// RandomAccessFile: positional reads (pread) from a local file; reads past the end fail with a
// user error naming the file.
#pragma once

#include <cstdint>
#include <string>

#include "rivulet/columnar/buffer.h"

namespace rivulet::parquet {

class RandomAccessFile {
 public:
  /// Opens `path`; throws PATH_NOT_FOUND / FAILED_READ_FILE.
  explicit RandomAccessFile(std::string path);

  ~RandomAccessFile();

  RandomAccessFile(const RandomAccessFile&) = delete;
  RandomAccessFile& operator=(const RandomAccessFile&) = delete;

  const std::string& path() const { return path_; }

  uint64_t size() const { return size_; }

  /// Reads exactly `n` bytes at `offset` into `out` (resized to n).
  void readAt(uint64_t offset, uint64_t n, Buffer& out) const;

  /// Reads exactly `n` bytes at `offset` into `out`.
  void readAt(uint64_t offset, uint64_t n, uint8_t* out) const;

 private:
  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
};

}  // namespace rivulet::parquet
