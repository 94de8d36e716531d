#include "rivulet/formats/json/json_schema_inferrer.h"

#include <simdjson.h>

#include <vector>

#include "rivulet/common/time/timestamp.h"
#include "rivulet/formats/json/json_lenient.h"
#include "rivulet/formats/json/json_record_parser.h"
#include "rivulet/formats/json/json_schema.h"

namespace rivulet::json {

namespace od = simdjson::ondemand;

class JsonSchemaInferrer::Impl {
 public:
  Impl(const JsonOptions& options, const time::TimeZone& zone) : options_(options), zone_(zone) {}

  DataTypePtr infer(std::string_view text, size_t capacity, bool* malformed) {
    *malformed = false;
    error_.clear();
    if (capacity < text.size() + kJsonPadding) {
      padded_.assign(text.data(), text.size());
      padded_.append(kJsonPadding, ' ');
      text = std::string_view(padded_.data(), text.size());
      capacity = padded_.size();
    }
    DataTypePtr type;
    if (inferStrict(text, capacity, &type)) {
      return type;
    }
    std::string lenientError;
    if (!normalizeJson(text, options_, normalized_, lenientError)) {
      error_ = lenientError;
      *malformed = true;
      return nullptr;
    }
    if (normalized_.empty()) {
      return nullptr;
    }
    size_t n = normalized_.size();
    normalized_.append(kJsonPadding, ' ');
    if (inferStrict(std::string_view(normalized_.data(), n), normalized_.size(), &type)) {
      return type;
    }
    error_ = error_.empty() ? "the record could not be parsed" : error_;
    *malformed = true;
    return nullptr;
  }

  const std::string& error() const { return error_; }

 private:
  bool inferStrict(std::string_view text, size_t capacity, DataTypePtr* out) {
    od::document doc;
    if (parser_.iterate(simdjson::padded_string_view(text.data(), text.size(), capacity))
            .get(doc)) {
      return false;
    }
    od::json_type t;
    if (doc.type().get(t)) {
      return false;
    }
    if (t == od::json_type::object || t == od::json_type::array) {
      od::value v;
      if (doc.get_value().get(v)) {
        return false;
      }
      *out = inferValue(v, t, 0);
      return *out != nullptr;
    }
    switch (t) {
      case od::json_type::number: {
        *out = numberType(trimToken(doc.raw_json_token()));
        return *out != nullptr;
      }
      case od::json_type::string: {
        std::string_view s;
        if (doc.get_string().get(s)) {
          return false;
        }
        *out = stringType(s);
        return true;
      }
      case od::json_type::boolean: {
        bool b;
        if (doc.get_bool().get(b)) {
          return false;
        }
        *out = options_.primitivesAsString ? DataType::string() : DataType::boolean();
        return true;
      }
      default: {
        bool isNull;
        if (doc.is_null().get(isNull) || !isNull) {
          return false;
        }
        *out = DataType::null();
        return true;
      }
    }
  }

  static std::string_view trimToken(std::string_view s) {
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
      s.remove_suffix(1);
    }
    return s;
  }

  DataTypePtr numberType(std::string_view raw) {
    NumberKind kind = classifyNumber(raw, nullptr);
    if (kind == NumberKind::kInvalid) {
      return nullptr;
    }
    if (options_.primitivesAsString) {
      return DataType::string();
    }
    if (kind == NumberKind::kInteger) {
      return DataType::longType();
    }
    if (kind == NumberKind::kFloat && !options_.prefersDecimal) {
      return DataType::doubleType();
    }
    int precision;
    int scale;
    if (decimalShape(raw, &precision, &scale) && precision <= 38) {
      return DataType::decimal(precision, scale);
    }
    return DataType::doubleType();
  }

  DataTypePtr stringType(std::string_view s) {
    if (s.empty()) {
      // Spark treats "" like null until the record types are merged.
      return DataType::null();
    }
    if (options_.prefersDecimal) {
      int precision;
      int scale;
      if (decimalShape(s, &precision, &scale) && precision <= 38 &&
          s.find_first_of("eE") == std::string_view::npos) {
        return DataType::decimal(precision, scale);
      }
    }
    if (options_.inferTimestamp && s.size() > 10 && time::parseTimestamp(s, zone_)) {
      return DataType::timestamp();
    }
    return DataType::string();
  }

  DataTypePtr inferValue(od::value& v, od::json_type t, int depth) {
    if (depth >= kMaxJsonDepth) {
      error_ = "nesting depth exceeds the maximum of 1000";
      return nullptr;
    }
    switch (t) {
      case od::json_type::null: {
        bool isNull;
        if (v.is_null().get(isNull) || !isNull) {
          return nullptr;
        }
        return DataType::null();
      }
      case od::json_type::boolean: {
        bool b;
        if (v.get_bool().get(b)) {
          return nullptr;
        }
        return options_.primitivesAsString ? DataType::string() : DataType::boolean();
      }
      case od::json_type::number: return numberType(trimToken(v.raw_json_token()));
      case od::json_type::string: {
        std::string_view s;
        if (v.get_string().get(s)) {
          return nullptr;
        }
        return stringType(s);
      }
      case od::json_type::array: {
        od::array arr;
        if (v.get_array().get(arr)) {
          return nullptr;
        }
        DataTypePtr element = DataType::null();
        for (auto e : arr) {
          od::value ev;
          od::json_type et;
          if (e.get(ev) || ev.type().get(et)) {
            return nullptr;
          }
          DataTypePtr ti = inferValue(ev, et, depth + 1);
          if (!ti) {
            return nullptr;
          }
          element = compatibleType(element, ti);
        }
        return DataType::array(element, true);
      }
      case od::json_type::object: {
        od::object obj;
        if (v.get_object().get(obj)) {
          return nullptr;
        }
        std::vector<StructField> fields;
        for (auto fr : obj) {
          od::field f;
          std::string_view key;
          if (std::move(fr).get(f) || f.unescaped_key().get(key)) {
            return nullptr;
          }
          std::string name(key);
          od::json_type ft;
          if (f.value().type().get(ft)) {
            return nullptr;
          }
          DataTypePtr ti = inferValue(f.value(), ft, depth + 1);
          if (!ti) {
            return nullptr;
          }
          fields.push_back({std::move(name), std::move(ti), true});
        }
        return sortedStruct(std::move(fields));
      }
    }
    return nullptr;
  }

  const JsonOptions& options_;
  const time::TimeZone& zone_;
  od::parser parser_;
  std::string padded_;
  std::string normalized_;
  std::string error_;
};

JsonSchemaInferrer::JsonSchemaInferrer(const JsonOptions& options, const time::TimeZone& zone)
    : impl_(std::make_unique<Impl>(options, zone)) {}

JsonSchemaInferrer::~JsonSchemaInferrer() = default;

DataTypePtr JsonSchemaInferrer::infer(std::string_view text, size_t capacity, bool* malformed) {
  return impl_->infer(text, capacity, malformed);
}

const std::string& JsonSchemaInferrer::error() const { return impl_->error(); }

}  // namespace rivulet::json
