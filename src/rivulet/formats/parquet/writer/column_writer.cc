#include "rivulet/formats/parquet/writer/column_writer.h"

#include <cmath>
#include <cstring>
#include <functional>

#include "rivulet/formats/parquet/compression/codec.h"
#include "rivulet/formats/parquet/encoding/bit_unpack.h"
#include "rivulet/formats/parquet/encoding/rle_encoder.h"

namespace rivulet::parquet {

namespace {

constexpr int64_t kJulianEpochDay = 2440588;
constexpr int64_t kMicrosPerDay = 86'400'000'000LL;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int physicalFixedWidth(const LeafDescriptor& d) {
  switch (d.physical) {
    case PhysicalType::kBoolean: return 1;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kFixedLenByteArray: return d.typeLength;
    case PhysicalType::kByteArray: return 0;
  }
  return 0;
}

void putU32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

}  // namespace

ColumnWriter::ColumnWriter(const LeafDescriptor& leaf, const WriterOptions& options)
    : leaf_(leaf),
      options_(options),
      fixedWidth_(physicalFixedWidth(leaf)),
      dict_(leaf.physical == PhysicalType::kByteArray ? 0 : physicalFixedWidth(leaf)) {
  useDictionary_ = options_.dictionary && leaf_.physical != PhysicalType::kBoolean;
}

void ColumnWriter::updateStats(const uint8_t* p, size_t n) {
  auto less = [&](const std::string& a, const uint8_t* b) -> int {
    switch (leaf_.physical) {
      case PhysicalType::kBoolean: return static_cast<int>(static_cast<uint8_t>(a[0])) - b[0];
      case PhysicalType::kInt32: {
        int32_t x, y;
        std::memcpy(&x, a.data(), 4);
        std::memcpy(&y, b, 4);
        return x < y ? -1 : x > y;
      }
      case PhysicalType::kInt64: {
        int64_t x, y;
        std::memcpy(&x, a.data(), 8);
        std::memcpy(&y, b, 8);
        return x < y ? -1 : x > y;
      }
      case PhysicalType::kFloat: {
        float x, y;
        std::memcpy(&x, a.data(), 4);
        std::memcpy(&y, b, 4);
        return x < y ? -1 : x > y;
      }
      case PhysicalType::kDouble: {
        double x, y;
        std::memcpy(&x, a.data(), 8);
        std::memcpy(&y, b, 8);
        return x < y ? -1 : x > y;
      }
      case PhysicalType::kFixedLenByteArray: {
        // Big-endian two's complement decimals: compare the sign first, then the bytes.
        bool na = (static_cast<uint8_t>(a[0]) & 0x80) != 0;
        bool nb = (b[0] & 0x80) != 0;
        if (na != nb) {
          return na ? -1 : 1;
        }
        return std::memcmp(a.data(), b, a.size());
      }
      default: {
        std::string_view x(a);
        std::string_view y(reinterpret_cast<const char*>(b), n);
        int r = x.compare(y);
        return r < 0 ? -1 : r > 0;
      }
    }
  };
  if (leaf_.physical == PhysicalType::kInt96) {
    return;
  }
  if (leaf_.physical == PhysicalType::kFloat || leaf_.physical == PhysicalType::kDouble) {
    double d;
    if (leaf_.physical == PhysicalType::kFloat) {
      float f;
      std::memcpy(&f, p, 4);
      d = f;
    } else {
      std::memcpy(&d, p, 8);
    }
    if (std::isnan(d)) {
      return;
    }
  }
  if (!hasMinMax_) {
    min_.assign(reinterpret_cast<const char*>(p), n);
    max_ = min_;
    hasMinMax_ = true;
    return;
  }
  if (less(min_, p) > 0) {
    min_.assign(reinterpret_cast<const char*>(p), n);
  } else if (less(max_, p) < 0) {
    max_.assign(reinterpret_cast<const char*>(p), n);
  }
}

