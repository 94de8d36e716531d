#include "rivulet/formats/parquet/reader/value_decoder.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "rivulet/common/error.h"
#include "rivulet/formats/parquet/encoding/bit_unpack.h"

namespace rivulet::parquet {

namespace {

constexpr int64_t kChunk = 1024;
constexpr int64_t kJulianEpochDay = 2440588;

[[noreturn]] void corrupt(const std::string& what) { throwUserError("FAILED_READ_FILE", what); }

int physicalWidth(const LeafConversion& c) {
  switch (c.physical) {
    case PhysicalType::kBoolean: return 1;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kFixedLenByteArray: return c.typeLength;
    case PhysicalType::kByteArray: return 0;
  }
  return 0;
}

bool isIdentity(const LeafConversion& c) {
  TypeId t = c.target->id();
  switch (c.physical) {
    case PhysicalType::kBoolean: return t == TypeId::kBoolean;
    case PhysicalType::kInt32:
      return (t == TypeId::kInt && (c.source == SourceKind::kPlain ||
                                   (c.source == SourceKind::kSigned && c.bitWidth == 32) ||
                                   (c.source == SourceKind::kUnsigned && c.bitWidth < 32))) ||
             (t == TypeId::kDate && (c.source == SourceKind::kDate || c.source == SourceKind::kPlain));
    case PhysicalType::kInt64:
      return (t == TypeId::kLong && (c.source == SourceKind::kPlain || c.source == SourceKind::kSigned)) ||
             (t == TypeId::kTimestamp && (c.source == SourceKind::kPlain ||
                                          (c.source == SourceKind::kTimestamp && c.unit == TimeUnit::kMicros)));
    case PhysicalType::kFloat: return t == TypeId::kFloat;
    case PhysicalType::kDouble: return t == TypeId::kDouble;
    default: return false;
  }
}

__int128 pow10(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) {
    r *= 10;
  }
  return r;
}

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

float halfToFloat(uint16_t h) {
  uint32_t sign = (h >> 15) & 1;
  uint32_t exp = (h >> 10) & 0x1F;
  uint32_t mant = h & 0x3FF;
  float v;
  if (exp == 0) {
    v = std::ldexp(static_cast<float>(mant), -24);
  } else if (exp == 31) {
    v = mant == 0 ? INFINITY : NAN;
  } else {
    v = std::ldexp(static_cast<float>(mant | 0x400), static_cast<int>(exp) - 25);
  }
  return sign ? -v : v;
}

__int128 decimalFromBytes(std::string_view b) {
  if (b.empty()) {
    return 0;
  }
  const auto* p = reinterpret_cast<const uint8_t*>(b.data());
  size_t n = b.size();
  bool negative = (p[0] & 0x80) != 0;
  if (n > 16) {
    uint8_t fill = negative ? 0xFF : 0x00;
    for (size_t i = 0; i < n - 16; ++i) {
      if (p[i] != fill) {
        corrupt("Decimal value of " + std::to_string(n) + " bytes does not fit 128 bits");
      }
    }
    p += n - 16;
    n = 16;
  }
  unsigned __int128 v = negative ? ~static_cast<unsigned __int128>(0) : 0;
  for (size_t i = 0; i < n; ++i) {
    v = (v << 8) | p[i];
  }
  return static_cast<__int128>(v);
}

void appendUuid(std::string_view b, Buffer& bytes) {
  static const char* hex = "0123456789abcdef";
  char s[36];
  int o = 0;
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      s[o++] = '-';
    }
    auto c = static_cast<uint8_t>(b[i]);
    s[o++] = hex[c >> 4];
    s[o++] = hex[c & 15];
  }
  bytes.append(s, 36);
}

}  // namespace

ValueDecoder::ValueDecoder(const LeafConversion& conversion)
    : conv_(conversion), physicalWidth_(physicalWidth(conversion)), identity_(isIdentity(conversion)) {}

void ValueDecoder::truncated(int64_t wanted) const {
  corrupt("Page values end early: " + std::to_string(wanted) + " more " +
          physicalTypeName(conv_.physical) + " values needed, " + std::to_string(end_ - p_) +
          " bytes left (" + encodingName(encoding_) + ")");
}

