#include "rivulet/formats/csv/csv_schema_inference.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/formats/csv/csv_options.h"
#include "rivulet/formats/csv/csv_record_source.h"
#include "rivulet/formats/csv/csv_value_parser.h"

namespace rivulet::csv {

namespace {

enum class Kind { kNull, kInt, kLong, kDecimal, kDouble, kTimestamp, kBoolean, kString };

struct Inferred {
  Kind kind = Kind::kNull;
  int precision = 0;
  int scale = 0;

  bool operator==(const Inferred& o) const {
    return kind == o.kind && precision == o.precision && scale == o.scale;
  }
};

class FieldInferrer {
 public:
  FieldInferrer(const CsvOptions& options, const time::TimeZone& zone)
      : options_(options), zone_(zone) {}

  Inferred infer(Inferred soFar, std::string_view field) const {
    if (field.empty() || field == options_.nullValue) {
      return soFar;
    }
    Inferred next;
    switch (soFar.kind) {
      case Kind::kNull:
      case Kind::kInt: next = tryInt(field); break;
      case Kind::kLong: next = tryLong(field); break;
      case Kind::kDecimal: next = tryDecimal(field); break;
      case Kind::kDouble: next = tryDouble(field); break;
      case Kind::kTimestamp: next = tryTimestamp(field); break;
      case Kind::kBoolean: next = tryBoolean(field); break;
      case Kind::kString: return soFar;
    }
    return compatible(soFar, next).value_or(Inferred{Kind::kString});
  }

  static std::optional<Inferred> compatible(const Inferred& a, const Inferred& b) {
    if (a == b) {
      return a;
    }
    if (a.kind == Kind::kNull) {
      return b;
    }
    if (b.kind == Kind::kNull) {
      return a;
    }
    auto numericRank = [](Kind k) {
      switch (k) {
        case Kind::kInt: return 1;
        case Kind::kLong: return 2;
        case Kind::kDouble: return 3;
        default: return 0;
      }
    };
    if (numericRank(a.kind) > 0 && numericRank(b.kind) > 0) {
      return numericRank(a.kind) >= numericRank(b.kind) ? a : b;
    }
    if (a.kind == Kind::kString || b.kind == Kind::kString) {
      return Inferred{Kind::kString};
    }
    auto asDecimal = [](const Inferred& t) -> std::optional<Inferred> {
      if (t.kind == Kind::kInt) {
        return Inferred{Kind::kDecimal, 10, 0};
      }
      if (t.kind == Kind::kLong) {
        return Inferred{Kind::kDecimal, 20, 0};
      }
      if (t.kind == Kind::kDecimal) {
        return t;
      }
      return std::nullopt;
    };
    if ((a.kind == Kind::kDouble && b.kind == Kind::kDecimal) ||
        (a.kind == Kind::kDecimal && b.kind == Kind::kDouble)) {
      return Inferred{Kind::kDouble};
    }
    if (a.kind == Kind::kDecimal || b.kind == Kind::kDecimal) {
      auto da = asDecimal(a);
      auto db = asDecimal(b);
      if (!da || !db) {
        return std::nullopt;
      }
      int scale = std::max(da->scale, db->scale);
      int range = std::max(da->precision - da->scale, db->precision - db->scale);
      if (range + scale > 38) {
        return Inferred{Kind::kDouble};
      }
      return Inferred{Kind::kDecimal, range + scale, scale};
    }
    return std::nullopt;
  }

 private:
  Inferred tryInt(std::string_view f) const {
    int32_t v;
    return parseJavaInt(f, v) ? Inferred{Kind::kInt} : tryLong(f);
  }

  Inferred tryLong(std::string_view f) const {
    int64_t v;
    return parseJavaLong(f, v) ? Inferred{Kind::kLong} : tryDecimal(f);
  }

  Inferred tryDecimal(std::string_view f) const {
    BigDecimalText d;
    // Values with a fractional part are left to double, as Spark does; so are numbers whose
    // exponent makes a negative scale.
    bool hasExponent = f.find_first_of("eE") != std::string_view::npos;
    if (parseBigDecimal(f, d) && d.scale == 0 && !hasExponent && d.precision <= 38) {
      return Inferred{Kind::kDecimal, d.precision, 0};
    }
    return tryDouble(f);
  }

  Inferred tryDouble(std::string_view f) const {
    double v;
    if (parseJavaDouble(f, v) || f == options_.nanValue || f == options_.negativeInf ||
        f == options_.positiveInf) {
      return Inferred{Kind::kDouble};
    }
    return tryTimestamp(f);
  }

