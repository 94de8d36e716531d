// pageCrc: CRC-32 of the zlib polynomial. Long inputs are folded 64 bytes at a time with
// carry-less multiplication (PCLMULQDQ) when the CPU has it, which is several times faster
// than zlib's table-driven crc32; the folded 16-byte remainder and the tail go through zlib.
//
// Folding: in the bit-reflected order of this CRC a 16-byte block X = H·x^64 + L that is
// followed by D more bits contributes X·x^D, which is congruent modulo the polynomial to
// H·(x^(D+64) mod P) + L·(x^D mod P), a value of at most 96 bits that is added into the block
// D bits later. A reflected carry-less product carries one extra factor x, so the constants are
// x^(e-1) mod P, bit-reflected into the upper half of a 64-bit word.
#include <zlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "rivulet/formats/parquet/compression/codec.h"

namespace rivulet::parquet {

namespace {

uint32_t zlibCrc(uint32_t crc, const uint8_t* data, size_t size) {
  uLong c = crc;
  while (size > 0) {
    uInt n = size > (1u << 30) ? (1u << 30) : static_cast<uInt>(size);
    c = crc32(c, data, n);
    data += n;
    size -= n;
  }
  return static_cast<uint32_t>(c);
}

#if defined(__x86_64__)

// x^(e-1) mod P, reflected: for e = 576, 512 (folding across 64 bytes) and 192, 128 (16 bytes).
constexpr long long kX576 = 0x653d982200000000LL;
constexpr long long kX512 = static_cast<long long>(0xcad38e8f00000000ULL);
constexpr long long kX192 = 0x65673b4600000000LL;
constexpr long long kX128 = static_cast<long long>(0x9ba54c6f00000000ULL);

__attribute__((target("pclmul,sse4.1"))) inline __m128i fold(__m128i x, __m128i k, __m128i next) {
  // Low lane (H) times the low constant, high lane (L) times the high constant.
  __m128i h = _mm_clmulepi64_si128(x, k, 0x00);
  __m128i l = _mm_clmulepi64_si128(x, k, 0x11);
  return _mm_xor_si128(_mm_xor_si128(h, l), next);
}

__attribute__((target("pclmul,sse4.1"))) uint32_t foldedCrc(const uint8_t* p, size_t size) {
  auto load = [](const uint8_t* q) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q)); };
  const __m128i k64 = _mm_set_epi64x(kX512, kX576);
  const __m128i k16 = _mm_set_epi64x(kX128, kX192);
  // The initial register value ~0 is the same as inverting the first 32 bits of the data.
  __m128i x0 = _mm_xor_si128(load(p), _mm_cvtsi32_si128(-1));
  __m128i x1 = load(p + 16);
  __m128i x2 = load(p + 32);
  __m128i x3 = load(p + 48);
  size_t pos = 64;
  for (; size - pos >= 64; pos += 64) {
    x0 = fold(x0, k64, load(p + pos));
    x1 = fold(x1, k64, load(p + pos + 16));
    x2 = fold(x2, k64, load(p + pos + 32));
    x3 = fold(x3, k64, load(p + pos + 48));
  }
  __m128i x = fold(fold(fold(x0, k16, x1), k16, x2), k16, x3);
  for (; size - pos >= 16; pos += 16) {
    x = fold(x, k16, load(p + pos));
  }
  alignas(16) uint8_t rest[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(rest), x);
  // The remainder block with a zero register, then the tail.
  uint32_t crc = zlibCrc(0xFFFFFFFFu, rest, 16);
  return zlibCrc(crc, p + pos, size - pos);
}

bool hasPclmul() {
  static const bool has = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return has;
}

#endif

}  // namespace

uint32_t pageCrc(const uint8_t* data, size_t size) {
#if defined(__x86_64__)
  if (size >= 64 && hasPclmul()) {
    return foldedCrc(data, size);
  }
#endif
  return zlibCrc(0, data, size);
}

}  // namespace rivulet::parquet
