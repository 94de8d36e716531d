#include "rivulet/streaming/checkpoint/metadata_log.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "rivulet/common/error.h"
#include "rivulet/common/fs/atomic_file.h"

namespace rivulet::streaming {

namespace fsys = std::filesystem;

namespace {

// "12" or "12.compact" → 12; anything else (temp files, .crc) → nullopt.
std::optional<int64_t> parseEntryName(const std::string& name) {
  std::string digits = name;
  const std::string suffix = ".compact";
  if (digits.size() > suffix.size() && digits.compare(digits.size() - suffix.size(), suffix.size(), suffix) == 0) {
    digits = digits.substr(0, digits.size() - suffix.size());
  }
  if (digits.empty() || digits.size() > 18 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return std::nullopt;
  }
  return std::stoll(digits);
}

}  // namespace

MetadataLog::MetadataLog(std::string directory, int maxVersion)
    : directory_(std::move(directory)), maxVersion_(maxVersion) {
  std::error_code ec;
  fsys::create_directories(directory_, ec);
  if (ec) {
    throwExternalError("CHECKPOINT_ERROR", "Cannot create the log directory " + directory_ + ": " + ec.message());
  }
}

std::string MetadataLog::pathOf(int64_t batchId) const {
  std::string compact = directory_ + "/" + std::to_string(batchId) + ".compact";
  if (fsys::exists(compact)) {
    return compact;
  }
  return directory_ + "/" + std::to_string(batchId);
}

bool MetadataLog::add(int64_t batchId, const std::string& body, int version, bool synced) {
  return fs::writeFileAtomically(directory_ + "/" + std::to_string(batchId),
                                 "v" + std::to_string(version) + "\n" + body,
                                 /*overwrite=*/false,
                                 synced ? fs::Durability::kSynced : fs::Durability::kDeferred);
}

void MetadataLog::sync(const std::vector<int64_t>& batchIds) const {
  if (batchIds.empty()) {
    return;
  }
  for (int64_t id : batchIds) {
    fs::syncFile(directory_ + "/" + std::to_string(id));
  }
  fs::syncDirectory(directory_);
}

std::optional<std::string> MetadataLog::get(int64_t batchId) const {
  std::string path = pathOf(batchId);
  if (!fsys::exists(path)) {
    return std::nullopt;
  }
  std::string content;
  try {
    content = fs::readWholeFile(path);
  } catch (const Error&) {
    std::error_code gone;
    if (!fsys::exists(path, gone)) {
      return std::nullopt;  // deleted since the check (a compaction's cleanup)
    }
    throw;
  }
  if (content.empty()) {
    throwUserError("INCOMPLETE_LOG_FILE", "Incomplete log file in the offset commit log: " + path);
  }
  auto newline = content.find('\n');
  std::string versionLine = content.substr(0, newline);
  int version = 0;
  bool ok = versionLine.size() > 1 && versionLine[0] == 'v' &&
            std::all_of(versionLine.begin() + 1, versionLine.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
            versionLine.size() < 10;
  if (ok) {
    version = std::stoi(versionLine.substr(1));
  }
  if (!ok || version <= 0) {
    throwUserError("MALFORMED_LOG_FILE", "Log file was malformed: failed to read correct log version from " + path +
                                             " (found '" + versionLine.substr(0, 20) + "')");
  }
  if (version > maxVersion_) {
    throwUserError("UNSUPPORTED_LOG_VERSION",
                   "The log file " + path + " was produced by a newer version (v" + std::to_string(version) +
                       "); this version reads up to v" + std::to_string(maxVersion_) +
                       ". Please upgrade to a version that supports it.");
  }
  return newline == std::string::npos ? std::string() : content.substr(newline + 1);
}

std::vector<int64_t> MetadataLog::ids() const {
  std::vector<int64_t> out;
  std::error_code ec;
  for (const auto& entry : fsys::directory_iterator(directory_, ec)) {
    if (auto id = parseEntryName(entry.path().filename().string())) {
      out.push_back(*id);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<MetadataLog::EntryFile> MetadataLog::entryFiles() const {
  std::vector<EntryFile> out;
  std::error_code ec;
  for (const auto& entry : fsys::directory_iterator(directory_, ec)) {
    std::string name = entry.path().filename().string();
    if (auto id = parseEntryName(name)) {
      bool compact = name.find('.') != std::string::npos;
      out.push_back({*id, compact, entry.path().string()});
    }
  }
  std::sort(out.begin(), out.end(), [](const EntryFile& a, const EntryFile& b) {
    return a.id != b.id ? a.id < b.id : a.compact < b.compact;
  });
  return out;
}

std::optional<int64_t> MetadataLog::latestId() const {
  auto all = ids();
  if (all.empty()) {
    return std::nullopt;
  }
  return all.back();
}

void MetadataLog::remove(int64_t batchId) {
  std::error_code ec;
  fsys::remove(directory_ + "/" + std::to_string(batchId), ec);
  fsys::remove(directory_ + "/" + std::to_string(batchId) + ".compact", ec);
}

void MetadataLog::purge(int64_t thresholdId) {
  std::error_code ec;
  for (const auto& entry : fsys::directory_iterator(directory_, ec)) {
    auto id = parseEntryName(entry.path().filename().string());
    if (id && *id < thresholdId) {
      fsys::remove(entry.path(), ec);
    }
  }
}

}  // namespace rivulet::streaming
