// ValueDecoder: decodes the values section of data pages (PLAIN, dictionary indices, RLE
// booleans, the DELTA encodings, BYTE_STREAM_SPLIT) and converts the physical values to the
// leaf's Rivulet type, appending them densely (non-null values only) to a Vector.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "rivulet/columnar/vector.h"
#include "rivulet/formats/parquet/encoding/delta_decoder.h"
#include "rivulet/formats/parquet/encoding/rle_decoder.h"
#include "rivulet/formats/parquet/schema/read_plan.h"

namespace rivulet::parquet {

class ValueDecoder {
 public:
  explicit ValueDecoder(const LeafConversion& conversion);

  /// Decodes and converts a dictionary page (PLAIN or PLAIN_DICTIONARY encoded).
  void setDictionary(const uint8_t* data, size_t size, int64_t numValues);

  bool hasDictionary() const { return dictionary_ != nullptr; }

  /// Starts the values section of a data page.
  void startPage(Encoding encoding, const uint8_t* data, size_t size);

  /// Decodes the next `n` values of the page, appending them to `out` at `out->size()`.
  void decode(int64_t n, Vector& out);

 private:
  template <typename P>
  int64_t decodePhysical(P* dst, int64_t n);
  int64_t decodeViews(std::string_view* dst, int64_t n);
  void decodeDictionaryIndices(int64_t n, Vector& out);
  void decodeAndConvert(int64_t n, Vector& out, int64_t at);
  void convertChunk(const void* physical, int64_t n, Vector& out, int64_t at);
  [[noreturn]] void truncated(int64_t wanted) const;

  LeafConversion conv_;
  int physicalWidth_ = 0;
  bool identity_ = false;
  Encoding encoding_ = Encoding::kPlain;
  const uint8_t* data_ = nullptr;
  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
  // BYTE_STREAM_SPLIT: number of values in the stream and the next index.
  int64_t splitCount_ = 0;
  int64_t splitIndex_ = 0;
  uint64_t boolBit_ = 0;
  RleDecoder rle_;
  DeltaBinaryPackedDecoder delta_;
  DeltaLengthByteArrayDecoder deltaLength_;
  DeltaByteArrayDecoder deltaBytes_;
  VectorPtr dictionary_;
  std::vector<uint8_t> scratch_;
  std::vector<uint32_t> indices_;
  std::vector<std::string_view> views_;
};

}  // namespace rivulet::parquet
