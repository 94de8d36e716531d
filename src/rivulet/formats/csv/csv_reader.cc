#include "rivulet/formats/csv/csv_reader.h"

#include <strings.h>

#include <limits>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/formats/csv/csv_record_source.h"
#include "rivulet/formats/csv/csv_value_parser.h"
#include "rivulet/formats/file_listing.h"

namespace rivulet::csv {

namespace {

std::string upperSql(const DataType& type) { return type.sql(); }

struct ColumnPlan {
  /// Token position, or -1 for the corrupt-record column.
  int token;
  TypeId type;
  int precision;
  int scale;
  std::string name;
};

class CsvReader : public FileReader {
 public:
  CsvReader(const std::string& file,
            const StructType& dataSchema,
            const std::vector<int>& projection,
            const CsvOptions& options,
            const FormatContext& context)
      : options_(options),
        source_(file, options_),
        dataSchema_(dataSchema),
        zoneHolder_(context.zone != nullptr ? nullptr : time::TimeZone::systemDefault()),
        zone_(context.zone != nullptr ? context.zone : zoneHolder_.get()),
        batchRows_(context.batchRows > 0 ? context.batchRows : kDefaultBatchRows) {
    int corrupt = -1;
    for (size_t i = 0; i < dataSchema.size(); ++i) {
      if (dataSchema[i].name == options_.columnNameOfCorruptRecord) {
        corrupt = static_cast<int>(i);
      }
    }
    numTokens_ = static_cast<int>(dataSchema.size()) - (corrupt >= 0 ? 1 : 0);
    int projectedData = 0;
    for (int idx : projection) {
      const StructField& f = dataSchema[static_cast<size_t>(idx)];
      ColumnPlan plan{-1, f.type->id(), f.type->precision(), f.type->scale(), f.name};
      if (idx != corrupt) {
        plan.token = corrupt >= 0 && idx > corrupt ? idx - 1 : idx;
        ++projectedData;
      } else {
        hasCorruptColumn_ = true;
      }
      plans_.push_back(plan);
      types_.push_back(f.type);
    }
    checkCount_ = !options_.columnPruning || projectedData >= numTokens_;
    needHeader_ = options_.header;
  }

  std::optional<Batch> next() override {
    while (!done_) {
      Batch batch = readBatch();
      if (batch.numRows() > 0) {
        return batch;
      }
    }
    return std::nullopt;
  }

 private:
  Batch readBatch() {
    builders_.clear();
    for (const auto& t : types_) {
      builders_.push_back(std::make_unique<VectorBuilder>(t, batchRows_));
    }
    kept_.clear();
    anyDropped_ = false;
    int64_t rows = 0;
    while (rows < batchRows_) {
      if (!source_.next(record_)) {
        done_ = true;
        break;
      }
      if (needHeader_) {
        needHeader_ = false;
        checkHeader();
        continue;
      }
      if (processRecord(rows)) {
        kept_.push_back(static_cast<int32_t>(rows));
      } else {
        anyDropped_ = true;
      }
      ++rows;
    }
    std::vector<VectorPtr> columns;
    for (auto& b : builders_) {
      columns.push_back(b->finish());
    }
    Batch batch(std::move(columns), rows);
    if (anyDropped_) {
      return gatherBatch(batch, kept_.data(), static_cast<int64_t>(kept_.size()));
    }
    return batch;
  }

