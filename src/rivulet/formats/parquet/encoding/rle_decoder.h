// RleDecoder: the RLE / bit-packed hybrid encoding of levels, dictionary indices and
// RLE booleans. Decodes in chunks; never reads past its input.
#pragma once

#include <cstdint>
#include <string>

namespace rivulet::parquet {

class RleDecoder {
 public:
  RleDecoder() = default;

  /// `bitWidth` in [0, 32]; throws a user error otherwise.
  RleDecoder(const uint8_t* data, size_t size, int bitWidth) { init(data, size, bitWidth); }

  void init(const uint8_t* data, size_t size, int bitWidth);

  /// Decodes up to `n` values; returns how many were decoded (fewer only at the end of the
  /// data). Throws a user error on a malformed run header.
  template <typename T>
  int64_t decode(T* out, int64_t n);

  /// Values of the current run still to come (for skipping / counting).
  bool atEnd() const { return rleLeft_ == 0 && packedLeft_ == 0 && p_ >= end_; }

 private:
  bool nextRun();

  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
  int bitWidth_ = 0;
  int64_t rleLeft_ = 0;
  uint64_t rleValue_ = 0;
  int64_t packedLeft_ = 0;
  const uint8_t* packed_ = nullptr;
  const uint8_t* packedEnd_ = nullptr;
  uint64_t packedBit_ = 0;
};

extern template int64_t RleDecoder::decode<int16_t>(int16_t*, int64_t);
extern template int64_t RleDecoder::decode<uint32_t>(uint32_t*, int64_t);
extern template int64_t RleDecoder::decode<uint8_t>(uint8_t*, int64_t);

}  // namespace rivulet::parquet
