#include "rivulet/formats/parquet/thrift/parquet_types.h"

#include "rivulet/formats/parquet/thrift/compact_protocol.h"

namespace rivulet::parquet {

namespace {

using thrift::CompactReader;
using thrift::CompactWriter;
using thrift::WireType;

void expectType(CompactReader& r, WireType found, WireType expected, const char* field) {
  bool ok = found == expected;
  if (expected == WireType::kBoolTrue) {
    ok = found == WireType::kBoolTrue || found == WireType::kBoolFalse;
  }
  if (!ok) {
    r.fail(std::string("field ") + field + " has wire type " +
           std::to_string(static_cast<int>(found)) + ", expected " +
           std::to_string(static_cast<int>(expected)));
  }
}

int32_t readI32Field(CompactReader& r, WireType t, const char* field) {
  if (t == WireType::kByte) {
    return r.readByte();
  }
  if (t == WireType::kI16 || t == WireType::kI64) {
    int64_t v = r.readI64();
    if (v < INT32_MIN || v > INT32_MAX) {
      r.fail(std::string("field ") + field + " out of i32 range");
    }
    return static_cast<int32_t>(v);
  }
  expectType(r, t, WireType::kI32, field);
  return r.readI32();
}

int64_t readI64Field(CompactReader& r, WireType t, const char* field) {
  if (t == WireType::kI32 || t == WireType::kI16) {
    return r.readI64();
  }
  expectType(r, t, WireType::kI64, field);
  return r.readI64();
}

std::string readStringField(CompactReader& r, WireType t, const char* field) {
  expectType(r, t, WireType::kBinary, field);
  return r.readString();
}

bool readBoolField(CompactReader& r, WireType t, const char* field) {
  expectType(r, t, WireType::kBoolTrue, field);
  return r.readBool(t);
}

// Iterates the fields of a struct: fn(id, type) must consume or skip the value and return
// true if it did.
template <typename Fn>
void readStruct(CompactReader& r, Fn&& fn) {
  r.beginStruct();
  int16_t id;
  WireType t;
  while (r.nextField(id, t)) {
    if (!fn(id, t)) {
      r.skip(t);
    }
  }
  r.endStruct();
}

template <typename Fn>
void readList(CompactReader& r, WireType t, const char* field, WireType element, Fn&& fn) {
  expectType(r, t, WireType::kList, field);
  WireType et;
  uint32_t n;
  r.readListHeader(et, n);
  if (n > 0 && et != element && !(element == WireType::kI32 && et == WireType::kI64)) {
    r.fail(std::string("list ") + field + " has elements of wire type " +
           std::to_string(static_cast<int>(et)));
  }
  for (uint32_t i = 0; i < n; ++i) {
    fn();
  }
}

template <typename E>
E readEnum(CompactReader& r, WireType t, const char* field) {
  return static_cast<E>(readI32Field(r, t, field));
}

Statistics readStatistics(CompactReader& r) {
  Statistics s;
  readStruct(r, [&](int16_t id, WireType t) {
    switch (id) {
      case 1: s.max = readStringField(r, t, "Statistics.max"); return true;
      case 2: s.min = readStringField(r, t, "Statistics.min"); return true;
      case 3: s.nullCount = readI64Field(r, t, "Statistics.null_count"); return true;
      case 4: s.distinctCount = readI64Field(r, t, "Statistics.distinct_count"); return true;
      case 5: s.maxValue = readStringField(r, t, "Statistics.max_value"); return true;
      case 6: s.minValue = readStringField(r, t, "Statistics.min_value"); return true;
      default: return false;
    }
  });
  return s;
}

TimeUnit readTimeUnit(CompactReader& r) {
  TimeUnit unit = TimeUnit::kMillis;
  readStruct(r, [&](int16_t id, WireType t) {
    if (id >= 1 && id <= 3) {
      unit = static_cast<TimeUnit>(id);
    }
    return false;
  });
  return unit;
}

LogicalType readLogicalType(CompactReader& r) {
  LogicalType lt;
  readStruct(r, [&](int16_t id, WireType t) {
    if (t != WireType::kStruct) {
      return false;
    }
    lt.kind = id;
    switch (id) {
      case LogicalType::kDecimal:
        readStruct(r, [&](int16_t fid, WireType ft) {
          if (fid == 1) {
            lt.scale = readI32Field(r, ft, "DecimalType.scale");
            return true;
          }
          if (fid == 2) {
            lt.precision = readI32Field(r, ft, "DecimalType.precision");
            return true;
          }
          return false;
        });
        return true;
      case LogicalType::kTime:
      case LogicalType::kTimestamp:
        readStruct(r, [&](int16_t fid, WireType ft) {
          if (fid == 1) {
            lt.isAdjustedToUtc = readBoolField(r, ft, "isAdjustedToUTC");
            return true;
          }
          if (fid == 2 && ft == WireType::kStruct) {
            lt.unit = readTimeUnit(r);
            return true;
          }
          return false;
        });
        return true;
      case LogicalType::kInteger:
        readStruct(r, [&](int16_t fid, WireType ft) {
          if (fid == 1) {
            lt.bitWidth = ft == WireType::kByte ? r.readByte() : readI32Field(r, ft, "bitWidth");
            return true;
          }
          if (fid == 2) {
            lt.isSigned = readBoolField(r, ft, "IntType.isSigned");
            return true;
          }
          return false;
        });
        return true;
      default:
        return false;  // empty structs (and future kinds) are skipped; `kind` keeps the id
    }
  });
  return lt;
}

SchemaElement readSchemaElement(CompactReader& r) {
  SchemaElement e;
  bool hasName = false;
  readStruct(r, [&](int16_t id, WireType t) {
    switch (id) {
      case 1: {
        int32_t v = readI32Field(r, t, "SchemaElement.type");
        if (v < 0 || v > 7) {
          r.fail("unknown physical type " + std::to_string(v));
        }
        e.type = static_cast<PhysicalType>(v);
        return true;
      }
      case 2: e.typeLength = readI32Field(r, t, "SchemaElement.type_length"); return true;
      case 3: {
        int32_t v = readI32Field(r, t, "SchemaElement.repetition_type");
        if (v < 0 || v > 2) {
          r.fail("unknown repetition type " + std::to_string(v));
        }
        e.repetition = static_cast<Repetition>(v);
        return true;
      }
      case 4:
        e.name = readStringField(r, t, "SchemaElement.name");
        hasName = true;
        return true;
      case 5: e.numChildren = readI32Field(r, t, "SchemaElement.num_children"); return true;
      case 6: e.convertedType = readEnum<ConvertedType>(r, t, "converted_type"); return true;
      case 7: e.scale = readI32Field(r, t, "SchemaElement.scale"); return true;
      case 8: e.precision = readI32Field(r, t, "SchemaElement.precision"); return true;
      case 9: e.fieldId = readI32Field(r, t, "SchemaElement.field_id"); return true;
      case 10:
        expectType(r, t, WireType::kStruct, "SchemaElement.logicalType");
        e.logicalType = readLogicalType(r);
        return true;
      default: return false;
    }
  });
  if (!hasName) {
    r.fail("schema element without a name");
  }
  return e;
}

KeyValue readKeyValue(CompactReader& r) {
  KeyValue kv;
  readStruct(r, [&](int16_t id, WireType t) {
    if (id == 1) {
      kv.key = readStringField(r, t, "KeyValue.key");
      return true;
    }
    if (id == 2) {
      kv.value = readStringField(r, t, "KeyValue.value");
      return true;
    }
    return false;
  });
  return kv;
}

ColumnMetaData readColumnMetaData(CompactReader& r) {
  ColumnMetaData m;
  readStruct(r, [&](int16_t id, WireType t) {
    switch (id) {
      case 1: {
        int32_t v = readI32Field(r, t, "ColumnMetaData.type");
        if (v < 0 || v > 7) {
          r.fail("unknown physical type " + std::to_string(v));
        }
        m.type = static_cast<PhysicalType>(v);
        return true;
      }
      case 2:
        readList(r, t, "encodings", WireType::kI32, [&] {
          m.encodings.push_back(static_cast<Encoding>(r.readI32()));
        });
        return true;
      case 3:
        readList(r, t, "path_in_schema", WireType::kBinary, [&] {
          m.pathInSchema.push_back(r.readString());
        });
        return true;
      case 4: m.codec = readEnum<Codec>(r, t, "ColumnMetaData.codec"); return true;
      case 5: m.numValues = readI64Field(r, t, "num_values"); return true;
      case 6: m.totalUncompressedSize = readI64Field(r, t, "total_uncompressed_size"); return true;
      case 7: m.totalCompressedSize = readI64Field(r, t, "total_compressed_size"); return true;
      case 8:
        readList(r, t, "key_value_metadata", WireType::kStruct, [&] {
          m.keyValueMetadata.push_back(readKeyValue(r));
        });
        return true;
      case 9: m.dataPageOffset = readI64Field(r, t, "data_page_offset"); return true;
      case 10: m.indexPageOffset = readI64Field(r, t, "index_page_offset"); return true;
      case 11: m.dictionaryPageOffset = readI64Field(r, t, "dictionary_page_offset"); return true;
      case 12:
        expectType(r, t, WireType::kStruct, "ColumnMetaData.statistics");
        m.statistics = readStatistics(r);
        return true;
      case 13:
        readList(r, t, "encoding_stats", WireType::kStruct, [&] {
          PageEncodingStats s;
          readStruct(r, [&](int16_t fid, WireType ft) {
            switch (fid) {
              case 1: s.pageType = readEnum<PageType>(r, ft, "page_type"); return true;
              case 2: s.encoding = readEnum<Encoding>(r, ft, "encoding"); return true;
              case 3: s.count = readI32Field(r, ft, "count"); return true;
              default: return false;
            }
          });
          m.encodingStats.push_back(s);
        });
        return true;
      default: return false;
    }
  });
  return m;
}

ColumnChunk readColumnChunk(CompactReader& r) {
  ColumnChunk c;
  readStruct(r, [&](int16_t id, WireType t) {
    switch (id) {
      case 1: c.filePath = readStringField(r, t, "ColumnChunk.file_path"); return true;
      case 2: c.fileOffset = readI64Field(r, t, "ColumnChunk.file_offset"); return true;
      case 3:
        expectType(r, t, WireType::kStruct, "ColumnChunk.meta_data");
        c.metaData = readColumnMetaData(r);
        return true;
      case 8:
      case 9: c.encrypted = true; return false;
      default: return false;
    }
  });
  return c;
}

RowGroup readRowGroup(CompactReader& r) {
  RowGroup g;
  readStruct(r, [&](int16_t id, WireType t) {
    switch (id) {
      case 1:
        readList(r, t, "RowGroup.columns", WireType::kStruct, [&] {
          g.columns.push_back(readColumnChunk(r));
        });
        return true;
      case 2: g.totalByteSize = readI64Field(r, t, "total_byte_size"); return true;
      case 3: g.numRows = readI64Field(r, t, "RowGroup.num_rows"); return true;
      case 4:
        readList(r, t, "sorting_columns", WireType::kStruct, [&] {
          SortingColumn s;
          readStruct(r, [&](int16_t fid, WireType ft) {
            switch (fid) {
              case 1: s.columnIdx = readI32Field(r, ft, "column_idx"); return true;
              case 2: s.descending = readBoolField(r, ft, "descending"); return true;
              case 3: s.nullsFirst = readBoolField(r, ft, "nulls_first"); return true;
              default: return false;
            }
          });
          g.sortingColumns.push_back(s);
        });
        return true;
      case 5: g.fileOffset = readI64Field(r, t, "RowGroup.file_offset"); return true;
      case 6: g.totalCompressedSize = readI64Field(r, t, "total_compressed_size"); return true;
      default: return false;
    }
  });
  return g;
}

}  // namespace

FileMetaData decodeFileMetaData(const uint8_t* data, size_t size) {
  CompactReader r(data, size);
  FileMetaData m;
  readStruct(r, [&](int16_t id, WireType t) {
    switch (id) {
      case 1: m.version = readI32Field(r, t, "FileMetaData.version"); return true;
      case 2:
        readList(r, t, "FileMetaData.schema", WireType::kStruct, [&] {
          m.schema.push_back(readSchemaElement(r));
        });
        return true;
      case 3: m.numRows = readI64Field(r, t, "FileMetaData.num_rows"); return true;
      case 4:
        readList(r, t, "FileMetaData.row_groups", WireType::kStruct, [&] {
          m.rowGroups.push_back(readRowGroup(r));
        });
        return true;
      case 5:
        readList(r, t, "FileMetaData.key_value_metadata", WireType::kStruct, [&] {
          m.keyValueMetadata.push_back(readKeyValue(r));
        });
        return true;
      case 6: m.createdBy = readStringField(r, t, "FileMetaData.created_by"); return true;
      case 7:
        readList(r, t, "FileMetaData.column_orders", WireType::kStruct, [&] {
          ColumnOrder o;
          readStruct(r, [&](int16_t fid, WireType) {
            o.kind = fid;
            return false;
          });
          m.columnOrders.push_back(o);
        });
        return true;
      case 8: m.encrypted = true; return false;
      default: return false;
    }
  });
  return m;
}

PageHeader decodePageHeader(const uint8_t* data, size_t size, size_t& consumed) {
  CompactReader r(data, size);
  PageHeader h;
  readStruct(r, [&](int16_t id, WireType t) {
    switch (id) {
      case 1: h.type = readEnum<PageType>(r, t, "PageHeader.type"); return true;
      case 2: h.uncompressedPageSize = readI32Field(r, t, "uncompressed_page_size"); return true;
      case 3: h.compressedPageSize = readI32Field(r, t, "compressed_page_size"); return true;
      case 4: h.crc = readI32Field(r, t, "PageHeader.crc"); return true;
      case 5: {
        expectType(r, t, WireType::kStruct, "data_page_header");
        DataPageHeader d;
        readStruct(r, [&](int16_t fid, WireType ft) {
          switch (fid) {
            case 1: d.numValues = readI32Field(r, ft, "DataPageHeader.num_values"); return true;
            case 2: d.encoding = readEnum<Encoding>(r, ft, "DataPageHeader.encoding"); return true;
            case 3: d.definitionLevelEncoding = readEnum<Encoding>(r, ft, "def encoding"); return true;
            case 4: d.repetitionLevelEncoding = readEnum<Encoding>(r, ft, "rep encoding"); return true;
            case 5:
              expectType(r, ft, WireType::kStruct, "DataPageHeader.statistics");
              d.statistics = readStatistics(r);
              return true;
            default: return false;
          }
        });
        h.dataPageHeader = d;
        return true;
      }
      case 7: {
        expectType(r, t, WireType::kStruct, "dictionary_page_header");
        DictionaryPageHeader d;
        readStruct(r, [&](int16_t fid, WireType ft) {
          switch (fid) {
            case 1: d.numValues = readI32Field(r, ft, "DictionaryPageHeader.num_values"); return true;
            case 2: d.encoding = readEnum<Encoding>(r, ft, "DictionaryPageHeader.encoding"); return true;
            case 3: d.isSorted = readBoolField(r, ft, "is_sorted"); return true;
            default: return false;
          }
        });
        h.dictionaryPageHeader = d;
        return true;
      }
      case 8: {
        expectType(r, t, WireType::kStruct, "data_page_header_v2");
        DataPageHeaderV2 d;
        readStruct(r, [&](int16_t fid, WireType ft) {
          switch (fid) {
            case 1: d.numValues = readI32Field(r, ft, "DataPageHeaderV2.num_values"); return true;
            case 2: d.numNulls = readI32Field(r, ft, "num_nulls"); return true;
            case 3: d.numRows = readI32Field(r, ft, "num_rows"); return true;
            case 4: d.encoding = readEnum<Encoding>(r, ft, "DataPageHeaderV2.encoding"); return true;
            case 5: d.definitionLevelsByteLength = readI32Field(r, ft, "def length"); return true;
            case 6: d.repetitionLevelsByteLength = readI32Field(r, ft, "rep length"); return true;
            case 7: d.isCompressed = readBoolField(r, ft, "is_compressed"); return true;
            case 8:
              expectType(r, ft, WireType::kStruct, "DataPageHeaderV2.statistics");
              d.statistics = readStatistics(r);
              return true;
            default: return false;
          }
        });
        h.dataPageHeaderV2 = d;
        return true;
      }
      default: return false;
    }
  });
  consumed = r.position();
  return h;
}

namespace {

void writeStatistics(CompactWriter& w, const Statistics& s) {
  if (s.max) {
    w.fieldBinary(1, *s.max);
  }
  if (s.min) {
    w.fieldBinary(2, *s.min);
  }
  if (s.nullCount) {
    w.fieldI64(3, *s.nullCount);
  }
  if (s.distinctCount) {
    w.fieldI64(4, *s.distinctCount);
  }
  if (s.maxValue) {
    w.fieldBinary(5, *s.maxValue);
  }
  if (s.minValue) {
    w.fieldBinary(6, *s.minValue);
  }
  w.endStruct();
}

void writeLogicalType(CompactWriter& w, const LogicalType& lt) {
  w.fieldStruct(static_cast<int16_t>(lt.kind));
  switch (lt.kind) {
    case LogicalType::kDecimal:
      w.fieldI32(1, lt.scale);
      w.fieldI32(2, lt.precision);
      break;
    case LogicalType::kTime:
    case LogicalType::kTimestamp:
      w.fieldBool(1, lt.isAdjustedToUtc);
      w.fieldStruct(2);
      w.fieldStruct(static_cast<int16_t>(lt.unit));
      w.endStruct();
      w.endStruct();
      break;
    default:
      break;
  }
  w.endStruct();
  w.endStruct();
}

void writeKeyValues(CompactWriter& w, int16_t id, const std::vector<KeyValue>& kvs) {
  w.fieldHeader(id, WireType::kList);
  w.listHeader(WireType::kStruct, static_cast<uint32_t>(kvs.size()));
  for (const auto& kv : kvs) {
    w.beginStruct();
    w.fieldBinary(1, kv.key);
    if (kv.value) {
      w.fieldBinary(2, *kv.value);
    }
    w.endStruct();
  }
}

void writeSchemaElement(CompactWriter& w, std::string& out, const SchemaElement& e) {
  w.beginStruct();
  if (e.type) {
    w.fieldI32(1, static_cast<int32_t>(*e.type));
  }
  if (e.type == PhysicalType::kFixedLenByteArray) {
    w.fieldI32(2, e.typeLength);
  }
  if (e.repetition) {
    w.fieldI32(3, static_cast<int32_t>(*e.repetition));
  }
  w.fieldBinary(4, e.name);
  if (!e.type) {
    w.fieldI32(5, e.numChildren);
  }
  if (e.convertedType != ConvertedType::kNone) {
    w.fieldI32(6, static_cast<int32_t>(e.convertedType));
  }
  if (e.convertedType == ConvertedType::kDecimal) {
    w.fieldI32(7, e.scale);
    w.fieldI32(8, e.precision);
  }
  if (e.fieldId) {
    w.fieldI32(9, *e.fieldId);
  }
  if (e.logicalType.kind != LogicalType::kAbsent) {
    if (e.logicalType.kind == LogicalType::kInteger) {
      // IntType {1: i8 bitWidth, 2: bool isSigned}, written directly (i8 is a raw byte).
      w.fieldStruct(10);
      w.fieldStruct(LogicalType::kInteger);
      w.fieldHeader(1, WireType::kByte);
      out.push_back(static_cast<char>(e.logicalType.bitWidth));
      w.fieldBool(2, e.logicalType.isSigned);
      w.endStruct();
      w.endStruct();
    } else {
      w.fieldHeader(10, WireType::kStruct);
      w.beginStruct();
      writeLogicalType(w, e.logicalType);
    }
  }
  w.endStruct();
}

}  // namespace

void encodeFileMetaData(const FileMetaData& m, std::string& out) {
  CompactWriter w(out);
  w.beginStruct();
  w.fieldI32(1, m.version);
  w.fieldHeader(2, WireType::kList);
  w.listHeader(WireType::kStruct, static_cast<uint32_t>(m.schema.size()));
  for (const auto& e : m.schema) {
    writeSchemaElement(w, out, e);
  }
  w.fieldI64(3, m.numRows);
  w.fieldHeader(4, WireType::kList);
  w.listHeader(WireType::kStruct, static_cast<uint32_t>(m.rowGroups.size()));
  for (const auto& g : m.rowGroups) {
    w.beginStruct();
    w.fieldHeader(1, WireType::kList);
    w.listHeader(WireType::kStruct, static_cast<uint32_t>(g.columns.size()));
    for (const auto& c : g.columns) {
      w.beginStruct();
      if (c.filePath) {
        w.fieldBinary(1, *c.filePath);
      }
      w.fieldI64(2, c.fileOffset);
      if (c.metaData) {
        const ColumnMetaData& cm = *c.metaData;
        w.fieldStruct(3);
        w.fieldI32(1, static_cast<int32_t>(cm.type));
        w.fieldHeader(2, WireType::kList);
        w.listHeader(WireType::kI32, static_cast<uint32_t>(cm.encodings.size()));
        for (auto e : cm.encodings) {
          w.writeI32(static_cast<int32_t>(e));
        }
        w.fieldHeader(3, WireType::kList);
        w.listHeader(WireType::kBinary, static_cast<uint32_t>(cm.pathInSchema.size()));
        for (const auto& p : cm.pathInSchema) {
          w.writeBinary(p);
        }
        w.fieldI32(4, static_cast<int32_t>(cm.codec));
        w.fieldI64(5, cm.numValues);
        w.fieldI64(6, cm.totalUncompressedSize);
        w.fieldI64(7, cm.totalCompressedSize);
        if (!cm.keyValueMetadata.empty()) {
          writeKeyValues(w, 8, cm.keyValueMetadata);
        }
        w.fieldI64(9, cm.dataPageOffset);
        if (cm.dictionaryPageOffset) {
          w.fieldI64(11, *cm.dictionaryPageOffset);
        }
        if (cm.statistics) {
          w.fieldStruct(12);
          writeStatistics(w, *cm.statistics);
        }
        w.endStruct();
      }
      w.endStruct();
    }
    w.fieldI64(2, g.totalByteSize);
    w.fieldI64(3, g.numRows);
    if (g.fileOffset) {
      w.fieldI64(5, *g.fileOffset);
    }
    if (g.totalCompressedSize) {
      w.fieldI64(6, *g.totalCompressedSize);
    }
    w.endStruct();
  }
  if (!m.keyValueMetadata.empty()) {
    writeKeyValues(w, 5, m.keyValueMetadata);
  }
  if (m.createdBy) {
    w.fieldBinary(6, *m.createdBy);
  }
  if (!m.columnOrders.empty()) {
    w.fieldHeader(7, WireType::kList);
    w.listHeader(WireType::kStruct, static_cast<uint32_t>(m.columnOrders.size()));
    for (const auto& o : m.columnOrders) {
      w.beginStruct();
      w.fieldStruct(static_cast<int16_t>(o.kind));
      w.endStruct();
      w.endStruct();
    }
  }
  w.endStruct();
}

void encodePageHeader(const PageHeader& h, std::string& out) {
  CompactWriter w(out);
  w.beginStruct();
  w.fieldI32(1, static_cast<int32_t>(h.type));
  w.fieldI32(2, h.uncompressedPageSize);
  w.fieldI32(3, h.compressedPageSize);
  if (h.crc) {
    w.fieldI32(4, *h.crc);
  }
  if (h.dataPageHeader) {
    const auto& d = *h.dataPageHeader;
    w.fieldStruct(5);
    w.fieldI32(1, d.numValues);
    w.fieldI32(2, static_cast<int32_t>(d.encoding));
    w.fieldI32(3, static_cast<int32_t>(d.definitionLevelEncoding));
    w.fieldI32(4, static_cast<int32_t>(d.repetitionLevelEncoding));
    if (d.statistics) {
      w.fieldStruct(5);
      writeStatistics(w, *d.statistics);
    }
    w.endStruct();
  }
  if (h.dictionaryPageHeader) {
    const auto& d = *h.dictionaryPageHeader;
    w.fieldStruct(7);
    w.fieldI32(1, d.numValues);
    w.fieldI32(2, static_cast<int32_t>(d.encoding));
    w.endStruct();
  }
  if (h.dataPageHeaderV2) {
    const auto& d = *h.dataPageHeaderV2;
    w.fieldStruct(8);
    w.fieldI32(1, d.numValues);
    w.fieldI32(2, d.numNulls);
    w.fieldI32(3, d.numRows);
    w.fieldI32(4, static_cast<int32_t>(d.encoding));
    w.fieldI32(5, d.definitionLevelsByteLength);
    w.fieldI32(6, d.repetitionLevelsByteLength);
    w.fieldBool(7, d.isCompressed);
    w.endStruct();
  }
  w.endStruct();
}

const char* codecName(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed: return "UNCOMPRESSED";
    case Codec::kSnappy: return "SNAPPY";
    case Codec::kGzip: return "GZIP";
    case Codec::kLzo: return "LZO";
    case Codec::kBrotli: return "BROTLI";
    case Codec::kLz4: return "LZ4";
    case Codec::kZstd: return "ZSTD";
    case Codec::kLz4Raw: return "LZ4_RAW";
  }
  return "UNKNOWN";
}

