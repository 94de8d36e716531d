#include "testing/batch_from_json.h"

#include "rivulet/common/utf8.h"

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "rivulet/columnar/cast_string.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"

namespace rivulet::testing {

namespace {

// A parsed JSON value; numbers keep their text so longs and decimals stay exact.
struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // number text or string contents
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;
};

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}

  Json parseDocument() {
    Json v = parseValue();
    skipSpace();
    if (pos_ != s_.size()) {
      fail("end of input");
    }
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& expected) const {
    throw std::invalid_argument("batchFromJson: expected " + expected + " at byte " +
                                std::to_string(pos_) + " of: " + std::string(s_));
  }

  void skipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\t' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool consume(char c) {
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool consumeWord(std::string_view w) {
    if (s_.substr(pos_, w.size()) == w) {
      pos_ += w.size();
      return true;
    }
    return false;
  }

  Json parseValue() {
    skipSpace();
    if (pos_ >= s_.size()) {
      fail("a value");
    }
    Json v;
    char c = s_[pos_];
    if (c == '[') {
      ++pos_;
      v.kind = Json::Kind::kArray;
      if (!consume(']')) {
        do {
          v.items.push_back(parseValue());
        } while (consume(','));
        if (!consume(']')) {
          fail("',' or ']'");
        }
      }
    } else if (c == '{') {
      ++pos_;
      v.kind = Json::Kind::kObject;
      if (!consume('}')) {
        do {
          skipSpace();
          std::string key = parseString();
          if (!consume(':')) {
            fail("':'");
          }
          v.members.emplace_back(std::move(key), parseValue());
        } while (consume(','));
        if (!consume('}')) {
          fail("',' or '}'");
        }
      }
    } else if (c == '"') {
      v.kind = Json::Kind::kString;
      v.text = parseString();
    } else if (consumeWord("null")) {
      v.kind = Json::Kind::kNull;
    } else if (consumeWord("true")) {
      v.kind = Json::Kind::kBool;
      v.boolean = true;
    } else if (consumeWord("false")) {
      v.kind = Json::Kind::kBool;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = pos_++;
      while (pos_ < s_.size() &&
             std::string_view("0123456789.eE+-").find(s_[pos_]) != std::string_view::npos) {
        ++pos_;
      }
      v.kind = Json::Kind::kNumber;
      v.text = std::string(s_.substr(start, pos_ - start));
    } else {
      fail("a value");
    }
    return v;
  }


  uint32_t parseHex4() {
    if (pos_ + 4 > s_.size()) {
      fail("four hex digits");
    }
    uint32_t cp = 0;
    for (int i = 0; i < 4; ++i) {
      char h = s_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') {
        cp |= static_cast<uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        cp |= static_cast<uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        cp |= static_cast<uint32_t>(h - 'A' + 10);
      } else {
        fail("a hex digit");
      }
    }
    return cp;
  }

  std::string parseString() {
    if (pos_ >= s_.size() || s_[pos_] != '"') {
      fail("'\"'");
    }
    ++pos_;
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) {
        fail("closing '\"'");
      }
      char c = s_[pos_++];
      if (c == '"') {
        return out;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) {
        fail("an escape");
      }
      char e = s_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          uint32_t cp = parseHex4();
          if (cp >= 0xD800 && cp < 0xDC00 && consumeWord("\\u")) {
            uint32_t low = parseHex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          rivulet::appendUtf8(cp, out);
          break;
        }
        default:
          out += e;
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

[[noreturn]] void badValue(const DataType& type, const Json& json) {
  throw std::invalid_argument(
      "batchFromJson: cannot read a " + type.simpleString() + " from " +
      (json.kind == Json::Kind::kString ? "\"" + json.text + "\"" : json.text));
}

Value toValue(const DataType& type, const Json& json);

// Map keys arrive as object member names: read them as the JSON text they spell.
Value keyValue(const DataType& type, const std::string& key) {
  if (type.id() == TypeId::kString || type.id() == TypeId::kBinary || type.id() == TypeId::kDate ||
      type.id() == TypeId::kTimestamp) {
    Json j;
    j.kind = Json::Kind::kString;
    j.text = key;
    return toValue(type, j);
  }
  return toValue(type, JsonParser(key).parseDocument());
}

