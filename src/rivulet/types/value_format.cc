#include "rivulet/types/value_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/types/number_format.h"

namespace rivulet {

std::string formatValue(const Value& value, const DataType& type, const ValueFormatOptions& options) {
  if (value.isNull()) {
    return "null";
  }
  switch (type.id()) {
    case TypeId::kNull: return "null";
    case TypeId::kBoolean: return value.asBool() ? "true" : "false";
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong: return std::to_string(value.asInt());
    case TypeId::kFloat: return formatFloat(static_cast<float>(value.asDouble()));
    case TypeId::kDouble: return formatDouble(value.asDouble());
    case TypeId::kDecimal: return formatDecimal(value.asDecimal(), type.scale());
    case TypeId::kString: return value.asString();
    case TypeId::kBinary: {
      if (!options.binaryAsHex) {
        return value.asString();
      }
      std::string out = "[";
      char buf[4];
      for (size_t i = 0; i < value.asString().size(); ++i) {
        if (i > 0) {
          out += ' ';
        }
        snprintf(buf, sizeof buf, "%02X", static_cast<unsigned char>(value.asString()[i]));
        out += buf;
      }
      return out + "]";
    }
    case TypeId::kDate: return time::formatDate(static_cast<int32_t>(value.asInt()));
    case TypeId::kTimestamp: {
      const time::TimeZone* zone = options.zone;
      time::TimeZonePtr fallback;
      if (zone == nullptr) {
        fallback = time::TimeZone::systemDefault();
        zone = fallback.get();
      }
      return time::formatTimestamp(value.asInt(), *zone);
    }
    case TypeId::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < value.children().size(); ++i) {
        if (i > 0) {
          out += ", ";
        }
        out += formatValue(value.children()[i], *type.elementType(), options);
      }
      return out + "]";
    }
    case TypeId::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < value.children().size(); ++i) {
        if (i > 0) {
          out += ", ";
        }
        out += formatValue(value.children()[i], *type.keyType(), options);
        out += " -> ";
        out += formatValue(value.mapValues()[i], *type.valueType(), options);
      }
      return out + "}";
    }
    case TypeId::kStruct: {
      std::string out = "{";
      for (size_t i = 0; i < value.children().size() && i < type.fields().size(); ++i) {
        if (i > 0) {
          out += ", ";
        }
        out += formatValue(value.children()[i], *type.fields()[i].type, options);
      }
      return out + "}";
    }
  }
  return "?";
}

std::string formatValueUntyped(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return value.asBool() ? "true" : "false";
    case Value::Kind::kInt: return std::to_string(value.asInt());
    case Value::Kind::kDouble: return formatDouble(value.asDouble());
    case Value::Kind::kDecimal: return formatDecimal(value.asDecimal(), value.decimalScale());
    case Value::Kind::kString: return value.asString();
    case Value::Kind::kArray:
    case Value::Kind::kStruct: {
      std::string out = value.kind() == Value::Kind::kArray ? "[" : "{";
      for (size_t i = 0; i < value.children().size(); ++i) {
        if (i > 0) {
          out += ", ";
        }
        out += formatValueUntyped(value.children()[i]);
      }
      return out + (value.kind() == Value::Kind::kArray ? "]" : "}");
    }
    case Value::Kind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < value.children().size(); ++i) {
        if (i > 0) {
          out += ", ";
        }
        out += formatValueUntyped(value.children()[i]) + " -> " +
               formatValueUntyped(value.mapValues()[i]);
      }
      return out + "}";
    }
  }
  return "?";
}

}  // namespace rivulet
