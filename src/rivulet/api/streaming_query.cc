#include "rivulet/api/streaming_query.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "rivulet/api/internal/query_manager_state.h"
#include "rivulet/api/trigger.h"
#include "rivulet/common/error.h"
#include "rivulet/streaming/execution/micro_batch_execution.h"
#include "rivulet/streaming/triggers/trigger_spec.h"

namespace rivulet {

Trigger Trigger::ProcessingTime(const std::string& interval) {
  return Trigger(Kind::kProcessingTime, streaming::parseIntervalMs(interval));
}

Trigger Trigger::ProcessingTime(int64_t intervalMs) {
  if (intervalMs < 0) {
    throwUserError("INVALID_INTERVAL", "the interval of trigger should not be negative");
  }
  return Trigger(Kind::kProcessingTime, intervalMs);
}

Trigger Trigger::Once() { return Trigger(Kind::kOnce, 0); }

Trigger Trigger::AvailableNow() { return Trigger(Kind::kAvailableNow, 0); }

StreamingQuery::StreamingQuery(std::shared_ptr<streaming::MicroBatchExecution> execution)
    : execution_(std::move(execution)) {}

std::string StreamingQuery::id() const { return execution_->id(); }

std::string StreamingQuery::runId() const { return execution_->runId(); }

std::string StreamingQuery::name() const { return execution_->name(); }

bool StreamingQuery::isActive() const { return execution_->isActive(); }

std::string StreamingQuery::status() const { return execution_->statusJson(); }

std::shared_ptr<const StreamingQueryProgress> StreamingQuery::lastProgress() const {
  auto p = execution_->lastProgress();
  if (!p) {
    return nullptr;
  }
  return std::make_shared<const StreamingQueryProgress>(std::move(*p));
}

std::vector<StreamingQueryProgress> StreamingQuery::recentProgress() const { return execution_->recentProgress(); }

void StreamingQuery::awaitTermination() const { execution_->awaitTermination(std::nullopt); }

bool StreamingQuery::awaitTermination(int64_t timeoutMs) const { return execution_->awaitTermination(timeoutMs); }

void StreamingQuery::processAllAvailable() const { execution_->processAllAvailable(); }

void StreamingQuery::stop() const { execution_->stop(); }

std::exception_ptr StreamingQuery::exception() const { return execution_->exception(); }

std::string StreamingQuery::explainString(bool extended) const { return execution_->explainLastBatch(extended); }

void StreamingQuery::explain(bool extended) const { std::cout << explainString(extended) << std::flush; }

void StreamingQueryManagerState::add(const std::shared_ptr<streaming::MicroBatchExecution>& execution) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& q : active_) {
    if (!execution->name().empty() && q->name() == execution->name()) {
      throwUserError("DUPLICATE_QUERY_NAME", "Cannot start query with name " + execution->name() +
                                                 " as a query with that name is already active in this SparkSession");
    }
    if (q->id() == execution->id()) {
      throwUserError("CONCURRENT_QUERY",
                     "Cannot start query with id " + execution->id() +
                         " as another query with same id is already active. Perhaps you are attempting to restart a query from checkpoint that is already active.");
    }
  }
  active_.push_back(execution);
}

void StreamingQueryManagerState::terminated(const std::shared_ptr<streaming::MicroBatchExecution>& execution,
                                            std::exception_ptr error) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    std::erase(active_, execution);
    anyTerminated_ = true;
    if (error) {
      lastError_ = error;
    }
  }
  cv_.notify_all();
}

std::vector<std::shared_ptr<streaming::MicroBatchExecution>> StreamingQueryManagerState::active() const {
  std::lock_guard<std::mutex> lock(mu_);
  return active_;
}

bool StreamingQueryManagerState::awaitAny(std::optional<int64_t> timeoutMs) {
  std::unique_lock<std::mutex> lock(mu_);
  if (timeoutMs) {
    cv_.wait_for(lock, std::chrono::milliseconds(*timeoutMs), [this] { return anyTerminated_; });
  } else {
    cv_.wait(lock, [this] { return anyTerminated_; });
  }
  if (lastError_) {
    std::rethrow_exception(lastError_);
  }
  return anyTerminated_;
}

void StreamingQueryManagerState::resetTerminated() {
  std::lock_guard<std::mutex> lock(mu_);
  anyTerminated_ = false;
  lastError_ = nullptr;
}

std::vector<std::shared_ptr<StreamingQueryListener>> StreamingQueryManagerState::listeners() const {
  std::lock_guard<std::mutex> lock(mu_);
  return listeners_;
}

void StreamingQueryManagerState::addListener(std::shared_ptr<StreamingQueryListener> listener) {
  std::lock_guard<std::mutex> lock(mu_);
  listeners_.push_back(std::move(listener));
}

void StreamingQueryManagerState::removeListener(const std::shared_ptr<StreamingQueryListener>& listener) {
  std::lock_guard<std::mutex> lock(mu_);
  std::erase(listeners_, listener);
}

std::vector<StreamingQuery> StreamingQueryManager::active() const {
  std::vector<StreamingQuery> out;
  for (const auto& e : state_->active()) {
    out.emplace_back(e);
  }
  return out;
}

std::optional<StreamingQuery> StreamingQueryManager::get(const std::string& id) const {
  for (const auto& e : state_->active()) {
    if (e->id() == id) {
      return StreamingQuery(e);
    }
  }
  return std::nullopt;
}

void StreamingQueryManager::awaitAnyTermination() const { state_->awaitAny(std::nullopt); }

bool StreamingQueryManager::awaitAnyTermination(int64_t timeoutMs) const {
  if (timeoutMs <= 0) {
    throwUserError("ILLEGAL_ARGUMENT", "Timeout has to be positive");
  }
  return state_->awaitAny(timeoutMs);
}

void StreamingQueryManager::resetTerminated() const { state_->resetTerminated(); }

void StreamingQueryManager::addListener(std::shared_ptr<StreamingQueryListener> listener) const {
  state_->addListener(std::move(listener));
}

void StreamingQueryManager::removeListener(const std::shared_ptr<StreamingQueryListener>& listener) const {
  state_->removeListener(listener);
}

}  // namespace rivulet
