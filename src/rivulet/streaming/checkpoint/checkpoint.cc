#include "rivulet/streaming/checkpoint/checkpoint.h"

#include <cctype>
#include <filesystem>
#include <random>

#include "rivulet/common/error.h"
#include "rivulet/common/fs/atomic_file.h"
#include "rivulet/common/uuid.h"

namespace rivulet::streaming {

namespace fsys = std::filesystem;

namespace {

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

// A reader for the small flat JSON objects of checkpoint metadata.
class MiniJson {
 public:
  MiniJson(const std::string& text, std::string where) : s_(text), where_(std::move(where)) {}

  std::optional<int64_t> number(const std::string& key) const {
    auto pos = find(key);
    if (!pos) {
      return std::nullopt;
    }
    size_t i = *pos;
    size_t start = i;
    if (i < s_.size() && s_[i] == '-') {
      ++i;
    }
    while (i < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i]))) {
      ++i;
    }
    if (i == start) {
      fail("a number for \"" + key + "\"");
    }
    return std::stoll(s_.substr(start, i - start));
  }

  std::map<std::string, std::string> stringMap(const std::string& key) const {
    std::map<std::string, std::string> out;
    auto pos = find(key);
    if (!pos) {
      return out;
    }
    size_t i = *pos;
    if (i >= s_.size() || s_[i] != '{') {
      fail("an object for \"" + key + "\"");
    }
    ++i;
    while (true) {
      skip(i);
      if (i < s_.size() && s_[i] == '}') {
        return out;
      }
      std::string k = string(i);
      skip(i);
      if (i >= s_.size() || s_[i] != ':') {
        fail("':'");
      }
      ++i;
      skip(i);
      std::string v = string(i);
      out[k] = v;
      skip(i);
      if (i < s_.size() && s_[i] == ',') {
        ++i;
      }
    }
  }

 private:
  [[noreturn]] void fail(const std::string& expected) const {
    throwUserError("MALFORMED_LOG_FILE", "Log file was malformed: expected " + expected + " in " + where_);
  }

  void skip(size_t& i) const {
    while (i < s_.size() && std::isspace(static_cast<unsigned char>(s_[i]))) {
      ++i;
    }
  }

  std::string string(size_t& i) const {
    if (i >= s_.size() || s_[i] != '"') {
      fail("a string");
    }
    ++i;
    std::string out;
    while (i < s_.size() && s_[i] != '"') {
      if (s_[i] == '\\' && i + 1 < s_.size()) {
        ++i;
      }
      out += s_[i++];
    }
    if (i >= s_.size()) {
      fail("a closing quote");
    }
    ++i;
    return out;
  }

  std::optional<size_t> find(const std::string& key) const {
    auto pos = s_.find("\"" + key + "\"");
    if (pos == std::string::npos) {
      return std::nullopt;
    }
    size_t i = pos + key.size() + 2;
    skip(i);
    if (i >= s_.size() || s_[i] != ':') {
      fail("':' after \"" + key + "\"");
    }
    ++i;
    skip(i);
    return i;
  }

  const std::string& s_;
  std::string where_;
};

}  // namespace

std::map<std::string, std::string> defaultCheckpointConf() {
  return {
      {"spark.sql.shuffle.partitions", "200"},
      {"spark.sql.streaming.stateStore.providerClass",
       "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider"},
      {"spark.sql.streaming.multipleWatermarkPolicy", "min"},
      {"spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion", "2"},
      {"spark.sql.streaming.aggregation.stateFormatVersion", "2"},
      {"spark.sql.streaming.join.stateFormatVersion", "2"},
      {"spark.sql.streaming.stateStore.compression.codec", "lz4"},
      {"spark.sql.streaming.stateStore.rocksdb.formatVersion", "5"},
      {"spark.sql.streaming.statefulOperator.useStrictDistribution", "true"},
  };
}

std::map<std::string, std::string> restoredCheckpointConf(const std::map<std::string, std::string>& logged) {
  static const std::map<std::string, std::string> kLegacy = {
      {"spark.sql.streaming.multipleWatermarkPolicy", "min"},
      {"spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion", "1"},
      {"spark.sql.streaming.aggregation.stateFormatVersion", "1"},
      {"spark.sql.streaming.join.stateFormatVersion", "1"},
      {"spark.sql.streaming.stateStore.compression.codec", "lz4"},
      {"spark.sql.streaming.statefulOperator.useStrictDistribution", "false"},
  };
  std::map<std::string, std::string> conf = defaultCheckpointConf();
  for (const auto& [key, value] : kLegacy) {
    conf[key] = value;
  }
  for (const auto& [key, value] : logged) {
    conf[key] = value;
  }
  return conf;
}

std::string OffsetSeq::serialize() const {
  std::string meta = "{\"batchWatermarkMs\":" + std::to_string(batchWatermarkMs) +
                     ",\"batchTimestampMs\":" + std::to_string(batchTimestampMs) + ",\"conf\":{";
  bool first = true;
  for (const auto& [k, v] : conf) {
    meta += (first ? "" : ",") + jsonString(k) + ":" + jsonString(v);
    first = false;
  }
  meta += "}}";
  std::string out = meta;
  for (const auto& o : offsets) {
    out += "\n" + (o ? *o : std::string("-"));
  }
  return out;
}

