#include "rivulet/connectors/kafka/kafka_options.h"

#include "rivulet/common/uuid.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <random>

#include "rivulet/common/error.h"

namespace rivulet::kafka {

namespace {

constexpr const char* kStrategyKeys = "subscribe, subscribepattern, assign";
constexpr const char* kRedacted = "*********(redacted)";

[[noreturn]] void illegalArgument(std::string message) {
  throwUserError("ILLEGAL_ARGUMENT", std::move(message));
}

std::string trim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) {
    ++b;
  }
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) {
    --e;
  }
  return std::string(s.substr(b, e - b));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A small reader for the two JSON shapes Spark accepts: {"t":{"0":1}} and {"t":[0,1]}.
class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : text_(text) {}

  void skipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
  }

  bool consume(char c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool string(std::string& out) {
    if (!consume('"')) {
      return false;
    }
    out.clear();
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\') {
        if (pos_ + 1 >= text_.size()) {
          return false;
        }
        ++pos_;
      }
      out.push_back(text_[pos_++]);
    }
    return consume('"');
  }

  bool integer(int64_t& out) {
    skipSpace();
    const char* b = text_.data() + pos_;
    auto [p, ec] = std::from_chars(b, text_.data() + text_.size(), out);
    if (ec != std::errc() || p == b) {
      return false;
    }
    pos_ += static_cast<size_t>(p - b);
    return true;
  }

  bool atEnd() {
    skipSpace();
    return pos_ == text_.size();
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool parsePartitionNumber(const std::string& s, int32_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// {"t":{"0":n,...},...}; false on any syntax error.
bool parseNestedOffsets(const std::string& json, std::map<TopicPartition, int64_t>& out) {
  JsonCursor c(json);
  if (!c.consume('{')) {
    return false;
  }
  if (c.consume('}')) {
    return c.atEnd();
  }
  do {
    std::string topic;
    if (!c.string(topic) || !c.consume(':') || !c.consume('{')) {
      return false;
    }
    if (!c.consume('}')) {
      do {
        std::string part;
        int32_t partition = 0;
        int64_t value = 0;
        if (!c.string(part) || !parsePartitionNumber(part, partition) || !c.consume(':') ||
            !c.integer(value)) {
          return false;
        }
        out[TopicPartition{topic, partition}] = value;
      } while (c.consume(','));
      if (!c.consume('}')) {
        return false;
      }
    }
  } while (c.consume(','));
  return c.consume('}') && c.atEnd();
}

std::optional<OffsetRangeLimit> offsetRangeLimit(const Options& options,
                                                 const char* globalTimestampKey,
                                                 const char* byTimestampKey,
                                                 const char* offsetsKey) {
  OffsetRangeLimit limit;
  limit.latestWhenNoMatch =
      lower(trim(options.getOr("startingOffsetsByTimestampStrategy", "error"))) == "latest";
  if (auto ts = options.get(globalTimestampKey)) {
    int64_t v = 0;
    std::string t = trim(*ts);
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size()) {
      illegalArgument("For input string: \"" + t + "\" (option '" + globalTimestampKey + "')");
    }
    limit.kind = OffsetRangeLimit::Kind::kGlobalTimestamp;
    limit.timestamp = v;
    return limit;
  }
  if (auto json = options.get(byTimestampKey)) {
    std::string t = trim(*json);
    if (!parseNestedOffsets(t, limit.timestamps)) {
      illegalArgument(
          "Expected e.g. {\"topicA\": {\"0\": 123456789, \"1\": 123456789}, \"topicB\": {\"0\": "
          "123456789, \"1\": 123456789}}, got " + t);
    }
    limit.kind = OffsetRangeLimit::Kind::kSpecificTimestamps;
    return limit;
  }
  if (auto offsets = options.get(offsetsKey)) {
    std::string t = trim(*offsets);
    if (lower(t) == "latest") {
      limit.kind = OffsetRangeLimit::Kind::kLatest;
    } else if (lower(t) == "earliest") {
      limit.kind = OffsetRangeLimit::Kind::kEarliest;
    } else {
      limit.kind = OffsetRangeLimit::Kind::kSpecificOffsets;
      limit.offsets = parsePartitionOffsetsJson(t);
    }
    return limit;
  }
  return std::nullopt;
}

ConsumerStrategy parseStrategy(const Options& options) {
  int count = 0;
  for (const char* key : {"subscribe", "subscribePattern", "assign"}) {
    count += options.contains(key) ? 1 : 0;
  }
  if (count == 0) {
    illegalArgument(std::string("One of the following options must be specified for Kafka source: ") +
                    kStrategyKeys + ". See the docs for more details.");
  }
  if (count > 1) {
    illegalArgument(std::string("Only one of the following options can be specified for Kafka source: ") +
                    kStrategyKeys + ". See the docs for more details.");
  }
  ConsumerStrategy strategy;
  if (auto v = options.get("assign")) {
    if (trim(*v).rfind('{', 0) != 0) {
      illegalArgument("No topicpartitions to assign as specified value for option 'assign' is '" + *v +
                      "'");
    }
    strategy.kind = ConsumerStrategy::Kind::kAssign;
    strategy.partitions = parseTopicPartitionsJson(trim(*v));
  } else if (auto v = options.get("subscribe")) {
    strategy.kind = ConsumerStrategy::Kind::kSubscribe;
    size_t start = 0;
    while (start <= v->size()) {
      size_t comma = v->find(',', start);
      std::string topic = trim(std::string_view(*v).substr(start, comma - start));
      if (!topic.empty()) {
        strategy.topics.push_back(topic);
      }
      if (comma == std::string::npos) {
        break;
      }
      start = comma + 1;
    }
    if (strategy.topics.empty()) {
      illegalArgument("No topics to subscribe to as specified value for option 'subscribe' is '" + *v +
                      "'");
    }
  } else {
    auto p = options.get("subscribePattern");
    strategy.kind = ConsumerStrategy::Kind::kSubscribePattern;
    strategy.pattern = trim(*p);
    if (strategy.pattern.empty()) {
      illegalArgument("Pattern to subscribe is empty as specified value for option 'subscribePattern' is '" +
                      *p + "'");
    }
  }
  return strategy;
}

// The kafka.* keys Spark's source rejects, with its explanations.
void rejectForbiddenSourceOptions(const Options& options) {
  if (options.contains("kafka.auto.offset.reset")) {
    illegalArgument(
        "Kafka option 'auto.offset.reset' is not supported.\n"
        "Instead set the source option 'startingoffsets' to 'earliest' or 'latest'\n"
        "to specify where to start. Structured Streaming manages which offsets are consumed\n"
        "internally, rather than relying on the kafkaConsumer to do it. This will ensure that no\n"
        "data is missed when new topics/partitions are dynamically subscribed. Note that\n"
        "'startingoffsets' only applies when a new Streaming query is started, and\n"
        "that resuming will always pick up from where the query left off. See the docs for more\n"
        "details.");
  }
  if (options.contains("kafka.key.deserializer")) {
    illegalArgument(
        "Kafka option 'key.deserializer' is not supported as keys are deserialized as byte arrays "
        "with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the keys.");
  }
  if (options.contains("kafka.value.deserializer")) {
    illegalArgument(
        "Kafka option 'value.deserializer' is not supported as values are deserialized as byte "
        "arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the "
        "values.");
  }
  for (const char* key : {"enable.auto.commit", "interceptor.classes"}) {
    if (options.contains(std::string("kafka.") + key)) {
      illegalArgument(std::string("Kafka option '") + key + "' is not supported");
    }
  }
}


KafkaSourceOptions parseGeneral(const Options& options, bool streaming) {
  KafkaSourceOptions out;
  out.strategy = parseStrategy(options);
  rejectForbiddenSourceOptions(options);
  if (options.contains("minPartitions")) {
    int64_t p = options.getInt("minPartitions", 0);
    if (p <= 0) {
      illegalArgument("minPartitions must be positive");
    }
    out.minPartitions = p;
  }
  if (!options.contains("kafka.bootstrap.servers")) {
    illegalArgument(
        "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer");
  }
  out.failOnDataLoss = options.getBool("failOnDataLoss", true);
  out.includeHeaders = options.getBool("includeHeaders", false);
  out.pollTimeoutMs = options.getInt("kafkaConsumer.pollTimeoutMs", 120000);
  if (options.contains("maxOffsetsPerTrigger")) {
    out.maxOffsetsPerTrigger = options.getInt("maxOffsetsPerTrigger", 0);
  }
  out.groupIdPrefix =
      options.getOr("groupIdPrefix", streaming ? "spark-kafka-source" : "spark-kafka-relation");
  out.client = clientConfigFrom(options);
  bool hasGroupId = std::any_of(out.client.begin(), out.client.end(), [](const auto& kv) {
    return lower(kv.first) == "group.id";
  });
  if (!hasGroupId) {
    out.client.emplace_back("group.id", out.groupIdPrefix + "-" + randomUuid() + "-executor");
  }
  return out;
}

}  // namespace

