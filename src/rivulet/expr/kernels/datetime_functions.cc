// Date and time functions: year, month, dayofmonth, hour, minute, second, date_format, to_date,
// to_timestamp, unix_timestamp, from_unixtime, date_add, date_sub, datediff. Local fields are
// taken in the session zone.
#include <optional>

#include "rivulet/common/time/date_time_format.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/function_util.h"
#include "rivulet/expr/kernels/kernel_util.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

namespace {

using Args = std::vector<ExprPtr>;
using Vectors = std::vector<VectorPtr>;

constexpr const char* kDefaultFormat = "yyyy-MM-dd HH:mm:ss";

const time::TimeZone& zoneOf(EvalContext& context) {
  if (context.zone != nullptr) {
    return *context.zone;
  }
  static const time::TimeZonePtr fallback = time::TimeZone::systemDefault();
  return *fallback;
}

int64_t floorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

/// Seconds of the local wall clock for a UTC instant in micros.
int64_t localSeconds(int64_t micros, const time::TimeZone& zone) {
  int64_t sec = floorDiv(micros, time::kMicrosPerSecond);
  return sec + zone.offsetAtUtc(sec);
}

/// Compiles datetime patterns, reusing the last one.
class FormatCache {
 public:
  const time::DateTimeFormat& get(std::string_view pattern) {
    if (!format_ || pattern != format_->pattern()) {
      format_ = time::DateTimeFormat::compile(pattern);
    }
    return *format_;
  }

