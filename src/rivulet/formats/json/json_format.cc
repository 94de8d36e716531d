#include "rivulet/formats/json/json_format.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include "rivulet/common/check.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/formats/json/json_generator.h"
#include "rivulet/formats/json/json_options.h"
#include "rivulet/formats/json/json_record_parser.h"
#include "rivulet/formats/json/json_record_source.h"
#include "rivulet/formats/json/json_schema.h"
#include "rivulet/formats/json/json_schema_inferrer.h"

namespace rivulet::json {

namespace {

time::TimeZonePtr sessionZone(const FormatContext& context) {
  if (context.zone != nullptr) {
    return std::shared_ptr<const time::TimeZone>(std::shared_ptr<void>(), context.zone);
  }
  return time::TimeZone::systemDefault();
}

[[noreturn]] void throwMalformed(const char* where,
                                 const std::string& path,
                                 int64_t line,
                                 const std::string& cause) {
  Error e(ErrorKind::kUser, "MALFORMED_RECORD_IN_PARSING",
          std::string("Malformed records are detected in ") + where +
              ". Parse Mode: FAILFAST. To process malformed records as null result, try setting "
              "the option 'mode' as 'PERMISSIVE'. Cause: " +
              (cause.empty() ? "malformed JSON" : cause));
  e.addContext("file " + path + ", line " + std::to_string(line));
  throw e;
}

class JsonFileReader : public FileReader {
 public:
  JsonFileReader(const std::string& file,
                 const StructType& dataSchema,
                 const std::vector<int>& projection,
                 const Options& options,
                 const FormatContext& context)
      : options_(JsonOptions::parse(options)),
        zone_(sessionZone(context)),
        batchRows_(context.batchRows > 0 ? context.batchRows : kDefaultBatchRows),
        source_(file, options_),
        corrupt_(DataType::string()) {
    std::vector<StructField> parseFields;
    for (int index : projection) {
      RIVULET_CHECK(index >= 0 && static_cast<size_t>(index) < dataSchema.size(),
                    "projection index out of range");
      const StructField& f = dataSchema[static_cast<size_t>(index)];
      if (f.name == options_.columnNameOfCorruptRecord) {
        if (f.type->id() != TypeId::kString || !f.nullable) {
          throw AnalysisException(
              "The field for corrupt records must be string type and nullable: " + f.name);
        }
        outputs_.push_back(-1);
        hasCorrupt_ = true;
      } else {
        outputs_.push_back(static_cast<int>(parseFields.size()));
        parseFields.push_back(f);
      }
    }
    parser_ = std::make_unique<JsonRecordParser>(DataType::structType(std::move(parseFields)),
                                                 options_, *zone_);
  }

  std::optional<Batch> next() override {
    ColumnBuilder& root = parser_->root();
    JsonRecord record;
    while (root.size() < batchRows_ && source_.next(record)) {
      RecordResult r = parser_->parse(record.text, record.capacity);
      switch (r.status) {
        case RecordStatus::kOk:
          for (int64_t i = 0; i < r.rows && hasCorrupt_; ++i) {
            corrupt_.appendNull();
          }
          break;
        case RecordStatus::kPartial:
          if (options_.mode == ParseMode::kFailFast) {
            throwMalformed("record parsing", source_.path(), record.line, parser_->error());
          }
          if (options_.mode == ParseMode::kDropMalformed) {
            root.truncate(root.size() - r.rows);
          } else if (hasCorrupt_) {
            corrupt_.appendBytes(record.text);
          }
          break;
        case RecordStatus::kMalformed:
          if (options_.mode == ParseMode::kFailFast) {
            throwMalformed("record parsing", source_.path(), record.line, parser_->error());
          }
          if (options_.mode == ParseMode::kPermissive) {
            parser_->appendNullRow();
            if (hasCorrupt_) {
              corrupt_.appendBytes(record.text);
            }
          }
          break;
      }
    }
    int64_t rows = root.size();
    if (rows == 0) {
      return std::nullopt;
    }
    VectorPtr parsed = root.finish();
    VectorPtr corrupt = hasCorrupt_ ? corrupt_.finish() : nullptr;
    std::vector<VectorPtr> columns;
    columns.reserve(outputs_.size());
    for (int o : outputs_) {
      columns.push_back(o < 0 ? corrupt : parsed->children()[static_cast<size_t>(o)]);
    }
    return Batch(std::move(columns), rows);
  }

