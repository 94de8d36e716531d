// Miscellaneous functions: current_timestamp / current_date, rand / randn (Spark's XORShift
// generator, so seeded values match Spark's), monotonically_increasing_id, spark_partition_id,
// uuid, hash (Spark's Murmur3 with seed 42).
#include <cmath>
#include <cstring>

#include "rivulet/common/time/time_zone.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/function_util.h"
#include "rivulet/expr/kernels/kernel_util.h"

namespace rivulet::expr {

void registerMathFunctions();
void registerDateTimeFunctions();

namespace {

using Args = std::vector<ExprPtr>;
using Vectors = std::vector<VectorPtr>;

// ---- Murmur3 x86_32 as Spark's Murmur3_x86_32 (tail bytes mixed one by one) ----

inline uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

inline uint32_t mixK1(uint32_t k) { return rotl(k * 0xcc9e2d51u, 15) * 0x1b873593u; }

inline uint32_t mixH1(uint32_t h, uint32_t k) { return rotl(h ^ k, 13) * 5 + 0xe6546b64u; }

inline uint32_t fmix(uint32_t h, uint32_t length) {
  h ^= length;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

uint32_t hashInt(uint32_t v, uint32_t seed) { return fmix(mixH1(seed, mixK1(v)), 4); }

uint32_t hashLong(uint64_t v, uint32_t seed) {
  uint32_t h = mixH1(seed, mixK1(static_cast<uint32_t>(v)));
  h = mixH1(h, mixK1(static_cast<uint32_t>(v >> 32)));
  return fmix(h, 8);
}

uint32_t hashBytes(std::string_view s, uint32_t seed) {
  size_t aligned = s.size() - s.size() % 4;
  uint32_t h = seed;
  for (size_t i = 0; i < aligned; i += 4) {
    uint32_t w;
    std::memcpy(&w, s.data() + i, 4);
    h = mixH1(h, mixK1(w));
  }
  for (size_t i = aligned; i < s.size(); ++i) {
    h = mixH1(h, mixK1(static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(s[i])))));
  }
  return fmix(h, static_cast<uint32_t>(s.size()));
}

// Big-endian two's complement bytes of a decimal's unscaled value (Java's BigInteger.toByteArray).
std::string bigIntegerBytes(__int128 v) {
  std::string bytes;
  for (int i = 15; i >= 0; --i) {
    bytes += static_cast<char>(static_cast<uint8_t>(static_cast<unsigned __int128>(v) >> (i * 8)));
  }
  size_t start = 0;
  while (start + 1 < bytes.size()) {
    auto b = static_cast<uint8_t>(bytes[start]);
    auto next = static_cast<uint8_t>(bytes[start + 1]);
    if ((b == 0 && (next & 0x80) == 0) || (b == 0xFF && (next & 0x80) != 0)) {
      ++start;
    } else {
      break;
    }
  }
  return bytes.substr(start);
}

uint32_t hashCell(const Vector& v, int64_t i, uint32_t seed) {
  if (v.isNull(i)) {
    return seed;
  }
  const DataType& type = *v.type();
  switch (type.id()) {
    case TypeId::kNull: return seed;
    case TypeId::kBoolean: return hashInt(v.values<uint8_t>()[i] ? 1 : 0, seed);
    case TypeId::kByte: return hashInt(static_cast<uint32_t>(v.values<int8_t>()[i]), seed);
    case TypeId::kShort: return hashInt(static_cast<uint32_t>(v.values<int16_t>()[i]), seed);
    case TypeId::kInt:
    case TypeId::kDate: return hashInt(static_cast<uint32_t>(v.values<int32_t>()[i]), seed);
    case TypeId::kLong:
    case TypeId::kTimestamp: return hashLong(static_cast<uint64_t>(v.values<int64_t>()[i]), seed);
    case TypeId::kFloat: {
      float f = v.values<float>()[i];
      if (f == 0.0f) {
        f = 0.0f;
      }
      uint32_t bits;
      if (std::isnan(f)) {
        bits = 0x7fc00000u;
      } else {
        std::memcpy(&bits, &f, 4);
      }
      return hashInt(bits, seed);
    }
    case TypeId::kDouble: {
      double d = v.values<double>()[i];
      if (d == 0.0) {
        d = 0.0;
      }
      uint64_t bits;
      if (std::isnan(d)) {
        bits = 0x7ff8000000000000ULL;
      } else {
        std::memcpy(&bits, &d, 8);
      }
      return hashLong(bits, seed);
    }
    case TypeId::kDecimal: {
      __int128 u = v.values<__int128>()[i];
      if (type.precision() <= 18) {
        return hashLong(static_cast<uint64_t>(static_cast<int64_t>(u)), seed);
      }
      return hashBytes(bigIntegerBytes(u), seed);
    }
    case TypeId::kString:
    case TypeId::kBinary: return hashBytes(v.stringAt(i), seed);
    case TypeId::kArray:
      for (int64_t j = v.offsets()[i]; j < v.offsets()[i + 1]; ++j) {
        seed = hashCell(*v.child(0), j, seed);
      }
      return seed;
    case TypeId::kMap:
      for (int64_t j = v.offsets()[i]; j < v.offsets()[i + 1]; ++j) {
        seed = hashCell(*v.child(0), j, seed);
        seed = hashCell(*v.child(1), j, seed);
      }
      return seed;
    case TypeId::kStruct:
      for (const auto& c : v.children()) {
        seed = hashCell(*c, i, seed);
      }
      return seed;
  }
  return seed;
}

void registerHash() {
  registerSimple(
      "hash",
      [](const Args& args, const Expression& call) {
        if (args.empty()) {
          throw AnalysisException("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `hash` requires > 0 parameters but the actual number is 0.",
                                  "WRONG_NUM_ARGS");
        }
        return ResolvedCall{args, DataType::integer(), false};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::integer(), n);
        int32_t* r = out->values<int32_t>();
        for (int64_t i = 0; i < n; ++i) {
          uint32_t h = 42;
          for (const auto& v : a) {
            h = hashCell(*v, i, h);
          }
          r[i] = static_cast<int32_t>(h);
        }
        return out;
      });
}

