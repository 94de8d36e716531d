#include "rivulet/formats/parquet/parquet_metadata.h"

#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/formats/parquet/reader/parquet_file.h"
#include "rivulet/formats/parquet/reader/statistics.h"
#include "rivulet/formats/parquet/schema/schema_converter.h"
#include "rivulet/types/value_format.h"

namespace rivulet::parquet {

namespace {

const char* repetitionName(Repetition r) {
  switch (r) {
    case Repetition::kRequired: return "required";
    case Repetition::kOptional: return "optional";
    case Repetition::kRepeated: return "repeated";
  }
  return "optional";
}

std::string annotation(const SchemaElement& e) {
  const LogicalType& lt = e.logicalType;
  auto unit = [&] {
    return lt.unit == TimeUnit::kMillis ? "MILLIS" : lt.unit == TimeUnit::kMicros ? "MICROS" : "NANOS";
  };
  switch (lt.kind) {
    case LogicalType::kString: return "STRING";
    case LogicalType::kMap: return "MAP";
    case LogicalType::kList: return "LIST";
    case LogicalType::kEnum: return "ENUM";
    case LogicalType::kDecimal:
      return "DECIMAL(" + std::to_string(lt.precision) + "," + std::to_string(lt.scale) + ")";
    case LogicalType::kDate: return "DATE";
    case LogicalType::kTime:
      return std::string("TIME(") + unit() + "," + (lt.isAdjustedToUtc ? "true" : "false") + ")";
    case LogicalType::kTimestamp:
      return std::string("TIMESTAMP(") + unit() + "," + (lt.isAdjustedToUtc ? "true" : "false") + ")";
    case LogicalType::kInteger:
      return "INTEGER(" + std::to_string(lt.bitWidth) + "," + (lt.isSigned ? "true" : "false") + ")";
    case LogicalType::kUnknown: return "UNKNOWN";
    case LogicalType::kJson: return "JSON";
    case LogicalType::kBson: return "BSON";
    case LogicalType::kUuid: return "UUID";
    case LogicalType::kFloat16: return "FLOAT16";
    default: break;
  }
  static const char* converted[] = {"UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL",
                                    "DATE", "TIME_MILLIS", "TIME_MICROS", "TIMESTAMP_MILLIS",
                                    "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64",
                                    "INT_8", "INT_16", "INT_32", "INT_64", "JSON", "BSON", "INTERVAL"};
  auto c = static_cast<int>(e.convertedType);
  if (c >= 0 && c <= 21) {
    if (e.convertedType == ConvertedType::kDecimal) {
      return "DECIMAL(" + std::to_string(e.precision) + "," + std::to_string(e.scale) + ")";
    }
    return converted[c];
  }
  return "";
}

void renderNode(const ParquetSchema& s, int i, const std::string& indent, std::string& out) {
  const SchemaNode& n = s.node(i);
  const SchemaElement& e = *n.element;
  std::string a = annotation(e);
  out += indent + repetitionName(n.repetition) + " ";
  if (n.isLeaf()) {
    out += physicalTypeName(*e.type);
    if (e.type == PhysicalType::kFixedLenByteArray) {
      out += "(" + std::to_string(e.typeLength) + ")";
    }
    out += " " + n.name + (a.empty() ? "" : " (" + a + ")") + ";\n";
    return;
  }
  out += "group " + n.name + (a.empty() ? "" : " (" + a + ")") + " {\n";
  for (int c : n.children) {
    renderNode(s, c, indent + "  ", out);
  }
  out += indent + "}\n";
}

}  // namespace

ParquetFileInfo readParquetMetadata(const std::string& path) {
  ParquetFile file(path);
  const FileMetaData& m = file.metadata();
  const ParquetSchema& schema = file.schema();
  ParquetFileInfo info;
  info.version = m.version;
  info.numRows = m.numRows;
  info.createdBy = m.createdBy.value_or("");
  for (const auto& kv : m.keyValueMetadata) {
    info.keyValueMetadata.emplace_back(kv.key, kv.value.value_or(""));
  }
  info.parquetSchema = "message " + schema.root().name + " {\n";
  for (int c : schema.root().children) {
    renderNode(schema, c, "  ", info.parquetSchema);
  }
  info.parquetSchema += "}\n";
  ConvertOptions options;
  info.schema = file.rivuletSchema(options);
  // The leaf conversions of the file's own types, for rendering statistics.
  std::vector<std::optional<ReadNode>> leafPlans(static_cast<size_t>(schema.numLeaves()));
  for (int leaf = 0; leaf < schema.numLeaves(); ++leaf) {
    const SchemaNode& n = schema.node(schema.leafNode(leaf));
    SchemaElement single = *n.element;
    single.repetition = Repetition::kOptional;
    std::vector<SchemaElement> elements(2);
    elements[0].name = "root";
    elements[0].numChildren = 1;
    elements[1] = single;
    try {
      ParquetSchema one(elements);
      ReadNode plan = planField(one, {single.name, nullptr, true}, options);
      if (plan.kind == ReadNode::Kind::kLeaf) {
        leafPlans[static_cast<size_t>(leaf)] = plan;
      }
    } catch (const Error&) {
    }
  }
  auto utc = time::TimeZone::utc();
  ValueFormatOptions fmt;
  fmt.zone = utc.get();  // statistics render in UTC, independent of the machine
  fmt.binaryAsHex = true;
  for (const RowGroup& rg : m.rowGroups) {
    ParquetRowGroupInfo g;
    g.numRows = rg.numRows;
    g.totalByteSize = rg.totalByteSize;
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      const ColumnChunk& chunk = rg.columns[c];
      ParquetColumnChunkInfo ci;
      ci.path = schema.node(schema.leafNode(static_cast<int>(c))).path;
      if (chunk.metaData) {
        const ColumnMetaData& cm = *chunk.metaData;
        ci.physicalType = physicalTypeName(cm.type);
        ci.codec = codecName(cm.codec);
        for (Encoding e : cm.encodings) {
          ci.encodings.push_back(encodingName(e));
        }
        ci.numValues = cm.numValues;
        ci.compressedSize = cm.totalCompressedSize;
        ci.uncompressedSize = cm.totalUncompressedSize;
        ci.dataPageOffset = cm.dataPageOffset;
        ci.dictionaryPageOffset = cm.dictionaryPageOffset;
        if (const auto& plan = leafPlans[c]) {
          ChunkStatistics st = chunkStatistics(cm, plan->conversion);
          ci.nullCount = st.nullCount;
          if (st.min && st.max) {
            ci.min = formatValue(*st.min, *plan->type, fmt);
            ci.max = formatValue(*st.max, *plan->type, fmt);
          }
        } else if (cm.statistics) {
          ci.nullCount = cm.statistics->nullCount;
        }
      }
      g.columns.push_back(std::move(ci));
    }
    info.rowGroups.push_back(std::move(g));
  }
  return info;
}

}  // namespace rivulet::parquet