void ValueDecoder::setDictionary(const uint8_t* data, size_t size, int64_t numValues) {
  if (numValues < 0) {
    corrupt("Dictionary page has a negative value count " + std::to_string(numValues));
  }
  // Every value takes at least its width (a 4-byte length for BYTE_ARRAY).
  int64_t minBytes = conv_.physical == PhysicalType::kByteArray ? 4
                     : conv_.physical == PhysicalType::kBoolean ? 0
                                                                : physicalWidth_;
  if (minBytes > 0 && numValues > static_cast<int64_t>(size) / minBytes) {
    corrupt("Dictionary page claims " + std::to_string(numValues) + " values but holds only " +
            std::to_string(size) + " bytes");
  }
  dictionary_ = Vector::make(conv_.target, 0);
  startPage(Encoding::kPlain, data, size);
  decode(numValues, *dictionary_);
  dictionary_->clearNulls();
}

void ValueDecoder::startPage(Encoding encoding, const uint8_t* data, size_t size) {
  encoding_ = encoding;
  data_ = p_ = data;
  end_ = data + size;
  boolBit_ = 0;
  switch (encoding) {
    case Encoding::kPlain:
      return;
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      if (!dictionary_) {
        corrupt(std::string("Data page uses ") + encodingName(encoding) +
                " but the column chunk has no dictionary page");
      }
      if (size < 1) {
        corrupt("Dictionary-encoded page has no bit-width byte");
      }
      rle_.init(data + 1, size - 1, data[0]);
      return;
    }
    case Encoding::kRle: {
      if (conv_.physical != PhysicalType::kBoolean) {
        break;
      }
      if (size < 4) {
        corrupt("RLE boolean page lacks its 4-byte length");
      }
      uint32_t len;
      std::memcpy(&len, data, 4);
      if (len > size - 4) {
        corrupt("RLE boolean length " + std::to_string(len) + " exceeds the page's " +
                std::to_string(size - 4) + " bytes");
      }
      rle_.init(data + 4, len, 1);
      return;
    }
    case Encoding::kDeltaBinaryPacked:
      if (conv_.physical != PhysicalType::kInt32 && conv_.physical != PhysicalType::kInt64) {
        break;
      }
      delta_.init(data, size);
      return;
    case Encoding::kDeltaLengthByteArray:
      if (conv_.physical != PhysicalType::kByteArray) {
        break;
      }
      deltaLength_.init(data, size);
      return;
    case Encoding::kDeltaByteArray:
      if (conv_.physical != PhysicalType::kByteArray &&
          conv_.physical != PhysicalType::kFixedLenByteArray) {
        break;
      }
      deltaBytes_.init(data, size);
      return;
    case Encoding::kByteStreamSplit:
      if (physicalWidth_ == 0 || conv_.physical == PhysicalType::kBoolean ||
          conv_.physical == PhysicalType::kInt96) {
        break;
      }
      splitCount_ = static_cast<int64_t>(size) / physicalWidth_;
      splitIndex_ = 0;
      return;
    default:
      break;
  }
  corrupt(std::string("Unsupported encoding ") + encodingName(encoding) + " (id " +
          std::to_string(static_cast<int>(encoding)) + ") for " + physicalTypeName(conv_.physical) +
          " values");
}

template <typename P>
int64_t ValueDecoder::decodePhysical(P* dst, int64_t n) {
  switch (encoding_) {
    case Encoding::kPlain: {
      if (conv_.physical == PhysicalType::kBoolean) {
        uint64_t avail = static_cast<uint64_t>(end_ - data_) * 8 - boolBit_;
        if (static_cast<uint64_t>(n) > avail) {
          truncated(n);
        }
        auto* out = reinterpret_cast<uint8_t*>(dst);
        int64_t i = 0;
        if ((boolBit_ & 7) == 0) {
          unpackValues(data_ + (boolBit_ >> 3), end_, 1, out, n);
          i = n;
          boolBit_ += static_cast<uint64_t>(n);
        }
        for (; i < n; ++i, ++boolBit_) {
          out[i] = (data_[boolBit_ >> 3] >> (boolBit_ & 7)) & 1;
        }
        return n;
      }
      size_t bytes = static_cast<size_t>(n) * physicalWidth_;
      if (static_cast<size_t>(end_ - p_) < bytes) {
        truncated(n);
      }
      std::memcpy(dst, p_, bytes);
      p_ += bytes;
      return n;
    }
    case Encoding::kRle:
      if (rle_.decode(reinterpret_cast<uint8_t*>(dst), n) != n) {
        truncated(n);
      }
      return n;
    case Encoding::kDeltaBinaryPacked:
      if constexpr (std::is_same_v<P, int32_t> || std::is_same_v<P, int64_t>) {
        if (delta_.decode(dst, n) != n) {
          truncated(n);
        }
        return n;
      }
      break;
    case Encoding::kByteStreamSplit: {
      if (splitIndex_ + n > splitCount_) {
        truncated(n);
      }
      auto* out = reinterpret_cast<uint8_t*>(dst);
      int w = physicalWidth_;
      for (int64_t i = 0; i < n; ++i) {
        for (int b = 0; b < w; ++b) {
          out[i * w + b] = data_[b * splitCount_ + splitIndex_ + i];
        }
      }
      splitIndex_ += n;
      return n;
    }
    default:
      break;
  }
  corrupt(std::string("Unsupported encoding ") + encodingName(encoding_) + " for " +
          physicalTypeName(conv_.physical) + " values");
}

