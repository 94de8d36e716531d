// The Kafka streaming sink (writeStream.format("kafka")): each micro-batch produced and flushed
// before addBatch returns (at-least-once, as Spark), or, with exactlyOnce, written in one Kafka
// transaction with a commit marker (KafkaTransactionalWriter).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "rivulet/connectors/kafka/kafka_producer.h"
#include "rivulet/connectors/kafka/kafka_transactional_writer.h"
#include "rivulet/streaming/sink.h"

namespace rivulet::kafka {

/// The default marker topic of exactly-once sinks (option exactlyOnce.markerTopic).
constexpr const char* kDefaultMarkerTopic = "rivulet-sink-commits";

struct KafkaStreamSinkOptions {
  ClientConfig client;  // without transactional.id
  std::optional<std::string> topic;
  bool exactlyOnce = false;
  /// kafka.transactional.id, or empty: "rivulet-kafka-sink-<query id>".
  std::string transactionalId;
  std::string markerTopic = kDefaultMarkerTopic;
  int64_t transactionTimeoutMs = 60000;
};

/// parseSinkOptions plus exactlyOnce, kafka.transactional.id (implies exactlyOnce) and
/// exactlyOnce.markerTopic.
KafkaStreamSinkOptions parseKafkaStreamSinkOptions(const Options& options);

class KafkaStreamSink : public streaming::Sink {
 public:
  KafkaStreamSink(KafkaStreamSinkOptions options,
                  KafkaSinkColumns columns,
                  std::string checkpointPath);

  ~KafkaStreamSink() override;

  /// "KafkaTable" (Spark's name of the Kafka table).
  std::string description() const override { return "KafkaTable"; }

  /// Produces every row and waits for every acknowledgement (throws on any delivery error, so
  /// the batch is not committed). Exactly-once: skips a batch already committed.
  void addBatch(int64_t batchId, streaming::BatchStream& data) override;

  int64_t lastOutputRows() const override { return lastOutputRows_; }

  void stop() override;

  /// Exactly-once: the transactional id in use (after the first batch), else "".
  std::string transactionalId() const;

 private:
  KafkaStreamSinkOptions options_;
  KafkaSinkColumns columns_;
  std::string checkpointPath_;
  std::unique_ptr<KafkaProducer> producer_;
  std::unique_ptr<KafkaTransactionalWriter> transactional_;
  int64_t lastOutputRows_ = -1;
};

class KafkaStreamSinkProvider : public streaming::SinkProvider {
 public:
  std::string name() const override { return "kafka"; }

  /// Checks the options and the columns (Spark's KafkaWriter.validateQuery) at start().
  streaming::SinkPtr createSink(const Options& options,
                                const StructType& schema,
                                const streaming::SinkContext& context) const override;
};

}  // namespace rivulet::kafka