void ColumnWriter::beforeRecord() {
  if (pageEntries_ > 0) {
    int64_t estimate = static_cast<int64_t>(plain_.size()) +
                       static_cast<int64_t>(indices_.size()) * std::max(1, bitWidthOf(dict_.size())) / 8 +
                       static_cast<int64_t>(def_.size() + rep_.size()) / 4;
    if (estimate >= options_.pageSize || pageRows_ >= options_.pageRowLimit) {
      flushPage();
    }
  }
  if (useDictionary_ && dict_.encodedSize() > options_.dictionaryPageSize) {
    // The dictionary outgrew its limit: finish this page with it, continue in PLAIN.
    flushPage();
    useDictionary_ = false;
  }
}

void ColumnWriter::putLevels(int16_t def, int16_t rep) {
  if (rep == 0) {
    beforeRecord();
  }
  if (leaf_.maxDef > 0) {
    def_.push_back(def);
  }
  if (leaf_.maxRep > 0) {
    rep_.push_back(rep);
  }
  ++pageEntries_;
  ++chunkValues_;
  if (rep == 0) {
    ++pageRows_;
  }
}

void ColumnWriter::put(const uint8_t* p, size_t n) {
  updateStats(p, n);
  if (useDictionary_) {
    indices_.push_back(dict_.lookup(p, n));
    return;
  }
  if (leaf_.physical == PhysicalType::kBoolean) {
    if (boolBits_ % 8 == 0) {
      plain_.push_back(0);
    }
    plain_.back() = static_cast<char>(plain_.back() | ((p[0] & 1) << (boolBits_ % 8)));
    ++boolBits_;
    return;
  }
  if (fixedWidth_ == 0) {
    putU32(plain_, static_cast<uint32_t>(n));
  }
  plain_.append(reinterpret_cast<const char*>(p), n);
}

void ColumnWriter::addNull(int16_t def, int16_t rep) {
  putLevels(def, rep);
  ++nullCount_;
}

void ColumnWriter::addValue(const Vector& v, int64_t row, int16_t def, int16_t rep) {
  putLevels(def, rep);
  uint8_t buf[16];
  switch (leaf_.kind) {
    case ValueKind::kBool:
      buf[0] = v.values<uint8_t>()[row] != 0;
      put(buf, 1);
      return;
    case ValueKind::kInt8: {
      int32_t x = v.values<int8_t>()[row];
      put(reinterpret_cast<const uint8_t*>(&x), 4);
      return;
    }
    case ValueKind::kInt16: {
      int32_t x = v.values<int16_t>()[row];
      put(reinterpret_cast<const uint8_t*>(&x), 4);
      return;
    }
    case ValueKind::kInt32:
    case ValueKind::kFloat:
      put(reinterpret_cast<const uint8_t*>(v.values<int32_t>() + row), 4);
      return;
    case ValueKind::kInt64:
    case ValueKind::kTimestampMicros:
    case ValueKind::kDouble:
      put(reinterpret_cast<const uint8_t*>(v.values<int64_t>() + row), 8);
      return;
    case ValueKind::kTimestampMillis: {
      int64_t x = floorDiv(v.values<int64_t>()[row], 1000);
      put(reinterpret_cast<const uint8_t*>(&x), 8);
      return;
    }
    case ValueKind::kTimestampInt96: {
      int64_t micros = v.values<int64_t>()[row];
      int64_t day = floorDiv(micros, kMicrosPerDay);
      int64_t nanos = (micros - day * kMicrosPerDay) * 1000;
      auto julian = static_cast<int32_t>(day + kJulianEpochDay);
      std::memcpy(buf, &nanos, 8);
      std::memcpy(buf + 8, &julian, 4);
      put(buf, 12);
      return;
    }
    case ValueKind::kDecimal32: {
      auto x = static_cast<int32_t>(v.values<__int128>()[row]);
      put(reinterpret_cast<const uint8_t*>(&x), 4);
      return;
    }
    case ValueKind::kDecimal64: {
      auto x = static_cast<int64_t>(v.values<__int128>()[row]);
      put(reinterpret_cast<const uint8_t*>(&x), 8);
      return;
    }
    case ValueKind::kDecimalFixed: {
      auto x = static_cast<unsigned __int128>(v.values<__int128>()[row]);
      int n = fixedWidth_;
      for (int i = n - 1; i >= 0; --i) {
        buf[i] = static_cast<uint8_t>(x & 0xFF);
        x >>= 8;
      }
      put(buf, static_cast<size_t>(n));
      return;
    }
    case ValueKind::kBytes: {
      std::string_view s = v.stringAt(row);
      put(reinterpret_cast<const uint8_t*>(s.data()), s.size());
      return;
    }
  }
}

