// pageCrc against zlib's crc32 (an independent implementation) at every length around the
// folding boundaries, at every misalignment, and on a large page.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

#include "rivulet/formats/parquet/compression/codec.h"

namespace rivulet::parquet {
namespace {

std::vector<uint8_t> pseudoRandomBytes(size_t n) {
  std::vector<uint8_t> v(n);
  uint64_t s = 0x9E3779B97F4A7C15ULL;
  for (auto& b : v) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    b = static_cast<uint8_t>(s >> 24);
  }
  return v;
}

uint32_t zlibCrc(const uint8_t* p, size_t n) {
  return static_cast<uint32_t>(crc32(crc32(0L, Z_NULL, 0), p, static_cast<uInt>(n)));
}

TEST(PageCrcTest, KnownValue) {
  std::string s = "123456789";
  EXPECT_EQ(pageCrc(reinterpret_cast<const uint8_t*>(s.data()), s.size()), 0xCBF43926u);
  EXPECT_EQ(pageCrc(nullptr, 0), 0u);
}

TEST(PageCrcTest, EveryLengthAndOffsetMatchesZlib) {
  auto data = pseudoRandomBytes(1024);
  for (size_t offset = 0; offset < 16; ++offset) {
    for (size_t n = 0; n + offset <= 400; ++n) {
      ASSERT_EQ(pageCrc(data.data() + offset, n), zlibCrc(data.data() + offset, n))
          << "length " << n << " at offset " << offset;
    }
  }
}

TEST(PageCrcTest, LargePagesMatchZlib) {
  auto data = pseudoRandomBytes(3 << 20);
  for (size_t n : {size_t{1} << 20, (size_t{3} << 20) - 17}) {
    EXPECT_EQ(pageCrc(data.data(), n), zlibCrc(data.data(), n)) << n;
  }
  std::vector<uint8_t> zeros(100000, 0);
  std::vector<uint8_t> ones(100000, 0xFF);
  EXPECT_EQ(pageCrc(zeros.data(), zeros.size()), zlibCrc(zeros.data(), zeros.size()));
  EXPECT_EQ(pageCrc(ones.data(), ones.size()), zlibCrc(ones.data(), ones.size()));
}

}  // namespace
}  // namespace rivulet::parquet
