#include "rivulet/api/data_stream_reader.h"

#include <mutex>
#include <optional>

#include "rivulet/api/internal/dataframe_internal.h"
#include "rivulet/api/internal/session_state.h"
#include "rivulet/common/error.h"
#include "rivulet/common/options.h"
#include "rivulet/connectors/register_connectors.h"
#include "rivulet/plan/analyzer.h"
#include "rivulet/streaming/source.h"
#include "rivulet/streaming/streaming_relation.h"

namespace rivulet {

void ensureStreamingRegistered() {
  static std::once_flag once;
  std::call_once(once, [] { connectors::registerStreamingConnectors(); });
}

struct DataStreamReader::Impl {
  std::shared_ptr<SessionState> state;
  std::string format = "parquet";
  std::optional<StructType> schema;
  Options options;
};

DataStreamReader::DataStreamReader(std::shared_ptr<SessionState> state) : impl_(std::make_unique<Impl>()) {
  impl_->state = std::move(state);
}

DataStreamReader::~DataStreamReader() = default;

DataStreamReader::DataStreamReader(const DataStreamReader& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}

DataStreamReader& DataStreamReader::operator=(const DataStreamReader& other) {
  impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}

DataStreamReader& DataStreamReader::format(const std::string& source) {
  impl_->format = source;
  return *this;
}

DataStreamReader& DataStreamReader::schema(const StructType& schema) {
  impl_->schema = schema;
  return *this;
}

DataStreamReader& DataStreamReader::schema(const std::string& ddl) {
  impl_->schema = parseSchemaDDL(ddl);
  return *this;
}

DataStreamReader& DataStreamReader::setOption(const std::string& key, const std::string& value) {
  impl_->options.set(key, value);
  return *this;
}

DataFrame DataStreamReader::load() const {
  ensureRegistered();
  ensureStreamingRegistered();
  Options options = impl_->options;
  // Session confs a source reads, carried in its options (an option of the same name wins).
  for (const char* key : {"spark.sql.streaming.schemaInference",
                          "spark.sql.sources.partitionColumnTypeInference.enabled",
                          "spark.sql.streaming.fileSource.log.compactInterval",
                          "spark.sql.streaming.fileSource.log.deletion",
                          "spark.sql.streaming.fileSource.log.cleanupDelay",
                          "spark.sql.streaming.minBatchesToRetain"}) {
    if (!options.contains(key)) {
      if (auto value = impl_->state->getConf(key)) {
        options.set(key, *value);
      }
    }
  }
  const auto* provider = streaming::findSourceProvider(impl_->format);
  if (provider == nullptr) {
    throwUserError("DATA_SOURCE_NOT_FOUND",
                   "Failed to find the data source: " + impl_->format +
                       ". Please find packages at `https://spark.apache.org/third-party-projects.html`.");
  }
  StructType schema = provider->sourceSchema(options, impl_->schema);
  auto relation = std::make_shared<streaming::StreamingRelation>(*provider, options, schema);
  return dataFrameOf(impl_->state, plan::makeRelation(relation));
}

DataFrame DataStreamReader::load(const std::string& path) const {
  DataStreamReader copy(*this);
  copy.impl_->options.set("path", path);
  return copy.load();
}

DataFrame DataStreamReader::csv(const std::string& path) { return format("csv").load(path); }

DataFrame DataStreamReader::json(const std::string& path) { return format("json").load(path); }

DataFrame DataStreamReader::text(const std::string& path) { return format("text").load(path); }

DataFrame DataStreamReader::parquet(const std::string& path) { return format("parquet").load(path); }

}  // namespace rivulet
