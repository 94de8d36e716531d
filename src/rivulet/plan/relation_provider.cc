#include "rivulet/plan/relation_provider.h"

#include <strings.h>

#include <mutex>
#include <vector>

namespace rivulet::plan {

namespace {

std::mutex& providersMutex() {
  static std::mutex mu;
  return mu;
}

std::vector<std::unique_ptr<RelationProvider>>& providers() {
  static std::vector<std::unique_ptr<RelationProvider>> list;
  return list;
}

}  // namespace

void registerRelationProvider(std::unique_ptr<RelationProvider> provider) {
  std::lock_guard<std::mutex> lock(providersMutex());
  for (auto& p : providers()) {
    if (strcasecmp(p->name().c_str(), provider->name().c_str()) == 0) {
      p = std::move(provider);
      return;
    }
  }
  providers().push_back(std::move(provider));
}

const RelationProvider* findRelationProvider(const std::string& name) {
  std::lock_guard<std::mutex> lock(providersMutex());
  for (const auto& p : providers()) {
    if (strcasecmp(p->name().c_str(), name.c_str()) == 0) {
      return p.get();
    }
  }
  return nullptr;
}

}  // namespace rivulet::plan
