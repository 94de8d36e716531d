// Thin RAII over librdkafka handles: building a configuration from ClientConfig with errors that
// name the property (secrets redacted), and owning rd_kafka_t / topic-partition lists.
#pragma once

#include <memory>
#include <string>

#include <librdkafka/rdkafka.h>

#include "rivulet/connectors/kafka/kafka_options.h"

namespace rivulet::kafka {

struct KafkaHandleDeleter {
  void operator()(rd_kafka_t* rk) const;
};

struct KafkaConfDeleter {
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};

struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* list) const {
    rd_kafka_topic_partition_list_destroy(list);
  }
};

using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaHandleDeleter>;
using KafkaConf = std::unique_ptr<rd_kafka_conf_t, KafkaConfDeleter>;
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

/// A configuration with `defaults` applied first and `config` over them. Throws a user error
/// naming the property (value redacted when secret) when librdkafka rejects one.
KafkaConf makeConf(const ClientConfig& defaults, const ClientConfig& config);

/// Creates a consumer or producer handle (the conf is consumed). `role` names it in errors.
KafkaHandle makeHandle(rd_kafka_type_t type, KafkaConf conf, const ClientConfig& config);

/// Throws an external error "<what>: <librdkafka error>" (retryable when librdkafka says so).
[[noreturn]] void throwKafkaError(const std::string& what, rd_kafka_resp_err_t err);

}  // namespace rivulet::kafka