// ---- Spark's XORShiftRandom (a java.util.Random whose next() is an xorshift) ----

// Scala's MurmurHash3.bytesHash of the 8 big-endian bytes of `seed`.
uint32_t scalaBytesHash(uint64_t value, uint32_t seed) {
  uint8_t bytes[8];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<uint8_t>(value >> (56 - 8 * i));
  }
  uint32_t h = seed;
  for (int i = 0; i < 8; i += 4) {
    uint32_t k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (static_cast<uint32_t>(bytes[i + 3]) << 24);
    h = mixH1(h, mixK1(k));
  }
  return fmix(h, 8);
}

uint64_t xorShiftSeed(int64_t seed) {
  auto s = static_cast<uint64_t>(seed);
  uint32_t low = scalaBytesHash(s, 0x3c074a61u);
  uint32_t high = scalaBytesHash(s, low);
  return (static_cast<uint64_t>(high) << 32) | low;
}

class XorShiftRandom {
 public:
  explicit XorShiftRandom(std::vector<uint64_t>& state) : state_(state) {}

  double nextDouble() {
    auto a = static_cast<int64_t>(next(26));
    auto b = static_cast<int64_t>(next(27));
    return static_cast<double>((a << 27) + b) * 0x1.0p-53;
  }

  // java.util.Random.nextGaussian (polar method; keeps the second value).
  double nextGaussian() {
    if (state_[1] != 0) {
      state_[1] = 0;
      double v;
      std::memcpy(&v, &state_[2], 8);
      return v;
    }
    double v1, v2, s;
    do {
      v1 = 2 * nextDouble() - 1;
      v2 = 2 * nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s == 0);
    double multiplier = std::sqrt(-2 * std::log(s) / s);
    double second = v2 * multiplier;
    std::memcpy(&state_[2], &second, 8);
    state_[1] = 1;
    return v1 * multiplier;
  }

 private:
  uint32_t next(int bits) {
    uint64_t x = state_[0];
    x ^= x << 21;
    x ^= x >> 35;
    x ^= x << 4;
    state_[0] = x;
    return static_cast<uint32_t>(x & ((uint64_t{1} << bits) - 1));
  }

  std::vector<uint64_t>& state_;
};

void registerRandom(const char* name, bool gaussian) {
  FunctionDef def;
  def.name = name;
  def.deterministic = false;
  def.resolve = [](const Args& args, const Expression& call) {
    checkArgCount(call, args, 0, 1);
    if (!args.empty() && !args[0]->type()->isIntegral() && args[0]->type()->id() != TypeId::kNull) {
      throwUnexpectedInputType(call, 0, args[0], "INT\" or \"BIGINT");
    }
    return ResolvedCall{args, DataType::doubleType(), false};
  };
  def.eval = [gaussian](const Vectors& a, int64_t n, EvalContext& context, const Expression& call) {
    std::vector<uint64_t>& state = context.state(&call);
    if (state.empty()) {
      int64_t seed = 0;
      if (!call.children().empty() && call.child(0)->kind() == ExprKind::kLiteral && !call.child(0)->literal().isNull()) {
        seed = call.child(0)->literal().asInt();
      } else if (!call.literal().isNull()) {
        seed = call.literal().asInt();
      }
      state = {xorShiftSeed(seed + context.partitionIndex), 0, 0};
    }
    XorShiftRandom random(state);
    auto out = Vector::make(DataType::doubleType(), n);
    double* r = out->values<double>();
    for (int64_t i = 0; i < n; ++i) {
      r[i] = gaussian ? random.nextGaussian() : random.nextDouble();
    }
    return out;
  };
  registerFunction(std::move(def));
}