  void checkHeader() {
    if (options_.enforceSchema) {
      return;
    }
    std::vector<std::string> header;
    for (const auto& f : record_.fields) {
      header.emplace_back(source_.tokenizer().value(f, scratch_));
    }
    std::vector<std::string> schemaNames;
    for (const auto& f : dataSchema_.fields()) {
      if (f.name != options_.columnNameOfCorruptRecord) {
        schemaNames.push_back(f.name);
      }
    }
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (size_t i = 0; i < v.size(); ++i) {
        s += (i > 0 ? ", " : "") + v[i];
      }
      return s;
    };
    if (header.size() != schemaNames.size()) {
      throwUserError("CSV_HEADER_MISMATCH",
                     "Number of column in CSV header is not equal to number of fields in the "
                     "schema:\n Header length: " +
                         std::to_string(header.size()) +
                         ", schema size: " + std::to_string(schemaNames.size()) +
                         "\nCSV file: " + qualifiedPath(source_.path()));
    }
    for (size_t i = 0; i < header.size(); ++i) {
      if (strcasecmp(header[i].c_str(), schemaNames[i].c_str()) != 0) {
        throwUserError("CSV_HEADER_MISMATCH",
                       "CSV header does not conform to the schema.\n Header: " + join(header) +
                           "\n Schema: " + join(schemaNames) + "\nExpected: " + schemaNames[i] +
                           " but found: " + header[i] + "\nCSV file: " +
                           qualifiedPath(source_.path()));
      }
    }
  }

  // Converts one token; false when it does not convert (the record is malformed).
  bool convert(const ColumnPlan& plan, std::string_view v, VectorBuilder& b) {
    switch (plan.type) {
      case TypeId::kString: b.appendString(v); return true;
      case TypeId::kInt: {
        int32_t x;
        if (!parseJavaInt(v, x)) {
          return false;
        }
        b.appendInt(x);
        return true;
      }
      case TypeId::kLong: {
        int64_t x;
        if (!parseJavaLong(v, x)) {
          return false;
        }
        b.appendInt(x);
        return true;
      }
      case TypeId::kShort:
      case TypeId::kByte: {
        int32_t x;
        int32_t limit = plan.type == TypeId::kShort ? 32767 : 127;
        if (!parseJavaInt(v, x) || x > limit || x < -limit - 1) {
          return false;
        }
        b.appendInt(x);
        return true;
      }
      case TypeId::kDouble:
      case TypeId::kFloat: {
        double x;
        if (v == options_.nanValue) {
          x = std::numeric_limits<double>::quiet_NaN();
        } else if (v == options_.negativeInf) {
          x = -std::numeric_limits<double>::infinity();
        } else if (v == options_.positiveInf) {
          x = std::numeric_limits<double>::infinity();
        } else if (!parseJavaDouble(v, x)) {
          return false;
        }
        b.appendDouble(x);
        return true;
      }
      case TypeId::kBoolean: {
        bool x;
        if (!parseJavaBoolean(v, x)) {
          return false;
        }
        b.appendBool(x);
        return true;
      }
      case TypeId::kDecimal: {
        __int128 x;
        if (!parseDecimalValue(v, plan.precision, plan.scale, x)) {
          return false;
        }
        b.appendDecimal(x);
        return true;
      }
      case TypeId::kDate: {
        auto d = options_.dateFormat ? options_.dateFormat->parseDate(v) : time::parseDate(v);
        if (!d) {
          return false;
        }
        b.appendInt(*d);
        return true;
      }
      case TypeId::kTimestamp: {
        auto t = options_.timestampFormat ? options_.timestampFormat->parseTimestamp(v, *zone_)
                                          : time::parseTimestamp(v, *zone_);
        if (!t) {
          return false;
        }
        b.appendInt(*t);
        return true;
      }
      case TypeId::kNull: b.appendNull(); return true;
      default: return false;
    }
  }

  // Appends row `row`; false when the row is to be dropped.
  bool processRecord(int64_t row) {
    const auto& fields = record_.fields;
    const int numFields = static_cast<int>(fields.size());
    bool malformed = checkCount_ && numFields != numTokens_;
    int badColumn = -1;
    const CsvTokenizer& tok = source_.tokenizer();
    for (size_t c = 0; c < plans_.size(); ++c) {
      const ColumnPlan& plan = plans_[c];
      VectorBuilder& b = *builders_[c];
      if (plan.token < 0) {
        continue;
      }
      if (plan.token >= numFields) {
        b.appendNull();
        continue;
      }
      const CsvField& f = fields[static_cast<size_t>(plan.token)];
      std::string_view v;
      if (f.size == 0) {
        if (!f.quoted) {
          b.appendNull();
          continue;
        }
        v = options_.emptyValueRead;
      } else {
        v = tok.value(f, scratch_);
      }
      if (v.size() == options_.nullValue.size() && v == options_.nullValue) {
        b.appendNull();
        continue;
      }
      if (!convert(plan, v, b)) {
        b.appendNull();
        if (!malformed || badColumn < 0) {
          badColumn = static_cast<int>(c);
          badText_.assign(v);
        }
        malformed = true;
      }
    }
    if (malformed) {
      if (options_.mode == ParseMode::kFailFast) {
        failFast(row, numFields, badColumn);
      }
      if (options_.mode == ParseMode::kDropMalformed) {
        appendCorrupt(nullptr);
        return false;
      }
      appendCorrupt(&record_.raw);
      return true;
    }
    appendCorrupt(nullptr);
    return true;
  }

