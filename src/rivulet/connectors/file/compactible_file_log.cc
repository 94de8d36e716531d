#include "rivulet/connectors/file/compactible_file_log.h"

#include <chrono>
#include <climits>
#include <filesystem>

#include <sys/stat.h>

#include "rivulet/common/error.h"
#include "rivulet/common/fs/atomic_file.h"
#include "rivulet/connectors/rate/time_string.h"

namespace rivulet::connectors {

namespace {

constexpr std::string_view kMinBatchesToRetainConf = "spark.sql.streaming.minBatchesToRetain";

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\n\r");
  if (b == std::string::npos) {
    return "";
  }
  size_t e = s.find_last_not_of(" \t\n\r");
  return s.substr(b, e - b + 1);
}

std::string toLower(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

// A decimal integer (optional sign, surrounding spaces allowed), or nullopt.
std::optional<int64_t> parseInt64(const std::string& text) {
  std::string t = trim(text);
  size_t i = (!t.empty() && (t[0] == '-' || t[0] == '+')) ? 1 : 0;
  if (i == t.size() || t.size() - i > 18) {
    return std::nullopt;
  }
  for (size_t k = i; k < t.size(); ++k) {
    if (t[k] < '0' || t[k] > '9') {
      return std::nullopt;
    }
  }
  return std::stoll(t);
}

std::vector<std::string> splitLines(const std::string& body) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) {
      end = body.size();
    }
    if (end > start) {
      out.push_back(body.substr(start, end - start));
    }
    start = end + 1;
  }
  return out;
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      out += '\n';
    }
    out += lines[i];
  }
  return out;
}

}  // namespace

CompactibleFileLogConfig compactibleFileLogConfig(const Options& conf, std::string_view prefix) {
  CompactibleFileLogConfig out;
  std::string p(prefix);
  if (auto text = conf.get(p + "compactInterval")) {
    auto value = parseInt64(*text);
    if (!value || *value < INT32_MIN || *value > INT32_MAX) {
      throwUserError("INVALID_CONF_VALUE", p + "compactInterval should be int, but was " + *text);
    }
    if (*value <= 0) {
      throwUserError("INVALID_CONF_VALUE", "requirement failed: Please set " + p +
                                               "compactInterval (was " + std::to_string(*value) +
                                               ") to a positive value.");
    }
    out.compactInterval = static_cast<int>(*value);
  }
  if (auto text = conf.get(p + "deletion")) {
    std::string lower = toLower(trim(*text));
    if (lower != "true" && lower != "false") {
      throwUserError("INVALID_CONF_VALUE", p + "deletion should be boolean, but was " + *text);
    }
    out.deletion = lower == "true";
  }
  if (auto text = conf.get(p + "cleanupDelay")) {
    out.cleanupDelayMs = timeStringAsMs(*text);
  }
  if (auto text = conf.get(kMinBatchesToRetainConf)) {
    auto value = parseInt64(*text);
    if (!value || *value < INT32_MIN || *value > INT32_MAX) {
      throwUserError("INVALID_CONF_VALUE",
                     std::string(kMinBatchesToRetainConf) + " should be int, but was " + *text);
    }
    if (*value <= 0) {
      throwUserError("INVALID_CONF_VALUE", "The minBatchesToRetain value must be positive");
    }
    out.minBatchesToRetain = *value;
  }
  return out;
}

CompactibleFileLog::CompactibleFileLog(std::string directory,
                                       CompactibleFileLogConfig config,
                                       RetainFn retain)
    : log_(std::move(directory), 1), config_(config), retain_(std::move(retain)) {
  int configured = config_.compactInterval > 0 ? config_.compactInterval : 10;
  std::vector<int64_t> compacts;
  for (const auto& f : log_.entryFiles()) {
    if (f.compact) {
      compacts.push_back(f.id);
    }
  }
  if (compacts.empty()) {
    interval_ = configured;
    return;
  }
  int64_t latest = compacts.back();
  if (latest >= INT32_MAX) {
    throwUserError("MALFORMED_LOG_FILE", "The compact entry " + std::to_string(latest) + " of the log " +
                                             log_.directory() + " is beyond the supported batch ids (up to " +
                                             std::to_string(INT32_MAX - 1) + ")");
  }
  interval_ = compacts.size() >= 2 ? static_cast<int>(latest - compacts[compacts.size() - 2])
                                   : deriveCompactInterval(configured, latest);
}

