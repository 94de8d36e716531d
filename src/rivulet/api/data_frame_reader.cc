#include "rivulet/api/data_frame_reader.h"

#include <optional>

#include "rivulet/api/internal/dataframe_internal.h"
#include "rivulet/api/internal/session_state.h"
#include "rivulet/common/error.h"
#include "rivulet/common/options.h"
#include "rivulet/formats/file_format.h"
#include "rivulet/plan/analyzer.h"
#include "rivulet/plan/relation_provider.h"
#include "rivulet/plan/sources/file_source.h"

namespace rivulet {

struct DataFrameReader::Impl {
  std::shared_ptr<SessionState> state;
  std::string format = "parquet";
  std::optional<StructType> schema;
  Options options;
};

DataFrameReader::DataFrameReader(std::shared_ptr<SessionState> state) : impl_(std::make_unique<Impl>()) {
  impl_->state = std::move(state);
}

DataFrameReader::~DataFrameReader() = default;

DataFrameReader::DataFrameReader(const DataFrameReader& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}

DataFrameReader& DataFrameReader::operator=(const DataFrameReader& other) {
  impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}

DataFrameReader& DataFrameReader::format(const std::string& source) {
  impl_->format = source;
  return *this;
}

DataFrameReader& DataFrameReader::schema(const StructType& schema) {
  impl_->schema = schema;
  return *this;
}

DataFrameReader& DataFrameReader::schema(const std::string& ddl) {
  impl_->schema = parseSchemaDDL(ddl);
  return *this;
}

DataFrameReader& DataFrameReader::setOption(const std::string& key, const std::string& value) {
  impl_->options.set(key, value);
  return *this;
}

DataFrame DataFrameReader::load() const {
  ensureRegistered();
  if (const auto* provider = plan::findRelationProvider(impl_->format)) {
    plan::ScanContext context;
    auto zone = impl_->state->zone();
    context.zone = zone.get();
    return dataFrameOf(impl_->state, plan::makeRelation(provider->createRelation(impl_->options, impl_->schema, context)));
  }
  auto path = impl_->options.get("path");
  if (!path) {
    throwUserError("PATH_NOT_SPECIFIED", "'path' is not specified");
  }
  return load(std::vector<std::string>{*path});
}

DataFrame DataFrameReader::load(const std::string& path) const { return load(std::vector<std::string>{path}); }

DataFrame DataFrameReader::load(const std::vector<std::string>& paths) const {
  ensureRegistered();
  if (plan::findRelationProvider(impl_->format) != nullptr) {
    Options withPath = impl_->options;
    if (!paths.empty()) {
      withPath.set("path", paths[0]);
    }
    DataFrameReader copy(*this);
    copy.impl_->options = withPath;
    return copy.load();
  }
  const FileFormat& format = fileFormat(impl_->format);
  plan::ScanContext context;
  auto zone = impl_->state->zone();
  context.zone = zone.get();
  static constexpr const char* kInferenceConf = "spark.sql.sources.partitionColumnTypeInference.enabled";
  if (auto inference = impl_->state->getConf(kInferenceConf)) {
    // "true"/"false" in any case; anything else is a user error naming the conf.
    context.partitionColumnTypeInference = Options{{kInferenceConf, *inference}}.getBool(kInferenceConf, true);
  }
  auto source = std::make_shared<plan::FileSource>(format, paths, impl_->options, impl_->schema, context);
  return dataFrameOf(impl_->state, plan::makeRelation(source));
}

DataFrame DataFrameReader::csv(const std::string& path) { return format("csv").load(path); }

DataFrame DataFrameReader::json(const std::string& path) { return format("json").load(path); }

DataFrame DataFrameReader::text(const std::string& path) { return format("text").load(path); }

DataFrame DataFrameReader::parquet(const std::string& path) { return format("parquet").load(path); }

}  // namespace rivulet
