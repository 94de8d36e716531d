// Little-endian bit unpacking shared by the RLE/bit-packed hybrid and DELTA_BINARY_PACKED
// decoders. Reads never go past `end`.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <utility>

namespace rivulet::parquet {

/// Reads the `bitWidth`-bit value (bitWidth ≤ 64) that starts at bit `bitOffset` of `data`;
/// bytes at or past `end` read as zero.
inline uint64_t unpackValue(const uint8_t* data, const uint8_t* end, uint64_t bitOffset, int bitWidth) {
  if (bitWidth == 0) {
    return 0;
  }
  const uint8_t* p = data + (bitOffset >> 3);
  int shift = static_cast<int>(bitOffset & 7);
  uint64_t lo = 0;
  size_t avail = p < end ? static_cast<size_t>(end - p) : 0;
  std::memcpy(&lo, p, avail >= 8 ? 8 : avail);
  uint64_t v = lo >> shift;
  if (shift + bitWidth > 64) {
    uint8_t hi = avail > 8 ? p[8] : 0;
    v |= static_cast<uint64_t>(hi) << (64 - shift);
  }
  if (bitWidth < 64) {
    v &= (uint64_t{1} << bitWidth) - 1;
  }
  return v;
}

namespace detail {

/// Unpacks whole groups of eight `W`-bit values (a group is W bytes) while every 8-byte load
/// stays before `end`; returns the number of values unpacked (a multiple of 8).
template <int W, typename T>
int64_t unpackGroups(const uint8_t* data, const uint8_t* end, T* out, int64_t n) {
  constexpr uint64_t kMask = (uint64_t{1} << W) - 1;
  // Group g loads bytes [g*W + (7*W)/8, g*W + (7*W)/8 + 8) last.
  constexpr int64_t kReach = (7 * W) / 8 + 8;
  int64_t avail = end - data;
  int64_t groups = avail >= kReach ? (avail - kReach) / W + 1 : 0;
  groups = std::min(groups, n / 8);
  for (int64_t g = 0; g < groups; ++g) {
    const uint8_t* p = data + g * W;
    T* o = out + g * 8;
    for (int j = 0; j < 8; ++j) {
      uint64_t w;
      std::memcpy(&w, p + (j * W) / 8, 8);
      o[j] = static_cast<T>((w >> ((j * W) & 7)) & kMask);
    }
  }
  return groups * 8;
}

template <typename T, int... W>
int64_t unpackGroupsDispatch(int bitWidth, const uint8_t* data, const uint8_t* end, T* out, int64_t n,
                             std::integer_sequence<int, W...>) {
  using Fn = int64_t (*)(const uint8_t*, const uint8_t*, T*, int64_t);
  static constexpr Fn kTable[] = {&unpackGroups<W + 1, T>...};
  return kTable[bitWidth - 1](data, end, out, n);
}

}  // namespace detail

/// Unpacks `n` values of `bitWidth` bits starting at bit 0 of `data` (which holds at least
/// ceil(n * bitWidth / 8) bytes before `end`, or reads zeros past it).
template <typename T>
void unpackValues(const uint8_t* data, const uint8_t* end, int bitWidth, T* out, int64_t n) {
  if (bitWidth == 0) {
    for (int64_t i = 0; i < n; ++i) {
      out[i] = 0;
    }
    return;
  }
  int64_t i = 0;
  if (bitWidth <= 32) {
    i = detail::unpackGroupsDispatch(bitWidth, data, end, out, n, std::make_integer_sequence<int, 32>());
  }
  uint64_t bit = static_cast<uint64_t>(i) * bitWidth;
  // Fast path while a full 8-byte load stays inside the buffer.
  if (bitWidth <= 56) {
    uint64_t mask = (uint64_t{1} << bitWidth) - 1;
    for (; i < n; ++i, bit += bitWidth) {
      const uint8_t* p = data + (bit >> 3);
      if (end - p < 8) {
        break;
      }
      uint64_t w;
      std::memcpy(&w, p, 8);
      out[i] = static_cast<T>((w >> (bit & 7)) & mask);
    }
  }
  for (; i < n; ++i, bit += bitWidth) {
    out[i] = static_cast<T>(unpackValue(data, end, bit, bitWidth));
  }
}

/// ULEB128 varint; returns false when truncated or longer than 10 bytes.
inline bool readUleb(const uint8_t*& p, const uint8_t* end, uint64_t& out) {
  uint64_t result = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (p >= end) {
      return false;
    }
    uint8_t b = *p++;
    result |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      out = result;
      return true;
    }
  }
  return false;
}

inline int bitWidthOf(uint64_t maxValue) { return static_cast<int>(std::bit_width(maxValue)); }

}  // namespace rivulet::parquet
