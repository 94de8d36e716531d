#include "rivulet/formats/parquet/schema/schema_converter.h"

#include <strings.h>

#include "rivulet/common/error.h"

namespace rivulet::parquet {

namespace {

struct Source {
  SourceKind kind = SourceKind::kPlain;
  bool stringish = false;
  bool interval = false;
  TimeUnit unit = TimeUnit::kMicros;
  int32_t bitWidth = 0;
  int32_t precision = 0;
  int32_t scale = 0;
};

Source classify(const SchemaElement& e) {
  Source s;
  const LogicalType& lt = e.logicalType;
  switch (lt.kind) {
    case LogicalType::kString:
    case LogicalType::kEnum:
    case LogicalType::kJson:
      s.stringish = true;
      return s;
    case LogicalType::kBson:
    case LogicalType::kUnknown:
      return s;
    case LogicalType::kDecimal:
      s.kind = SourceKind::kDecimal;
      s.precision = lt.precision;
      s.scale = lt.scale;
      return s;
    case LogicalType::kDate:
      s.kind = SourceKind::kDate;
      return s;
    case LogicalType::kTime:
      s.kind = SourceKind::kTime;
      s.unit = lt.unit;
      return s;
    case LogicalType::kTimestamp:
      s.kind = SourceKind::kTimestamp;
      s.unit = lt.unit;
      return s;
    case LogicalType::kInteger:
      s.kind = lt.isSigned ? SourceKind::kSigned : SourceKind::kUnsigned;
      s.bitWidth = lt.bitWidth;
      return s;
    case LogicalType::kUuid:
      s.kind = SourceKind::kUuid;
      return s;
    case LogicalType::kFloat16:
      s.kind = SourceKind::kFloat16;
      return s;
    default:
      break;  // absent or unknown to this reader: use the converted type
  }
  switch (e.convertedType) {
    case ConvertedType::kUtf8:
    case ConvertedType::kEnum:
    case ConvertedType::kJson:
      s.stringish = true;
      break;
    case ConvertedType::kDecimal:
      s.kind = SourceKind::kDecimal;
      s.precision = e.precision;
      s.scale = e.scale;
      break;
    case ConvertedType::kDate: s.kind = SourceKind::kDate; break;
    case ConvertedType::kTimeMillis:
    case ConvertedType::kTimeMicros:
      s.kind = SourceKind::kTime;
      s.unit = e.convertedType == ConvertedType::kTimeMillis ? TimeUnit::kMillis : TimeUnit::kMicros;
      break;
    case ConvertedType::kTimestampMillis:
    case ConvertedType::kTimestampMicros:
      s.kind = SourceKind::kTimestamp;
      s.unit = e.convertedType == ConvertedType::kTimestampMillis ? TimeUnit::kMillis : TimeUnit::kMicros;
      break;
    case ConvertedType::kUint8: s.kind = SourceKind::kUnsigned; s.bitWidth = 8; break;
    case ConvertedType::kUint16: s.kind = SourceKind::kUnsigned; s.bitWidth = 16; break;
    case ConvertedType::kUint32: s.kind = SourceKind::kUnsigned; s.bitWidth = 32; break;
    case ConvertedType::kUint64: s.kind = SourceKind::kUnsigned; s.bitWidth = 64; break;
    case ConvertedType::kInt8: s.kind = SourceKind::kSigned; s.bitWidth = 8; break;
    case ConvertedType::kInt16: s.kind = SourceKind::kSigned; s.bitWidth = 16; break;
    case ConvertedType::kInt32: s.kind = SourceKind::kSigned; s.bitWidth = 32; break;
    case ConvertedType::kInt64: s.kind = SourceKind::kSigned; s.bitWidth = 64; break;
    case ConvertedType::kInterval: s.interval = true; break;
    default: break;
  }
  return s;
}

std::string describe(const SchemaNode& n, const Source& s) {
  std::string d = physicalTypeName(*n.element->type);
  switch (s.kind) {
    case SourceKind::kDecimal:
      d += " DECIMAL(" + std::to_string(s.precision) + "," + std::to_string(s.scale) + ")";
      break;
    case SourceKind::kDate: d += " DATE"; break;
    case SourceKind::kTime: d += " TIME"; break;
    case SourceKind::kTimestamp: d += " TIMESTAMP"; break;
    case SourceKind::kSigned: d += " INT(" + std::to_string(s.bitWidth) + ",signed)"; break;
    case SourceKind::kUnsigned: d += " INT(" + std::to_string(s.bitWidth) + ",unsigned)"; break;
    case SourceKind::kFloat16: d += " FLOAT16"; break;
    case SourceKind::kUuid: d += " UUID"; break;
    case SourceKind::kPlain:
      if (s.stringish) {
        d += " STRING";
      }
      break;
  }
  return d;
}

[[noreturn]] void unsupported(const SchemaNode& n, const std::string& why) {
  throwUserError("PARQUET_TYPE_ILLEGAL", "Parquet column '" + n.path + "': " + why);
}

DataTypePtr defaultLeafType(const SchemaNode& n, const Source& s, const ConvertOptions& options) {
  PhysicalType pt = *n.element->type;
  if (s.interval) {
    unsupported(n, "INTERVAL is not supported");
  }
  if (s.kind == SourceKind::kDecimal) {
    if (s.precision <= 0 || s.precision > 38 || s.scale < 0 || s.scale > s.precision) {
      unsupported(n, "DECIMAL(" + std::to_string(s.precision) + "," + std::to_string(s.scale) +
                         ") is outside precision 1..38 with 0 <= scale <= precision");
    }
    if (pt == PhysicalType::kBoolean || pt == PhysicalType::kFloat || pt == PhysicalType::kDouble ||
        pt == PhysicalType::kInt96) {
      unsupported(n, std::string("DECIMAL on ") + physicalTypeName(pt) + " is invalid");
    }
    return DataType::decimal(s.precision, s.scale);
  }
  switch (pt) {
    case PhysicalType::kBoolean: return DataType::boolean();
    case PhysicalType::kInt32:
      if (s.kind == SourceKind::kSigned) {
        return s.bitWidth == 8 ? DataType::byte() : s.bitWidth == 16 ? DataType::shortType() : DataType::integer();
      }
      if (s.kind == SourceKind::kUnsigned) {
        return s.bitWidth == 8 ? DataType::shortType() : s.bitWidth == 16 ? DataType::integer() : DataType::longType();
      }
      if (s.kind == SourceKind::kDate) {
        return DataType::date();
      }
      if (s.kind == SourceKind::kTime) {
        return DataType::longType();
      }
      return DataType::integer();
    case PhysicalType::kInt64:
      if (s.kind == SourceKind::kUnsigned) {
        return DataType::decimal(20, 0);
      }
      if (s.kind == SourceKind::kTimestamp) {
        return DataType::timestamp();
      }
      return DataType::longType();
    case PhysicalType::kInt96: return DataType::timestamp();
    case PhysicalType::kFloat: return DataType::floatType();
    case PhysicalType::kDouble: return DataType::doubleType();
    case PhysicalType::kByteArray:
      return s.stringish || options.binaryAsString ? DataType::string() : DataType::binary();
    case PhysicalType::kFixedLenByteArray:
      if (s.kind == SourceKind::kFloat16) {
        if (n.element->typeLength != 2) {
          unsupported(n, "FLOAT16 must be FIXED_LEN_BYTE_ARRAY(2)");
        }
        return DataType::floatType();
      }
      if (s.kind == SourceKind::kUuid && n.element->typeLength == 16) {
        return DataType::string();
      }
      return DataType::binary();
  }
  unsupported(n, "unknown physical type");
}

bool convertible(const SchemaNode& n, const Source& s, const DataType& target) {
  PhysicalType pt = *n.element->type;
  bool dec = s.kind == SourceKind::kDecimal;
  switch (target.id()) {
    case TypeId::kBoolean: return pt == PhysicalType::kBoolean;
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
      return pt == PhysicalType::kInt32 && !dec && s.kind != SourceKind::kDate;
    case TypeId::kLong:
      return (pt == PhysicalType::kInt32 || pt == PhysicalType::kInt64) && !dec &&
             s.kind != SourceKind::kDate && s.kind != SourceKind::kTimestamp &&
             !(s.kind == SourceKind::kUnsigned && s.bitWidth == 64);
    case TypeId::kFloat: return pt == PhysicalType::kFloat || s.kind == SourceKind::kFloat16;
    case TypeId::kDouble:
      return pt == PhysicalType::kFloat || pt == PhysicalType::kDouble ||
             s.kind == SourceKind::kFloat16 || (pt == PhysicalType::kInt32 && s.kind == SourceKind::kPlain);
    case TypeId::kDecimal:
      if (dec) {
        return target.scale() >= s.scale && target.precision() - target.scale() >= s.precision - s.scale;
      }
      return (pt == PhysicalType::kInt32 || pt == PhysicalType::kInt64) &&
             (s.kind == SourceKind::kPlain || s.kind == SourceKind::kSigned ||
              s.kind == SourceKind::kUnsigned);
    case TypeId::kString:
    case TypeId::kBinary:
      return (pt == PhysicalType::kByteArray || pt == PhysicalType::kFixedLenByteArray) && !dec &&
             s.kind != SourceKind::kFloat16;
    case TypeId::kDate: return pt == PhysicalType::kInt32 && (s.kind == SourceKind::kDate || s.kind == SourceKind::kPlain);
    case TypeId::kTimestamp:
      return pt == PhysicalType::kInt96 ||
             (pt == PhysicalType::kInt64 && (s.kind == SourceKind::kTimestamp || s.kind == SourceKind::kPlain));
    default: return false;
  }
}

ReadNode planLeaf(const SchemaNode& n, const DataTypePtr& wanted, const ConvertOptions& options) {
  Source s = classify(*n.element);
  ReadNode r;
  r.kind = ReadNode::Kind::kLeaf;
  r.leaf = n.leaf;
  r.nullDef = n.defLevel;
  r.path = n.path;
  DataTypePtr target = wanted;
  if (!target) {
    target = defaultLeafType(n, s, options);
  } else if (target->isNested() || !convertible(n, s, *target)) {
    throwUserError("PARQUET_COLUMN_DATA_TYPE_MISMATCH",
                   "Parquet column '" + n.path + "' of type " + describe(n, s) +
                       " cannot be read as " + target->simpleString());
  } else if (s.interval) {
    unsupported(n, "INTERVAL is not supported");
  }
  LeafConversion& c = r.conversion;
  c.physical = *n.element->type;
  c.typeLength = n.element->typeLength;
  c.source = s.kind;
  c.unit = s.unit;
  c.bitWidth = s.bitWidth;
  c.scale = s.scale;
  c.rescale = target->id() == TypeId::kDecimal ? target->scale() - (s.kind == SourceKind::kDecimal ? s.scale : 0) : 0;
  c.target = target;
  r.type = target;
  return r;
}

bool equalsIgnoreCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool isListAnnotated(const SchemaElement& e) {
  return e.logicalType.kind == LogicalType::kList || e.convertedType == ConvertedType::kList;
}

bool isMapAnnotated(const SchemaElement& e) {
  return e.logicalType.kind == LogicalType::kMap || e.convertedType == ConvertedType::kMap ||
         e.convertedType == ConvertedType::kMapKeyValue;
}

ReadNode plan(const ParquetSchema& schema, int index, const DataTypePtr& wanted, bool asElement,
              const ConvertOptions& options);

// A repeated field outside a LIST/MAP group: a list of non-null elements.
ReadNode planRepeated(const ParquetSchema& schema, int index, const DataTypePtr& wanted,
                      const ConvertOptions& options) {
  const SchemaNode& n = schema.node(index);
  if (wanted && wanted->id() != TypeId::kArray) {
    throwUserError("PARQUET_COLUMN_DATA_TYPE_MISMATCH",
                   "Parquet column '" + n.path + "' is repeated and cannot be read as " +
                       wanted->simpleString());
  }
  ReadNode r;
  r.kind = ReadNode::Kind::kList;
  r.nullDef = static_cast<int16_t>(n.defLevel - 1);
  r.elemDef = n.defLevel;
  r.elemRep = n.repLevel;
  r.leaf = schema.firstLeaf(index);
  r.path = n.path;
  r.children.push_back(plan(schema, index, wanted ? wanted->elementType() : nullptr, true, options));
  r.type = DataType::array(r.children[0].type, false);
  return r;
}

ReadNode planList(const ParquetSchema& schema, int index, const DataTypePtr& wanted,
                  const ConvertOptions& options) {
  const SchemaNode& n = schema.node(index);
  if (n.children.size() != 1 || schema.node(n.children[0]).repetition != Repetition::kRepeated) {
    unsupported(n, "a LIST group must have exactly one repeated child");
  }
  if (wanted && wanted->id() != TypeId::kArray) {
    throwUserError("PARQUET_COLUMN_DATA_TYPE_MISMATCH",
                   "Parquet LIST column '" + n.path + "' cannot be read as " + wanted->simpleString());
  }
  int rep = n.children[0];
  const SchemaNode& r = schema.node(rep);
  ReadNode list;
  list.kind = ReadNode::Kind::kList;
  list.nullDef = n.defLevel;
  list.elemDef = r.defLevel;
  list.elemRep = r.repLevel;
  list.leaf = schema.firstLeaf(index);
  list.path = n.path;
  DataTypePtr wantedElem = wanted ? wanted->elementType() : nullptr;
  bool elementIsRepeatedNode = r.isLeaf() || r.children.size() > 1 || r.name == "array" ||
                               r.name == n.name + "_tuple";
  bool containsNull = false;
  if (elementIsRepeatedNode) {
    list.children.push_back(plan(schema, rep, wantedElem, true, options));
  } else {
    int elem = r.children[0];
    list.children.push_back(plan(schema, elem, wantedElem, false, options));
    containsNull = schema.node(elem).repetition == Repetition::kOptional;
  }
  list.type = DataType::array(list.children[0].type, containsNull);
  return list;
}

ReadNode planMap(const ParquetSchema& schema, int index, const DataTypePtr& wanted,
                 const ConvertOptions& options) {
  const SchemaNode& n = schema.node(index);
  int kvIndex = n.children[0];
  const SchemaNode& kv = schema.node(kvIndex);
  if (kv.children.size() == 1) {
    // Keys only: read as the list of keys.
    ReadNode list;
    list.kind = ReadNode::Kind::kList;
    list.nullDef = n.defLevel;
    list.elemDef = kv.defLevel;
    list.elemRep = kv.repLevel;
    list.leaf = schema.firstLeaf(index);
    list.path = n.path;
    list.children.push_back(plan(schema, kv.children[0], wanted && wanted->id() == TypeId::kArray ? wanted->elementType() : nullptr, false, options));
    list.type = DataType::array(list.children[0].type, false);
    return list;
  }
  if (kv.children.size() != 2) {
    unsupported(n, "a MAP's repeated group must have a key and a value field");
  }
  if (wanted && wanted->id() != TypeId::kMap) {
    throwUserError("PARQUET_COLUMN_DATA_TYPE_MISMATCH",
                   "Parquet MAP column '" + n.path + "' cannot be read as " + wanted->simpleString());
  }
  ReadNode map;
  map.kind = ReadNode::Kind::kMap;
  map.nullDef = n.defLevel;
  map.elemDef = kv.defLevel;
  map.elemRep = kv.repLevel;
  map.leaf = schema.firstLeaf(index);
  map.path = n.path;
  map.children.push_back(plan(schema, kv.children[0], wanted ? wanted->keyType() : nullptr, false, options));
  map.children.push_back(plan(schema, kv.children[1], wanted ? wanted->valueType() : nullptr, false, options));
  bool valueNull = schema.node(kv.children[1]).repetition != Repetition::kRequired;
  map.type = DataType::map(map.children[0].type, map.children[1].type, valueNull);
  return map;
}

ReadNode missing(const DataTypePtr& type, const std::string& path) {
  ReadNode r;
  r.kind = ReadNode::Kind::kMissing;
  r.type = type;
  r.path = path;
  return r;
}

ReadNode planStruct(const ParquetSchema& schema, int index, const DataTypePtr& wanted,
                    const ConvertOptions& options) {
  const SchemaNode& n = schema.node(index);
  if (wanted && wanted->id() != TypeId::kStruct) {
    throwUserError("PARQUET_COLUMN_DATA_TYPE_MISMATCH",
                   "Parquet group '" + n.path + "' cannot be read as " + wanted->simpleString());
  }
  ReadNode s;
  s.kind = ReadNode::Kind::kStruct;
  s.nullDef = n.defLevel;
  s.leaf = schema.firstLeaf(index);
  s.path = n.path;
  std::vector<StructField> fields;
  if (wanted) {
    for (const auto& f : wanted->fields()) {
      int found = -1;
      for (int c : n.children) {
        if (equalsIgnoreCase(schema.node(c).name, f.name)) {
          found = c;
          break;
        }
      }
      s.children.push_back(found < 0 ? missing(f.type, n.path + "." + f.name)
                                     : plan(schema, found, f.type, false, options));
      fields.push_back({f.name, s.children.back().type, f.nullable});
    }
  } else {
    for (int c : n.children) {
      s.children.push_back(plan(schema, c, nullptr, false, options));
      const SchemaNode& cn = schema.node(c);
      fields.push_back({cn.name, s.children.back().type, cn.repetition != Repetition::kRequired});
    }
  }
  s.type = DataType::structType(std::move(fields));
  return s;
}

ReadNode plan(const ParquetSchema& schema, int index, const DataTypePtr& wanted, bool asElement,
              const ConvertOptions& options) {
  const SchemaNode& n = schema.node(index);
  if (n.repetition == Repetition::kRepeated && !asElement) {
    return planRepeated(schema, index, wanted, options);
  }
  if (n.isLeaf()) {
    return planLeaf(n, wanted, options);
  }
  const SchemaElement& e = *n.element;
  if (isListAnnotated(e)) {
    return planList(schema, index, wanted, options);
  }
  if (isMapAnnotated(e) && n.children.size() == 1 &&
      schema.node(n.children[0]).repetition == Repetition::kRepeated &&
      !schema.node(n.children[0]).isLeaf()) {
    return planMap(schema, index, wanted, options);
  }
  return planStruct(schema, index, wanted, options);
}

}  // namespace

StructType convertSchema(const ParquetSchema& schema, const ConvertOptions& options) {
  std::vector<StructField> fields;
  for (int c : schema.root().children) {
    ReadNode r = plan(schema, c, nullptr, false, options);
    fields.push_back({schema.node(c).name, r.type, schema.node(c).repetition != Repetition::kRequired});
  }
  return StructType(std::move(fields));
}

ReadNode planField(const ParquetSchema& schema, const StructField& wanted, const ConvertOptions& options) {
  for (int c : schema.root().children) {
    if (equalsIgnoreCase(schema.node(c).name, wanted.name)) {
      return plan(schema, c, wanted.type, false, options);
    }
  }
  return missing(wanted.type, wanted.name);
}

bool schemaReadableAs(const ParquetSchema& schema, const StructType& sparkSchema,
                      const ConvertOptions& options) {
  try {
    for (const auto& f : sparkSchema.fields()) {
      if (planField(schema, f, options).kind == ReadNode::Kind::kMissing) {
        return false;
      }
    }
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace rivulet::parquet