int64_t ValueDecoder::decodeViews(std::string_view* dst, int64_t n) {
  switch (encoding_) {
    case Encoding::kPlain:
      if (conv_.physical == PhysicalType::kByteArray) {
        for (int64_t i = 0; i < n; ++i) {
          if (end_ - p_ < 4) {
            truncated(n - i);
          }
          uint32_t len;
          std::memcpy(&len, p_, 4);
          p_ += 4;
          if (len > static_cast<uint64_t>(end_ - p_)) {
            corrupt("BYTE_ARRAY value length " + std::to_string(len) + " exceeds the " +
                    std::to_string(end_ - p_) + " bytes left in the page");
          }
          dst[i] = std::string_view(reinterpret_cast<const char*>(p_), len);
          p_ += len;
        }
        return n;
      }
      if (static_cast<uint64_t>(end_ - p_) < static_cast<uint64_t>(n) * physicalWidth_) {
        truncated(n);
      }
      for (int64_t i = 0; i < n; ++i) {
        dst[i] = std::string_view(reinterpret_cast<const char*>(p_), static_cast<size_t>(physicalWidth_));
        p_ += physicalWidth_;
      }
      return n;
    case Encoding::kDeltaLengthByteArray:
      if (deltaLength_.decode(dst, n) != n) {
        truncated(n);
      }
      return n;
    case Encoding::kDeltaByteArray:
      if (deltaBytes_.decode(dst, n) != n) {
        truncated(n);
      }
      if (conv_.physical == PhysicalType::kFixedLenByteArray) {
        for (int64_t i = 0; i < n; ++i) {
          if (dst[i].size() != static_cast<size_t>(physicalWidth_)) {
            corrupt("FIXED_LEN_BYTE_ARRAY value has " + std::to_string(dst[i].size()) +
                    " bytes, expected " + std::to_string(physicalWidth_));
          }
        }
      }
      return n;
    case Encoding::kByteStreamSplit: {
      // Regroup the split bytes into scratch, then view them.
      size_t bytes = static_cast<size_t>(n) * physicalWidth_;
      scratch_.resize(bytes);
      decodePhysical(scratch_.data(), n);
      for (int64_t i = 0; i < n; ++i) {
        dst[i] = std::string_view(reinterpret_cast<const char*>(scratch_.data()) + i * physicalWidth_,
                                  static_cast<size_t>(physicalWidth_));
      }
      return n;
    }
    default:
      break;
  }
  corrupt(std::string("Unsupported encoding ") + encodingName(encoding_) + " for byte arrays");
}

void ValueDecoder::decode(int64_t n, Vector& out) {
  int64_t at = out.size();
  out.resize(at + n);
  if (encoding_ == Encoding::kPlainDictionary || encoding_ == Encoding::kRleDictionary) {
    decodeDictionaryIndices(n, out);
    return;
  }
  decodeAndConvert(n, out, at);
}

