#include "rivulet/formats/parquet/encoding/delta_decoder.h"

#include <algorithm>

#include "rivulet/common/error.h"
#include "rivulet/formats/parquet/encoding/bit_unpack.h"

namespace rivulet::parquet {

namespace {

[[noreturn]] void corrupt(const std::string& what) {
  throwUserError("FAILED_READ_FILE", "Malformed DELTA encoding: " + what);
}

uint64_t uleb(const uint8_t*& p, const uint8_t* end, const char* what) {
  uint64_t v;
  if (!readUleb(p, end, v)) {
    corrupt(std::string("truncated ") + what);
  }
  return v;
}

uint64_t zigzagDecode(uint64_t v) { return (v >> 1) ^ (~(v & 1) + 1); }

constexpr uint64_t kMaxBlockSize = uint64_t{1} << 20;

}  // namespace

void DeltaBinaryPackedDecoder::init(const uint8_t* data, size_t size) {
  begin_ = p_ = data;
  end_ = data + size;
  blockSize_ = uleb(p_, end_, "block size");
  miniblocks_ = uleb(p_, end_, "miniblock count");
  uint64_t total = uleb(p_, end_, "value count");
  last_ = zigzagDecode(uleb(p_, end_, "first value"));
  if (blockSize_ == 0 || blockSize_ % 128 != 0 || blockSize_ > kMaxBlockSize) {
    corrupt("block size " + std::to_string(blockSize_) + " is not a multiple of 128 up to 2^20");
  }
  if (miniblocks_ == 0 || blockSize_ % miniblocks_ != 0 || (blockSize_ / miniblocks_) % 32 != 0) {
    corrupt("miniblock count " + std::to_string(miniblocks_) + " does not divide block size " +
            std::to_string(blockSize_) + " into multiples of 32");
  }
  if (total > (uint64_t{1} << 40)) {
    corrupt("value count " + std::to_string(total) + " is implausible");
  }
  perMiniblock_ = blockSize_ / miniblocks_;
  total_ = static_cast<int64_t>(total);
  emitted_ = 0;
  firstPending_ = total_ > 0;
  afterHeader_ = p_;
  miniblockIndex_ = miniblocks_;
  mbCount_ = mbPos_ = 0;
  widths_.assign(miniblocks_, 0);
}

bool DeltaBinaryPackedDecoder::loadMiniblock() {
  if (miniblockIndex_ >= miniblocks_) {
    // Next block header: min delta and the miniblock widths.
    minDelta_ = zigzagDecode(uleb(p_, end_, "block min delta"));
    if (static_cast<uint64_t>(end_ - p_) < miniblocks_) {
      corrupt("truncated miniblock bit widths");
    }
    std::copy(p_, p_ + miniblocks_, widths_.begin());
    p_ += miniblocks_;
    miniblockIndex_ = 0;
  }
  int w = widths_[miniblockIndex_++];
  if (w > 64) {
    corrupt("miniblock bit width " + std::to_string(w) + " exceeds 64");
  }
  uint64_t bytes = perMiniblock_ * static_cast<uint64_t>(w) / 8;
  mbData_ = p_;
  // The last miniblock may be cut short; values past the end read as zero bits.
  mbEnd_ = static_cast<uint64_t>(end_ - p_) < bytes ? end_ : p_ + bytes;
  p_ = mbEnd_;
  mbWidth_ = w;
  mbPos_ = 0;
  mbCount_ = perMiniblock_;
  return true;
}

template <typename T>
int64_t DeltaBinaryPackedDecoder::decode(T* out, int64_t n) {
  using U = std::make_unsigned_t<T>;
  int64_t done = 0;
  n = std::min<int64_t>(n, total_ - emitted_);
  if (n > 0 && firstPending_) {
    out[done++] = static_cast<T>(static_cast<U>(last_));
    firstPending_ = false;
    ++emitted_;
  }
  while (done < n) {
    if (mbPos_ >= mbCount_) {
      if (p_ >= end_ && miniblockIndex_ >= miniblocks_) {
        corrupt("stream ends after " + std::to_string(emitted_) + " of " + std::to_string(total_) +
                " values");
      }
      loadMiniblock();
    }
    int64_t k = std::min<int64_t>(n - done, static_cast<int64_t>(mbCount_ - mbPos_));
    U acc = static_cast<U>(last_);
    U minDelta = static_cast<U>(minDelta_);
    for (int64_t i = 0; i < k; ++i) {
      uint64_t d = unpackValue(mbData_, mbEnd_, (mbPos_ + static_cast<uint64_t>(i)) * mbWidth_, mbWidth_);
      acc = static_cast<U>(acc + minDelta + static_cast<U>(d));
      out[done + i] = static_cast<T>(acc);
    }
    last_ = static_cast<uint64_t>(acc);
    mbPos_ += static_cast<uint64_t>(k);
    done += k;
    emitted_ += k;
  }
  return done;
}

template int64_t DeltaBinaryPackedDecoder::decode<int32_t>(int32_t*, int64_t);
template int64_t DeltaBinaryPackedDecoder::decode<int64_t>(int64_t*, int64_t);

const uint8_t* DeltaBinaryPackedDecoder::streamEnd() const {
  const uint8_t* p = afterHeader_;
  int64_t left = total_ > 0 ? total_ - 1 : 0;
  while (left > 0) {
    uleb(p, end_, "block min delta");
    if (static_cast<uint64_t>(end_ - p) < miniblocks_) {
      corrupt("truncated miniblock bit widths");
    }
    const uint8_t* widths = p;
    p += miniblocks_;
    for (uint64_t m = 0; m < miniblocks_ && left > 0; ++m) {
      if (widths[m] > 64) {
        corrupt("miniblock bit width exceeds 64");
      }
      uint64_t bytes = perMiniblock_ * widths[m] / 8;
      if (static_cast<uint64_t>(end_ - p) < bytes) {
        return end_;
      }
      p += bytes;
      left -= static_cast<int64_t>(std::min<uint64_t>(perMiniblock_, static_cast<uint64_t>(left)));
    }
  }
  return p;
}

void DeltaLengthByteArrayDecoder::init(const uint8_t* data, size_t size) {
  lengths_.init(data, size);
  data_ = lengths_.streamEnd();
  end_ = data + size;
}

int64_t DeltaLengthByteArrayDecoder::decode(std::string_view* out, int64_t n) {
  int64_t done = 0;
  while (done < n) {
    int64_t k = std::min<int64_t>(n - done, 1024);
    lengthBuf_.resize(static_cast<size_t>(k));
    k = lengths_.decode(lengthBuf_.data(), k);
    if (k == 0) {
      break;
    }
    for (int64_t i = 0; i < k; ++i) {
      int32_t len = lengthBuf_[static_cast<size_t>(i)];
      if (len < 0 || static_cast<int64_t>(end_ - data_) < len) {
        corrupt("byte array length " + std::to_string(len) + " exceeds the " +
                std::to_string(end_ - data_) + " bytes left");
      }
      out[done + i] = std::string_view(reinterpret_cast<const char*>(data_), static_cast<size_t>(len));
      data_ += len;
    }
    done += k;
  }
  return done;
}

void DeltaByteArrayDecoder::init(const uint8_t* data, size_t size) {
  prefixes_.init(data, size);
  const uint8_t* suffixStart = prefixes_.streamEnd();
  suffixes_.init(suffixStart, static_cast<size_t>(data + size - suffixStart));
  previous_.clear();
}

int64_t DeltaByteArrayDecoder::decode(std::string_view* out, int64_t n) {
  arena_.clear();
  ends_.clear();
  int64_t done = 0;
  while (done < n) {
    int64_t k = std::min<int64_t>(n - done, 1024);
    prefixBuf_.resize(static_cast<size_t>(k));
    suffixBuf_.resize(static_cast<size_t>(k));
    k = prefixes_.decode(prefixBuf_.data(), k);
    int64_t s = suffixes_.decode(suffixBuf_.data(), k);
    if (s != k) {
      corrupt("fewer suffixes (" + std::to_string(s) + ") than prefix lengths (" +
              std::to_string(k) + ")");
    }
    if (k == 0) {
      break;
    }
    for (int64_t i = 0; i < k; ++i) {
      int32_t prefix = prefixBuf_[static_cast<size_t>(i)];
      if (prefix < 0 || static_cast<size_t>(prefix) > previous_.size()) {
        corrupt("prefix length " + std::to_string(prefix) + " exceeds the previous value's " +
                std::to_string(previous_.size()) + " bytes");
      }
      previous_.resize(static_cast<size_t>(prefix));
      previous_.append(suffixBuf_[static_cast<size_t>(i)]);
      arena_.append(previous_);
      ends_.push_back(arena_.size());
    }
    done += k;
  }
  uint64_t start = 0;
  for (int64_t i = 0; i < done; ++i) {
    out[i] = std::string_view(arena_.data() + start, ends_[static_cast<size_t>(i)] - start);
    start = ends_[static_cast<size_t>(i)];
  }
  return done;
}

}  // namespace rivulet::parquet