std::string TopicPartition::toString() const { return topic + "-" + std::to_string(partition); }

std::string ConsumerStrategy::toString() const {
  std::string s;
  switch (kind) {
    case Kind::kSubscribe:
      s = "Subscribe[";
      for (size_t i = 0; i < topics.size(); ++i) {
        s += (i ? ", " : "") + topics[i];
      }
      break;
    case Kind::kSubscribePattern:
      s = "SubscribePattern[" + pattern;
      break;
    case Kind::kAssign:
      s = "Assign[";
      for (size_t i = 0; i < partitions.size(); ++i) {
        s += (i ? ", " : "") + partitions[i].toString();
      }
      break;
  }
  return s + "]";
}

std::string OffsetRangeLimit::toString() const {
  auto mapText = [](const std::map<TopicPartition, int64_t>& m) {
    std::string s = "Map(";
    bool first = true;
    for (const auto& [tp, v] : m) {
      s += (first ? "" : ", ") + tp.toString() + " -> " + std::to_string(v);
      first = false;
    }
    return s + ")";
  };
  const char* strategy = latestWhenNoMatch ? "LATEST" : "ERROR";
  switch (kind) {
    case Kind::kEarliest:
      return "EarliestOffsetRangeLimit";
    case Kind::kLatest:
      return "LatestOffsetRangeLimit";
    case Kind::kSpecificOffsets:
      return "SpecificOffsetRangeLimit(" + mapText(offsets) + ")";
    case Kind::kSpecificTimestamps:
      return "SpecificTimestampRangeLimit(" + mapText(timestamps) + "," + strategy + ")";
    case Kind::kGlobalTimestamp:
      return "GlobalTimestampRangeLimit(" + std::to_string(timestamp) + "," + strategy + ")";
  }
  return "";
}

