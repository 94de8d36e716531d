#include "rivulet/connectors/kafka/kafka_source_offsets.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "rivulet/common/error.h"

namespace rivulet::kafka {

PartitionOffsets rateLimitOffsets(int64_t limit,
                                  const PartitionOffsets& from,
                                  const PartitionOffsets& until,
                                  const PartitionOffsets& fromNew) {
  auto beginOf = [&](const TopicPartition& tp) -> std::optional<int64_t> {
    if (auto it = from.find(tp); it != from.end()) {
      return it->second;
    }
    if (auto it = fromNew.find(tp); it != fromNew.end()) {
      return it->second;
    }
    return std::nullopt;
  };
  PartitionOffsets sizes;
  double total = 0;
  for (const auto& [tp, end] : until) {
    if (auto begin = beginOf(tp)) {
      int64_t size = end - *begin;
      if (size > 0) {
        sizes[tp] = size;
        total += static_cast<double>(size);
      }
    }
  }
  if (total < 1) {
    return until;
  }
  PartitionOffsets out;
  for (const auto& [tp, end] : until) {
    auto size = sizes.find(tp);
    if (size == sizes.end()) {
      out[tp] = end;
      continue;
    }
    int64_t begin = *beginOf(tp);
    double prorate = static_cast<double>(limit) * (static_cast<double>(size->second) / total);
    // Small partitions are not starved: a share below one record rounds up.
    auto share = static_cast<int64_t>(prorate < 1 ? std::ceil(prorate) : std::floor(prorate));
    int64_t off = share > std::numeric_limits<int64_t>::max() - begin
                      ? std::numeric_limits<int64_t>::max()
                      : begin + share;
    out[tp] = std::min(end, off);
  }
  return out;
}

int64_t newRecordCount(const PartitionOffsets& from, const PartitionOffsets& until) {
  int64_t n = 0;
  for (const auto& [tp, end] : until) {
    auto it = from.find(tp);
    n += end - (it == from.end() ? 0 : it->second);
  }
  return n;
}

std::string serializeInitialOffsets(const PartitionOffsets& offsets) {
  std::string out(1, '\0');
  out += "v1\n";
  out += partitionOffsetsToJson(offsets);
  return out;
}

PartitionOffsets parseInitialOffsets(const std::string& content, const std::string& path) {
  std::string_view text(content);
  if (!text.empty() && text[0] == '\0') {
    text.remove_prefix(1);
  }
  if (text.empty()) {
    throwUserError("INCOMPLETE_LOG_FILE",
                   "Incomplete log file in the Kafka initial offsets: " + path);
  }
  size_t eol = text.find('\n');
  std::string_view versionLine = text.substr(0, eol);
  int64_t version = 0;
  bool ok = versionLine.size() > 1 && versionLine[0] == 'v';
  if (ok) {
    auto [p, ec] =
        std::from_chars(versionLine.data() + 1, versionLine.data() + versionLine.size(), version);
    ok = ec == std::errc() && p == versionLine.data() + versionLine.size() && version > 0;
  }
  if (!ok || eol == std::string_view::npos) {
    throwUserError("MALFORMED_LOG_FILE",
                   "Log file was malformed: failed to read correct log version from " + path +
                       " (found '" + std::string(versionLine.substr(0, 20)) + "')");
  }
  if (version > 1) {
    throwUserError(
        "UNSUPPORTED_LOG_VERSION",
        "The log file " + path + " was produced by a newer version (v" + std::to_string(version) +
            "); this version reads up to v1. Please upgrade to a version that supports it.");
  }
  return parsePartitionOffsetsJson(std::string(text.substr(eol + 1)));
}

}  // namespace rivulet::kafka