 private:
  JsonOptions options_;
  time::TimeZonePtr zone_;
  int64_t batchRows_;
  JsonRecordSource source_;
  std::unique_ptr<JsonRecordParser> parser_;
  ColumnBuilder corrupt_;
  std::vector<int> outputs_;
  bool hasCorrupt_ = false;
};

class JsonFileWriter : public FileWriter {
 public:
  JsonFileWriter(const std::string& file,
                 const StructType& schema,
                 const Options& options,
                 const FormatContext& context)
      : path_(file),
        schema_(schema),
        options_(JsonOptions::parse(options)),
        zone_(sessionZone(context)),
        generator_(options_, *zone_) {
    if (options_.compression == "gzip") {
      gz_ = gzopen(file.c_str(), "wb");
      if (gz_ == nullptr) {
        fail("cannot create");
      }
    } else {
      file_ = std::fopen(file.c_str(), "wb");
      if (file_ == nullptr) {
        fail("cannot create");
      }
    }
    lineSep_ = options_.lineSep.value_or("\n");
  }

  ~JsonFileWriter() override {
    if (gz_ != nullptr) {
      gzclose(gz_);
    }
    if (file_ != nullptr) {
      std::fclose(file_);
    }
  }

  void write(const Batch& batch) override {
    RIVULET_CHECK(batch.numColumns() == schema_.size(), "batch does not match the schema");
    for (int64_t row = 0; row < batch.numRows(); ++row) {
      generator_.writeObject(batch.columns(), schema_.fields(), row, buffer_);
      buffer_ += lineSep_;
      if (buffer_.size() >= (1 << 20)) {
        flush();
      }
    }
  }

  void close() override {
    flush();
    if (gz_ != nullptr) {
      int rc = gzclose(gz_);
      gz_ = nullptr;
      if (rc != Z_OK) {
        fail("cannot close");
      }
    }
    if (file_ != nullptr) {
      int rc = std::fclose(file_);
      file_ = nullptr;
      if (rc != 0) {
        fail("cannot close");
      }
    }
  }

 private:
  void flush() {
    if (buffer_.empty()) {
      return;
    }
    if (gz_ != nullptr) {
      if (gzwrite(gz_, buffer_.data(), static_cast<unsigned>(buffer_.size())) !=
          static_cast<int>(buffer_.size())) {
        fail("cannot write");
      }
    } else if (file_ != nullptr) {
      if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
        fail("cannot write");
      }
    }
    buffer_.clear();
  }

  [[noreturn]] void fail(const char* what) {
    throwExternalError("FILE_WRITE_ERROR", std::string("Cannot write the JSON file (") + what +
                                               "): " + path_ + ": " + std::strerror(errno));
  }

  std::string path_;
  StructType schema_;
  JsonOptions options_;
  time::TimeZonePtr zone_;
  JsonGenerator generator_;
  std::string lineSep_;
  std::string buffer_;
  gzFile gz_ = nullptr;
  FILE* file_ = nullptr;
};

class JsonFileFormat : public FileFormat {
 public:
  std::string name() const override { return "json"; }

  StructType inferSchema(const std::vector<std::string>& files,
                         const Options& options,
                         const FormatContext& context) const override {
    JsonOptions o = JsonOptions::parse(options);
    auto zone = sessionZone(context);
    JsonSchemaInferrer inferrer(o, *zone);
    DataTypePtr merged = DataType::structType({});
    std::mt19937_64 random(1);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (const auto& file : files) {
      JsonRecordSource source(file, o);
      JsonRecord record;
      while (source.next(record)) {
        if (o.samplingRatio < 1.0 && unit(random) >= o.samplingRatio) {
          continue;
        }
        bool malformed = false;
        DataTypePtr t = inferrer.infer(record.text, record.capacity, &malformed);
        if (malformed) {
          if (o.mode == ParseMode::kFailFast) {
            throwMalformed("schema inference", file, record.line, inferrer.error());
          }
          if (o.mode == ParseMode::kDropMalformed) {
            continue;
          }
          t = DataType::structType({{o.columnNameOfCorruptRecord, DataType::string(), true}});
        }
        if (t) {
          merged = compatibleRootType(merged, t, o);
        }
      }
    }
    DataTypePtr canonical = canonicalizeType(merged, o);
    if (!canonical || canonical->id() != TypeId::kStruct) {
      return StructType();
    }
    return StructType(canonical);
  }

  std::unique_ptr<FileReader> open(const std::string& file,
                                   const StructType& dataSchema,
                                   const std::vector<int>& projection,
                                   const Options& options,
                                   const FormatContext& context) const override {
    return std::make_unique<JsonFileReader>(file, dataSchema, projection, options, context);
  }

  std::unique_ptr<FileWriter> create(const std::string& file,
                                     const StructType& schema,
                                     const Options& options,
                                     const FormatContext& context) const override {
    return std::make_unique<JsonFileWriter>(file, schema, options, context);
  }

  std::string fileExtension(const Options& options) const override {
    return JsonOptions::parse(options).compression == "gzip" ? ".json.gz" : ".json";
  }
};

}  // namespace

}  // namespace rivulet::json

namespace rivulet {

std::unique_ptr<FileFormat> makeJsonFormat() { return std::make_unique<json::JsonFileFormat>(); }

}  // namespace rivulet
