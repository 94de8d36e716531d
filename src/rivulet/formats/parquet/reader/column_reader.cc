#include "rivulet/formats/parquet/reader/column_reader.h"

#include <algorithm>
#include <cstring>

#include "rivulet/common/error.h"
#include "rivulet/common/error_context.h"
#include "rivulet/formats/parquet/encoding/bit_unpack.h"

namespace rivulet::parquet {

namespace {

constexpr int64_t kLevelChunk = 1024;
/// Values a single page may claim; more is treated as corruption (it would only be legal for
/// pages of billions of nulls, which no writer produces).
constexpr int64_t kMaxPageValues = int64_t{1} << 28;

[[noreturn]] void corrupt(const std::string& what) { throwUserError("FAILED_READ_FILE", what); }

uint64_t chunkStart(const ColumnMetaData& m) {
  int64_t start = m.dataPageOffset;
  if (m.dictionaryPageOffset && *m.dictionaryPageOffset > 0 && *m.dictionaryPageOffset < start) {
    start = *m.dictionaryPageOffset;
  }
  if (start < 0) {
    corrupt("Column chunk has a negative page offset " + std::to_string(start));
  }
  return static_cast<uint64_t>(start);
}

const ColumnMetaData& metaOf(const ColumnChunk& chunk, const std::string& path) {
  if (chunk.encrypted) {
    throwUserError("UNSUPPORTED_FEATURE",
                   "Parquet column '" + path + "' is encrypted (Parquet modular encryption is not supported)");
  }
  if (!chunk.metaData) {
    corrupt("Column chunk of '" + path + "' has no metadata");
  }
  if (chunk.filePath) {
    throwUserError("UNSUPPORTED_FEATURE",
                   "Parquet column '" + path + "' is stored in another file (" + *chunk.filePath + ")");
  }
  const ColumnMetaData& m = *chunk.metaData;
  if (m.totalCompressedSize < 0 || m.numValues < 0) {
    corrupt("Column chunk of '" + path + "' has negative sizes");
  }
  return m;
}

/// The first level outside [0, maxLevel], or 0 when all are inside (a branch-free scan first,
/// so that the common case vectorises).
int16_t firstOutside(const int16_t* levels, int64_t n, int16_t maxLevel) {
  int16_t lo = 0;
  int16_t hi = 0;
  for (int64_t i = 0; i < n; ++i) {
    lo = std::min(lo, levels[i]);
    hi = std::max(hi, levels[i]);
  }
  if (lo >= 0 && hi <= maxLevel) {
    return 0;
  }
  for (int64_t i = 0; i < n; ++i) {
    if (levels[i] < 0 || levels[i] > maxLevel) {
      return levels[i];
    }
  }
  return 0;
}

/// Moves the values of entries [0, n) of `def`, decoded densely at row `at` of `v`, to their
/// entries' rows (backwards, in place), and marks the entries below `maxDef` null.
template <typename T>
void spreadFixed(const int16_t* def, int64_t n, int16_t maxDef, T* values, uint64_t* validity, int64_t at) {
  int64_t vi = 0;
  for (int64_t i = 0; i < n; ++i) {
    vi += def[i] == maxDef;
  }
  for (int64_t i = n - 1; i >= 0; --i) {
    if (def[i] == maxDef) {
      values[i] = values[--vi];
    } else {
      values[i] = T{};
      validity[(at + i) >> 6] &= ~(uint64_t{1} << ((at + i) & 63));
    }
  }
}

void spreadNulls(const int16_t* def, int64_t n, int16_t maxDef, int64_t at, Vector& v) {
  v.resize(at + n);
  uint64_t* validity = v.mutableValidity();
  if (!v.type()->isFixedWidth()) {
    // Dense end offsets o[1..nonNull] become one end offset per entry.
    int64_t* o = v.offsets() + at;
    int64_t vi = 0;
    for (int64_t i = 0; i < n; ++i) {
      vi += def[i] == maxDef;
    }
    for (int64_t i = n - 1; i >= 0; --i) {
      o[i + 1] = o[vi];
      if (def[i] == maxDef) {
        --vi;
      } else {
        validity[(at + i) >> 6] &= ~(uint64_t{1} << ((at + i) & 63));
      }
    }
    return;
  }
  uint8_t* base = v.valueBuffer().data();
  switch (v.type()->fixedWidth()) {
    case 1: spreadFixed(def, n, maxDef, base + at, validity, at); return;
    case 2: spreadFixed(def, n, maxDef, reinterpret_cast<uint16_t*>(base) + at, validity, at); return;
    case 4: spreadFixed(def, n, maxDef, reinterpret_cast<uint32_t*>(base) + at, validity, at); return;
    case 8: spreadFixed(def, n, maxDef, reinterpret_cast<uint64_t*>(base) + at, validity, at); return;
    case 16: spreadFixed(def, n, maxDef, reinterpret_cast<unsigned __int128*>(base) + at, validity, at); return;
    default: throwInternalError("unexpected fixed width " + std::to_string(v.type()->fixedWidth()));
  }
}

}  // namespace

void LevelDecoder::initRle(const uint8_t* data, size_t size, int bitWidth) {
  bitPacked_ = false;
  rle_.init(data, size, bitWidth);
}

void LevelDecoder::initBitPacked(const uint8_t* data, size_t size, int bitWidth) {
  bitPacked_ = true;
  data_ = data;
  size_ = size;
  bitWidth_ = bitWidth;
  bit_ = 0;
}

int64_t LevelDecoder::decode(int16_t* out, int64_t n) {
  if (!bitPacked_) {
    return rle_.decode(out, n);
  }
  // Deprecated BIT_PACKED levels: most significant bit first.
  uint64_t totalBits = static_cast<uint64_t>(size_) * 8;
  int64_t i = 0;
  for (; i < n && bit_ + static_cast<uint64_t>(bitWidth_) <= totalBits; ++i) {
    int v = 0;
    for (int b = 0; b < bitWidth_; ++b, ++bit_) {
      v = (v << 1) | ((data_[bit_ >> 3] >> (7 - (bit_ & 7))) & 1);
    }
    out[i] = static_cast<int16_t>(v);
  }
  return i;
}

ColumnReader::ColumnReader(const RandomAccessFile& file, const ColumnChunk& chunk, int16_t maxDef,
                           int16_t maxRep, const LeafConversion& conversion,
                           const PageReaderOptions& options, std::string columnPath)
    : maxDef_(maxDef), maxRep_(maxRep), conversion_(conversion), path_(std::move(columnPath)), values_(conversion) {
  const ColumnMetaData& m = metaOf(chunk, path_);
  if (m.type != conversion.physical) {
    corrupt("Column chunk of '" + path_ + "' has physical type " + physicalTypeName(m.type) +
            " but the schema says " + physicalTypeName(conversion.physical));
  }
  chunkValues_ = m.numValues;
  pages_ = std::make_unique<PageReader>(file, chunkStart(m), static_cast<uint64_t>(m.totalCompressedSize),
                                        m.codec, m.numValues, options);
}

int64_t ColumnReader::read(int64_t maxRecords, LeafBatch& out) {
  return withErrorContext(
      [&] {
        return "reading column '" + path_ + "', page " + std::to_string(pages_->pageIndex()) +
               " at offset " + std::to_string(pages_->pageOffset());
      },
      [&] { return readImpl(maxRecords, out); });
}

bool ColumnReader::nextDataPage() {
  Page page;
  while (pages_->next(page)) {
    if (page.header.type == PageType::kDictionaryPage) {
      if (values_.hasDictionary()) {
        corrupt("Column chunk has a second dictionary page");
      }
      const auto& d = *page.header.dictionaryPageHeader;
      if (d.encoding != Encoding::kPlain && d.encoding != Encoding::kPlainDictionary) {
        corrupt(std::string("Dictionary page encoding ") + encodingName(d.encoding) + " is not PLAIN");
      }
      values_.setDictionary(page.data, page.size, d.numValues);
      continue;
    }
    startDataPage(page);
    return true;
  }
  return false;
}

void ColumnReader::startDataPage(const Page& page) {
  const uint8_t* p = page.data;
  const uint8_t* end = page.data + page.size;
  int defWidth = bitWidthOf(static_cast<uint64_t>(maxDef_));
  int repWidth = bitWidthOf(static_cast<uint64_t>(maxRep_));
  int64_t numValues;
  Encoding encoding;
  if (page.header.type == PageType::kDataPageV2) {
    const auto& h = *page.header.dataPageHeaderV2;
    numValues = h.numValues;
    encoding = h.encoding;
    auto repLen = static_cast<size_t>(h.repetitionLevelsByteLength);
    auto defLen = static_cast<size_t>(h.definitionLevelsByteLength);
    repDecoder_.initRle(p, repLen, repWidth);
    defDecoder_.initRle(p + repLen, defLen, defWidth);
    p += repLen + defLen;
  } else {
    const auto& h = *page.header.dataPageHeader;
    numValues = h.numValues;
    encoding = h.encoding;
    auto initLevels = [&](LevelDecoder& d, Encoding e, int width, const char* what) {
      if (e == Encoding::kBitPacked) {
        uint64_t bytes = (static_cast<uint64_t>(std::max<int64_t>(numValues, 0)) * width + 7) / 8;
        if (bytes > static_cast<uint64_t>(end - p)) {
          corrupt(std::string("BIT_PACKED ") + what + " levels run past the page");
        }
        d.initBitPacked(p, bytes, width);
        p += bytes;
        return;
      }
      if (end - p < 4) {
        corrupt(std::string("Page too short for its ") + what + " level length");
      }
      uint32_t len;
      std::memcpy(&len, p, 4);
      p += 4;
      if (len > static_cast<uint64_t>(end - p)) {
        corrupt(std::string(what) + " levels of " + std::to_string(len) + " bytes exceed the " +
                std::to_string(end - p) + " bytes left in the page");
      }
      d.initRle(p, len, width);
      p += len;
    };
    if (maxRep_ > 0) {
      initLevels(repDecoder_, h.repetitionLevelEncoding, repWidth, "repetition");
    }
    if (maxDef_ > 0) {
      initLevels(defDecoder_, h.definitionLevelEncoding, defWidth, "definition");
    }
  }
  if (numValues < 0 || numValues > kMaxPageValues) {
    corrupt("Data page claims " + std::to_string(numValues) + " values");
  }
  values_.startPage(encoding, p, static_cast<size_t>(end - p));
  pageValuesLeft_ = numValues;
}

bool ColumnReader::fillLevels() {
  while (pageValuesLeft_ == 0) {
    if (!nextDataPage()) {
      return false;
    }
  }
  int64_t k = std::min(kLevelChunk, pageValuesLeft_);
  levelPos_ = 0;
  levelCount_ = k;
  pageValuesLeft_ -= k;
  if (maxRep_ > 0) {
    levelRep_.resize(static_cast<size_t>(k));
    if (repDecoder_.decode(levelRep_.data(), k) != k) {
      corrupt("Data page has fewer repetition levels than its " + std::to_string(k) + " values");
    }
    if (int16_t bad = firstOutside(levelRep_.data(), k, maxRep_); bad != 0) {
      corrupt("Repetition level " + std::to_string(bad) + " exceeds the column's maximum " +
              std::to_string(maxRep_));
    }
    if (entriesRead_ == 0 && levelRep_[0] != 0) {
      corrupt("The column chunk's first repetition level is " + std::to_string(levelRep_[0]) +
              ", expected 0 (a record cannot start inside a list)");
    }
  }
  if (maxDef_ > 0) {
    levelDef_.resize(static_cast<size_t>(k));
    if (defDecoder_.decode(levelDef_.data(), k) != k) {
      corrupt("Data page has fewer definition levels than its " + std::to_string(k) + " values");
    }
    if (int16_t bad = firstOutside(levelDef_.data(), k, maxDef_); bad != 0) {
      corrupt("Definition level " + std::to_string(bad) + " exceeds the column's maximum " +
              std::to_string(maxDef_));
    }
  }
  return true;
}

int64_t ColumnReader::readImpl(int64_t maxRecords, LeafBatch& out) {
  out.def.clear();
  out.rep.clear();
  out.numEntries = 0;
  out.numRecords = 0;
  out.placed = maxRep_ == 0 && maxDef_ > 0;
  if (maxRep_ == 0) {
    // One value per record: allocate the batch once, for no more rows than the batch and the
    // chunk hold (a smaller claimed count only means the vector grows).
    int64_t rows = std::min(maxRecords, std::max<int64_t>(chunkValues_ - entriesRead_, 0));
    out.values = Vector::make(conversion_.target, rows);
    out.values->resize(0);
  } else {
    out.values = Vector::make(conversion_.target, 0);
  }
  if (!conversion_.target->isFixedWidth()) {
    out.values->bytes().reserve(lastBytes_);
  }
  bool boundary = false;
  while (!boundary) {
    if (levelPos_ == levelCount_ && !fillLevels()) {
      break;
    }
    int64_t take;
    if (maxRep_ == 0) {
      take = std::min(levelCount_ - levelPos_, maxRecords - out.numRecords);
      out.numRecords += take;
      boundary = out.numRecords == maxRecords;
    } else {
      take = 0;
      const int16_t* rep = levelRep_.data() + levelPos_;
      for (int64_t i = 0; i < levelCount_ - levelPos_; ++i) {
        if (rep[i] == 0) {
          if (out.numRecords == maxRecords) {
            boundary = true;
            break;
          }
          ++out.numRecords;
        }
        ++take;
      }
      out.rep.insert(out.rep.end(), rep, rep + take);
    }
    int64_t nonNull = take;
    if (maxDef_ > 0) {
      const int16_t* def = levelDef_.data() + levelPos_;
      out.def.insert(out.def.end(), def, def + take);
      nonNull = 0;
      for (int64_t i = 0; i < take; ++i) {
        nonNull += def[i] == maxDef_;
      }
    }
    int64_t at = out.values->size();
    if (nonNull > 0) {
      values_.decode(nonNull, *out.values);
    }
    if (out.placed && nonNull < take) {
      spreadNulls(levelDef_.data() + levelPos_, take, maxDef_, at, *out.values);
    }
    levelPos_ += take;
    out.numEntries += take;
    entriesRead_ += take;
    if (take == 0 && !boundary) {
      break;
    }
  }
  if (!conversion_.target->isFixedWidth()) {
    lastBytes_ = out.values->bytes().size();
  }
  return out.numRecords;
}

}  // namespace rivulet::parquet
