#include "rivulet/formats/parquet/encoding/rle_encoder.h"

#include <cstring>

namespace rivulet::parquet {

namespace {

void putVarint(uint64_t v, std::string& out) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

template <typename T>
int64_t runLength(const T* v, int64_t i, int64_t n) {
  int64_t j = i + 1;
  while (j < n && v[j] == v[i]) {
    ++j;
  }
  return j - i;
}

}  // namespace

template <typename T>
void rleEncode(const T* v, int64_t n, int bitWidth, std::string& out) {
  int valueBytes = (bitWidth + 7) / 8;
  int64_t i = 0;
  while (i < n) {
    int64_t run = runLength(v, i, n);
    if (run >= 8) {
      putVarint(static_cast<uint64_t>(run) << 1, out);
      uint64_t value = static_cast<uint64_t>(v[i]);
      for (int b = 0; b < valueBytes; ++b) {
        out.push_back(static_cast<char>((value >> (8 * b)) & 0xFF));
      }
      i += run;
      continue;
    }
    int64_t start = i;
    int64_t groups = 0;
    while (i < n && groups < (1 << 20)) {
      if (i != start && runLength(v, i, n) >= 8) {
        break;
      }
      i += 8;
      ++groups;
    }
    putVarint((static_cast<uint64_t>(groups) << 1) | 1, out);
    // Eight values of bitWidth bits take exactly bitWidth bytes. Bit widths are at most 32,
    // so the accumulator never holds more than 63 bits.
    size_t at = out.size();
    out.resize(at + static_cast<size_t>(groups) * static_cast<size_t>(bitWidth));
    char* dst = out.data() + at;
    uint64_t acc = 0;
    int accBits = 0;
    int64_t end = start + groups * 8;
    for (int64_t k = start; k < end; ++k) {
      uint64_t value = k < n ? static_cast<uint64_t>(v[k]) : 0;
      acc |= value << accBits;
      accBits += bitWidth;
      if (accBits >= 32) {
        auto word = static_cast<uint32_t>(acc);
        std::memcpy(dst, &word, 4);
        dst += 4;
        acc >>= 32;
        accBits -= 32;
      }
    }
    for (; accBits > 0; accBits -= 8) {
      *dst++ = static_cast<char>(acc & 0xFF);
      acc >>= 8;
    }
    if (i > n) {
      i = n;
    }
  }
}

template void rleEncode<int16_t>(const int16_t*, int64_t, int, std::string&);
template void rleEncode<uint32_t>(const uint32_t*, int64_t, int, std::string&);

}  // namespace rivulet::parquet
