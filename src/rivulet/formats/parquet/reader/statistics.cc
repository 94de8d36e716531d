#include "rivulet/formats/parquet/reader/statistics.h"

#include <cmath>
#include <cstring>

namespace rivulet::parquet {

namespace {

__int128 pow10(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) {
    r *= 10;
  }
  return r;
}

std::optional<Value> decodeStat(const std::string& b, const LeafConversion& c) {
  TypeId t = c.target->id();
  auto decimalOf = [&](__int128 unscaled) { return Value::decimal(unscaled * pow10(c.rescale), c.target->scale()); };
  switch (c.physical) {
    case PhysicalType::kBoolean:
      if (b.size() != 1) {
        return std::nullopt;
      }
      return Value::boolean(b[0] != 0);
    case PhysicalType::kInt32: {
      if (b.size() != 4) {
        return std::nullopt;
      }
      int32_t v;
      std::memcpy(&v, b.data(), 4);
      int64_t x = c.source == SourceKind::kUnsigned ? static_cast<int64_t>(static_cast<uint32_t>(v)) : v;
      if (t == TypeId::kDecimal) {
        return decimalOf(x);
      }
      if (t == TypeId::kDouble) {
        return Value::real(static_cast<double>(x));
      }
      if (c.source == SourceKind::kTime && c.unit == TimeUnit::kMillis) {
        x *= 1000;
      }
      return Value::integer(x);
    }
    case PhysicalType::kInt64: {
      if (b.size() != 8) {
        return std::nullopt;
      }
      int64_t v;
      std::memcpy(&v, b.data(), 8);
      if (t == TypeId::kDecimal) {
        return decimalOf(c.source == SourceKind::kUnsigned ? static_cast<__int128>(static_cast<uint64_t>(v)) : v);
      }
      if (c.source == SourceKind::kTime || c.source == SourceKind::kTimestamp) {
        if (c.unit == TimeUnit::kMillis) {
          v *= 1000;
        } else if (c.unit == TimeUnit::kNanos) {
          v = v / 1000 - ((v % 1000 != 0 && v < 0) ? 1 : 0);
        }
      }
      return Value::integer(v);
    }
    case PhysicalType::kFloat: {
      if (b.size() != 4) {
        return std::nullopt;
      }
      float f;
      std::memcpy(&f, b.data(), 4);
      if (std::isnan(f)) {
        return std::nullopt;
      }
      return Value::real(f);
    }
    case PhysicalType::kDouble: {
      if (b.size() != 8) {
        return std::nullopt;
      }
      double d;
      std::memcpy(&d, b.data(), 8);
      if (std::isnan(d)) {
        return std::nullopt;
      }
      return Value::real(d);
    }
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      if (t == TypeId::kString || t == TypeId::kBinary) {
        if (c.source == SourceKind::kUuid) {
          return std::nullopt;
        }
        return Value::string(b);
      }
      if (t == TypeId::kDecimal && !b.empty() && b.size() <= 16) {
        const auto* p = reinterpret_cast<const uint8_t*>(b.data());
        unsigned __int128 v = (p[0] & 0x80) ? ~static_cast<unsigned __int128>(0) : 0;
        for (size_t i = 0; i < b.size(); ++i) {
          v = (v << 8) | p[i];
        }
        return decimalOf(static_cast<__int128>(v));
      }
      return std::nullopt;
    case PhysicalType::kInt96:
      return std::nullopt;
  }
  return std::nullopt;
}

bool legacyOrderIsValid(const LeafConversion& c) {
  switch (c.physical) {
    case PhysicalType::kBoolean:
    case PhysicalType::kInt32:
    case PhysicalType::kInt64:
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      return c.source != SourceKind::kUnsigned;
    default:
      return false;
  }
}

// -1, 0, 1, or nullopt when the values are not comparable.
std::optional<int> compare(const Value& a, const Value& b) {
  using K = Value::Kind;
  if (a.kind() == K::kInt && b.kind() == K::kInt) {
    return a.asInt() < b.asInt() ? -1 : a.asInt() > b.asInt() ? 1 : 0;
  }
  if ((a.kind() == K::kDouble || a.kind() == K::kInt) && (b.kind() == K::kDouble || b.kind() == K::kInt)) {
    double x = a.kind() == K::kDouble ? a.asDouble() : static_cast<double>(a.asInt());
    double y = b.kind() == K::kDouble ? b.asDouble() : static_cast<double>(b.asInt());
    if (std::isnan(x) || std::isnan(y)) {
      return std::nullopt;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.kind() == K::kDecimal && b.kind() == K::kDecimal) {
    __int128 x = a.asDecimal();
    __int128 y = b.asDecimal();
    int sa = a.decimalScale();
    int sb = b.decimalScale();
    if (sa < sb) {
      x *= pow10(sb - sa);
    } else if (sb < sa) {
      y *= pow10(sa - sb);
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.kind() == K::kString && b.kind() == K::kString) {
    int r = a.asString().compare(b.asString());
    return r < 0 ? -1 : r > 0 ? 1 : 0;
  }
  if (a.kind() == K::kBool && b.kind() == K::kBool) {
    return static_cast<int>(a.asBool()) - static_cast<int>(b.asBool());
  }
  return std::nullopt;
}

}  // namespace

ChunkStatistics chunkStatistics(const ColumnMetaData& meta, const LeafConversion& conversion) {
  ChunkStatistics s;
  if (!meta.statistics) {
    return s;
  }
  const Statistics& st = *meta.statistics;
  s.nullCount = st.nullCount;
  const std::optional<std::string>* mn = &st.minValue;
  const std::optional<std::string>* mx = &st.maxValue;
  if ((!mn->has_value() || !mx->has_value()) && legacyOrderIsValid(conversion)) {
    mn = &st.min;
    mx = &st.max;
  }
  if (mn->has_value() && mx->has_value()) {
    s.min = decodeStat(**mn, conversion);
    s.max = decodeStat(**mx, conversion);
    if (!s.min || !s.max) {
      s.min.reset();
      s.max.reset();
    }
  }
  return s;
}

bool mayMatch(const ParquetFilter& f, const ChunkStatistics& s, int64_t numRows) {
  using Op = ParquetFilter::Op;
  if (f.op == Op::kIsNull) {
    return !(s.nullCount && *s.nullCount == 0);
  }
  if (f.op == Op::kIsNotNull) {
    return !(s.nullCount && *s.nullCount >= numRows);
  }
  if (f.literal.isNull()) {
    return false;  // comparisons with null are never true
  }
  if (s.nullCount && *s.nullCount >= numRows && numRows > 0) {
    return false;  // only nulls: no comparison holds
  }
  if (!s.min || !s.max) {
    return true;
  }
  std::optional<int> lo = compare(f.literal, *s.min);
  std::optional<int> hi = compare(f.literal, *s.max);
  if (!lo || !hi) {
    return true;
  }
  switch (f.op) {
    case Op::kEq: return *lo >= 0 && *hi <= 0;
    case Op::kLt: return *lo > 0;   // some value < literal needs min < literal
    case Op::kLe: return *lo >= 0;
    case Op::kGt: return *hi < 0;   // needs max > literal
    case Op::kGe: return *hi <= 0;
    default: return true;
  }
}

}  // namespace rivulet::parquet
