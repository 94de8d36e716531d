// PageBuffer: a column chunk's encoded pages, kept in blocks (64 KiB, doubling up to 4 MiB) so
// that a growing row group is never copied into a larger buffer (a single string would briefly
// hold the old and the doubled buffer at once), a small chunk stays small, and the blocks go back
// to the system when the row group is written.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rivulet::parquet {

class PageBuffer {
 public:
  static constexpr size_t kFirstBlockBytes = size_t{64} << 10;
  static constexpr size_t kMaxBlockBytes = size_t{4} << 20;

  void append(std::string_view bytes) {
    while (!bytes.empty()) {
      if (blocks_.empty() || blocks_.back().size() == blocks_.back().capacity()) {
        size_t next = blocks_.empty() ? kFirstBlockBytes : std::min(blocks_.back().capacity() * 2, kMaxBlockBytes);
        blocks_.emplace_back();
        blocks_.back().reserve(std::max(next, std::min(bytes.size(), kMaxBlockBytes)));
      }
      std::string& block = blocks_.back();
      size_t n = std::min(bytes.size(), block.capacity() - block.size());
      block.append(bytes.substr(0, n));
      bytes.remove_prefix(n);
      size_ += n;
    }
  }

  size_t size() const { return size_; }

  const std::vector<std::string>& blocks() const { return blocks_; }

  /// Empties the buffer and frees its blocks.
  void clear() {
    std::vector<std::string>().swap(blocks_);
    size_ = 0;
  }

  void swap(PageBuffer& other) noexcept {
    blocks_.swap(other.blocks_);
    std::swap(size_, other.size_);
  }

 private:
  std::vector<std::string> blocks_;
  size_t size_ = 0;
};

}  // namespace rivulet::parquet
