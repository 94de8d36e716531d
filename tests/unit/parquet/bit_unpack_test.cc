// unpackValues (whole groups unrolled per bit width, then value by value) against values
// packed bit by bit, for every width, several counts and buffers that end right after the data.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "rivulet/formats/parquet/encoding/bit_unpack.h"

namespace rivulet::parquet {
namespace {

std::vector<uint8_t> pack(const std::vector<uint64_t>& values, int width) {
  std::vector<uint8_t> out((values.size() * static_cast<size_t>(width) + 7) / 8, 0);
  uint64_t bit = 0;
  for (uint64_t v : values) {
    for (int b = 0; b < width; ++b, ++bit) {
      if ((v >> b) & 1) {
        out[bit / 8] = static_cast<uint8_t>(out[bit / 8] | (1u << (bit % 8)));
      }
    }
  }
  return out;
}

TEST(BitUnpackTest, EveryWidthMatchesBitByBitPacking) {
  uint64_t s = 12345;
  for (int width = 1; width <= 32; ++width) {
    for (int64_t n : {1, 7, 8, 9, 63, 64, 1000, 1024}) {
      std::vector<uint64_t> values(static_cast<size_t>(n));
      for (auto& v : values) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        v = (s >> 17) & ((uint64_t{1} << width) - 1);
      }
      // Exactly the packed bytes, so the last groups must take the careful path.
      std::vector<uint8_t> packed = pack(values, width);
      std::vector<uint32_t> out(static_cast<size_t>(n), 0xDEADBEEF);
      unpackValues(packed.data(), packed.data() + packed.size(), width, out.data(), n);
      for (int64_t i = 0; i < n; ++i) {
        ASSERT_EQ(out[static_cast<size_t>(i)], values[static_cast<size_t>(i)])
            << "width " << width << ", n " << n << ", value " << i;
      }
    }
  }
}

TEST(BitUnpackTest, ReadsZerosPastTheEnd) {
  std::vector<uint8_t> packed = {0xFF};
  std::vector<int16_t> out(16, -1);
  unpackValues(packed.data(), packed.data() + packed.size(), 1, out.data(), 16);
  for (int i = 0; i < 16; ++i) {
    EXPECT_EQ(out[static_cast<size_t>(i)], i < 8 ? 1 : 0) << i;
  }
}

}  // namespace
}  // namespace rivulet::parquet
