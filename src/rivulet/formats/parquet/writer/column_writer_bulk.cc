// ColumnWriter's bulk path for flat columns: the values of a chunk of rows are converted to
// their physical type together, then counted into statistics, looked up in the dictionary or
// appended as PLAIN. Pages, dictionary fallback and statistics come out exactly as the
// value-by-value path makes them.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "rivulet/formats/parquet/encoding/bit_unpack.h"
#include "rivulet/formats/parquet/writer/column_writer.h"

namespace rivulet::parquet {

namespace {

constexpr int64_t kBulkRows = 4096;

bool validAt(const uint64_t* validity, int64_t i) {
  return validity == nullptr || ((validity[i >> 6] >> (i & 63)) & 1) != 0;
}

int64_t floorDiv1000(int64_t a) {
  int64_t q = a / 1000;
  return (a % 1000 != 0 && a < 0) ? q - 1 : q;
}

/// Writes the valid values of rows [i, i+k) of `src`, converted by `conv`, densely to `dst`;
/// returns how many there are.
template <typename P, typename S, typename Conv>
int64_t gatherValid(const S* src, const uint64_t* validity, int64_t i, int64_t k, P* dst, Conv conv) {
  if (validity == nullptr) {
    for (int64_t j = 0; j < k; ++j) {
      dst[j] = conv(src[i + j]);
    }
    return k;
  }
  int64_t c = 0;
  for (int64_t j = 0; j < k; ++j) {
    if (validAt(validity, i + j)) {
      dst[c++] = conv(src[i + j]);
    }
  }
  return c;
}

}  // namespace

template <typename Bytes>
int64_t ColumnWriter::bulkRows(int64_t maxRows, Bytes valueBytes) const {
  // beforeRecord() has run for the first row; rows 1..k-1 must not trigger it.
  int64_t k = std::max<int64_t>(1, std::min(maxRows, options_.pageRowLimit - pageRows_));
  for (; k > 1; k /= 2) {
    int64_t grow = valueBytes(k - 1);
    int64_t levels = static_cast<int64_t>(def_.size() + rep_.size()) + k - 1;
    int64_t estimate = static_cast<int64_t>(plain_.size()) + levels / 4;
    if (useDictionary_) {
      if (dict_.encodedSize() + grow > options_.dictionaryPageSize) {
        continue;
      }
      // The index width grows with the dictionary, by at most one value per row.
      int width = std::max(1, bitWidthOf(uint64_t{dict_.size()} + static_cast<uint64_t>(k)));
      estimate += (static_cast<int64_t>(indices_.size()) + k - 1) * width / 8;
    } else {
      estimate += grow;
    }
    if (estimate < options_.pageSize) {
      break;
    }
  }
  return k;
}

void ColumnWriter::addLevelsBulk(const uint64_t* validity, int64_t i, int64_t k, int64_t nonNull) {
  if (leaf_.maxDef > 0) {
    size_t at = def_.size();
    def_.resize(at + static_cast<size_t>(k));
    int16_t* d = def_.data() + at;
    if (validity == nullptr) {
      std::fill(d, d + k, leaf_.maxDef);
    } else {
      for (int64_t j = 0; j < k; ++j) {
        d[j] = validAt(validity, i + j) ? leaf_.maxDef : int16_t{0};
      }
    }
  }
  pageEntries_ += k;
  chunkValues_ += k;
  pageRows_ += k;
  nullCount_ += k - nonNull;
}

template <typename P>
void ColumnWriter::addPhysicalBulk(const P* values, int64_t n) {
  if (n == 0) {
    return;
  }
  P lo = std::numeric_limits<P>::max();
  P hi = std::numeric_limits<P>::lowest();
  bool any = false;
  for (int64_t j = 0; j < n; ++j) {
    P x = values[j];
    if constexpr (std::is_floating_point_v<P>) {
      if (std::isnan(x)) {
        continue;
      }
    }
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
    any = true;
  }
  if (any) {
    updateStats(reinterpret_cast<const uint8_t*>(&lo), sizeof(P));
    updateStats(reinterpret_cast<const uint8_t*>(&hi), sizeof(P));
  }
  if constexpr (sizeof(P) == 1) {
    // Booleans: PLAIN is one bit per value.
    for (int64_t j = 0; j < n; ++j, ++boolBits_) {
      if (boolBits_ % 8 == 0) {
        plain_.push_back(0);
      }
      plain_.back() = static_cast<char>(plain_.back() | ((values[j] & 1) << (boolBits_ % 8)));
    }
  } else {
    if (useDictionary_) {
      using U = std::conditional_t<sizeof(P) == 4, uint32_t, uint64_t>;
      size_t at = indices_.size();
      indices_.resize(at + static_cast<size_t>(n));
      dict_.lookupFixedMany<U>(values, n, indices_.data() + at);
      return;
    }
    plain_.append(reinterpret_cast<const char*>(values), static_cast<size_t>(n) * sizeof(P));
  }
}

void ColumnWriter::addBytesBulk(const Vector& v, int64_t i, int64_t k) {
  const int64_t* o = v.offsets();
  const char* base = reinterpret_cast<const char*>(v.bytes().data());
  const uint64_t* validity = v.validity();
  std::string_view lo;
  std::string_view hi;
  int64_t count = 0;
  char* w = nullptr;
  if (!useDictionary_) {
    size_t at = plain_.size();
    plain_.resize(at + static_cast<size_t>(o[i + k] - o[i] + 4 * k));
    w = plain_.data() + at;
  }
  for (int64_t j = i; j < i + k; ++j) {
    if (!validAt(validity, j)) {
      continue;
    }
    std::string_view s(base + o[j], static_cast<size_t>(o[j + 1] - o[j]));
    if (count++ == 0) {
      lo = hi = s;
    } else if (s < lo) {
      lo = s;
    } else if (s > hi) {
      hi = s;
    }
    if (useDictionary_) {
      indices_.push_back(dict_.lookup(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
    } else {
      auto len = static_cast<uint32_t>(s.size());
      std::memcpy(w, &len, 4);
      std::memcpy(w + 4, s.data(), s.size());
      w += 4 + s.size();
    }
  }
  if (w != nullptr) {
    plain_.resize(static_cast<size_t>(w - plain_.data()));
  }
  addLevelsBulk(validity, i, k, count);
  if (count > 0) {
    updateStats(reinterpret_cast<const uint8_t*>(lo.data()), lo.size());
    updateStats(reinterpret_cast<const uint8_t*>(hi.data()), hi.size());
  }
}

bool ColumnWriter::addColumnBulk(const Vector& v, int64_t n) {
  if (leaf_.kind == ValueKind::kDecimalFixed || leaf_.kind == ValueKind::kTimestampInt96) {
    return false;
  }
  const uint64_t* validity = v.validity();
  physical_.resize(static_cast<size_t>(kBulkRows) * 8);
  for (int64_t i = 0; i < n;) {
    beforeRecord();
    int64_t left = std::min(kBulkRows, n - i);
    auto fixed = [&](auto* dst, const auto* src, auto conv) {
      using P = std::remove_pointer_t<decltype(dst)>;
      int64_t k = bulkRows(left, [](int64_t r) { return r * static_cast<int64_t>(sizeof(P)); });
      int64_t c = gatherValid(src, validity, i, k, dst, conv);
      addLevelsBulk(validity, i, k, c);
      addPhysicalBulk(dst, c);
      return k;
    };
    auto* buf = physical_.data();
    auto same = [](auto x) { return x; };
    int64_t k = 0;
    switch (leaf_.kind) {
      case ValueKind::kBool:
        k = fixed(buf, v.values<uint8_t>(), [](uint8_t x) { return static_cast<uint8_t>(x != 0); });
        break;
      case ValueKind::kInt8:
        k = fixed(reinterpret_cast<int32_t*>(buf), v.values<int8_t>(), [](int8_t x) { return int32_t{x}; });
        break;
      case ValueKind::kInt16:
        k = fixed(reinterpret_cast<int32_t*>(buf), v.values<int16_t>(), [](int16_t x) { return int32_t{x}; });
        break;
      case ValueKind::kInt32: k = fixed(reinterpret_cast<int32_t*>(buf), v.values<int32_t>(), same); break;
      case ValueKind::kFloat: k = fixed(reinterpret_cast<float*>(buf), v.values<float>(), same); break;
      case ValueKind::kInt64:
      case ValueKind::kTimestampMicros:
        k = fixed(reinterpret_cast<int64_t*>(buf), v.values<int64_t>(), same);
        break;
      case ValueKind::kDouble: k = fixed(reinterpret_cast<double*>(buf), v.values<double>(), same); break;
      case ValueKind::kTimestampMillis:
        k = fixed(reinterpret_cast<int64_t*>(buf), v.values<int64_t>(), floorDiv1000);
        break;
      case ValueKind::kDecimal32:
        k = fixed(reinterpret_cast<int32_t*>(buf),
                  v.values<__int128>(),
                  [](__int128 x) { return static_cast<int32_t>(x); });
        break;
      case ValueKind::kDecimal64:
        k = fixed(reinterpret_cast<int64_t*>(buf),
                  v.values<__int128>(),
                  [](__int128 x) { return static_cast<int64_t>(x); });
        break;
      case ValueKind::kBytes: {
        const int64_t* o = v.offsets() + i;
        k = bulkRows(left, [&](int64_t r) { return o[r] - o[0] + 4 * r; });
        addBytesBulk(v, i, k);
        break;
      }
      case ValueKind::kDecimalFixed:
      case ValueKind::kTimestampInt96: break;
    }
    i += k;
  }
  return true;
}

}  // namespace rivulet::parquet