const char* encodingName(Encoding e) {
  switch (e) {
    case Encoding::kPlain: return "PLAIN";
    case Encoding::kPlainDictionary: return "PLAIN_DICTIONARY";
    case Encoding::kRle: return "RLE";
    case Encoding::kBitPacked: return "BIT_PACKED";
    case Encoding::kDeltaBinaryPacked: return "DELTA_BINARY_PACKED";
    case Encoding::kDeltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::kDeltaByteArray: return "DELTA_BYTE_ARRAY";
    case Encoding::kRleDictionary: return "RLE_DICTIONARY";
    case Encoding::kByteStreamSplit: return "BYTE_STREAM_SPLIT";
  }
  return "UNKNOWN";
}

const char* physicalTypeName(PhysicalType t) {
  switch (t) {
    case PhysicalType::kBoolean: return "BOOLEAN";
    case PhysicalType::kInt32: return "INT32";
    case PhysicalType::kInt64: return "INT64";
    case PhysicalType::kInt96: return "INT96";
    case PhysicalType::kFloat: return "FLOAT";
    case PhysicalType::kDouble: return "DOUBLE";
    case PhysicalType::kByteArray: return "BYTE_ARRAY";
    case PhysicalType::kFixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY";
  }
  return "UNKNOWN";
}

const char* pageTypeName(PageType t) {
  switch (t) {
    case PageType::kDataPage: return "DATA_PAGE";
    case PageType::kIndexPage: return "INDEX_PAGE";
    case PageType::kDictionaryPage: return "DICTIONARY_PAGE";
    case PageType::kDataPageV2: return "DATA_PAGE_V2";
  }
  return "UNKNOWN";
}

}  // namespace rivulet::parquet
