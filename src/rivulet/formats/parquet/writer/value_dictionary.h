// ValueDictionary: the distinct values of one column chunk in insertion order, for dictionary
// encoding. Fixed-width values are looked up by their raw bits, byte arrays by their bytes; an
// open-addressing table keeps each value's 32-bit hash in its slot, so that a probe rarely
// touches the values and growing the table never rehashes them (at most 2^31 values).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace rivulet::parquet {

class ValueDictionary {
 public:
  /// `fixedWidth` bytes per value, or 0 for BYTE_ARRAY values.
  explicit ValueDictionary(int fixedWidth) : fixedWidth_(fixedWidth) {}

  /// The index of the value `bits` (the raw bytes of a 4- or 8-byte value), inserting it.
  template <typename U>
  uint32_t lookupFixed(U bits) {
    reserveSlot();
    return probe(bits, static_cast<uint32_t>(mix(static_cast<uint64_t>(bits))), slots_.size() - 1);
  }

  /// lookupFixed() of the `n` values of sizeof(U) bytes at `values` into `out`; the table
  /// slots of values a few positions ahead are prefetched, which hides most cache misses of
  /// large dictionaries.
  template <typename U>
  void lookupFixedMany(const void* values, int64_t n, uint32_t* out) {
    auto bitsAt = [values](int64_t j) {
      U b;
      std::memcpy(&b, static_cast<const char*>(values) + j * static_cast<int64_t>(sizeof(U)), sizeof(U));
      return b;
    };
    constexpr int64_t kAhead = 16;
    // Room for n new values up front: no growth (which would move slots) inside the loop.
    while ((static_cast<size_t>(size_) + static_cast<size_t>(n)) * 2 >= slots_.size()) {
      grow();
    }
    size_t mask = slots_.size() - 1;
    tags_.resize(static_cast<size_t>(n));
    for (int64_t j = 0; j < n; ++j) {
      tags_[static_cast<size_t>(j)] = static_cast<uint32_t>(mix(static_cast<uint64_t>(bitsAt(j))));
    }
    for (int64_t j = 0; j < std::min(n, kAhead); ++j) {
      __builtin_prefetch(&slots_[tags_[static_cast<size_t>(j)] & mask]);
    }
    for (int64_t j = 0; j < n; ++j) {
      if (j + kAhead < n) {
        __builtin_prefetch(&slots_[tags_[static_cast<size_t>(j + kAhead)] & mask]);
      }
      out[j] = probe(bitsAt(j), tags_[static_cast<size_t>(j)], mask);
    }
  }

  /// The index of the value with the given bytes (any width), inserting it.
  uint32_t lookup(const uint8_t* p, size_t n);

  uint32_t size() const { return size_; }

  /// Value `i`'s bytes.
  std::string_view value(uint32_t i) const {
    if (fixedWidth_ > 0) {
      return std::string_view(bytes_).substr(static_cast<size_t>(i) * fixedWidth_, static_cast<size_t>(fixedWidth_));
    }
    return std::string_view(bytes_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }

  /// The size of the PLAIN-encoded dictionary page body.
  int64_t encodedSize() const {
    return static_cast<int64_t>(bytes_.size() + (fixedWidth_ == 0 ? 4 * static_cast<size_t>(size_) : 0));
  }

  /// Fixed width: the values back to back (the PLAIN dictionary page body).
  const std::string& rawBytes() const { return bytes_; }

  void clear();

 private:
  /// Finds or inserts `bits` (whose hash is `tag`); a free slot must exist.
  template <typename U>
  uint32_t probe(U bits, uint32_t tag, size_t mask) {
    static_assert(sizeof(U) == 4 || sizeof(U) == 8);
    const char* base = bytes_.data();
    for (size_t s = tag & mask;; s = (s + 1) & mask) {
      Slot& slot = slots_[s];
      if (slot.index < 0) {
        bytes_.append(reinterpret_cast<const char*>(&bits), sizeof(U));
        slot = Slot{tag, static_cast<int32_t>(size_)};
        return size_++;
      }
      if (slot.tag == tag) {
        U x;
        std::memcpy(&x, base + static_cast<size_t>(slot.index) * sizeof(U), sizeof(U));
        if (x == bits) {
          return static_cast<uint32_t>(slot.index);
        }
      }
    }
  }

  struct Slot {
    uint32_t tag;   // the value's hash; its low bits are the home slot
    int32_t index;  // -1: empty
  };

  static uint64_t mix(uint64_t v) {
    v ^= v >> 33;
    v *= 0xff51afd7ed558ccdULL;
    v ^= v >> 33;
    v *= 0xc4ceb9fe1a85ec53ULL;
    return v ^ (v >> 33);
  }

  uint64_t hash(const uint8_t* p, size_t n) const;

  void reserveSlot() {
    if (static_cast<size_t>(size_) * 2 >= slots_.size()) {
      grow();
    }
  }

  void grow();

  int fixedWidth_;
  std::string bytes_;
  std::vector<uint32_t> offsets_;  // BYTE_ARRAY: start of each value (plus end)
  std::vector<Slot> slots_;
  std::vector<uint32_t> tags_;  // lookupFixedMany's hashes
  uint32_t size_ = 0;
};

}  // namespace rivulet::parquet
