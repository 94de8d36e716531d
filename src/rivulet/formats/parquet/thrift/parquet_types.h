// The Parquet footer and page-header structures of the format specification (parquet.thrift),
// with their compact-protocol decoders and encoders. Only the fields Rivulet uses are kept;
// unknown fields are skipped, so newer writers' additions are tolerated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rivulet::parquet {

enum class PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum class ConvertedType : int32_t {
  kNone = -1,
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

enum class Codec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};

enum class PageType : int32_t { kDataPage = 0, kIndexPage = 1, kDictionaryPage = 2, kDataPageV2 = 3 };

enum class TimeUnit : int32_t { kMillis = 1, kMicros = 2, kNanos = 3 };

/// The LogicalType union; `kind` is the union's field id (0 = absent).
struct LogicalType {
  enum Kind : int32_t {
    kAbsent = 0,
    kString = 1,
    kMap = 2,
    kList = 3,
    kEnum = 4,
    kDecimal = 5,
    kDate = 6,
    kTime = 7,
    kTimestamp = 8,
    kInteger = 10,
    kUnknown = 11,
    kJson = 12,
    kBson = 13,
    kUuid = 14,
    kFloat16 = 15,
    kVariant = 16,
    kGeometry = 17,
    kGeography = 18,
  };
  int32_t kind = kAbsent;
  int32_t scale = 0;
  int32_t precision = 0;
  bool isAdjustedToUtc = false;
  TimeUnit unit = TimeUnit::kMillis;
  int32_t bitWidth = 0;
  bool isSigned = true;
};

struct Statistics {
  std::optional<std::string> max;
  std::optional<std::string> min;
  std::optional<int64_t> nullCount;
  std::optional<int64_t> distinctCount;
  std::optional<std::string> maxValue;
  std::optional<std::string> minValue;
};

struct SchemaElement {
  std::optional<PhysicalType> type;
  int32_t typeLength = 0;
  std::optional<Repetition> repetition;
  std::string name;
  int32_t numChildren = 0;
  ConvertedType convertedType = ConvertedType::kNone;
  int32_t scale = 0;
  int32_t precision = 0;
  std::optional<int32_t> fieldId;
  LogicalType logicalType;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
};

struct PageEncodingStats {
  PageType pageType = PageType::kDataPage;
  Encoding encoding = Encoding::kPlain;
  int32_t count = 0;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kBoolean;
  std::vector<Encoding> encodings;
  std::vector<std::string> pathInSchema;
  Codec codec = Codec::kUncompressed;
  int64_t numValues = 0;
  int64_t totalUncompressedSize = 0;
  int64_t totalCompressedSize = 0;
  std::vector<KeyValue> keyValueMetadata;
  int64_t dataPageOffset = 0;
  std::optional<int64_t> indexPageOffset;
  std::optional<int64_t> dictionaryPageOffset;
  std::optional<Statistics> statistics;
  std::vector<PageEncodingStats> encodingStats;
};

struct ColumnChunk {
  std::optional<std::string> filePath;
  int64_t fileOffset = 0;
  std::optional<ColumnMetaData> metaData;
  bool encrypted = false;
};

struct SortingColumn {
  int32_t columnIdx = 0;
  bool descending = false;
  bool nullsFirst = false;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t totalByteSize = 0;
  int64_t numRows = 0;
  std::vector<SortingColumn> sortingColumns;
  std::optional<int64_t> fileOffset;
  std::optional<int64_t> totalCompressedSize;
};

/// The ColumnOrder union: 1 = TYPE_ORDER, 2 = IEEE_754_TOTAL_ORDER, 0 = unknown.
struct ColumnOrder {
  int32_t kind = 0;
};

struct FileMetaData {
  int32_t version = 0;
  std::vector<SchemaElement> schema;
  int64_t numRows = 0;
  std::vector<RowGroup> rowGroups;
  std::vector<KeyValue> keyValueMetadata;
  std::optional<std::string> createdBy;
  std::vector<ColumnOrder> columnOrders;
  bool encrypted = false;
};

struct DataPageHeader {
  int32_t numValues = 0;
  Encoding encoding = Encoding::kPlain;
  Encoding definitionLevelEncoding = Encoding::kRle;
  Encoding repetitionLevelEncoding = Encoding::kRle;
  std::optional<Statistics> statistics;
};

struct DictionaryPageHeader {
  int32_t numValues = 0;
  Encoding encoding = Encoding::kPlain;
  bool isSorted = false;
};

struct DataPageHeaderV2 {
  int32_t numValues = 0;
  int32_t numNulls = 0;
  int32_t numRows = 0;
  Encoding encoding = Encoding::kPlain;
  int32_t definitionLevelsByteLength = 0;
  int32_t repetitionLevelsByteLength = 0;
  bool isCompressed = true;
  std::optional<Statistics> statistics;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressedPageSize = 0;
  int32_t compressedPageSize = 0;
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> dataPageHeader;
  std::optional<DictionaryPageHeader> dictionaryPageHeader;
  std::optional<DataPageHeaderV2> dataPageHeaderV2;
};

/// Decodes a FileMetaData from the footer bytes; throws a user error when malformed.
FileMetaData decodeFileMetaData(const uint8_t* data, size_t size);

/// Decodes a PageHeader; `consumed` receives its length in bytes.
PageHeader decodePageHeader(const uint8_t* data, size_t size, size_t& consumed);

/// Appends the compact encoding of the structure to `out`.
void encodeFileMetaData(const FileMetaData& meta, std::string& out);

void encodePageHeader(const PageHeader& header, std::string& out);

/// Names used in messages and the metadata API ("SNAPPY", "RLE_DICTIONARY", "INT32").
const char* codecName(Codec codec);
const char* encodingName(Encoding encoding);
const char* physicalTypeName(PhysicalType type);
const char* pageTypeName(PageType type);

}  // namespace rivulet::parquet