void ValueDecoder::decodeAndConvert(int64_t n, Vector& out, int64_t at) {
  bool views = conv_.physical == PhysicalType::kByteArray ||
               conv_.physical == PhysicalType::kFixedLenByteArray;
  for (int64_t done = 0; done < n;) {
    int64_t k = std::min(kChunk, n - done);
    if (views) {
      views_.resize(static_cast<size_t>(k));
      decodeViews(views_.data(), k);
      convertChunk(views_.data(), k, out, at + done);
    } else if (identity_) {
      uint8_t* dst = out.valueBuffer().data() + (at + done) * out.type()->fixedWidth();
      if (physicalWidth_ == 4) {
        decodePhysical(reinterpret_cast<int32_t*>(dst), k);
      } else if (physicalWidth_ == 8) {
        decodePhysical(reinterpret_cast<int64_t*>(dst), k);
      } else {
        decodePhysical(dst, k);
      }
    } else {
      if (scratch_.size() < static_cast<size_t>(k * physicalWidth_)) {
        scratch_.resize(static_cast<size_t>(kChunk * physicalWidth_));
      }
      if (conv_.physical == PhysicalType::kInt32 || conv_.physical == PhysicalType::kFloat) {
        decodePhysical(reinterpret_cast<int32_t*>(scratch_.data()), k);
      } else if (conv_.physical == PhysicalType::kInt64 || conv_.physical == PhysicalType::kDouble) {
        decodePhysical(reinterpret_cast<int64_t*>(scratch_.data()), k);
      } else {
        decodePhysical(scratch_.data(), k);
      }
      convertChunk(scratch_.data(), k, out, at + done);
    }
    done += k;
  }
}

