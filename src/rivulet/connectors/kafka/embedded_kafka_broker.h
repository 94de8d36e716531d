// EmbeddedKafkaBroker: a Kafka-protocol cluster in this process, on librdkafka's mock cluster
// (in memory, loopback listeners on ports the mock picks, about 5 MiB kept per partition).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "rivulet/connectors/kafka/kafka_client.h"

typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;

namespace rivulet::kafka {

class EmbeddedKafkaBroker {
 public:
  /// Starts `numBrokers` brokers (ids 1..numBrokers) listening on 127.0.0.1.
  explicit EmbeddedKafkaBroker(int numBrokers = 1);

  ~EmbeddedKafkaBroker();

  EmbeddedKafkaBroker(const EmbeddedKafkaBroker&) = delete;
  EmbeddedKafkaBroker& operator=(const EmbeddedKafkaBroker&) = delete;

  /// "127.0.0.1:port[,127.0.0.1:port...]".
  const std::string& bootstrapServers() const { return bootstraps_; }

  int numBrokers() const { return numBrokers_; }

  /// Creates a topic (an error if it exists). Topics a producer names are created on demand
  /// with the mock's default of 4 partitions.
  void createTopic(const std::string& name, int partitions);

  /// Takes broker `id` down (connections closed, new ones refused) or brings it back up.
  void setBrokerDown(int32_t id);

  void setBrokerUp(int32_t id);

 private:
  int numBrokers_;
  KafkaHandle handle_;
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  std::string bootstraps_;
};

}  // namespace rivulet::kafka
