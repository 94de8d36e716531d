#include "rivulet/expr/kernels/cast.h"

#include <cmath>
#include <limits>

#include "rivulet/columnar/cast_string.h"
#include "rivulet/columnar/vector_builder.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/expr/kernels/kernel_util.h"

namespace rivulet::expr {

namespace {

const time::TimeZone& zoneOf(EvalContext& context) {
  if (context.zone != nullptr) {
    return *context.zone;
  }
  static const time::TimeZonePtr fallback = time::TimeZone::systemDefault();
  return *fallback;
}

template <typename To, typename From>
To numericCast(From v, bool& isNull) {
  if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    // Java's narrowing of a floating value: NaN → 0, saturating at the long range, then
    // wrapping into smaller types (non-ANSI Spark).
    if (std::isnan(v)) {
      return 0;
    }
    int64_t asLong;
    if (v >= static_cast<From>(std::numeric_limits<int64_t>::max())) {
      asLong = std::numeric_limits<int64_t>::max();
    } else if (v <= static_cast<From>(std::numeric_limits<int64_t>::min())) {
      asLong = std::numeric_limits<int64_t>::min();
    } else {
      asLong = static_cast<int64_t>(v);
    }
    if constexpr (sizeof(To) == 4) {
      if (v >= 2147483647.0) return std::numeric_limits<int32_t>::max();
      if (v <= -2147483648.0) return std::numeric_limits<int32_t>::min();
    }
    return static_cast<To>(asLong);
  } else {
    (void)isNull;
    return static_cast<To>(v);
  }
}

VectorPtr castFixed(const Vector& in, const DataTypePtr& target, EvalContext& context) {
  int64_t n = in.size();
  TypeId from = in.typeId();
  TypeId to = target->id();
  auto out = Vector::make(target, n);
  propagateNulls(*out, {&in});
  const time::TimeZone& zone = zoneOf(context);

  // Dates and timestamps.
  if (from == TypeId::kDate && to == TypeId::kTimestamp) {
    const int32_t* src = in.values<int32_t>();
    int64_t* dst = out->values<int64_t>();
    for (int64_t i = 0; i < n; ++i) {
      int64_t local = static_cast<int64_t>(src[i]) * 86400;
      dst[i] = (local - zone.offsetForLocal(local)) * time::kMicrosPerSecond;
    }
    return out;
  }
  if (from == TypeId::kTimestamp && to == TypeId::kDate) {
    const int64_t* src = in.values<int64_t>();
    int32_t* dst = out->values<int32_t>();
    for (int64_t i = 0; i < n; ++i) {
      int64_t sec = src[i] >= 0 ? src[i] / time::kMicrosPerSecond
                                : -((-src[i] + time::kMicrosPerSecond - 1) / time::kMicrosPerSecond);
      int64_t local = sec + zone.offsetAtUtc(sec);
      dst[i] = static_cast<int32_t>(local >= 0 ? local / 86400 : -((-local + 86399) / 86400));
    }
    return out;
  }
  if (from == TypeId::kTimestamp && target->isNumeric()) {
    // Seconds since the epoch.
    const int64_t* src = in.values<int64_t>();
    dispatchNumeric(to, [&](auto tag) {
      using T = decltype(tag);
      T* dst = out->values<T>();
      for (int64_t i = 0; i < n; ++i) {
        if constexpr (std::is_floating_point_v<T>) {
          dst[i] = static_cast<T>(static_cast<double>(src[i]) / 1e6);
        } else if constexpr (std::is_same_v<T, __int128>) {
          dst[i] = static_cast<__int128>(src[i]) * pow10i(target->scale()) / 1000000;
        } else {
          int64_t s = src[i] >= 0 ? src[i] / 1000000 : -((-src[i] + 999999) / 1000000);
          dst[i] = static_cast<T>(s);
        }
      }
      return 0;
    });
    return out;
  }
  if (target->id() == TypeId::kTimestamp && in.type()->isNumeric()) {
    int64_t* dst = out->values<int64_t>();
    dispatchNumeric(from, [&](auto tag) {
      using T = decltype(tag);
      const T* src = in.values<T>();
      for (int64_t i = 0; i < n; ++i) {
        if constexpr (std::is_floating_point_v<T>) {
          if (std::isnan(src[i]) || std::isinf(src[i])) {
            out->setNull(i, true);
            dst[i] = 0;
          } else {
            dst[i] = static_cast<int64_t>(static_cast<double>(src[i]) * 1e6);
          }
        } else if constexpr (std::is_same_v<T, __int128>) {
          dst[i] = static_cast<int64_t>(src[i] * 1000000 / pow10i(in.type()->scale()));
        } else {
          dst[i] = static_cast<int64_t>(src[i]) * 1000000;
        }
      }
      return 0;
    });
    return out;
  }
  if (from == TypeId::kDate || to == TypeId::kDate) {
    // Spark does not cast between dates and numbers: the analyzer rejects it.
    throwInternalError("cast between date and " + target->simpleString());
  }

  // Numbers, booleans and decimals.
  int fromScale = in.type()->scale();
  int toScale = target->scale();
  int toPrecision = target->precision();
  dispatchNumeric(from, [&](auto inTag) {
    using In = decltype(inTag);
    const In* src = in.values<In>();
    return dispatchNumeric(to, [&](auto outTag) {
      using Out = decltype(outTag);
      Out* dst = out->values<Out>();
      for (int64_t i = 0; i < n; ++i) {
        bool isNull = false;
        if constexpr (std::is_same_v<Out, __int128>) {
          // To decimal(p, s).
          __int128 unscaled;
          if constexpr (std::is_same_v<In, __int128>) {
            if (toScale >= fromScale) {
              unscaled = src[i] * pow10i(toScale - fromScale);
            } else {
              __int128 div = pow10i(fromScale - toScale);
              __int128 q = src[i] / div;
              __int128 r = src[i] % div;
              if (2 * (r < 0 ? -r : r) >= div) {
                q += src[i] < 0 ? -1 : 1;
              }
              unscaled = q;
            }
          } else if constexpr (std::is_floating_point_v<In>) {
            double scaled = std::round(static_cast<double>(src[i]) * std::pow(10.0, toScale));
            if (std::isnan(scaled) || std::fabs(scaled) >= 1e38) {
              isNull = true;
              unscaled = 0;
            } else {
              unscaled = static_cast<__int128>(scaled);
            }
          } else {
            unscaled = static_cast<__int128>(src[i]) * pow10i(toScale);
          }
          __int128 limit = pow10i(toPrecision);
          if (unscaled >= limit || unscaled <= -limit) {
            isNull = true;
            unscaled = 0;
          }
          dst[i] = unscaled;
        } else if constexpr (std::is_same_v<In, __int128>) {
          if constexpr (std::is_floating_point_v<Out>) {
            dst[i] = static_cast<Out>(static_cast<double>(src[i]) / std::pow(10.0, fromScale));
          } else if constexpr (std::is_same_v<Out, uint8_t>) {
            dst[i] = src[i] != 0;
          } else {
            dst[i] = static_cast<Out>(static_cast<int64_t>(src[i] / pow10i(fromScale)));
          }
        } else if constexpr (std::is_same_v<Out, uint8_t>) {
          dst[i] = src[i] != 0;
        } else {
          dst[i] = numericCast<Out>(src[i], isNull);
        }
        if (isNull) {
          out->setNull(i, true);
        }
      }
      return 0;
    });
  });
  return out;
}

}  // namespace

