// Decoders for DELTA_BINARY_PACKED (int32/int64), DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY.
// Each decodes in chunks, checks every length against its input, and never allocates by a
// count the data claims.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rivulet::parquet {

class DeltaBinaryPackedDecoder {
 public:
  /// Parses the stream header at `data`; the stream may be followed by other bytes.
  void init(const uint8_t* data, size_t size);

  /// Values in the stream, as its header says.
  int64_t totalValues() const { return total_; }

  /// Decodes up to n values (as int32 with 32-bit wrap-around, or int64).
  template <typename T>
  int64_t decode(T* out, int64_t n);

  /// The byte just past the stream, found by walking block headers (no decoding).
  const uint8_t* streamEnd() const;

 private:
  bool loadMiniblock();

  const uint8_t* begin_ = nullptr;
  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
  const uint8_t* afterHeader_ = nullptr;
  uint64_t blockSize_ = 0;
  uint64_t miniblocks_ = 0;
  uint64_t perMiniblock_ = 0;
  int64_t total_ = 0;
  int64_t emitted_ = 0;
  uint64_t last_ = 0;
  bool firstPending_ = false;
  // Current block.
  uint64_t minDelta_ = 0;
  std::vector<uint8_t> widths_;
  uint64_t miniblockIndex_ = 0;
  // Current miniblock.
  const uint8_t* mbData_ = nullptr;
  const uint8_t* mbEnd_ = nullptr;
  int mbWidth_ = 0;
  uint64_t mbPos_ = 0;
  uint64_t mbCount_ = 0;
};

/// DELTA_LENGTH_BYTE_ARRAY: lengths (delta-packed) then the concatenated bytes.
class DeltaLengthByteArrayDecoder {
 public:
  void init(const uint8_t* data, size_t size);

  /// Decodes up to n values as views into the input.
  int64_t decode(std::string_view* out, int64_t n);

  /// The byte just past the last value decoded so far.
  const uint8_t* position() const { return data_; }

 private:
  DeltaBinaryPackedDecoder lengths_;
  const uint8_t* data_ = nullptr;
  const uint8_t* end_ = nullptr;
  std::vector<int32_t> lengthBuf_;
};

/// DELTA_BYTE_ARRAY: prefix lengths, then suffixes as DELTA_LENGTH_BYTE_ARRAY; each value is
/// the previous value's prefix plus its suffix.
class DeltaByteArrayDecoder {
 public:
  void init(const uint8_t* data, size_t size);

  /// Decodes up to n values; the views stay valid until the next call.
  int64_t decode(std::string_view* out, int64_t n);

 private:
  DeltaBinaryPackedDecoder prefixes_;
  DeltaLengthByteArrayDecoder suffixes_;
  std::string previous_;
  std::string arena_;
  std::vector<int32_t> prefixBuf_;
  std::vector<std::string_view> suffixBuf_;
  std::vector<uint64_t> ends_;
};

}  // namespace rivulet::parquet
