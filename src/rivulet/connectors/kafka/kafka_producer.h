// KafkaProducer: writes the rows of batches as Kafka records (Spark's Kafka sink columns: topic,
// key, value, partition, headers), idempotent by default, and fails on any delivery error.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "rivulet/columnar/batch.h"
#include "rivulet/connectors/kafka/kafka_client.h"
#include "rivulet/connectors/kafka/kafka_options.h"
#include "rivulet/types/data_type.h"

namespace rivulet::kafka {

/// Where the record fields come from in a batch of the written schema (-1: absent).
struct KafkaSinkColumns {
  int topic = -1;
  int key = -1;
  int value = -1;
  int partition = -1;
  int headers = -1;
  /// The `topic` option: overrides the topic column.
  std::optional<std::string> defaultTopic;

  /// Checks `schema` as Spark's KafkaWriter.validateQuery does (AnalysisException: value
  /// required, string or binary; topic column or option; partition int; headers
  /// array<struct<key:string,value:binary>>).
  static KafkaSinkColumns bind(const StructType& schema, const std::optional<std::string>& topicOption);
};

class KafkaProducer {
 public:
  /// `config`: librdkafka properties (the kafka.* options without prefix); enable.idempotence
  /// defaults to true.
  explicit KafkaProducer(ClientConfig config);

  ~KafkaProducer();

  KafkaProducer(const KafkaProducer&) = delete;
  KafkaProducer& operator=(const KafkaProducer&) = delete;

  /// Queues every row of `batch`; throws on a null topic, a local produce error, or a delivery
  /// error already reported.
  void write(const Batch& batch, const KafkaSinkColumns& columns);

  /// Waits until every queued record is delivered (or `timeoutMs` passes); throws an error
  /// naming topic, partition and librdkafka's reason for the first failed delivery.
  void flush(int64_t timeoutMs = 300000);

  /// Records acknowledged by the broker so far.
  int64_t delivered() const;

  /// Records handed to librdkafka so far.
  int64_t produced() const { return produced_; }

  rd_kafka_t* handle() { return handle_.get(); }

 private:
  struct DeliveryState;

  void throwIfFailed();

  rd_kafka_topic_t* topicHandle(std::string_view name);

  ClientConfig config_;
  std::unique_ptr<DeliveryState> state_;
  KafkaHandle handle_;
  std::vector<std::pair<std::string, rd_kafka_topic_t*>> topics_;
  int64_t produced_ = 0;
};

}  // namespace rivulet::kafka