VectorPtr castVector(const VectorPtr& input, const DataTypePtr& target, EvalContext& context) {
  const DataType& from = *input->type();
  if (from.equals(*target)) {
    return input;
  }
  if (from.id() == TypeId::kNull) {
    return constantVector(target, Value(), input->size());
  }
  if (target->id() == TypeId::kString) {
    return castToString(*input, zoneOf(context));
  }
  if (from.id() == TypeId::kString) {
    return castFromString(*input, target, zoneOf(context));
  }
  if (from.id() == TypeId::kBinary && target->id() == TypeId::kString) {
    return castToString(*input, zoneOf(context));
  }
  if (from.isFixedWidth() && target->isFixedWidth()) {
    return castFixed(*input, target, context);
  }
  if (from.id() == TypeId::kArray && target->id() == TypeId::kArray) {
    auto casted = castVector(input->child(0), target->elementType(), context);
    // Replace the type: rebuild via builder to keep the invariant type_ == target.
    VectorBuilder b(target, input->size());
    for (int64_t i = 0; i < input->size(); ++i) {
      if (input->isNull(i)) {
        b.appendNull();
        continue;
      }
      for (int64_t j = input->offsets()[i]; j < input->offsets()[i + 1]; ++j) {
        b.child(0).appendFrom(*casted, j);
      }
      b.finishArray();
    }
    return b.finish();
  }
  if (from.id() == TypeId::kStruct && target->id() == TypeId::kStruct &&
      from.fields().size() == target->fields().size()) {
    VectorBuilder b(target, input->size());
    std::vector<VectorPtr> fields;
    for (size_t f = 0; f < from.fields().size(); ++f) {
      fields.push_back(castVector(input->child(f), target->fields()[f].type, context));
    }
    for (int64_t i = 0; i < input->size(); ++i) {
      if (input->isNull(i)) {
        b.appendNull();
        continue;
      }
      for (size_t f = 0; f < fields.size(); ++f) {
        b.child(f).appendFrom(*fields[f], i);
      }
      b.finishStruct();
    }
    return b.finish();
  }
  throwUserError("CAST_UNSUPPORTED", "Cannot cast " + from.simpleString() + " to " +
                                         target->simpleString());
}

}  // namespace rivulet::expr