OffsetSeq OffsetSeq::parse(const std::string& body, const std::string& where) {
  OffsetSeq seq;
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) {
      end = body.size();
    }
    lines.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  if (lines.empty() || lines[0].empty() || lines[0][0] != '{') {
    throwUserError("MALFORMED_LOG_FILE", "Log file was malformed: expected the batch metadata line in " + where);
  }
  MiniJson meta(lines[0], where);
  seq.batchWatermarkMs = meta.number("batchWatermarkMs").value_or(0);
  seq.batchTimestampMs = meta.number("batchTimestampMs").value_or(0);
  seq.conf = meta.stringMap("conf");
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i] == "-") {
      seq.offsets.emplace_back(std::nullopt);
    } else if (!lines[i].empty()) {
      seq.offsets.emplace_back(lines[i]);
    }
  }
  return seq;
}

Checkpoint::Checkpoint(std::string root)
    : root_(std::move(root)), offsets_(root_ + "/offsets", 1), commits_(root_ + "/commits", 1) {}

std::string Checkpoint::loadOrCreateQueryId() {
  std::string path = root_ + "/metadata";
  if (fsys::exists(path)) {
    std::string content = fs::readWholeFile(path);
    auto pos = content.find("\"id\"");
    auto q1 = pos == std::string::npos ? pos : content.find('"', content.find(':', pos));
    auto q2 = q1 == std::string::npos ? q1 : content.find('"', q1 + 1);
    if (q2 == std::string::npos) {
      throwUserError("MALFORMED_LOG_FILE", "Log file was malformed: no query id in " + path);
    }
    return content.substr(q1 + 1, q2 - q1 - 1);
  }
  std::string id = randomUuid();
  if (!fs::writeFileAtomically(path, "{\"id\":\"" + id + "\"}", /*overwrite=*/false)) {
    return loadOrCreateQueryId();
  }
  return id;
}

void Checkpoint::writeOffsets(int64_t batchId, const OffsetSeq& offsets) {
  if (!offsets_.add(batchId, offsets.serialize())) {
    throwUserError("CONCURRENT_QUERY", "Concurrent update to the log. Multiple streaming jobs detected for " +
                                           std::to_string(batchId));
  }
}

std::optional<OffsetSeq> Checkpoint::readOffsets(int64_t batchId) const {
  auto body = offsets_.get(batchId);
  if (!body) {
    return std::nullopt;
  }
  return OffsetSeq::parse(*body, offsets_.pathOf(batchId));
}

bool Checkpoint::isCommitted(int64_t batchId) const { return commits_.get(batchId).has_value(); }

void Checkpoint::writeCommit(int64_t batchId, int64_t nextBatchWatermarkMs) {
  if (!commits_.add(batchId, "{\"nextBatchWatermarkMs\":" + std::to_string(nextBatchWatermarkMs) + "}",
                    /*version=*/1, /*synced=*/false)) {
    throwUserError("CONCURRENT_QUERY", "Concurrent update to the log. Multiple streaming jobs detected for " +
                                           std::to_string(batchId));
  }
  unsyncedCommits_.push_back(batchId);
}

void Checkpoint::discardTornCommit() {
  auto latest = commits_.latestId();
  if (!latest) {
    return;
  }
  try {
    (void)commits_.get(*latest);
  } catch (const Error& e) {
    if (e.errorClass() != "INCOMPLETE_LOG_FILE" && e.errorClass() != "MALFORMED_LOG_FILE") {
      throw;
    }
    commits_.remove(*latest);
  }
}

void Checkpoint::syncCommits() {
  commits_.sync(unsyncedCommits_);
  unsyncedCommits_.clear();
}

void Checkpoint::purge(int64_t currentBatchId, int64_t minBatchesToRetain) {
  // As Spark: entries below currentBatchId - minBatchesToRetain go, so the newest
  // minBatchesToRetain + 1 stay (batch N and the minBatchesToRetain before it).
  int64_t threshold = currentBatchId - minBatchesToRetain;
  if (threshold <= 0) {
    return;
  }
  if (purgedBelow_ < 0) {
    // First purge of this run: whatever an earlier run left behind.
    offsets_.purge(threshold);
    commits_.purge(threshold);
  } else {
    // Later batches: only the entries that just expired, without listing the directories.
    for (int64_t id = purgedBelow_; id < threshold; ++id) {
      offsets_.remove(id);
      commits_.remove(id);
    }
  }
  purgedBelow_ = threshold;
  std::erase_if(unsyncedCommits_, [threshold](int64_t id) { return id < threshold; });
}

std::string Checkpoint::sourcePath(size_t index) const { return root_ + "/sources/" + std::to_string(index); }

}  // namespace rivulet::streaming
