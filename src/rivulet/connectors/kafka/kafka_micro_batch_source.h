// The Kafka streaming source (readStream.format("kafka")): Spark's KafkaMicroBatchStream on
// KafkaOffsetReader and KafkaRangeReader — initial offsets kept in the checkpoint, partitions
// and topics discovered every trigger, maxOffsetsPerTrigger / minOffsetsPerTrigger, data loss.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/connectors/kafka/kafka_offset_reader.h"
#include "rivulet/connectors/kafka/kafka_options.h"
#include "rivulet/streaming/source.h"

namespace rivulet::kafka {

/// The options of a Kafka stream: the source options plus the trigger limits.
struct KafkaStreamOptions {
  KafkaSourceOptions source;
  std::optional<int64_t> minOffsetsPerTrigger;
  /// maxTriggerDelay (default 15m): a delayed batch runs anyway after this long.
  int64_t maxTriggerDelayMs = 15 * 60 * 1000;
};

/// parseStreamSourceOptions plus minOffsetsPerTrigger / maxTriggerDelay, with Spark's checks.
KafkaStreamOptions parseKafkaStreamOptions(const Options& options);

class KafkaMicroBatchSource : public streaming::Source {
 public:
  KafkaMicroBatchSource(KafkaStreamOptions options, const streaming::SourceContext& context);

  ~KafkaMicroBatchSource() override;

  StructType schema() const override;

  /// "KafkaV2[Subscribe[test_topic0]]".
  std::string description() const override;

  /// {"t":{"0":25}}: the latest offsets of every partition the strategy names now, capped by
  /// maxOffsetsPerTrigger; `start` itself while minOffsetsPerTrigger delays the batch.
  std::optional<std::string> latestOffset(const std::optional<std::string>& start) override;

  /// The uncapped latest offsets seen by the last latestOffset().
  std::optional<std::string> reportLatestOffset() override;

  /// Spark's min/max/avgOffsetsBehindLatest: the latest offsets seen when the batch was planned
  /// minus the batch's end offsets, over the partitions of both.
  std::map<std::string, std::string> metrics(const std::string& end) override;

  /// Reads [start, end) of every partition (new partitions from their earliest offset); data
  /// loss is reported (failOnDataLoss) when the ranges are planned and when they are read.
  plan::DataSourcePtr getBatch(const std::optional<std::string>& start,
                               const std::string& end) override;

  /// Closes the Kafka clients.
  void stop() override;

  /// The offsets the stream starts from: <metadataPath>/0, written on the first run.
  PartitionOffsets initialOffsets();

 private:
  KafkaOffsetReader& reader();

  void reportDataLoss(const std::string& message) const;

  KafkaStreamOptions options_;
  std::string metadataPath_;
  bool availableNow_ = false;
  std::unique_ptr<KafkaOffsetReader> reader_;
  std::optional<PartitionOffsets> initial_;
  std::optional<PartitionOffsets> latest_;
  std::optional<PartitionOffsets> availableNowEnd_;
  int64_t lastTriggerMs_ = 0;
};

class KafkaSourceProvider : public streaming::SourceProvider {
 public:
  std::string name() const override { return "kafka"; }

  /// kafkaSourceSchema(includeHeaders); a user schema is rejected as Spark rejects it.
  StructType sourceSchema(const Options& options,
                          const std::optional<StructType>& userSchema) const override;

  streaming::SourcePtr createSource(const Options& options,
                                    const StructType& schema,
                                    const streaming::SourceContext& context) const override;
};

}  // namespace rivulet::kafka