  void appendCorrupt(const std::string_view* raw) {
    if (!hasCorruptColumn_) {
      return;
    }
    for (size_t c = 0; c < plans_.size(); ++c) {
      if (plans_[c].token < 0) {
        if (raw != nullptr) {
          builders_[c]->appendString(*raw);
        } else {
          builders_[c]->appendNull();
        }
      }
    }
  }

  [[noreturn]] void failFast(int64_t row, int numFields, int badColumn) {
    (void)row;
    std::string cause;
    if (badColumn >= 0) {
      const ColumnPlan& p = plans_[static_cast<size_t>(badColumn)];
      cause = "cannot parse '" + badText_ + "' as " + types_[static_cast<size_t>(badColumn)]->simpleString() +
              " for column '" + p.name + "'";
    } else {
      cause = "expected " + std::to_string(numTokens_) + " fields but found " +
              std::to_string(numFields);
    }
    throwUserError("MALFORMED_RECORD_IN_PARSING",
                   "Malformed records are detected in record parsing. Parse Mode: FAILFAST. To "
                   "process malformed records as null result, try setting the option 'mode' as "
                   "'PERMISSIVE'. Malformed CSV record at " +
                       qualifiedPath(source_.path()) + ", line " + std::to_string(record_.line) +
                       ": " + cause);
  }

  CsvOptions options_;
  CsvRecordSource source_;
  StructType dataSchema_;
  time::TimeZonePtr zoneHolder_;
  const time::TimeZone* zone_;
  int64_t batchRows_;
  std::vector<ColumnPlan> plans_;
  std::vector<DataTypePtr> types_;
  std::vector<std::unique_ptr<VectorBuilder>> builders_;
  std::vector<int32_t> kept_;
  CsvRecord record_;
  std::string scratch_;
  std::string badText_;
  int numTokens_ = 0;
  bool checkCount_ = true;
  bool hasCorruptColumn_ = false;
  bool needHeader_ = false;
  bool anyDropped_ = false;
  bool done_ = false;
};

}  // namespace

void checkCsvSchema(const StructType& schema, const CsvOptions& options, bool forWrite) {
  for (const auto& f : schema.fields()) {
    TypeId id = f.type->id();
    if (!forWrite && f.name == options.columnNameOfCorruptRecord) {
      if (id != TypeId::kString || !f.nullable) {
        throw AnalysisException("The field for corrupt records must be string type and nullable",
                                "INVALID_CORRUPT_RECORD_TYPE");
      }
      continue;
    }
    if (f.type->isNested() || id == TypeId::kBinary) {
      throwUserError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                     "[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The CSV datasource doesn't support the "
                     "column `" +
                         f.name + "` of the type \"" + upperSql(*f.type) + "\".");
    }
  }
}

std::unique_ptr<FileReader> openCsvReader(const std::string& file,
                                          const StructType& dataSchema,
                                          const std::vector<int>& projection,
                                          const CsvOptions& options,
                                          const FormatContext& context) {
  checkCsvSchema(dataSchema, options, false);
  for (int idx : projection) {
    if (idx < 0 || static_cast<size_t>(idx) >= dataSchema.size()) {
      throwInternalError("CSV projection index " + std::to_string(idx) + " out of range");
    }
  }
  return std::make_unique<CsvReader>(file, dataSchema, projection, options, context);
}

}  // namespace rivulet::csv
