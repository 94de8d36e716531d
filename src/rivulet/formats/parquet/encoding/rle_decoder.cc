#include "rivulet/formats/parquet/encoding/rle_decoder.h"

#include <algorithm>

#include "rivulet/common/error.h"
#include "rivulet/formats/parquet/encoding/bit_unpack.h"

namespace rivulet::parquet {

void RleDecoder::init(const uint8_t* data, size_t size, int bitWidth) {
  if (bitWidth < 0 || bitWidth > 32) {
    throwUserError("FAILED_READ_FILE",
                   "Invalid RLE/bit-packed bit width " + std::to_string(bitWidth) +
                       " (expected 0..32)");
  }
  p_ = data;
  end_ = data + size;
  bitWidth_ = bitWidth;
  rleLeft_ = 0;
  packedLeft_ = 0;
}

bool RleDecoder::nextRun() {
  if (p_ >= end_) {
    return false;
  }
  uint64_t header;
  if (!readUleb(p_, end_, header)) {
    throwUserError("FAILED_READ_FILE", "Truncated RLE/bit-packed run header");
  }
  if (header & 1) {
    uint64_t groups = header >> 1;
    if (groups == 0) {
      return nextRun();
    }
    // A bit-packed run may be cut short at the end of the data: keep only whole values.
    uint64_t bytes = static_cast<uint64_t>(end_ - p_);
    uint64_t wanted = groups * static_cast<uint64_t>(bitWidth_);  // == groups*8 values * w / 8
    if (groups > (uint64_t{1} << 40)) {
      throwUserError("FAILED_READ_FILE", "RLE/bit-packed run claims too many values");
    }
    uint64_t values = groups * 8;
    if (wanted > bytes) {
      values = bitWidth_ == 0 ? values : bytes * 8 / static_cast<uint64_t>(bitWidth_);
      wanted = bytes;
    }
    packed_ = p_;
    packedEnd_ = p_ + wanted;
    packedBit_ = 0;
    packedLeft_ = static_cast<int64_t>(values);
    p_ += wanted;
  } else {
    uint64_t count = header >> 1;
    if (count > (uint64_t{1} << 40)) {
      throwUserError("FAILED_READ_FILE", "RLE run claims too many values");
    }
    int bytes = (bitWidth_ + 7) / 8;
    if (end_ - p_ < bytes) {
      throwUserError("FAILED_READ_FILE", "Truncated RLE run value");
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
      v |= static_cast<uint64_t>(p_[i]) << (8 * i);
    }
    p_ += bytes;
    if (bitWidth_ < 64 && (v >> bitWidth_) != 0) {
      throwUserError("FAILED_READ_FILE", "RLE run value " + std::to_string(v) +
                                             " does not fit bit width " + std::to_string(bitWidth_));
    }
    rleValue_ = v;
    rleLeft_ = static_cast<int64_t>(count);
    if (count == 0) {
      return nextRun();
    }
  }
  return true;
}

template <typename T>
int64_t RleDecoder::decode(T* out, int64_t n) {
  int64_t done = 0;
  while (done < n) {
    if (rleLeft_ > 0) {
      int64_t k = std::min(rleLeft_, n - done);
      std::fill(out + done, out + done + k, static_cast<T>(rleValue_));
      rleLeft_ -= k;
      done += k;
    } else if (packedLeft_ > 0) {
      int64_t k = std::min(packedLeft_, n - done);
      if ((packedBit_ & 7) == 0 && bitWidth_ > 0) {
        // Loads may read on into the rest of the data (never past it): the run's values all lie
        // before packedEnd_, and the bits beyond are masked off.
        unpackValues(packed_ + (packedBit_ >> 3), end_, bitWidth_, out + done, k);
      } else {
        for (int64_t i = 0; i < k; ++i) {
          out[done + i] = static_cast<T>(
              unpackValue(packed_, packedEnd_, packedBit_ + static_cast<uint64_t>(i) * bitWidth_,
                          bitWidth_));
        }
      }
      packedBit_ += static_cast<uint64_t>(k) * bitWidth_;
      packedLeft_ -= k;
      done += k;
    } else if (!nextRun()) {
      break;
    }
  }
  return done;
}

template int64_t RleDecoder::decode<int16_t>(int16_t*, int64_t);
template int64_t RleDecoder::decode<uint32_t>(uint32_t*, int64_t);
template int64_t RleDecoder::decode<uint8_t>(uint8_t*, int64_t);

}  // namespace rivulet::parquet