 private:
  std::optional<time::DateTimeFormat> format_;
};

enum class Field { kYear, kMonth, kDay, kHour, kMinute, kSecond };

void registerField(const char* name, Field field) {
  bool dateField = field == Field::kYear || field == Field::kMonth || field == Field::kDay;
  registerSimple(
      name,
      [dateField](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        DataTypePtr t = dateField ? DataType::date() : DataType::timestamp();
        return ResolvedCall{{implicitCast(call, args, 0, t)}, DataType::integer(), args[0]->nullable()};
      },
      [field](const Vectors& a, int64_t n, EvalContext& context, const Expression&) {
        auto out = Vector::make(DataType::integer(), n);
        propagateNulls(*out, {a[0].get()});
        int32_t* r = out->values<int32_t>();
        const time::TimeZone& zone = zoneOf(context);
        for (int64_t i = 0; i < n; ++i) {
          if (field == Field::kYear || field == Field::kMonth || field == Field::kDay) {
            auto c = time::civilFromDays(a[0]->values<int32_t>()[i]);
            r[i] = static_cast<int32_t>(field == Field::kYear ? c.year : (field == Field::kMonth ? c.month : c.day));
          } else {
            int64_t secOfDay = localSeconds(a[0]->values<int64_t>()[i], zone) - floorDiv(localSeconds(a[0]->values<int64_t>()[i], zone), 86400) * 86400;
            r[i] = static_cast<int32_t>(field == Field::kHour ? secOfDay / 3600
                                                              : (field == Field::kMinute ? secOfDay / 60 % 60 : secOfDay % 60));
          }
        }
        return out;
      });
}

/// Parses row i of `text` with the format in `format` (or Spark's cast rules when absent).
std::optional<int64_t> parseMicros(const Vectors& a, int64_t i, FormatCache& cache, const time::TimeZone& zone,
                                   bool castRules) {
  std::string_view s = a[0]->stringAt(i);
  if (castRules) {
    return time::parseTimestamp(s, zone);
  }
  return cache.get(a[1]->stringAt(i)).parseTimestamp(s, zone);
}

void registerParsers() {
  for (bool toDate : {true, false}) {
    registerSimple(
        toDate ? "to_date" : "to_timestamp",
        [toDate](const Args& args, const Expression& call) {
          checkArgCount(call, args, 1, 2);
          ResolvedCall r;
          DataTypePtr result = toDate ? DataType::date() : DataType::timestamp();
          const auto& t = args[0]->type();
          bool temporal = t->id() == TypeId::kDate || t->id() == TypeId::kTimestamp;
          r.args.push_back(temporal ? args[0] : implicitCast(call, args, 0, DataType::string()));
          if (args.size() == 2) {
            r.args.push_back(implicitCast(call, args, 1, DataType::string()));
          }
          r.type = result;
          r.nullable = true;
          return r;
        },
        [toDate](const Vectors& a, int64_t n, EvalContext& context, const Expression& call) {
          const time::TimeZone& zone = zoneOf(context);
          auto out = Vector::make(call.type(), n);
          std::vector<const Vector*> inputs;
          for (const auto& v : a) {
            inputs.push_back(v.get());
          }
          propagateNulls(*out, inputs);
          FormatCache cache;
          bool fromString = a[0]->typeId() == TypeId::kString;
          for (int64_t i = 0; i < n; ++i) {
            if (out->isNull(i)) {
              continue;
            }
            std::optional<int64_t> micros;
            if (!fromString) {
              micros = a[0]->typeId() == TypeId::kTimestamp
                           ? a[0]->values<int64_t>()[i]
                           : (static_cast<int64_t>(a[0]->values<int32_t>()[i]) * 86400 -
                              zone.offsetForLocal(static_cast<int64_t>(a[0]->values<int32_t>()[i]) * 86400)) *
                                 time::kMicrosPerSecond;
            } else if (toDate && a.size() == 1) {
              auto d = time::parseDate(a[0]->stringAt(i));
              if (!d) {
                out->setNull(i, true);
              } else {
                out->values<int32_t>()[i] = *d;
              }
              continue;
            } else {
              micros = parseMicros(a, i, cache, zone, a.size() == 1);
            }
            if (!micros) {
              out->setNull(i, true);
              continue;
            }
            if (toDate) {
              out->values<int32_t>()[i] = static_cast<int32_t>(floorDiv(localSeconds(*micros, zone), 86400));
            } else {
              out->values<int64_t>()[i] = *micros;
            }
          }
          return out;
        });
  }
  registerSimple(
      "unix_timestamp",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 0, 2);
        Args in = args;
        if (in.empty()) {
          in.push_back(Expression::call("current_timestamp", {})->withType(DataType::timestamp(), false));
        }
        if (in.size() == 1) {
          in.push_back(Expression::literal(Value::string(kDefaultFormat), DataType::string()));
        }
        const auto& t = in[0]->type();
        ResolvedCall r;
        if (t->id() == TypeId::kDate) {
          r.args.push_back(castIfNeeded(in[0], DataType::timestamp()));
        } else if (t->id() == TypeId::kTimestamp) {
          r.args.push_back(in[0]);
        } else {
          r.args.push_back(implicitCast(call, in, 0, DataType::string()));
        }
        r.args.push_back(implicitCast(call, in, 1, DataType::string()));
        r.type = DataType::longType();
        r.nullable = true;
        return r;
      },
      [](const Vectors& a, int64_t n, EvalContext& context, const Expression&) {
        const time::TimeZone& zone = zoneOf(context);
        auto out = Vector::make(DataType::longType(), n);
        propagateNulls(*out, {a[0].get(), a[1].get()});
        int64_t* r = out->values<int64_t>();
        FormatCache cache;
        for (int64_t i = 0; i < n; ++i) {
          if (out->isNull(i)) {
            continue;
          }
          std::optional<int64_t> micros = a[0]->typeId() == TypeId::kTimestamp ? std::optional<int64_t>(a[0]->values<int64_t>()[i])
                                                                                 : parseMicros(a, i, cache, zone, false);
          if (!micros) {
            out->setNull(i, true);
            r[i] = 0;
          } else {
            r[i] = floorDiv(*micros, time::kMicrosPerSecond);
          }
        }
        return out;
      });
}