ClientConfig clientConfigFrom(const Options& options) {
  ClientConfig out;
  for (const auto& [k, v] : options.entries()) {
    if (k.size() > 6 && lower(k.substr(0, 6)) == "kafka.") {
      out.emplace_back(k.substr(6), v);
    }
  }
  return out;
}

KafkaSourceOptions parseBatchSourceOptions(const Options& options) {
  auto start = offsetRangeLimit(options, "startingTimestamp", "startingOffsetsByTimestamp", "startingOffsets");
  auto end = offsetRangeLimit(options, "endingTimestamp", "endingOffsetsByTimestamp", "endingOffsets");
  OffsetRangeLimit startLimit = start.value_or(OffsetRangeLimit{});
  OffsetRangeLimit endLimit;
  endLimit.kind = OffsetRangeLimit::Kind::kLatest;
  if (end) {
    endLimit = *end;
  }
  if (startLimit.kind == OffsetRangeLimit::Kind::kLatest) {
    illegalArgument("starting offset can't be latest for batch queries on Kafka");
  }
  for (const auto& [tp, off] : startLimit.offsets) {
    if (off == kLatestOffset) {
      illegalArgument("startingOffsets for " + tp.toString() +
                      " can't be latest for batch queries on Kafka");
    }
  }
  if (endLimit.kind == OffsetRangeLimit::Kind::kEarliest) {
    illegalArgument("ending offset can't be earliest for batch queries on Kafka");
  }
  for (const auto& [tp, off] : endLimit.offsets) {
    if (off == kEarliestOffset) {
      illegalArgument("ending offset for " + tp.toString() +
                      " can't be earliest for batch queries on Kafka");
    }
  }
  KafkaSourceOptions out = parseGeneral(options, /*streaming=*/false);
  out.start = std::move(startLimit);
  out.end = std::move(endLimit);
  return out;
}

