#include "rivulet/formats/parquet/writer/write_schema.h"

#include "rivulet/common/error.h"

namespace rivulet::parquet {

namespace {

class Builder {
 public:
  Builder(WriteSchema& out, const WriterOptions& options) : out_(out), options_(options) {}

  WriteNode field(const std::string& name, const DataTypePtr& type, Repetition repetition,
                  int16_t def, int16_t rep, std::vector<std::string> path) {
    path.push_back(name);
    WriteNode node;
    node.name = name;
    node.optional = repetition == Repetition::kOptional;
    if (node.optional) {
      ++def;
    }
    size_t at = out_.elements.size();
    out_.elements.emplace_back();
    {
      SchemaElement& e = out_.elements.back();
      e.name = name;
      e.repetition = repetition;
    }
    switch (type->id()) {
      case TypeId::kStruct: {
        node.kind = WriteNode::Kind::kStruct;
        for (const auto& f : type->fields()) {
          node.children.push_back(field(f.name, f.type, f.nullable ? Repetition::kOptional : Repetition::kRequired,
                                        def, rep, path));
        }
        out_.elements[at].numChildren = static_cast<int32_t>(type->fields().size());
        break;
      }
      case TypeId::kArray: {
        node.kind = WriteNode::Kind::kList;
        node.elemRep = static_cast<int16_t>(rep + 1);
        out_.elements[at].numChildren = 1;
        out_.elements[at].convertedType = ConvertedType::kList;
        out_.elements[at].logicalType.kind = LogicalType::kList;
        repeatedGroup("list", 1, path);
        std::vector<std::string> inner = path;
        inner.push_back("list");
        node.children.push_back(field("element", type->elementType(),
                                      type->containsNull() ? Repetition::kOptional : Repetition::kRequired,
                                      static_cast<int16_t>(def + 1), node.elemRep, inner));
        break;
      }
      case TypeId::kMap: {
        node.kind = WriteNode::Kind::kMap;
        node.elemRep = static_cast<int16_t>(rep + 1);
        out_.elements[at].numChildren = 1;
        out_.elements[at].convertedType = ConvertedType::kMap;
        out_.elements[at].logicalType.kind = LogicalType::kMap;
        repeatedGroup("key_value", 2, path);
        std::vector<std::string> inner = path;
        inner.push_back("key_value");
        node.children.push_back(field("key", type->keyType(), Repetition::kRequired,
                                      static_cast<int16_t>(def + 1), node.elemRep, inner));
        node.children.push_back(field("value", type->valueType(),
                                      type->valueContainsNull() ? Repetition::kOptional : Repetition::kRequired,
                                      static_cast<int16_t>(def + 1), node.elemRep, inner));
        break;
      }
      default:
        node.kind = WriteNode::Kind::kLeaf;
        node.leaf = static_cast<int>(out_.leaves.size());
        out_.leaves.push_back(leaf(out_.elements[at], *type, def, rep, path));
        break;
    }
    collect(node);
    return node;
  }

 private:
  void repeatedGroup(const char* name, int children, const std::vector<std::string>&) {
    SchemaElement e;
    e.name = name;
    e.repetition = Repetition::kRepeated;
    e.numChildren = children;
    out_.elements.push_back(std::move(e));
  }

  static void collect(WriteNode& n) {
    if (n.kind == WriteNode::Kind::kLeaf) {
      n.leaves = {n.leaf};
      return;
    }
    for (const auto& c : n.children) {
      n.leaves.insert(n.leaves.end(), c.leaves.begin(), c.leaves.end());
    }
  }

