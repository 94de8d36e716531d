#include "rivulet/api/session.h"

#include <chrono>
#include <mutex>

#include "rivulet/api/internal/dataframe_internal.h"
#include "rivulet/api/internal/query_manager_state.h"
#include "rivulet/api/internal/session_state.h"
#include "rivulet/columnar/vector_builder.h"
#include "rivulet/common/error.h"
#include "rivulet/plan/analyzer.h"
#include "rivulet/connectors/memory/memory_sink.h"
#include "rivulet/plan/sources/local_source.h"

namespace rivulet {

namespace {

std::mutex& activeMutex() {
  static std::mutex mu;
  return mu;
}

std::shared_ptr<SessionState>& activeState() {
  static std::shared_ptr<SessionState> state;
  return state;
}

}  // namespace

SessionState::SessionState()
    : zone_(time::TimeZone::systemDefault()), queries_(std::make_shared<StreamingQueryManagerState>()) {}

void SessionState::setConf(const std::string& key, const std::string& value) {
  time::TimeZonePtr zone;
  if (key == "spark.sql.session.timeZone") {
    zone = time::TimeZone::load(value);
  }
  std::lock_guard<std::mutex> lock(mu_);
  conf_[key] = value;
  if (zone) {
    zone_ = zone;
  }
}

std::optional<std::string> SessionState::getConf(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = conf_.find(key);
  if (it != conf_.end()) {
    return it->second;
  }
  if (key == "spark.sql.session.timeZone") {
    return zone_->id();
  }
  return std::nullopt;
}

void SessionState::unsetConf(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  conf_.erase(key);
  if (key == "spark.sql.session.timeZone") {
    zone_ = time::TimeZone::systemDefault();
  }
}

time::TimeZonePtr SessionState::zone() const {
  std::lock_guard<std::mutex> lock(mu_);
  return zone_;
}

std::string SessionState::appName() const {
  auto name = getConf("spark.app.name");
  return name ? *name : "rivulet";
}

void RuntimeConfig::set(const std::string& key, const std::string& value) { state_->setConf(key, value); }

std::string RuntimeConfig::get(const std::string& key) const {
  auto v = state_->getConf(key);
  if (!v) {
    throwUserError("SQL_CONF_NOT_FOUND", "[SQL_CONF_NOT_FOUND] The SQL config \"" + key + "\" cannot be found.");
  }
  return *v;
}

std::string RuntimeConfig::get(const std::string& key, const std::string& fallback) const {
  auto v = state_->getConf(key);
  return v ? *v : fallback;
}

std::optional<std::string> RuntimeConfig::getOption(const std::string& key) const { return state_->getConf(key); }

void RuntimeConfig::unset(const std::string& key) { state_->unsetConf(key); }

Session::Builder& Session::Builder::appName(const std::string& name) {
  config_["spark.app.name"] = name;
  return *this;
}

Session::Builder& Session::Builder::master(const std::string& master) {
  config_["spark.master"] = master;
  return *this;
}

Session::Builder& Session::Builder::config(const std::string& key, const std::string& value) {
  config_[key] = value;
  return *this;
}

Session Session::Builder::getOrCreate() {
  ensureRegistered();
  std::lock_guard<std::mutex> lock(activeMutex());
  auto& state = activeState();
  if (!state) {
    state = std::make_shared<SessionState>();
  }
  for (const auto& [k, v] : config_) {
    state->setConf(k, v);
  }
  return Session(state);
}

Session::Builder Session::builder() { return Builder(); }

Session Session::active() {
  std::lock_guard<std::mutex> lock(activeMutex());
  if (!activeState()) {
    throwUserError("NO_ACTIVE_SESSION", "No active session: create one with Session::builder().getOrCreate()");
  }
  return Session(activeState());
}

void Session::stop() {
  std::lock_guard<std::mutex> lock(activeMutex());
  if (activeState() == state_) {
    activeState().reset();
  }
}

RuntimeConfig Session::conf() const { return RuntimeConfig(state_); }

DataFrameReader Session::read() const { return DataFrameReader(state_); }

DataStreamReader Session::readStream() const { return DataStreamReader(state_); }

StreamingQueryManager Session::streams() const { return StreamingQueryManager(state_->queries()); }

DataFrame Session::createDataFrame(const std::vector<Row>& rows, const StructType& schema) const {
  std::vector<Batch> batches;
  for (size_t start = 0; start < rows.size() || (start == 0 && batches.empty()); start += kDefaultBatchRows) {
    size_t end = std::min(rows.size(), start + static_cast<size_t>(kDefaultBatchRows));
    std::vector<VectorPtr> cols;
    for (size_t c = 0; c < schema.size(); ++c) {
      VectorBuilder b(schema[c].type, static_cast<int64_t>(end - start));
      for (size_t r = start; r < end; ++r) {
        if (rows[r].size() != schema.size()) {
          throwUserError("INVALID_ROW", "Row " + std::to_string(r) + " has " + std::to_string(rows[r].size()) +
                                            " values but the schema has " + std::to_string(schema.size()) + " fields");
        }
        b.append(rows[r].get(c));
      }
      cols.push_back(b.finish());
    }
    batches.emplace_back(std::move(cols), static_cast<int64_t>(end - start));
    if (rows.empty()) {
      break;
    }
  }
  auto source = std::make_shared<plan::LocalSource>(schema, std::move(batches));
  return dataFrameOf(state_, plan::makeRelation(source));
}

DataFrame Session::table(const std::string& name) const {
  auto table = connectors::memorySinkTable(name);
  if (!table) {
    throw AnalysisException("[TABLE_OR_VIEW_NOT_FOUND] The table or view `" + name + "` cannot be found.",
                            "TABLE_OR_VIEW_NOT_FOUND");
  }
  auto source = std::make_shared<plan::LocalSource>(table->schema, table->batches, "MemoryTable " + name);
  return dataFrameOf(state_, plan::makeRelation(source));
}

DataFrame Session::range(int64_t end) const { return range(0, end, 1); }

DataFrame Session::range(int64_t start, int64_t end, int64_t step) const {
  auto source = std::make_shared<plan::RangeSource>(start, end, step);
  return dataFrameOf(state_, plan::makeRelation(source));
}

}  // namespace rivulet
