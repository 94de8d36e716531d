// The Thrift compact-protocol codec and the footer structures: round trips and malformed input.
#include <gtest/gtest.h>

#include "rivulet/common/error.h"
#include "rivulet/formats/parquet/thrift/compact_protocol.h"
#include "rivulet/formats/parquet/thrift/parquet_types.h"

namespace rivulet::parquet {
namespace {

std::string errorOf(const std::string& bytes) {
  try {
    decodeFileMetaData(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUser);
    return e.message();
  }
  return "";
}

FileMetaData sample() {
  FileMetaData m;
  m.version = 1;
  SchemaElement root;
  root.name = "spark_schema";
  root.numChildren = 2;
  SchemaElement a;
  a.name = "a";
  a.type = PhysicalType::kInt64;
  a.repetition = Repetition::kOptional;
  a.logicalType.kind = LogicalType::kTimestamp;
  a.logicalType.unit = TimeUnit::kMicros;
  a.logicalType.isAdjustedToUtc = true;
  a.convertedType = ConvertedType::kTimestampMicros;
  SchemaElement b;
  b.name = "b";
  b.type = PhysicalType::kInt32;
  b.repetition = Repetition::kRequired;
  b.logicalType.kind = LogicalType::kInteger;
  b.logicalType.bitWidth = 8;
  b.logicalType.isSigned = false;
  m.schema = {root, a, b};
  m.numRows = 300;
  RowGroup rg;
  rg.numRows = 300;
  rg.totalByteSize = 1234;
  ColumnChunk cc;
  cc.fileOffset = 4;
  ColumnMetaData cm;
  cm.type = PhysicalType::kInt64;
  cm.encodings = {Encoding::kPlainDictionary, Encoding::kRle};
  cm.pathInSchema = {"a"};
  cm.codec = Codec::kZstd;
  cm.numValues = 300;
  cm.totalCompressedSize = 100;
  cm.totalUncompressedSize = 200;
  cm.dataPageOffset = 40;
  cm.dictionaryPageOffset = 4;
  Statistics st;
  st.nullCount = 7;
  st.minValue = std::string("\x01\x00\x00\x00\x00\x00\x00\x00", 8);
  st.maxValue = std::string("\xff\x00\x00\x00\x00\x00\x00\x00", 8);
  cm.statistics = st;
  cc.metaData = cm;
  rg.columns = {cc, cc};
  m.rowGroups = {rg};
  m.keyValueMetadata = {{"k", std::string("v")}, {"novalue", std::nullopt}};
  m.createdBy = "test";
  m.columnOrders = {ColumnOrder{1}, ColumnOrder{1}};
  return m;
}

TEST(ThriftCodecTest, FileMetaDataRoundTrips) {
  std::string bytes;
  encodeFileMetaData(sample(), bytes);
  FileMetaData m = decodeFileMetaData(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  ASSERT_EQ(m.schema.size(), 3u);
  EXPECT_EQ(m.schema[0].numChildren, 2);
  EXPECT_EQ(m.schema[1].name, "a");
  EXPECT_EQ(m.schema[1].logicalType.kind, LogicalType::kTimestamp);
  EXPECT_EQ(m.schema[1].logicalType.unit, TimeUnit::kMicros);
  EXPECT_TRUE(m.schema[1].logicalType.isAdjustedToUtc);
  EXPECT_EQ(m.schema[2].logicalType.kind, LogicalType::kInteger);
  EXPECT_EQ(m.schema[2].logicalType.bitWidth, 8);
  EXPECT_FALSE(m.schema[2].logicalType.isSigned);
  EXPECT_EQ(m.schema[2].repetition, Repetition::kRequired);
  EXPECT_EQ(m.numRows, 300);
  ASSERT_EQ(m.rowGroups.size(), 1u);
  ASSERT_EQ(m.rowGroups[0].columns.size(), 2u);
  const ColumnMetaData& cm = *m.rowGroups[0].columns[1].metaData;
  EXPECT_EQ(cm.codec, Codec::kZstd);
  EXPECT_EQ(cm.encodings, (std::vector<Encoding>{Encoding::kPlainDictionary, Encoding::kRle}));
  EXPECT_EQ(cm.pathInSchema, std::vector<std::string>{"a"});
  EXPECT_EQ(*cm.dictionaryPageOffset, 4);
  EXPECT_EQ(*cm.statistics->nullCount, 7);
  EXPECT_EQ(cm.statistics->maxValue->size(), 8u);
  EXPECT_EQ(m.keyValueMetadata[1].key, "novalue");
  EXPECT_FALSE(m.keyValueMetadata[1].value.has_value());
  EXPECT_EQ(*m.createdBy, "test");
  EXPECT_EQ(m.columnOrders.size(), 2u);
  EXPECT_EQ(m.columnOrders[0].kind, 1);
}

TEST(ThriftCodecTest, PageHeaderRoundTrips) {
  PageHeader h;
  h.type = PageType::kDataPageV2;
  h.uncompressedPageSize = 1000;
  h.compressedPageSize = 500;
  h.crc = -5;
  DataPageHeaderV2 v2;
  v2.numValues = 10;
  v2.numNulls = 2;
  v2.numRows = 10;
  v2.encoding = Encoding::kDeltaBinaryPacked;
  v2.definitionLevelsByteLength = 3;
  v2.repetitionLevelsByteLength = 0;
  v2.isCompressed = false;
  h.dataPageHeaderV2 = v2;
  std::string bytes;
  encodePageHeader(h, bytes);
  bytes += "trailing page data";
  size_t consumed = 0;
  PageHeader d = decodePageHeader(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), consumed);
  EXPECT_EQ(consumed, bytes.size() - 18);
  EXPECT_EQ(d.type, PageType::kDataPageV2);
  EXPECT_EQ(*d.crc, -5);
  EXPECT_EQ(d.dataPageHeaderV2->numNulls, 2);
  EXPECT_EQ(d.dataPageHeaderV2->encoding, Encoding::kDeltaBinaryPacked);
  EXPECT_FALSE(d.dataPageHeaderV2->isCompressed);
}

TEST(ThriftCodecTest, SkipsUnknownFieldsOfEveryType) {
  std::string bytes;
  thrift::CompactWriter w(bytes);
  w.beginStruct();
  w.fieldI32(1, 2);
  w.fieldHeader(40, thrift::WireType::kDouble);
  bytes.append(8, '\0');
  w.fieldBinary(41, "ignored");
  w.fieldHeader(42, thrift::WireType::kList);
  w.listHeader(thrift::WireType::kI64, 2);
  w.writeI64(1);
  w.writeI64(-1);
  w.fieldStruct(43);
  w.fieldBool(1, true);
  w.endStruct();
  w.fieldI64(3, 99);
  w.endStruct();
  FileMetaData m = decodeFileMetaData(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  EXPECT_EQ(m.version, 2);
  EXPECT_EQ(m.numRows, 99);
}

TEST(ThriftCodecTest, RejectsTruncatedInput) {
  std::string bytes;
  encodeFileMetaData(sample(), bytes);
  for (size_t n : {size_t{0}, size_t{1}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_NE(errorOf(bytes.substr(0, n)), "") << "prefix of " << n << " bytes";
  }
  EXPECT_EQ(errorOf(""), "Malformed Parquet metadata (Thrift compact protocol): truncated struct (no STOP field) at byte 0");
}

TEST(ThriftCodecTest, RejectsListSizesLargerThanTheInput) {
  // Field 2 (schema) as a list of 2^32-1 structs in a few bytes.
  std::string bytes = "\x15\x02\x19\xfc\xff\xff\xff\x0f";
  EXPECT_EQ(errorOf(bytes),
            "Malformed Parquet metadata (Thrift compact protocol): list of 33554431 elements exceeds "
            "the 0 bytes left at byte 8");
}

TEST(ThriftCodecTest, RejectsBinaryLengthsLargerThanTheInput) {
  std::string bytes = "\x68\xff\xff\x03xy";  // field 6 (created_by), length 65535
  EXPECT_EQ(errorOf(bytes),
            "Malformed Parquet metadata (Thrift compact protocol): binary length 65535 exceeds the 2 "
            "bytes left at byte 4");
}

TEST(ThriftCodecTest, LimitsNestingDepth) {
  // An unknown field holding structs nested 100 deep.
  std::string bytes = "\xfc";  // field 15 (unknown), a struct
  for (int i = 0; i < 100; ++i) {
    bytes += "\x1c";  // field delta 1, type struct
  }
  EXPECT_EQ(errorOf(bytes),
            "Malformed Parquet metadata (Thrift compact protocol): structs nested deeper than 64 at byte 64");
}

TEST(ThriftCodecTest, RejectsWrongWireTypes) {
  std::string bytes = "\x18\x01x";  // field 1 (version) as binary
  EXPECT_EQ(errorOf(bytes),
            "Malformed Parquet metadata (Thrift compact protocol): field FileMetaData.version has wire "
            "type 8, expected 5 at byte 1");
}

TEST(ThriftCodecTest, RejectsOverlongVarints) {
  std::string bytes = "\x15" + std::string(11, '\xff');
  EXPECT_EQ(errorOf(bytes), "Malformed Parquet metadata (Thrift compact protocol): varint longer than 10 bytes at byte 11");
}

}  // namespace
}  // namespace rivulet::parquet
