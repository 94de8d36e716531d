#include "rivulet/formats/parquet/schema/spark_schema_json.h"

#include <simdjson.h>

#include <string>

namespace rivulet::parquet {

namespace {

namespace dom = simdjson::dom;

DataTypePtr parseType(const dom::element& e, int depth);

DataTypePtr parseAtomic(std::string_view name) {
  if (name == "boolean") return DataType::boolean();
  if (name == "byte") return DataType::byte();
  if (name == "short") return DataType::shortType();
  if (name == "integer") return DataType::integer();
  if (name == "long") return DataType::longType();
  if (name == "float") return DataType::floatType();
  if (name == "double") return DataType::doubleType();
  if (name == "string") return DataType::string();
  if (name == "binary") return DataType::binary();
  if (name == "date") return DataType::date();
  if (name == "timestamp" || name == "timestamp_ntz") return DataType::timestamp();
  if (name == "decimal") return DataType::decimal(10, 0);
  if (name.rfind("decimal(", 0) == 0 && name.back() == ')') {
    std::string inner(name.substr(8, name.size() - 9));
    size_t comma = inner.find(',');
    if (comma == std::string::npos) {
      return nullptr;
    }
    try {
      int p = std::stoi(inner.substr(0, comma));
      int s = std::stoi(inner.substr(comma + 1));
      if (p < 1 || p > 38 || s < 0 || s > p) {
        return nullptr;
      }
      return DataType::decimal(p, s);
    } catch (...) {
      return nullptr;
    }
  }
  if (name.rfind("char(", 0) == 0 || name.rfind("varchar(", 0) == 0) {
    return DataType::string();
  }
  return nullptr;
}

DataTypePtr parseStruct(const dom::element& e, int depth) {
  dom::array fields;
  if (e["fields"].get_array().get(fields) != simdjson::SUCCESS) {
    return nullptr;
  }
  std::vector<StructField> out;
  for (dom::element f : fields) {
    std::string_view name;
    dom::element type;
    if (f["name"].get_string().get(name) != simdjson::SUCCESS ||
        f["type"].get(type) != simdjson::SUCCESS) {
      return nullptr;
    }
    bool nullable = true;
    if (f["nullable"].get_bool().get(nullable) != simdjson::SUCCESS) {
      nullable = true;
    }
    DataTypePtr t = parseType(type, depth + 1);
    if (!t) {
      return nullptr;
    }
    out.push_back({std::string(name), t, nullable});
  }
  return DataType::structType(std::move(out));
}

DataTypePtr parseType(const dom::element& e, int depth) {
  if (depth > 64) {
    return nullptr;
  }
  std::string_view s;
  if (e.get_string().get(s) == simdjson::SUCCESS) {
    return parseAtomic(s);
  }
  std::string_view kind;
  if (e["type"].get_string().get(kind) != simdjson::SUCCESS) {
    return nullptr;
  }
  if (kind == "struct") {
    return parseStruct(e, depth);
  }
  if (kind == "array") {
    dom::element elem;
    bool containsNull = true;
    if (e["elementType"].get(elem) != simdjson::SUCCESS) {
      return nullptr;
    }
    if (e["containsNull"].get_bool().get(containsNull) != simdjson::SUCCESS) {
      containsNull = true;
    }
    DataTypePtr t = parseType(elem, depth + 1);
    return t ? DataType::array(t, containsNull) : nullptr;
  }
  if (kind == "map") {
    dom::element k;
    dom::element v;
    bool valueContainsNull = true;
    if (e["keyType"].get(k) != simdjson::SUCCESS || e["valueType"].get(v) != simdjson::SUCCESS) {
      return nullptr;
    }
    if (e["valueContainsNull"].get_bool().get(valueContainsNull) != simdjson::SUCCESS) {
      valueContainsNull = true;
    }
    DataTypePtr kt = parseType(k, depth + 1);
    DataTypePtr vt = parseType(v, depth + 1);
    return kt && vt ? DataType::map(kt, vt, valueContainsNull) : nullptr;
  }
  return nullptr;
}

}  // namespace

std::optional<StructType> parseSparkSchemaJson(std::string_view json) {
  dom::parser parser;
  dom::element root;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  DataTypePtr t = parseType(root, 0);
  if (!t || t->id() != TypeId::kStruct) {
    return std::nullopt;
  }
  return StructType(t);
}

}  // namespace rivulet::parquet