Value toValue(const DataType& type, const Json& json) {
  if (json.kind == Json::Kind::kNull) {
    return Value();
  }
  const std::string& t = json.text;
  switch (type.id()) {
    case TypeId::kNull:
      return Value();
    case TypeId::kBoolean:
      if (json.kind != Json::Kind::kBool) {
        badValue(type, json);
      }
      return Value::boolean(json.boolean);
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong: {
      auto v = parseIntegralText(t, type.id());
      if (!v || t.find('.') != std::string::npos) {
        badValue(type, json);
      }
      return Value::integer(*v);
    }
    case TypeId::kFloat:
    case TypeId::kDouble: {
      auto v = parseDoubleText(t);
      if (!v) {
        badValue(type, json);
      }
      return Value::real(type.id() == TypeId::kFloat ? static_cast<double>(*parseFloatText(t))
                                                     : *v);
    }
    case TypeId::kDecimal: {
      auto v = parseDecimalText(t, type.precision(), type.scale());
      if (!v) {
        badValue(type, json);
      }
      return Value::decimal(*v, type.scale());
    }
    case TypeId::kString:
      return Value::string(t);
    case TypeId::kBinary: {
      if (json.kind == Json::Kind::kArray) {
        std::string bytes;
        for (const auto& b : json.items) {
          bytes += static_cast<char>(std::stoi(b.text));
        }
        return Value::string(bytes);
      }
      return Value::string(t);
    }
    case TypeId::kDate: {
      auto v = time::parseDate(t);
      if (!v) {
        badValue(type, json);
      }
      return Value::integer(*v);
    }
    case TypeId::kTimestamp: {
      if (json.kind == Json::Kind::kNumber) {
        return Value::integer(std::stoll(t));
      }
      auto v = time::parseTimestamp(t, *time::TimeZone::utc());
      if (!v) {
        badValue(type, json);
      }
      return Value::integer(*v);
    }
    case TypeId::kArray: {
      if (json.kind != Json::Kind::kArray) {
        badValue(type, json);
      }
      std::vector<Value> elements;
      for (const auto& item : json.items) {
        elements.push_back(toValue(*type.elementType(), item));
      }
      return Value::array(std::move(elements));
    }
    case TypeId::kMap: {
      std::vector<Value> keys;
      std::vector<Value> values;
      if (json.kind == Json::Kind::kObject) {
        for (const auto& [k, v] : json.members) {
          keys.push_back(keyValue(*type.keyType(), k));
          values.push_back(toValue(*type.valueType(), v));
        }
      } else if (json.kind == Json::Kind::kArray) {
        for (const auto& pair : json.items) {
          if (pair.kind != Json::Kind::kArray || pair.items.size() != 2) {
            badValue(type, json);
          }
          keys.push_back(toValue(*type.keyType(), pair.items[0]));
          values.push_back(toValue(*type.valueType(), pair.items[1]));
        }
      } else {
        badValue(type, json);
      }
      return Value::map(std::move(keys), std::move(values));
    }
    case TypeId::kStruct: {
      const auto& fields = type.fields();
      std::vector<Value> values(fields.size());
      if (json.kind == Json::Kind::kArray) {
        if (json.items.size() != fields.size()) {
          badValue(type, json);
        }
        for (size_t i = 0; i < fields.size(); ++i) {
          values[i] = toValue(*fields[i].type, json.items[i]);
        }
      } else if (json.kind == Json::Kind::kObject) {
        for (const auto& [name, v] : json.members) {
          int i = type.fieldIndex(name);
          if (i < 0) {
            badValue(type, json);
          }
          values[static_cast<size_t>(i)] = toValue(*fields[static_cast<size_t>(i)].type, v);
        }
      } else {
        badValue(type, json);
      }
      return Value::structValue(std::move(values));
    }
  }
  badValue(type, json);
}

}  // namespace

Value valueFromJson(const DataType& type, std::string_view json) {
  return toValue(type, JsonParser(json).parseDocument());
}

Batch batchFromJson(const StructType& schema, std::string_view jsonRows) {
  Json rows = JsonParser(jsonRows).parseDocument();
  if (rows.kind != Json::Kind::kArray) {
    throw std::invalid_argument("batchFromJson: expected an array of rows");
  }
  size_t numCols = schema.size();
  std::vector<std::vector<Value>> columns(numCols);
  for (size_t r = 0; r < rows.items.size(); ++r) {
    const Json& row = rows.items[r];
    if (row.kind != Json::Kind::kArray || row.items.size() != numCols) {
      throw std::invalid_argument("batchFromJson: row " + std::to_string(r) +
                                  " is not an array of " + std::to_string(numCols) + " values");
    }
    for (size_t c = 0; c < numCols; ++c) {
      columns[c].push_back(toValue(*schema[c].type, row.items[c]));
    }
  }
  std::vector<VectorPtr> vectors;
  for (size_t c = 0; c < numCols; ++c) {
    vectors.push_back(vectorFromValues(schema[c].type, columns[c]));
  }
  return Batch(std::move(vectors), static_cast<int64_t>(rows.items.size()));
}

}  // namespace rivulet::testing