int CompactibleFileLog::deriveCompactInterval(int configured, int64_t latestCompactId) {
  int64_t n = latestCompactId + 1;
  if (n <= configured || configured >= n / 2) {
    return static_cast<int>(n);
  }
  // The smallest divisor of n within [configured, n / 2], else n itself.
  int64_t best = n;
  for (int64_t d = 1; d * d <= n; ++d) {
    if (n % d != 0) {
      continue;
    }
    for (int64_t candidate : {d, n / d}) {
      if (candidate >= configured && candidate <= n / 2 && candidate < best) {
        best = candidate;
      }
    }
  }
  return static_cast<int>(best);
}

bool CompactibleFileLog::add(int64_t batchId, const std::vector<std::string>& lines) {
  std::string plain = directory() + "/" + std::to_string(batchId);
  std::string compact = plain + ".compact";
  std::error_code ec;
  if (std::filesystem::exists(plain, ec) || std::filesystem::exists(compact, ec)) {
    return false;
  }
  bool added = false;
  if (!isCompactionBatch(batchId)) {
    added = log_.add(batchId, joinLines(lines));
  } else {
    std::vector<std::string> all = batchId > 0 ? allLines(batchId - 1) : std::vector<std::string>();
    all.insert(all.end(), lines.begin(), lines.end());
    if (retain_) {
      int64_t now = nowMs();
      std::erase_if(all, [&](const std::string& line) { return !retain_(line, now); });
    }
    added = fs::writeFileAtomically(compact, "v1\n" + joinLines(all), /*overwrite=*/false);
  }
  if (added && config_.deletion) {
    deleteExpiredEntries(batchId);
  }
  return added;
}

void CompactibleFileLog::deleteExpiredEntries(int64_t currentBatchId) {
  int64_t minBatchId = currentBatchId + 1 - config_.minBatchesToRetain;
  if (interval_ > minBatchId) {
    return;
  }
  int64_t minCompactionId = minBatchId - minBatchId % interval_ - 1;
  std::vector<streaming::MetadataLog::EntryFile> files = log_.entryFiles();
  // Never delete below the compact entry that readers start from: when entry minCompactionId
  // is absent (a log begun with another interval), the latest compact entry before it bounds.
  int64_t bound = -1;
  for (const auto& f : files) {
    if (f.compact && f.id <= minCompactionId) {
      bound = f.id;
    }
  }
  int64_t expiredBefore = nowMs() - config_.cleanupDelayMs;
  for (const auto& f : files) {
    if (f.id >= bound) {
      break;
    }
    struct stat st {};

    if (::stat(f.path.c_str(), &st) != 0) {
      continue;
    }
    int64_t mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
    if (mtime <= expiredBefore) {
      std::error_code ec;
      std::filesystem::remove(f.path, ec);
    }
  }
}

std::optional<std::vector<std::string>> CompactibleFileLog::get(int64_t batchId) const {
  auto body = log_.get(batchId);
  if (!body) {
    return std::nullopt;
  }
  return splitLines(*body);
}

std::optional<std::vector<std::string>> CompactibleFileLog::compactEntryCovering(int64_t batchId) const {
  for (const auto& f : log_.entryFiles()) {
    if (f.compact && f.id >= batchId) {
      return get(f.id);
    }
  }
  return std::nullopt;
}

std::vector<std::string> CompactibleFileLog::allLines(std::optional<int64_t> untilId) const {
  // A writer may compact and delete entries between the listing and the reading: an entry that
  // vanished was covered by a newer compact entry, so the listing is taken again (as Spark's
  // readers retry).
  for (int attempt = 0;; ++attempt) {
    if (auto lines = tryAllLines(untilId)) {
      return *lines;
    }
    if (attempt == 9) {
      throwExternalError("FILE_LOG_CHANGED",
                         "The log " + directory() + " kept changing while it was read (entries deleted by a compaction)");
    }
  }
}

std::optional<std::vector<std::string>> CompactibleFileLog::tryAllLines(std::optional<int64_t> untilId) const {
  std::vector<int64_t> ids;
  size_t first = 0;
  for (const auto& f : log_.entryFiles()) {
    if (untilId && f.id > *untilId) {
      break;
    }
    if (!ids.empty() && ids.back() == f.id) {
      // "<id>" and "<id>.compact" both present: get() reads the compact one, which holds
      // everything before it.
      if (f.compact) {
        first = ids.size() - 1;
      }
      continue;
    }
    if (f.compact) {
      first = ids.size();
    }
    ids.push_back(f.id);
  }
  std::vector<std::string> out;
  for (size_t i = first; i < ids.size(); ++i) {
    auto lines = get(ids[i]);
    if (!lines) {
      return std::nullopt;  // deleted since the listing
    }
    out.insert(out.end(), lines->begin(), lines->end());
  }
  return out;
}

std::string jsonQuote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace rivulet::connectors