void ValueDecoder::convertChunk(const void* physical, int64_t n, Vector& out, int64_t at) {
  TypeId t = conv_.target->id();
  __int128 scale = pow10(conv_.rescale);
  bool unsignedSrc = conv_.source == SourceKind::kUnsigned;
  switch (conv_.physical) {
    case PhysicalType::kBoolean: {
      std::memcpy(out.values<uint8_t>() + at, physical, static_cast<size_t>(n));
      return;
    }
    case PhysicalType::kInt32: {
      const auto* s = static_cast<const int32_t*>(physical);
      for (int64_t i = 0; i < n; ++i) {
        int64_t v = unsignedSrc ? static_cast<int64_t>(static_cast<uint32_t>(s[i])) : s[i];
        switch (t) {
          case TypeId::kByte: out.values<int8_t>()[at + i] = static_cast<int8_t>(v); break;
          case TypeId::kShort: out.values<int16_t>()[at + i] = static_cast<int16_t>(v); break;
          case TypeId::kInt:
          case TypeId::kDate: out.values<int32_t>()[at + i] = static_cast<int32_t>(v); break;
          case TypeId::kLong:
            if (conv_.source == SourceKind::kTime && conv_.unit == TimeUnit::kMillis) {
              v *= 1000;
            }
            out.values<int64_t>()[at + i] = v;
            break;
          case TypeId::kDecimal: out.values<__int128>()[at + i] = static_cast<__int128>(v) * scale; break;
          case TypeId::kDouble: out.values<double>()[at + i] = static_cast<double>(v); break;
          default: break;
        }
      }
      return;
    }
    case PhysicalType::kInt64: {
      const auto* s = static_cast<const int64_t*>(physical);
      bool timeLike = conv_.source == SourceKind::kTime || conv_.source == SourceKind::kTimestamp;
      for (int64_t i = 0; i < n; ++i) {
        int64_t v = s[i];
        if (t == TypeId::kDecimal) {
          __int128 d = unsignedSrc ? static_cast<__int128>(static_cast<uint64_t>(v)) : v;
          out.values<__int128>()[at + i] = d * scale;
          continue;
        }
        if (timeLike) {
          v = conv_.unit == TimeUnit::kMillis ? v * 1000
              : conv_.unit == TimeUnit::kNanos ? floorDiv(v, 1000)
                                               : v;
        }
        out.values<int64_t>()[at + i] = v;
      }
      return;
    }
    case PhysicalType::kInt96: {
      const auto* s = static_cast<const uint8_t*>(physical);
      for (int64_t i = 0; i < n; ++i) {
        int64_t nanos;
        int32_t julian;
        std::memcpy(&nanos, s + i * 12, 8);
        std::memcpy(&julian, s + i * 12 + 8, 4);
        // Wrapping arithmetic (as the JVM computes it): a damaged day number cannot overflow.
        uint64_t days = static_cast<uint64_t>(static_cast<int64_t>(julian) - kJulianEpochDay);
        out.values<int64_t>()[at + i] =
            static_cast<int64_t>(days * 86'400'000'000ULL + static_cast<uint64_t>(floorDiv(nanos, 1000)));
      }
      return;
    }
    case PhysicalType::kFloat: {
      const auto* s = static_cast<const float*>(physical);
      for (int64_t i = 0; i < n; ++i) {
        if (t == TypeId::kDouble) {
          out.values<double>()[at + i] = s[i];
        } else {
          out.values<float>()[at + i] = s[i];
        }
      }
      return;
    }
    case PhysicalType::kDouble:
      std::memcpy(out.values<double>() + at, physical, static_cast<size_t>(n) * 8);
      return;
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray: {
      const auto* s = static_cast<const std::string_view*>(physical);
      if (t == TypeId::kString || t == TypeId::kBinary) {
        int64_t* offsets = out.offsets();
        Buffer& bytes = out.bytes();
        bool uuid = conv_.source == SourceKind::kUuid && t == TypeId::kString;
        for (int64_t i = 0; i < n; ++i) {
          if (uuid) {
            appendUuid(s[i], bytes);
          } else {
            bytes.append(s[i].data(), s[i].size());
          }
          offsets[at + i + 1] = static_cast<int64_t>(bytes.size());
        }
        return;
      }
      for (int64_t i = 0; i < n; ++i) {
        if (t == TypeId::kDecimal) {
          out.values<__int128>()[at + i] = decimalFromBytes(s[i]) * scale;
        } else {
          uint16_t h = static_cast<uint16_t>(static_cast<uint8_t>(s[i][0]) |
                                             (static_cast<uint8_t>(s[i][1]) << 8));
          float f = halfToFloat(h);
          if (t == TypeId::kDouble) {
            out.values<double>()[at + i] = f;
          } else {
            out.values<float>()[at + i] = f;
          }
        }
      }
      return;
    }
  }
}

void ValueDecoder::decodeDictionaryIndices(int64_t n, Vector& out) {
  int64_t at = out.size() - n;
  const Vector& dict = *dictionary_;
  auto dictSize = static_cast<uint32_t>(dict.size());
  bool varWidth = !dict.type()->isFixedWidth();
  int width = varWidth ? 0 : dict.type()->fixedWidth();
  indices_.resize(static_cast<size_t>(std::min(kChunk, n)));
  for (int64_t done = 0; done < n;) {
    int64_t k = std::min(kChunk, n - done);
    if (rle_.decode(indices_.data(), k) != k) {
      corrupt("Dictionary-encoded page has fewer indices than values (" + std::to_string(n - done) +
              " missing)");
    }
    uint32_t maxIndex = 0;
    for (int64_t i = 0; i < k; ++i) {
      maxIndex = std::max(maxIndex, indices_[static_cast<size_t>(i)]);
    }
    if (maxIndex >= dictSize) {
      corrupt("Dictionary index " + std::to_string(maxIndex) + " is out of range for a dictionary of " +
              std::to_string(dictSize) + " values");
    }
    int64_t base = at + done;
    if (varWidth) {
      int64_t* offsets = out.offsets();
      const int64_t* dictOffsets = dict.offsets();
      const uint8_t* dictBytes = dict.bytes().data();
      Buffer& bytes = out.bytes();
      size_t total = 0;
      for (int64_t i = 0; i < k; ++i) {
        uint32_t d = indices_[static_cast<size_t>(i)];
        total += static_cast<size_t>(dictOffsets[d + 1] - dictOffsets[d]);
      }
      size_t at = bytes.size();
      bytes.resize(at + total);
      uint8_t* dst = bytes.data() + at;
      auto end = static_cast<int64_t>(at);
      for (int64_t i = 0; i < k; ++i) {
        uint32_t d = indices_[static_cast<size_t>(i)];
        auto len = static_cast<size_t>(dictOffsets[d + 1] - dictOffsets[d]);
        if (len != 0) {
          std::memcpy(dst, dictBytes + dictOffsets[d], len);
          dst += len;
        }
        end += static_cast<int64_t>(len);
        offsets[base + i + 1] = end;
      }
    } else {
      auto gatherAs = [&](auto* dst, const auto* src) {
        for (int64_t i = 0; i < k; ++i) {
          dst[base + i] = src[indices_[static_cast<size_t>(i)]];
        }
      };
      switch (width) {
        case 1: gatherAs(out.values<uint8_t>(), dict.values<uint8_t>()); break;
        case 2: gatherAs(out.values<uint16_t>(), dict.values<uint16_t>()); break;
        case 4: gatherAs(out.values<uint32_t>(), dict.values<uint32_t>()); break;
        case 8: gatherAs(out.values<uint64_t>(), dict.values<uint64_t>()); break;
        case 16: gatherAs(out.values<__int128>(), dict.values<__int128>()); break;
        default: throwInternalError("unexpected fixed width " + std::to_string(width));
      }
    }
    done += k;
  }
}

}  // namespace rivulet::parquet
