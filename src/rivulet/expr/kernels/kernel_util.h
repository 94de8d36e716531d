// Helpers shared by the kernels: null propagation and typed element loops.
#pragma once

#include <cstring>
#include <vector>

#include "rivulet/columnar/vector.h"
#include "rivulet/common/error.h"

namespace rivulet::expr {

/// Sets `out`'s validity to the AND of the inputs' validity (no bitmap if none has nulls).
inline void propagateNulls(Vector& out, const std::vector<const Vector*>& inputs) {
  bool any = false;
  for (const Vector* in : inputs) {
    any |= in->mayHaveNulls();
  }
  if (!any) {
    return;
  }
  uint64_t* bits = out.mutableValidity();
  size_t words = static_cast<size_t>((out.size() + 63) / 64);
  bool first = true;
  for (const Vector* in : inputs) {
    if (!in->mayHaveNulls()) {
      continue;
    }
    const uint64_t* src = in->validity();
    if (first) {
      std::memcpy(bits, src, words * 8);
      first = false;
    } else {
      for (size_t w = 0; w < words; ++w) {
        bits[w] &= src[w];
      }
    }
  }
}

/// Calls fn.template operator()<T>() with T the C++ type of a fixed-width numeric type.
template <typename Fn>
auto dispatchNumeric(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::kByte: return fn(int8_t{});
    case TypeId::kShort: return fn(int16_t{});
    case TypeId::kInt:
    case TypeId::kDate: return fn(int32_t{});
    case TypeId::kLong:
    case TypeId::kTimestamp: return fn(int64_t{});
    case TypeId::kFloat: return fn(float{});
    case TypeId::kDouble: return fn(double{});
    case TypeId::kBoolean: return fn(uint8_t{});
    case TypeId::kDecimal: return fn(__int128{});
    default: throwInternalError("not a numeric type");
  }
}

/// 10^n as __int128 (n <= 38).
inline __int128 pow10i(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) {
    r *= 10;
  }
  return r;
}

}  // namespace rivulet::expr
