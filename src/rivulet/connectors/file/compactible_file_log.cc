#include "rivulet/connectors/file/compactible_file_log.h"

#include <filesystem>

#include "rivulet/common/error.h"
#include "rivulet/common/fs/atomic_file.h"

namespace rivulet::connectors {

namespace {

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

CompactibleFileLog::CompactibleFileLog(std::string directory, int compactInterval)
    : log_(std::move(directory), 1), interval_(compactInterval > 0 ? compactInterval : 10) {}

bool CompactibleFileLog::add(int64_t batchId, const std::vector<std::string>& lines) {
  std::string plain = directory() + "/" + std::to_string(batchId);
  std::string compact = plain + ".compact";
  std::error_code ec;
  if (std::filesystem::exists(plain, ec) || std::filesystem::exists(compact, ec)) {
    return false;
  }
  if (!isCompactionBatch(batchId)) {
    return log_.add(batchId, joinLines(lines));
  }
  std::vector<std::string> all = batchId > 0 ? allLines(batchId - 1) : std::vector<std::string>();
  all.insert(all.end(), lines.begin(), lines.end());
  return fs::writeFileAtomically(compact, "v1\n" + joinLines(all), /*overwrite=*/false);
}

std::optional<std::vector<std::string>> CompactibleFileLog::get(int64_t batchId) const {
  auto body = log_.get(batchId);
  if (!body) {
    return std::nullopt;
  }
  return splitLines(*body);
}

std::vector<std::string> CompactibleFileLog::allLines(std::optional<int64_t> untilId) const {
  std::vector<int64_t> ids = log_.ids();
  if (untilId) {
    while (!ids.empty() && ids.back() > *untilId) {
      ids.pop_back();
    }
  }
  size_t first = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    std::error_code ec;
    if (std::filesystem::exists(directory() + "/" + std::to_string(ids[i]) + ".compact", ec)) {
      first = i;
    }
  }
  std::vector<std::string> out;
  for (size_t i = first; i < ids.size(); ++i) {
    if (auto lines = get(ids[i])) {
      out.insert(out.end(), lines->begin(), lines->end());
    }
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
