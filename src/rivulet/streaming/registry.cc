// The source and sink provider registries, and output mode names.
#include <strings.h>

#include <mutex>
#include <vector>

#include "rivulet/common/error.h"
#include "rivulet/streaming/sink.h"
#include "rivulet/streaming/source.h"

namespace rivulet::streaming {

namespace {

template <typename T>
struct Registry {
  std::mutex mu;
  std::vector<std::unique_ptr<T>> items;

  void add(std::unique_ptr<T> item) {
    std::lock_guard<std::mutex> lock(mu);
    for (auto& existing : items) {
      if (strcasecmp(existing->name().c_str(), item->name().c_str()) == 0) {
        existing = std::move(item);
        return;
      }
    }
    items.push_back(std::move(item));
  }

  const T* find(const std::string& name) {
    std::lock_guard<std::mutex> lock(mu);
    for (const auto& item : items) {
      if (strcasecmp(item->name().c_str(), name.c_str()) == 0) {
        return item.get();
      }
    }
    return nullptr;
  }
};

Registry<SourceProvider>& sources() {
  static Registry<SourceProvider> r;
  return r;
}

Registry<SinkProvider>& sinks() {
  static Registry<SinkProvider> r;
  return r;
}

}  // namespace

void registerSourceProvider(std::unique_ptr<SourceProvider> provider) { sources().add(std::move(provider)); }

const SourceProvider* findSourceProvider(const std::string& name) { return sources().find(name); }

void registerSinkProvider(std::unique_ptr<SinkProvider> provider) { sinks().add(std::move(provider)); }

const SinkProvider* findSinkProvider(const std::string& name) { return sinks().find(name); }

OutputMode parseOutputMode(const std::string& mode) {
  if (strcasecmp(mode.c_str(), "append") == 0) return OutputMode::kAppend;
  if (strcasecmp(mode.c_str(), "update") == 0) return OutputMode::kUpdate;
  if (strcasecmp(mode.c_str(), "complete") == 0) return OutputMode::kComplete;
  throwUserError("INVALID_OUTPUT_MODE",
                 "Unknown output mode " + mode + ". Accepted output modes are 'append', 'complete', 'update'");
}

std::string outputModeName(OutputMode mode) {
  switch (mode) {
    case OutputMode::kAppend: return "Append";
    case OutputMode::kUpdate: return "Update";
    case OutputMode::kComplete: return "Complete";
  }
  return "?";
}

}  // namespace rivulet::streaming
