// KafkaOffsetReader: the partitions a strategy names and their offsets (earliest, latest, by
// timestamp), and the offset ranges a batch or micro-batch reads. Shared by the batch relation
// and the streaming source.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "rivulet/connectors/kafka/kafka_client.h"
#include "rivulet/connectors/kafka/kafka_options.h"

namespace rivulet::kafka {

/// Offsets [fromOffset, untilOffset) of one partition.
struct KafkaOffsetRange {
  TopicPartition topicPartition;
  int64_t fromOffset = 0;
  int64_t untilOffset = 0;

  int64_t size() const { return untilOffset - fromOffset; }
};

class KafkaOffsetReader {
 public:
  /// `config` holds librdkafka properties (bootstrap.servers, ...); requests give up after
  /// `timeoutMs`.
  KafkaOffsetReader(ConsumerStrategy strategy, ClientConfig config, int64_t timeoutMs = 120000);

  const ConsumerStrategy& strategy() const { return strategy_; }

  /// The partitions the strategy names now, sorted: subscribe → every partition of the listed
  /// topics that exist; subscribePattern → of every topic the pattern fully matches; assign →
  /// as given.
  std::vector<TopicPartition> fetchTopicPartitions();

  /// The first available offset of each partition (the log start).
  PartitionOffsets fetchEarliestOffsets(const std::vector<TopicPartition>& partitions);

  /// The next offset to be written in each partition (the high watermark).
  PartitionOffsets fetchLatestOffsets(const std::vector<TopicPartition>& partitions);

  /// The earliest offset whose timestamp is ≥ the given one (ms), per partition. When none
  /// matches: the latest offset if `latestWhenNoMatch`, an error otherwise.
  PartitionOffsets fetchOffsetsForTimestamps(const std::map<TopicPartition, int64_t>& timestamps,
                                             bool latestWhenNoMatch);

  /// Concrete offsets of `limit` for `partitions` (Spark's fetchPartitionOffsets): earliest and
  /// latest resolved, -2/-1 in specific offsets resolved, timestamps looked up. Specific offsets
  /// must name exactly `partitions` (Spark's assertion otherwise).
  PartitionOffsets resolveLimit(const OffsetRangeLimit& limit,
                                const std::vector<TopicPartition>& partitions,
                                bool isStart);

  /// The ranges of a batch read from `start` to `end`, one per partition, sorted; throws when
  /// a start lies after its end.
  std::vector<KafkaOffsetRange> batchOffsetRanges(const OffsetRangeLimit& start,
                                                  const OffsetRangeLimit& end);

  /// The librdkafka configuration this reader uses (for readers of the ranges).
  const ClientConfig& config() const { return config_; }

 private:
  rd_kafka_t* handle();

  ConsumerStrategy strategy_;
  ClientConfig config_;
  int64_t timeoutMs_;
  KafkaHandle handle_;
};

}  // namespace rivulet::kafka
