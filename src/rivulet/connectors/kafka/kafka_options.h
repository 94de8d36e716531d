// Kafka options as Spark's Kafka source and sink take them: the subscription strategy, offset
// range limits, the client parameters passed to librdkafka, and the validation Spark performs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rivulet/common/options.h"

namespace rivulet::kafka {

/// Offsets with special meaning in offset JSON and range limits (Spark's KafkaOffsetRangeLimit).
constexpr int64_t kLatestOffset = -1;
constexpr int64_t kEarliestOffset = -2;

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;

  /// Kafka's "topic-partition" form.
  std::string toString() const;

  auto operator<=>(const TopicPartition&) const = default;
};

/// Next offset per partition, ordered by topic then partition.
using PartitionOffsets = std::map<TopicPartition, int64_t>;

/// Which partitions a query reads: subscribe, subscribePattern or assign.
struct ConsumerStrategy {
  enum class Kind { kSubscribe, kSubscribePattern, kAssign };

  Kind kind = Kind::kSubscribe;
  std::vector<std::string> topics;           // subscribe
  std::string pattern;                       // subscribePattern (full match, as Kafka's)
  std::vector<TopicPartition> partitions;    // assign

  /// "Subscribe[a, b]", "SubscribePattern[t.*]", "Assign[t-0, t-1]".
  std::string toString() const;
};

/// Where a range starts or ends (Spark's KafkaOffsetRangeLimit and its subclasses).
struct OffsetRangeLimit {
  enum class Kind { kEarliest, kLatest, kSpecificOffsets, kSpecificTimestamps, kGlobalTimestamp };

  Kind kind = Kind::kEarliest;
  PartitionOffsets offsets;              // kSpecificOffsets (may hold kEarliestOffset/kLatestOffset)
  std::map<TopicPartition, int64_t> timestamps;  // kSpecificTimestamps, in milliseconds
  int64_t timestamp = 0;                 // kGlobalTimestamp, in milliseconds
  bool latestWhenNoMatch = false;        // startingOffsetsByTimestampStrategy=latest

  /// "EarliestOffsetRangeLimit", "SpecificOffsetRangeLimit(Map(t-0 -> 20))", ...
  std::string toString() const;
};

/// librdkafka configuration properties (the kafka.* options with the prefix stripped).
using ClientConfig = std::vector<std::pair<std::string, std::string>>;

/// The validated options of a Kafka batch relation (read().format("kafka")) or stream.
struct KafkaSourceOptions {
  ConsumerStrategy strategy;
  OffsetRangeLimit start;
  OffsetRangeLimit end;  // batch only
  bool failOnDataLoss = true;
  bool includeHeaders = false;
  std::optional<int64_t> minPartitions;
  std::optional<int64_t> maxOffsetsPerTrigger;
  std::string groupIdPrefix;
  ClientConfig client;   // includes bootstrap.servers and group.id when given
  int64_t pollTimeoutMs = 120000;
};

/// Validates and parses the options of a batch relation, with Spark's errors (batch defaults:
/// earliest → latest; "latest" rejected as a start and "earliest" as an end).
KafkaSourceOptions parseBatchSourceOptions(const Options& options);

/// Validates and parses the options of a stream (defaults: start latest; ending* rejected).
KafkaSourceOptions parseStreamSourceOptions(const Options& options);

/// The kafka.* options with the prefix stripped, in the order given.
ClientConfig clientConfigFrom(const Options& options);

/// Validates the options of a Kafka sink and returns the producer configuration. Throws for
/// forbidden serializers and a missing kafka.bootstrap.servers.
ClientConfig parseSinkOptions(const Options& options);

/// Parses {"t":{"0":23,"1":-2}} (Spark's JsonUtils.partitionOffsets).
PartitionOffsets parsePartitionOffsetsJson(const std::string& json);

/// Parses {"t":[0,1]} (Spark's JsonUtils.partitions).
std::vector<TopicPartition> parseTopicPartitionsJson(const std::string& json);

/// Writes {"t":{"0":23,"1":5}} with topics and partitions in order, as the checkpoint holds them.
std::string partitionOffsetsToJson(const PartitionOffsets& offsets);

/// Whether a librdkafka property or option holds a secret (sasl.jaas.config, sasl.password,
/// ssl.*password, ...), with or without the "kafka." prefix.
bool isSecretKey(const std::string& key);

/// "key=value, ..." with secret values shown as "*********(redacted)".
std::string redactedConfig(const ClientConfig& config);

/// Replaces every secret value of `config` that occurs in `text` by "*********(redacted)".
std::string redactSecrets(std::string text, const ClientConfig& config);

}  // namespace rivulet::kafka
