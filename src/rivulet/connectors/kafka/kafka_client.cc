#include "rivulet/connectors/kafka/kafka_client.h"

#include "rivulet/common/error.h"

namespace rivulet::kafka {

void KafkaHandleDeleter::operator()(rd_kafka_t* rk) const {
  if (rd_kafka_type(rk) == RD_KAFKA_CONSUMER) {
    rd_kafka_consumer_close(rk);
  }
  rd_kafka_destroy(rk);
}

KafkaConf makeConf(const ClientConfig& defaults, const ClientConfig& config) {
  KafkaConf conf(rd_kafka_conf_new());
  char err[512];
  for (const ClientConfig* list : {&defaults, &config}) {
    for (const auto& [key, value] : *list) {
      if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), err, sizeof err) !=
          RD_KAFKA_CONF_OK) {
        std::string shown = isSecretKey(key) ? "*********(redacted)" : value;
        throwUserError("KAFKA_INVALID_CONFIG",
                       "Invalid Kafka client option 'kafka." + key + "' = '" + shown +
                           "': " + redactSecrets(err, config));
      }
    }
  }
  return conf;
}

KafkaHandle makeHandle(rd_kafka_type_t type, KafkaConf conf, const ClientConfig& config) {
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf.get(), err, sizeof err);
  if (rk == nullptr) {
    throwUserError("KAFKA_INVALID_CONFIG",
                   std::string("Cannot create the Kafka ") +
                       (type == RD_KAFKA_CONSUMER ? "consumer" : "producer") + ": " +
                       redactSecrets(err, config));
  }
  conf.release();  // owned by the handle now
  return KafkaHandle(rk);
}

void throwKafkaError(const std::string& what, rd_kafka_resp_err_t err) {
  bool retryable = err == RD_KAFKA_RESP_ERR__TIMED_OUT || err == RD_KAFKA_RESP_ERR__TRANSPORT ||
                   err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN ||
                   err == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE ||
                   err == RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION;
  throwExternalError("KAFKA_ERROR", what + ": " + rd_kafka_err2str(err), retryable);
}

}  // namespace rivulet::kafka
