// PageBuffer: a column chunk's encoded pages, kept in blocks of a few MiB so that a growing row
// group is never copied into a larger buffer (a single string would briefly hold the old and the
// doubled buffer at once), and handed back to the system when the row group is written.
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
  static constexpr size_t kBlockBytes = size_t{4} << 20;

  void append(std::string_view bytes) {
    while (!bytes.empty()) {
      if (blocks_.empty() || blocks_.back().size() == blocks_.back().capacity()) {
        blocks_.emplace_back();
        blocks_.back().reserve(std::max(kBlockBytes, std::min(bytes.size(), kBlockBytes * 4)));
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