  LeafDescriptor leaf(SchemaElement& e, const DataType& t, int16_t def, int16_t rep,
                      const std::vector<std::string>& path) {
    LeafDescriptor d;
    d.path = path;
    d.maxDef = def;
    d.maxRep = rep;
    auto set = [&](PhysicalType p, ValueKind k) {
      d.physical = p;
      d.kind = k;
      e.type = p;
    };
    switch (t.id()) {
      case TypeId::kBoolean: set(PhysicalType::kBoolean, ValueKind::kBool); break;
      case TypeId::kByte:
        set(PhysicalType::kInt32, ValueKind::kInt8);
        e.convertedType = ConvertedType::kInt8;
        e.logicalType = {LogicalType::kInteger};
        e.logicalType.bitWidth = 8;
        break;
      case TypeId::kShort:
        set(PhysicalType::kInt32, ValueKind::kInt16);
        e.convertedType = ConvertedType::kInt16;
        e.logicalType = {LogicalType::kInteger};
        e.logicalType.bitWidth = 16;
        break;
      case TypeId::kInt: set(PhysicalType::kInt32, ValueKind::kInt32); break;
      case TypeId::kLong: set(PhysicalType::kInt64, ValueKind::kInt64); break;
      case TypeId::kFloat: set(PhysicalType::kFloat, ValueKind::kFloat); break;
      case TypeId::kDouble: set(PhysicalType::kDouble, ValueKind::kDouble); break;
      case TypeId::kString:
        set(PhysicalType::kByteArray, ValueKind::kBytes);
        e.convertedType = ConvertedType::kUtf8;
        e.logicalType.kind = LogicalType::kString;
        break;
      case TypeId::kBinary: set(PhysicalType::kByteArray, ValueKind::kBytes); break;
      case TypeId::kDate:
        set(PhysicalType::kInt32, ValueKind::kInt32);
        e.convertedType = ConvertedType::kDate;
        e.logicalType.kind = LogicalType::kDate;
        break;
      case TypeId::kTimestamp:
        if (options_.timestamps == TimestampOutput::kInt96) {
          set(PhysicalType::kInt96, ValueKind::kTimestampInt96);
          break;
        }
        e.logicalType.kind = LogicalType::kTimestamp;
        e.logicalType.isAdjustedToUtc = true;
        if (options_.timestamps == TimestampOutput::kMillis) {
          set(PhysicalType::kInt64, ValueKind::kTimestampMillis);
          e.convertedType = ConvertedType::kTimestampMillis;
          e.logicalType.unit = TimeUnit::kMillis;
        } else {
          set(PhysicalType::kInt64, ValueKind::kTimestampMicros);
          e.convertedType = ConvertedType::kTimestampMicros;
          e.logicalType.unit = TimeUnit::kMicros;
        }
        break;
      case TypeId::kDecimal:
        if (t.precision() <= 9) {
          set(PhysicalType::kInt32, ValueKind::kDecimal32);
        } else if (t.precision() <= 18) {
          set(PhysicalType::kInt64, ValueKind::kDecimal64);
        } else {
          set(PhysicalType::kFixedLenByteArray, ValueKind::kDecimalFixed);
          d.typeLength = e.typeLength = decimalBytes(t.precision());
        }
        e.convertedType = ConvertedType::kDecimal;
        e.precision = t.precision();
        e.scale = t.scale();
        e.logicalType.kind = LogicalType::kDecimal;
        e.logicalType.precision = t.precision();
        e.logicalType.scale = t.scale();
        break;
      default:
        throwUserError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                       "The Parquet datasource doesn't support the column `" + e.name + "` of the type \"" +
                           t.sql() + "\"");
    }
    return d;
  }

  WriteSchema& out_;
  const WriterOptions& options_;
};

}  // namespace

int decimalBytes(int precision) {
  int n = 1;
  // Smallest n with 2^(8n-1) > 10^precision.
  while (true) {
    long double max = 1;
    for (int i = 0; i < 8 * n - 1; ++i) {
      max *= 2;
    }
    long double need = 1;
    for (int i = 0; i < precision; ++i) {
      need *= 10;
    }
    if (max > need) {
      return n;
    }
    ++n;
  }
}

WriteSchema buildWriteSchema(const StructType& schema, const WriterOptions& options) {
  WriteSchema out;
  SchemaElement root;
  root.name = "spark_schema";
  root.numChildren = static_cast<int32_t>(schema.size());
  out.elements.push_back(root);
  Builder b(out, options);
  for (const auto& f : schema.fields()) {
    out.columns.push_back(b.field(f.name, f.type, f.nullable ? Repetition::kOptional : Repetition::kRequired, 0, 0, {}));
  }
  return out;
}

}  // namespace rivulet::parquet
