#include "parquet_test_util.h"

#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/formats/parquet/parquet_format.h"
#include "rivulet/types/value_format.h"

namespace rivulet::parquet::testing {

namespace {

FormatContext context(int64_t batchRows) {
  static auto utc = time::TimeZone::utc();
  FormatContext c;
  c.zone = utc.get();
  c.batchRows = batchRows;
  return c;
}

}  // namespace

std::vector<std::string> renderRows(const StructType& schema, const std::vector<Batch>& batches) {
  static auto utc = time::TimeZone::utc();
  ValueFormatOptions fmt;
  fmt.zone = utc.get();
  fmt.binaryAsHex = true;
  std::vector<std::string> rows;
  for (const Batch& b : batches) {
    for (int64_t r = 0; r < b.numRows(); ++r) {
      std::string line;
      for (size_t c = 0; c < b.numColumns(); ++c) {
        if (c > 0) {
          line += " | ";
        }
        line += formatValue(valueAt(*b.column(c), r), *b.column(c)->type(), fmt);
      }
      rows.push_back(std::move(line));
    }
  }
  return rows;
}

ReadResult readParquet(const std::string& path, const StructType& schema, const std::vector<int>& projection,
                       const Options& options, int64_t batchRows) {
  auto format = makeParquetFormat();
  ReadResult result;
  std::vector<StructField> fields;
  for (int i : projection) {
    fields.push_back(schema[static_cast<size_t>(i)]);
  }
  result.schema = StructType(fields);
  auto reader = format->open(path, schema, projection, options, context(batchRows));
  std::vector<Batch> batches;
  while (auto b = reader->next()) {
    if (b->numRows() > batchRows) {
      throw std::runtime_error("batch larger than batchRows");
    }
    for (size_t c = 0; c < b->numColumns(); ++c) {
      if (b->column(c)->size() != b->numRows()) {
        throw std::runtime_error("column size differs from the batch's row count");
      }
    }
    batches.push_back(std::move(*b));
  }
  result.batches = static_cast<int64_t>(batches.size());
  result.rows = renderRows(result.schema, batches);
  return result;
}

ReadResult readParquet(const std::string& path, const Options& options, int64_t batchRows) {
  auto format = makeParquetFormat();
  StructType schema = format->inferSchema({path}, options, context(batchRows));
  std::vector<int> projection;
  for (size_t i = 0; i < schema.size(); ++i) {
    projection.push_back(static_cast<int>(i));
  }
  return readParquet(path, schema, projection, options, batchRows);
}

std::string readError(const std::string& path, const Options& options) {
  try {
    readParquet(path, options);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

void writeParquet(const std::string& path, const StructType& schema, const std::vector<Batch>& batches,
                  const Options& options) {
  auto format = makeParquetFormat();
  auto writer = format->create(path, schema, options, context(4096));
  for (const Batch& b : batches) {
    writer->write(b);
  }
  writer->close();
}

}  // namespace rivulet::parquet::testing