  Inferred tryTimestamp(std::string_view f) const {
    bool ok = options_.timestampFormat ? options_.timestampFormat->parseTimestamp(f, zone_).has_value()
                                       : time::parseTimestamp(f, zone_).has_value();
    return ok ? Inferred{Kind::kTimestamp} : tryBoolean(f);
  }

  Inferred tryBoolean(std::string_view f) const {
    bool v;
    return parseJavaBoolean(f, v) ? Inferred{Kind::kBoolean} : Inferred{Kind::kString};
  }

  const CsvOptions& options_;
  const time::TimeZone& zone_;
};

DataTypePtr toDataType(const Inferred& t) {
  switch (t.kind) {
    case Kind::kInt: return DataType::integer();
    case Kind::kLong: return DataType::longType();
    case Kind::kDecimal: return DataType::decimal(t.precision, t.scale);
    case Kind::kDouble: return DataType::doubleType();
    case Kind::kTimestamp: return DataType::timestamp();
    case Kind::kBoolean: return DataType::boolean();
    default: return DataType::string();
  }
}

// The token as Spark's parser hands it over: unquoted empty -> nullValue, quoted empty ->
// emptyValue.
std::string_view tokenText(const CsvTokenizer& tokenizer,
                           const CsvField& f,
                           const CsvOptions& options,
                           std::string& scratch) {
  if (f.size == 0) {
    return f.quoted ? std::string_view(options.emptyValueRead) : std::string_view(options.nullValue);
  }
  return tokenizer.value(f, scratch);
}

std::string lower(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

}  // namespace

std::vector<std::string> makeSafeHeader(const std::vector<std::string>& tokens,
                                        bool header,
                                        const std::string& nullValue) {
  std::vector<std::string> names;
  names.reserve(tokens.size());
  if (!header) {
    for (size_t i = 0; i < tokens.size(); ++i) {
      names.push_back("_c" + std::to_string(i));
    }
    return names;
  }
  std::map<std::string, int> counts;
  for (const auto& t : tokens) {
    ++counts[lower(t)];
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t.empty() || t == nullValue) {
      names.push_back("_c" + std::to_string(i));
    } else if (counts[lower(t)] > 1) {
      names.push_back(t + std::to_string(i));
    } else {
      names.push_back(t);
    }
  }
  return names;
}

StructType inferCsvSchema(const std::vector<std::string>& files,
                          const CsvOptions& options,
                          const time::TimeZone& zone) {
  FieldInferrer inferrer(options, zone);
  std::vector<std::string> names;
  std::vector<Inferred> types;
  std::string headerLine;
  bool haveFirst = false;
  std::string scratch;
  uint64_t sampleState = 0x9E3779B97F4A7C15ULL;
  CsvRecord record;
  for (const auto& file : files) {
    CsvRecordSource source(file, options);
    bool firstOfFile = true;
    while (source.next(record)) {
      if (!haveFirst) {
        haveFirst = true;
        std::vector<std::string> tokens;
        for (const auto& f : record.fields) {
          tokens.emplace_back(tokenText(source.tokenizer(), f, options, scratch));
        }
        names = makeSafeHeader(tokens, options.header, options.nullValue);
        types.assign(names.size(), Inferred{});
        headerLine = std::string(record.raw);
        firstOfFile = false;
        if (!options.inferSchema) {
          break;
        }
        if (options.header) {
          continue;
        }
      } else if (options.header) {
        bool isHeader = options.multiLine ? firstOfFile : record.raw == headerLine;
        firstOfFile = false;
        if (isHeader) {
          continue;
        }
      }
      firstOfFile = false;
      if (options.samplingRatio < 1.0) {
        sampleState = sampleState * 6364136223846793005ULL + 1442695040888963407ULL;
        double u = static_cast<double>(sampleState >> 11) / 9007199254740992.0;
        if (u >= options.samplingRatio) {
          continue;
        }
      }
      size_t n = std::min(types.size(), record.fields.size());
      for (size_t i = 0; i < n; ++i) {
        types[i] =
            inferrer.infer(types[i], tokenText(source.tokenizer(), record.fields[i], options, scratch));
      }
    }
    if (haveFirst && !options.inferSchema) {
      break;
    }
  }
  std::vector<StructField> fields;
  for (size_t i = 0; i < names.size(); ++i) {
    fields.push_back({names[i], options.inferSchema ? toDataType(types[i]) : DataType::string(), true});
  }
  return StructType(std::move(fields));
}

}  // namespace rivulet::csv
