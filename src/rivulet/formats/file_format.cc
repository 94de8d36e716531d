#include "rivulet/formats/file_format.h"

#include <strings.h>

#include <mutex>

#include "rivulet/common/error.h"

namespace rivulet {

namespace {

std::mutex& registryMutex() {
  static std::mutex mu;
  return mu;
}

std::vector<std::unique_ptr<FileFormat>>& registry() {
  static std::vector<std::unique_ptr<FileFormat>> formats;
  return formats;
}

}  // namespace

void registerFileFormat(std::unique_ptr<FileFormat> format) {
  std::lock_guard<std::mutex> lock(registryMutex());
  for (auto& f : registry()) {
    if (strcasecmp(f->name().c_str(), format->name().c_str()) == 0) {
      f = std::move(format);
      return;
    }
  }
  registry().push_back(std::move(format));
}

const FileFormat& fileFormat(const std::string& name) {
  registerFileFormats();
  std::lock_guard<std::mutex> lock(registryMutex());
  for (const auto& f : registry()) {
    if (strcasecmp(f->name().c_str(), name.c_str()) == 0) {
      return *f;
    }
  }
  throwUserError("DATA_SOURCE_NOT_FOUND",
                 "Failed to find the data source: " + name +
                     ". Please find packages at `https://spark.apache.org/third-party-projects.html`.");
}

}  // namespace rivulet
