#include "parquet_test_util.h"

#include <algorithm>

#include "rivulet/columnar/vector_builder.h"
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

const char* const kAllTypes =
    "b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT, f FLOAT, d DOUBLE, "
    "dec9 DECIMAL(9,2), dec18 DECIMAL(18,4), dec38 DECIMAL(38,10), s STRING, bin BINARY, dt DATE, "
    "ts TIMESTAMP, arr ARRAY<INT>, nested ARRAY<ARRAY<STRING>>, m MAP<STRING, BIGINT>, "
    "st STRUCT<x: INT, y: STRING, z: ARRAY<DOUBLE>>, req INT NOT NULL";

// Row i of the all-types table; every nullable column is null where (i + column) % 7 == 0.
Batch allTypesBatch(const StructType& schema, int64_t begin, int64_t n) {
  std::vector<VectorPtr> cols;
  for (size_t c = 0; c < schema.size(); ++c) {
    VectorBuilder b(schema[c].type);
    for (int64_t r = begin; r < begin + n; ++r) {
      if (schema[c].nullable && (r + static_cast<int64_t>(c)) % 7 == 0) {
        b.appendNull();
        continue;
      }
      int64_t k = r % 1000;
      switch (schema[c].type->id()) {
        case TypeId::kBoolean: b.appendBool(r % 3 == 0); break;
        case TypeId::kByte: b.appendInt(static_cast<int8_t>(r)); break;
        case TypeId::kShort: b.appendInt(static_cast<int16_t>(r * 7)); break;
        case TypeId::kInt: b.appendInt(static_cast<int32_t>(r * 2654435761u)); break;
        case TypeId::kLong: b.appendInt(r * 1'000'000'007LL - 5'000'000'000LL); break;
        case TypeId::kFloat: b.appendDouble(static_cast<float>(k) / 8.0f - 3.5f); break;
        case TypeId::kDouble: b.appendDouble(static_cast<double>(r) * 1.25e-3 - 17.0); break;
        case TypeId::kDecimal: {
          __int128 limit = 1;
          for (int d = 0; d < std::min(schema[c].type->precision(), 12); ++d) {
            limit *= 10;
          }
          b.appendDecimal((static_cast<__int128>(r) * 12345 - 999999) % limit);
          break;
        }
        case TypeId::kString: b.appendString(r % 5 == 0 ? "" : "str-" + std::to_string(k) + "-\xC3\xA9"); break;
        case TypeId::kBinary: b.appendString(std::string("\x00\xff", 2) + std::to_string(r)); break;
        case TypeId::kDate: b.appendInt(-800000 + r * 3); break;
        case TypeId::kTimestamp: b.appendInt(-62135596800000000LL + r * 86'400'000'123LL); break;
        case TypeId::kArray:
          if (schema[c].type->elementType()->id() == TypeId::kArray) {
            for (int64_t e = 0; e < r % 3; ++e) {
              auto& inner = b.child(0);
              for (int64_t f = 0; f < (r + e) % 3; ++f) {
                if ((r + e + f) % 4 == 0) {
                  inner.child(0).appendNull();
                } else {
                  inner.child(0).appendString(std::to_string(r * 10 + e + f));
                }
              }
              inner.finishArray();
            }
          } else {
            for (int64_t e = 0; e < r % 4; ++e) {
              if ((r + e) % 5 == 0) {
                b.child(0).appendNull();
              } else {
                b.child(0).appendInt(r + e);
              }
            }
          }
          b.finishArray();
          break;
        case TypeId::kMap:
          for (int64_t e = 0; e < r % 3; ++e) {
            b.child(0).appendString("k" + std::to_string(e));
            if ((r + e) % 4 == 0) {
              b.child(1).appendNull();
            } else {
              b.child(1).appendInt(r * e);
            }
          }
          b.finishMap();
          break;
        case TypeId::kStruct:
          if (r % 6 == 1) {
            b.child(0).appendNull();
          } else {
            b.child(0).appendInt(r);
          }
          b.child(1).appendString("y" + std::to_string(k));
          for (int64_t e = 0; e < r % 2 + 1; ++e) {
            b.child(2).child(0).appendDouble(static_cast<double>(r) + 0.5 * static_cast<double>(e));
          }
          b.child(2).finishArray();
          b.finishStruct();
          break;
        default: break;
      }
    }
    cols.push_back(b.finish());
  }
  return Batch(std::move(cols), n);
}

}  // namespace rivulet::parquet::testing
