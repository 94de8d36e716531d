#include "rivulet/formats/parquet/reader/parquet_file.h"

#include <cstring>

#include "rivulet/common/error.h"
#include "rivulet/common/error_context.h"
#include "rivulet/formats/parquet/schema/spark_schema_json.h"

namespace rivulet::parquet {

namespace {

std::string printable(const uint8_t* p, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    char c = static_cast<char>(p[i]);
    static const char* hex = "0123456789ABCDEF";
    if (c >= 32 && c < 127) {
      s += c;
    } else {
      s += "\\x";
      s += hex[p[i] >> 4];
      s += hex[p[i] & 15];
    }
  }
  return s;
}

}  // namespace

ParquetFile::ParquetFile(const std::string& path) {
  file_ = std::make_unique<RandomAccessFile>(path);
  withErrorContext(
      [&] { return "reading the Parquet footer of " + path; },
      [&] {
        uint64_t size = file_->size();
        if (size < 12) {
          throwUserError("FAILED_READ_FILE", "Not a Parquet file: " + std::to_string(size) +
                                                 " bytes is too small (at least 12 expected)");
        }
        uint8_t tail[8];
        file_->readAt(size - 8, 8, tail);
        if (std::memcmp(tail + 4, "PARE", 4) == 0) {
          throwUserError("UNSUPPORTED_FEATURE",
                         "The Parquet file is encrypted (footer magic PARE); Parquet modular "
                         "encryption is not supported");
        }
        if (std::memcmp(tail + 4, "PAR1", 4) != 0) {
          throwUserError("FAILED_READ_FILE", "Not a Parquet file: expected magic PAR1 at the end, found '" +
                                                 printable(tail + 4, 4) + "'");
        }
        uint8_t head[4];
        file_->readAt(0, 4, head);
        if (std::memcmp(head, "PAR1", 4) != 0) {
          throwUserError("FAILED_READ_FILE", "Not a Parquet file: expected magic PAR1 at the start, found '" +
                                                 printable(head, 4) + "'");
        }
        uint32_t footerLen;
        std::memcpy(&footerLen, tail, 4);
        if (footerLen > size - 12) {
          throwUserError("FAILED_READ_FILE", "Footer length " + std::to_string(footerLen) +
                                                 " exceeds the file size " + std::to_string(size) +
                                                 " minus 12 bytes of magic and length");
        }
        Buffer footer;
        file_->readAt(size - 8 - footerLen, footerLen, footer);
        meta_ = decodeFileMetaData(footer.data(), footer.size());
        schema_ = std::make_unique<ParquetSchema>(meta_.schema);
        for (size_t g = 0; g < meta_.rowGroups.size(); ++g) {
          const RowGroup& rg = meta_.rowGroups[g];
          if (rg.columns.size() != static_cast<size_t>(schema_->numLeaves())) {
            throwUserError("FAILED_READ_FILE",
                           "Row group " + std::to_string(g) + " has " + std::to_string(rg.columns.size()) +
                               " column chunks, the schema has " + std::to_string(schema_->numLeaves()) +
                               " leaf columns");
          }
          if (rg.numRows < 0) {
            throwUserError("FAILED_READ_FILE", "Row group " + std::to_string(g) + " has a negative row count");
          }
        }
      });
}

std::optional<std::string> ParquetFile::keyValue(const std::string& key) const {
  for (const auto& kv : meta_.keyValueMetadata) {
    if (kv.key == key) {
      return kv.value;
    }
  }
  return std::nullopt;
}

StructType ParquetFile::rivuletSchema(const ConvertOptions& options) const {
  return withErrorContext([&] { return "converting the schema of " + path(); },
                          [&] {
                            if (auto json = keyValue(kSparkRowMetadataKey)) {
                              if (auto spark = parseSparkSchemaJson(*json)) {
                                if (schemaReadableAs(*schema_, *spark, options)) {
                                  return *spark;
                                }
                              }
                            }
                            return convertSchema(*schema_, options);
                          });
}

}  // namespace rivulet::parquet