void ColumnWriter::addColumn(const Vector& v, int64_t n) {
  if (addColumnBulk(v, n)) {
    return;
  }
  auto def = static_cast<int16_t>(leaf_.maxDef);
  if (!v.mayHaveNulls()) {
    for (int64_t i = 0; i < n; ++i) {
      addValue(v, i, def, 0);
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    if (v.isNull(i)) {
      addNull(0, 0);
    } else {
      addValue(v, i, def, 0);
    }
  }
}

int64_t ColumnWriter::bufferedBytes() const {
  return static_cast<int64_t>(pages_.size() + plain_.size() + indices_.size() + dict_.rawBytes().size() +
                              (def_.size() + rep_.size()) / 4);
}

void ColumnWriter::appendPage(PageType type, const std::string& body, int32_t numValues, Encoding encoding) {
  compressed_.clear();
  compress(options_.codec, reinterpret_cast<const uint8_t*>(body.data()), body.size(), compressed_);
  PageHeader h;
  h.type = type;
  h.uncompressedPageSize = static_cast<int32_t>(body.size());
  h.compressedPageSize = static_cast<int32_t>(compressed_.size());
  if (options_.writeChecksums) {
    h.crc = static_cast<int32_t>(pageCrc(reinterpret_cast<const uint8_t*>(compressed_.data()), compressed_.size()));
  }
  if (type == PageType::kDictionaryPage) {
    h.dictionaryPageHeader = DictionaryPageHeader{numValues, encoding, false};
  } else {
    DataPageHeader d;
    d.numValues = numValues;
    d.encoding = encoding;
    d.definitionLevelEncoding = Encoding::kRle;
    d.repetitionLevelEncoding = Encoding::kRle;
    h.dataPageHeader = d;
  }
  headerBytes_.clear();
  encodePageHeader(h, headerBytes_);
  uncompressedBytes_ += static_cast<int64_t>(headerBytes_.size() + body.size());
  pages_.append(headerBytes_);
  pages_.append(compressed_);
}

void ColumnWriter::flushPage() {
  if (pageEntries_ == 0) {
    return;
  }
  scratch_.clear();
  auto levels = [&](const std::vector<int16_t>& l, int16_t maxLevel) {
    size_t at = scratch_.size();
    putU32(scratch_, 0);
    rleEncode(l.data(), static_cast<int64_t>(l.size()), bitWidthOf(static_cast<uint64_t>(maxLevel)), scratch_);
    auto len = static_cast<uint32_t>(scratch_.size() - at - 4);
    std::memcpy(scratch_.data() + at, &len, 4);
  };
  if (leaf_.maxRep > 0) {
    levels(rep_, leaf_.maxRep);
  }
  if (leaf_.maxDef > 0) {
    levels(def_, leaf_.maxDef);
  }
  Encoding encoding;
  if (useDictionary_) {
    int width = std::max(1, bitWidthOf(dict_.size() > 0 ? dict_.size() - 1 : 0));
    scratch_.push_back(static_cast<char>(width));
    rleEncode(indices_.data(), static_cast<int64_t>(indices_.size()), width, scratch_);
    encoding = Encoding::kPlainDictionary;
    usedDictionary_ = true;
  } else {
    scratch_.append(plain_);
    encoding = Encoding::kPlain;
    usedPlain_ = true;
  }
  appendPage(PageType::kDataPage, scratch_, static_cast<int32_t>(pageEntries_), encoding);
  def_.clear();
  rep_.clear();
  indices_.clear();
  plain_.clear();
  boolBits_ = 0;
  pageEntries_ = 0;
  pageRows_ = 0;
}

void ColumnWriter::finishChunk(std::string& out, int64_t fileOffset, ColumnChunk& chunk) {
  flushPage();
  ColumnMetaData m;
  m.type = leaf_.physical;
  m.pathInSchema = leaf_.path;
  m.codec = options_.codec;
  m.numValues = chunkValues_;
  size_t start = out.size();
  if (usedDictionary_) {
    std::string body;
    if (fixedWidth_ > 0) {
      body = dict_.rawBytes();
    } else {
      for (uint32_t i = 0; i < dict_.size(); ++i) {
        std::string_view v = dict_.value(i);
        putU32(body, static_cast<uint32_t>(v.size()));
        body.append(v);
      }
    }
    PageBuffer dataPages;
    dataPages.swap(pages_);
    appendPage(PageType::kDictionaryPage, body, static_cast<int32_t>(dict_.size()), Encoding::kPlainDictionary);
    m.dictionaryPageOffset = fileOffset;
    for (const auto& block : pages_.blocks()) {
      out.append(block);
    }
    pages_.swap(dataPages);
    m.encodings.push_back(Encoding::kPlainDictionary);
  }
  m.dataPageOffset = fileOffset + static_cast<int64_t>(out.size() - start);
  if (usedPlain_ || !usedDictionary_) {
    m.encodings.push_back(Encoding::kPlain);
  }
  m.encodings.push_back(Encoding::kRle);
  m.totalCompressedSize = static_cast<int64_t>(out.size() - start + pages_.size());
  m.totalUncompressedSize = uncompressedBytes_;
  if (leaf_.physical != PhysicalType::kInt96) {
    Statistics s;
    s.nullCount = nullCount_;
    if (hasMinMax_) {
      if (leaf_.physical == PhysicalType::kFloat || leaf_.physical == PhysicalType::kDouble) {
        // The format asks for -0.0 as a zero minimum and +0.0 as a zero maximum.
        auto fix = [&](std::string& v, bool negative) {
          if (leaf_.physical == PhysicalType::kFloat) {
            float f;
            std::memcpy(&f, v.data(), 4);
            if (f == 0) {
              f = negative ? -0.0f : 0.0f;
              std::memcpy(v.data(), &f, 4);
            }
          } else {
            double d;
            std::memcpy(&d, v.data(), 8);
            if (d == 0) {
              d = negative ? -0.0 : 0.0;
              std::memcpy(v.data(), &d, 8);
            }
          }
        };
        fix(min_, true);
        fix(max_, false);
      }
      s.minValue = min_;
      s.maxValue = max_;
      if (leaf_.physical != PhysicalType::kByteArray && leaf_.physical != PhysicalType::kFixedLenByteArray) {
        s.min = min_;
        s.max = max_;
      }
    }
    m.statistics = s;
  }
  chunk.fileOffset = fileOffset;
  chunk.metaData = std::move(m);
  // Reset for the next row group (the data pages stay until clearDataPages()).
  chunkValues_ = 0;
  uncompressedBytes_ = 0;
  usedDictionary_ = usedPlain_ = false;
  nullCount_ = 0;
  hasMinMax_ = false;
  dict_.clear();
  useDictionary_ = options_.dictionary && leaf_.physical != PhysicalType::kBoolean;
}

}  // namespace rivulet::parquet