void registerFormatters() {
  registerSimple(
      "date_format",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 2, 2);
        return ResolvedCall{{implicitCast(call, args, 0, DataType::timestamp()), implicitCast(call, args, 1, DataType::string())},
                            DataType::string(), anyNullable(args)};
      },
      [](const Vectors& a, int64_t n, EvalContext& context, const Expression& call) {
        const time::TimeZone& zone = zoneOf(context);
        FormatCache cache;
        StringWriter w(call.type(), n, static_cast<size_t>(n) * 20);
        propagateNulls(w.vector(), {a[0].get(), a[1].get()});
        for (int64_t i = 0; i < n; ++i) {
          if (!w.vector().isNull(i)) {
            w.append(cache.get(a[1]->stringAt(i)).formatTimestamp(a[0]->values<int64_t>()[i], zone));
          }
          w.finishRow(i);
        }
        return w.finish();
      });
  registerSimple(
      "from_unixtime",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 2);
        Args in = args;
        if (in.size() == 1) {
          in.push_back(Expression::literal(Value::string(kDefaultFormat), DataType::string()));
        }
        return ResolvedCall{{implicitCast(call, in, 0, DataType::longType()), implicitCast(call, in, 1, DataType::string())},
                            DataType::string(), anyNullable(in)};
      },
      [](const Vectors& a, int64_t n, EvalContext& context, const Expression& call) {
        const time::TimeZone& zone = zoneOf(context);
        FormatCache cache;
        StringWriter w(call.type(), n, static_cast<size_t>(n) * 20);
        propagateNulls(w.vector(), {a[0].get(), a[1].get()});
        for (int64_t i = 0; i < n; ++i) {
          if (!w.vector().isNull(i)) {
            w.append(cache.get(a[1]->stringAt(i)).formatTimestamp(a[0]->values<int64_t>()[i] * time::kMicrosPerSecond, zone));
          }
          w.finishRow(i);
        }
        return w.finish();
      });
}

void registerDateArithmetic() {
  for (int sign : {1, -1}) {
    registerSimple(
        sign > 0 ? "date_add" : "date_sub",
        [](const Args& args, const Expression& call) {
          checkArgCount(call, args, 2, 2);
          if (!args[1]->type()->isIntegral() || args[1]->type()->id() == TypeId::kLong) {
            if (args[1]->type()->id() != TypeId::kNull) {
              throwUnexpectedInputType(call, 1, args[1], "(\"INT\" or \"SMALLINT\" or \"TINYINT\")");
            }
          }
          return ResolvedCall{{implicitCast(call, args, 0, DataType::date()), castIfNeeded(args[1], DataType::integer())},
                              DataType::date(), anyNullable(args)};
        },
        [sign](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
          auto out = Vector::make(DataType::date(), n);
          propagateNulls(*out, {a[0].get(), a[1].get()});
          const int32_t* d = a[0]->values<int32_t>();
          const int32_t* k = a[1]->values<int32_t>();
          int32_t* r = out->values<int32_t>();
          for (int64_t i = 0; i < n; ++i) {
            r[i] = static_cast<int32_t>(static_cast<uint32_t>(d[i]) + static_cast<uint32_t>(sign * k[i]));
          }
          return out;
        });
  }
  registerSimple(
      "datediff",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 2, 2);
        return ResolvedCall{{implicitCast(call, args, 0, DataType::date()), implicitCast(call, args, 1, DataType::date())},
                            DataType::integer(), anyNullable(args)};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::integer(), n);
        propagateNulls(*out, {a[0].get(), a[1].get()});
        const int32_t* x = a[0]->values<int32_t>();
        const int32_t* y = a[1]->values<int32_t>();
        int32_t* r = out->values<int32_t>();
        for (int64_t i = 0; i < n; ++i) {
          r[i] = x[i] - y[i];
        }
        return out;
      });
}

}  // namespace

void registerDateTimeFunctions() {
  registerField("year", Field::kYear);
  registerField("month", Field::kMonth);
  registerField("dayofmonth", Field::kDay);
  registerField("day", Field::kDay);
  registerField("hour", Field::kHour);
  registerField("minute", Field::kMinute);
  registerField("second", Field::kSecond);
  registerParsers();
  registerFormatters();
  registerDateArithmetic();
}

}  // namespace rivulet::expr
