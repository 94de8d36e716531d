#include "rivulet/api/data_frame_writer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "rivulet/api/internal/dataframe_internal.h"
#include "rivulet/api/internal/session_state.h"
#include "rivulet/columnar/cast_string.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/options.h"
#include "rivulet/common/uuid.h"
#include "rivulet/formats/file_format.h"
#include "rivulet/formats/partition_path.h"
#include "rivulet/plan/relation_provider.h"

namespace rivulet {

namespace fs = std::filesystem;

struct DataFrameWriter::Impl {
  explicit Impl(DataFrame d) : df(std::move(d)) {}
  DataFrame df;
  std::string format = "parquet";
  std::string mode = "errorifexists";
  Options options;
  std::vector<std::string> partitionBy;
};

DataFrameWriter::DataFrameWriter(DataFrame df) : impl_(std::make_unique<Impl>(std::move(df))) {}

DataFrameWriter::~DataFrameWriter() = default;

DataFrameWriter::DataFrameWriter(const DataFrameWriter& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}

DataFrameWriter& DataFrameWriter::operator=(const DataFrameWriter& other) {
  impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}

DataFrameWriter& DataFrameWriter::format(const std::string& source) {
  impl_->format = source;
  return *this;
}

DataFrameWriter& DataFrameWriter::mode(const std::string& saveMode) {
  std::string m;
  for (char c : saveMode) {
    m += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (m == "error" || m == "default") {
    m = "errorifexists";
  }
  if (m != "errorifexists" && m != "append" && m != "overwrite" && m != "ignore") {
    throwUserError("INVALID_SAVE_MODE", "[INVALID_SAVE_MODE] The specified save mode \"" + saveMode +
                                            "\" is invalid. Valid save modes include \"append\", \"overwrite\", \"ignore\", \"error\", \"errorifexists\", and \"default\".");
  }
  impl_->mode = m;
  return *this;
}

DataFrameWriter& DataFrameWriter::setOption(const std::string& key, const std::string& value) {
  impl_->options.set(key, value);
  return *this;
}

DataFrameWriter& DataFrameWriter::partitionBy(const std::vector<std::string>& columns) {
  impl_->partitionBy = columns;
  return *this;
}

namespace {

// Feeds an executed DataFrame's batches to a provider.
class ExecutedBatches : public plan::BatchIterator {
 public:
  explicit ExecutedBatches(std::vector<Batch> batches) : batches_(std::move(batches)) {}

  std::optional<Batch> next() override {
    if (index_ >= batches_.size()) {
      return std::nullopt;
    }
    return batches_[index_++];
  }

 private:
  std::vector<Batch> batches_;
  size_t index_ = 0;
};

}  // namespace

void DataFrameWriter::save() {
  ensureRegistered();
  if (const auto* provider = plan::findRelationProvider(impl_->format)) {
    if (impl_->df.isStreaming()) {
      throw AnalysisException("'write' can not be called on streaming Dataset/DataFrame", "WRITE_STREAM_NOT_ALLOWED");
    }
    ExecutedBatches batches(executeBatches(impl_->df));
    plan::ScanContext context;
    auto zone = impl_->df.state()->zone();
    context.zone = zone.get();
    provider->write(impl_->df.schema(), batches, impl_->options, impl_->mode, context);
    return;
  }
  auto path = impl_->options.get("path");
  if (!path) {
    throwUserError("PATH_NOT_SPECIFIED", "'path' is not specified");
  }
  save(*path);
}

void DataFrameWriter::save(const std::string& path) {
  ensureRegistered();
  if (plan::findRelationProvider(impl_->format) != nullptr) {
    impl_->options.set("path", path);
    save();
    return;
  }
  const FileFormat& format = fileFormat(impl_->format);
  const DataFrame& df = impl_->df;
  if (df.isStreaming()) {
    throw AnalysisException("'write' can not be called on streaming Dataset/DataFrame", "WRITE_STREAM_NOT_ALLOWED");
  }
  std::error_code ec;
  if (fs::exists(path, ec)) {
    if (impl_->mode == "errorifexists") {
      throw AnalysisException("[PATH_ALREADY_EXISTS] Path file:" + fs::absolute(path).string() +
                                  " already exists. Set mode as \"overwrite\" to overwrite the existing path.",
                              "PATH_ALREADY_EXISTS");
    }
    if (impl_->mode == "ignore") {
      return;
    }
    if (impl_->mode == "overwrite") {
      fs::remove_all(path, ec);
      if (ec) {
        throwExternalError("FILE_WRITE_ERROR", "Cannot remove " + path + " for overwrite: " + ec.message());
      }
    }
  }
  fs::create_directories(path, ec);
  if (ec) {
    throwExternalError("FILE_WRITE_ERROR", "Cannot create the output directory " + path + ": " + ec.message());
  }
  StructType schema = df.schema();
  // Partition columns go into directory names, the rest into the files.
  std::vector<int> partitionIdx;
  for (const auto& p : impl_->partitionBy) {
    int idx = schema.fieldIndex(p);
    if (idx < 0) {
      throw AnalysisException("Partition column `" + p + "` not found in schema " + schema.simpleString(),
                              "UNRESOLVED_COLUMN");
    }
    partitionIdx.push_back(idx);
  }
  std::vector<int> dataIdx;
  std::vector<StructField> dataFields;
  for (size_t i = 0; i < schema.size(); ++i) {
    if (std::find(partitionIdx.begin(), partitionIdx.end(), static_cast<int>(i)) == partitionIdx.end()) {
      dataIdx.push_back(static_cast<int>(i));
      dataFields.push_back(schema[i]);
    }
  }
  StructType dataSchema(dataFields);
  auto zone = df.state()->zone();
  FormatContext context;
  context.zone = zone.get();
  std::string uuid = randomUuid();
  std::string extension = format.fileExtension(impl_->options);
  std::map<std::string, std::unique_ptr<FileWriter>> writers;
  int fileIndex = 0;
  auto writerFor = [&](const std::string& dir) -> FileWriter& {
    auto it = writers.find(dir);
    if (it != writers.end()) {
      return *it->second;
    }
    fs::create_directories(fs::path(path) / dir);
    char name[64];
    snprintf(name, sizeof name, "part-%05d-", fileIndex++);
    std::string file = (fs::path(path) / dir / (std::string(name) + uuid + "-c000" + extension)).string();
    auto w = format.create(file, dataSchema, impl_->options, context);
    return *writers.emplace(dir, std::move(w)).first->second;
  };
  bool wroteAny = false;
  for (const auto& batch : executeBatches(df)) {
    std::vector<VectorPtr> dataCols;
    for (int i : dataIdx) {
      dataCols.push_back(batch.column(static_cast<size_t>(i)));
    }
    Batch data(dataCols, batch.numRows());
    if (partitionIdx.empty()) {
      writerFor("").write(data);
      wroteAny = true;
      continue;
    }
    std::map<std::string, std::vector<int32_t>> groups;
    std::vector<VectorPtr> partText;
    for (int i : partitionIdx) {
      partText.push_back(castToString(*batch.column(static_cast<size_t>(i)), *zone));
    }
    for (int64_t r = 0; r < batch.numRows(); ++r) {
      std::string dir;
      for (size_t p = 0; p < partitionIdx.size(); ++p) {
        std::string value = partText[p]->isNull(r) ? std::string(kDefaultPartitionName)
                                                    : escapePartitionValue(std::string(partText[p]->stringAt(r)));
        dir += (p ? "/" : "") + schema[partitionIdx[p]].name + "=" + value;
      }
      groups[dir].push_back(static_cast<int32_t>(r));
    }
    for (const auto& [dir, rows] : groups) {
      writerFor(dir).write(gatherBatch(data, rows.data(), static_cast<int64_t>(rows.size())));
      wroteAny = true;
    }
  }
  if (!wroteAny && partitionIdx.empty()) {
    writerFor("");  // Spark writes one (empty) file so the schema is kept.
  }
  for (auto& [dir, w] : writers) {
    w->close();
  }
  std::ofstream(fs::path(path) / "_SUCCESS");
}

void DataFrameWriter::csv(const std::string& path) { format("csv").save(path); }

void DataFrameWriter::json(const std::string& path) { format("json").save(path); }

void DataFrameWriter::text(const std::string& path) { format("text").save(path); }

void DataFrameWriter::parquet(const std::string& path) { format("parquet").save(path); }

}  // namespace rivulet