void registerIds() {
  FunctionDef id;
  id.name = "monotonically_increasing_id";
  id.deterministic = false;
  id.resolve = [](const Args& args, const Expression& call) {
    checkArgCount(call, args, 0, 0);
    return ResolvedCall{args, DataType::longType(), false};
  };
  id.eval = [](const Vectors&, int64_t n, EvalContext& context, const Expression&) {
    auto out = Vector::make(DataType::longType(), n);
    int64_t* r = out->values<int64_t>();
    int64_t base = (context.partitionIndex << 33) + context.rowOffset;
    for (int64_t i = 0; i < n; ++i) {
      r[i] = base + i;
    }
    return out;
  };
  registerFunction(std::move(id));

  FunctionDef partition;
  partition.name = "SPARK_PARTITION_ID";
  partition.deterministic = false;
  partition.resolve = [](const Args& args, const Expression& call) {
    checkArgCount(call, args, 0, 0);
    return ResolvedCall{args, DataType::integer(), false};
  };
  partition.eval = [](const Vectors&, int64_t n, EvalContext& context, const Expression&) {
    auto out = Vector::make(DataType::integer(), n);
    int32_t* r = out->values<int32_t>();
    for (int64_t i = 0; i < n; ++i) {
      r[i] = static_cast<int32_t>(context.partitionIndex);
    }
    return out;
  };
  registerFunction(std::move(partition));

  FunctionDef uuid;
  uuid.name = "uuid";
  uuid.deterministic = false;
  uuid.resolve = [](const Args& args, const Expression& call) {
    checkArgCount(call, args, 0, 0);
    return ResolvedCall{args, DataType::string(), false};
  };
  uuid.eval = [](const Vectors&, int64_t n, EvalContext& context, const Expression& call) {
    int64_t seed = call.literal().isNull() ? 0 : call.literal().asInt();
    auto& rng = context.random(&call, seed);
    StringWriter w(DataType::string(), n, static_cast<size_t>(n) * 36);
    static constexpr char kHex[] = "0123456789abcdef";
    for (int64_t i = 0; i < n; ++i) {
      uint64_t hi = (rng() & ~0xF000ULL) | 0x4000ULL;
      uint64_t lo = (rng() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
      char* dst = w.reserve(36);
      int o = 0;
      for (int k = 0; k < 32; ++k) {
        if (k == 8 || k == 12 || k == 16 || k == 20) {
          dst[o++] = '-';
        }
        uint64_t word = k < 16 ? hi : lo;
        dst[o++] = kHex[(word >> (60 - 4 * (k % 16))) & 15];
      }
      w.finishRow(i);
    }
    return w.finish();
  };
  registerFunction(std::move(uuid));
}

void registerCurrentTime() {
  FunctionDef ts;
  ts.name = "current_timestamp";
  ts.foldable = false;
  ts.resolve = [](const Args& args, const Expression& call) {
    checkArgCount(call, args, 0, 0);
    return ResolvedCall{args, DataType::timestamp(), false};
  };
  ts.eval = [](const Vectors&, int64_t n, EvalContext& context, const Expression&) {
    auto out = Vector::make(DataType::timestamp(), n);
    int64_t* r = out->values<int64_t>();
    for (int64_t i = 0; i < n; ++i) {
      r[i] = context.currentTimestampMicros;
    }
    return out;
  };
  registerFunction(std::move(ts));

  FunctionDef date;
  date.name = "current_date";
  date.foldable = false;
  date.resolve = [](const Args& args, const Expression& call) {
    checkArgCount(call, args, 0, 0);
    return ResolvedCall{args, DataType::date(), false};
  };
  date.eval = [](const Vectors&, int64_t n, EvalContext& context, const Expression&) {
    int64_t micros = context.currentTimestampMicros;
    int64_t sec = micros >= 0 ? micros / 1000000 : -((-micros + 999999) / 1000000);
    int64_t local = sec + (context.zone ? context.zone->offsetAtUtc(sec) : 0);
    auto day = static_cast<int32_t>(local >= 0 ? local / 86400 : -((-local + 86399) / 86400));
    auto out = Vector::make(DataType::date(), n);
    int32_t* r = out->values<int32_t>();
    for (int64_t i = 0; i < n; ++i) {
      r[i] = day;
    }
    return out;
  };
  registerFunction(std::move(date));
}

}  // namespace

void registerMiscFunctions() {
  registerHash();
  registerRandom("rand", false);
  registerRandom("random", false);
  registerRandom("randn", true);
  registerIds();
  registerCurrentTime();
  registerMathFunctions();
  registerDateTimeFunctions();
}

}  // namespace rivulet::expr
