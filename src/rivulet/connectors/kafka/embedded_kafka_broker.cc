#include "rivulet/connectors/kafka/embedded_kafka_broker.h"

#include <librdkafka/rdkafka_mock.h>

#include "rivulet/common/error.h"

namespace rivulet::kafka {

EmbeddedKafkaBroker::EmbeddedKafkaBroker(int numBrokers) : numBrokers_(numBrokers) {
  if (numBrokers < 1) {
    throwUserError("ILLEGAL_ARGUMENT",
                   "The number of brokers must be at least 1, got " + std::to_string(numBrokers));
  }
  // The mock cluster needs a client handle for its bookkeeping; a producer that never sends.
  ClientConfig config = {{"log_level", "3"}};
  handle_ = makeHandle(RD_KAFKA_PRODUCER, makeConf({}, config), config);
  cluster_ = rd_kafka_mock_cluster_new(handle_.get(), numBrokers);
  if (cluster_ == nullptr) {
    throwExternalError("KAFKA_ERROR", "Cannot start the embedded Kafka broker (librdkafka mock cluster)");
  }
  bootstraps_ = rd_kafka_mock_cluster_bootstraps(cluster_);
}

EmbeddedKafkaBroker::~EmbeddedKafkaBroker() {
  if (cluster_ != nullptr) {
    rd_kafka_mock_cluster_destroy(cluster_);
  }
}

void EmbeddedKafkaBroker::createTopic(const std::string& name, int partitions) {
  if (partitions < 1) {
    throwUserError("ILLEGAL_ARGUMENT", "A topic needs at least 1 partition, got " +
                                           std::to_string(partitions) + " for topic '" + name + "'");
  }
  int replication = numBrokers_ < 3 ? numBrokers_ : 3;
  rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions, replication);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throwKafkaError("Cannot create topic '" + name + "'", err);
  }
}

void EmbeddedKafkaBroker::setBrokerDown(int32_t id) {
  rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_down(cluster_, id);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throwKafkaError("Cannot take broker " + std::to_string(id) + " down", err);
  }
}

void EmbeddedKafkaBroker::setBrokerUp(int32_t id) {
  rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_up(cluster_, id);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throwKafkaError("Cannot bring broker " + std::to_string(id) + " up", err);
  }
}

}  // namespace rivulet::kafka