KafkaSourceOptions parseStreamSourceOptions(const Options& options) {
  for (const char* key : {"endingOffsets", "endingOffsetsByTimestamp", "endingTimestamp"}) {
    if (options.contains(key)) {
      illegalArgument(std::string("ending offset not valid in streaming queries"));
    }
  }
  auto start = offsetRangeLimit(options, "startingTimestamp", "startingOffsetsByTimestamp", "startingOffsets");
  KafkaSourceOptions out = parseGeneral(options, /*streaming=*/true);
  if (start) {
    out.start = *start;
  } else {
    out.start.kind = OffsetRangeLimit::Kind::kLatest;
  }
  out.end.kind = OffsetRangeLimit::Kind::kLatest;
  return out;
}

ClientConfig parseSinkOptions(const Options& options) {
  if (options.contains("kafka.key.serializer")) {
    illegalArgument(
        "Kafka option 'key.serializer' is not supported as keys are serialized with "
        "ByteArraySerializer.");
  }
  if (options.contains("kafka.value.serializer")) {
    illegalArgument(
        "Kafka option 'value.serializer' is not supported as value are serialized with "
        "ByteArraySerializer.");
  }
  if (!options.contains("kafka.bootstrap.servers")) {
    illegalArgument(
        "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka producer");
  }
  return clientConfigFrom(options);
}

PartitionOffsets parsePartitionOffsetsJson(const std::string& json) {
  PartitionOffsets out;
  if (!parseNestedOffsets(json, out)) {
    illegalArgument("Expected e.g. {\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}, got " + json);
  }
  return out;
}

std::vector<TopicPartition> parseTopicPartitionsJson(const std::string& json) {
  std::vector<TopicPartition> out;
  JsonCursor c(json);
  auto fail = [&]() {
    illegalArgument("Expected e.g. {\"topicA\":[0,1],\"topicB\":[0,1]}, got " + json);
  };
  if (!c.consume('{')) {
    fail();
  }
  if (!c.consume('}')) {
    do {
      std::string topic;
      if (!c.string(topic) || !c.consume(':') || !c.consume('[')) {
        fail();
      }
      if (!c.consume(']')) {
        do {
          int64_t p = 0;
          if (!c.integer(p) || p < 0 || p > INT32_MAX) {
            fail();
          }
          out.push_back(TopicPartition{topic, static_cast<int32_t>(p)});
        } while (c.consume(','));
        if (!c.consume(']')) {
          fail();
        }
      }
    } while (c.consume(','));
    if (!c.consume('}')) {
      fail();
    }
  }
  if (!c.atEnd()) {
    fail();
  }
  return out;
}

std::string partitionOffsetsToJson(const PartitionOffsets& offsets) {
  std::string s = "{";
  const std::string* topic = nullptr;
  for (const auto& [tp, off] : offsets) {
    if (topic == nullptr || *topic != tp.topic) {
      if (topic != nullptr) {
        s += "},";
      }
      s += "\"";
      for (char c : tp.topic) {
        if (c == '"' || c == '\\') {
          s += '\\';
        }
        s += c;
      }
      s += "\":{";
      topic = &tp.topic;
    } else {
      s += ",";
    }
    s += "\"" + std::to_string(tp.partition) + "\":" + std::to_string(off);
  }
  if (topic != nullptr) {
    s += "}";
  }
  return s + "}";
}

bool isSecretKey(const std::string& key) {
  std::string k = lower(key);
  return k.find("password") != std::string::npos || k.find("secret") != std::string::npos ||
         k.find("token") != std::string::npos || k.find("jaas.config") != std::string::npos ||
         k.find("access.key") != std::string::npos || k.find("accesskey") != std::string::npos;
}

std::string redactedConfig(const ClientConfig& config) {
  std::string s;
  for (const auto& [k, v] : config) {
    s += (s.empty() ? "" : ", ") + k + "=" + (isSecretKey(k) ? kRedacted : v);
  }
  return s;
}

std::string redactSecrets(std::string text, const ClientConfig& config) {
  for (const auto& [k, v] : config) {
    if (!isSecretKey(k) || v.empty()) {
      continue;
    }
    for (size_t pos = text.find(v); pos != std::string::npos; pos = text.find(v, pos)) {
      text.replace(pos, v.size(), kRedacted);
      pos += std::char_traits<char>::length(kRedacted);
    }
  }
  return text;
}

}  // namespace rivulet::kafka
