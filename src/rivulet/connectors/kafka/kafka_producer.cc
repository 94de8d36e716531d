#include "rivulet/connectors/kafka/kafka_producer.h"

#include <atomic>
#include <cstring>

#include "rivulet/common/error.h"

namespace rivulet::kafka {

namespace {

// Spark's KafkaWriter checks, thrown as AnalysisException with its texts.
int bindColumn(const StructType& schema,
               const char* name,
               const std::vector<DataTypePtr>& desired,
               const char* desiredText,
               bool required) {
  int index = -1;
  for (size_t i = 0; i < schema.size(); ++i) {
    if (schema[i].name == name) {
      index = static_cast<int>(i);
      break;
    }
  }
  if (index < 0) {
    if (required) {
      throw AnalysisException(std::string("Required attribute '") + name + "' not found");
    }
    return -1;
  }
  const DataType& type = *schema[static_cast<size_t>(index)].type;
  for (const auto& d : desired) {
    if (d->sameType(type)) {
      return index;
    }
  }
  throw AnalysisException(std::string(name) + " attribute unsupported type " + type.simpleString() +
                          ". " + name + " must be a(n) " + desiredText);
}

}  // namespace

KafkaSinkColumns KafkaSinkColumns::bind(const StructType& schema,
                                        const std::optional<std::string>& topicOption) {
  KafkaSinkColumns c;
  c.defaultTopic = topicOption;
  bool hasTopicColumn = false;
  for (const auto& f : schema.fields()) {
    hasTopicColumn = hasTopicColumn || f.name == "topic";
  }
  if (!topicOption && !hasTopicColumn) {
    throw AnalysisException(
        "topic option required when no 'topic' attribute is present. Use the topic option for "
        "setting a topic.");
  }
  if (!topicOption) {
    c.topic = bindColumn(schema, "topic", {DataType::string()}, "string", true);
  }
  c.key = bindColumn(schema, "key", {DataType::string(), DataType::binary()}, "string or binary", false);
  c.value = bindColumn(schema, "value", {DataType::string(), DataType::binary()}, "string or binary", true);
  auto header = DataType::structType({{"key", DataType::string(), true}, {"value", DataType::binary(), true}});
  c.headers = bindColumn(schema,
                         "headers",
                         {DataType::array(header, true)},
                         "array<struct<key:string,value:binary>>",
                         false);
  c.partition = bindColumn(schema, "partition", {DataType::integer()}, "int", false);
  return c;
}

struct KafkaProducer::DeliveryState {
  std::atomic<int64_t> delivered{0};
  bool failed = false;
  std::string failure;  // the first failure, with topic and partition

  static void onDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* self = static_cast<DeliveryState*>(opaque);
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      self->delivered.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    if (!self->failed) {
      self->failed = true;
      self->failure = std::string("Failed to deliver a record to Kafka topic '") +
                      (m->rkt ? rd_kafka_topic_name(m->rkt) : "?") + "' partition " +
                      std::to_string(m->partition) + ": " + rd_kafka_err2str(m->err);
    }
  }

  static void onError(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
    auto* self = static_cast<DeliveryState*>(opaque);
    if (err == RD_KAFKA_RESP_ERR__FATAL && !self->failed) {
      char buf[512];
      rd_kafka_resp_err_t fatal = rd_kafka_fatal_error(rk, buf, sizeof buf);
      self->failed = true;
      self->failure = std::string("Fatal Kafka producer error: ") + rd_kafka_err2str(fatal) + ": " + buf;
    }
  }
};

KafkaProducer::KafkaProducer(ClientConfig config)
    : config_(std::move(config)), state_(std::make_unique<DeliveryState>()) {
  ClientConfig defaults = {{"enable.idempotence", "true"}};
  KafkaConf conf = makeConf(defaults, config_);
  rd_kafka_conf_set_opaque(conf.get(), state_.get());
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &DeliveryState::onDelivery);
  rd_kafka_conf_set_error_cb(conf.get(), &DeliveryState::onError);
  handle_ = makeHandle(RD_KAFKA_PRODUCER, std::move(conf), config_);
}

KafkaProducer::~KafkaProducer() {
  for (auto& [name, rkt] : topics_) {
    rd_kafka_topic_destroy(rkt);
  }
}

int64_t KafkaProducer::delivered() const { return state_->delivered.load(); }

void KafkaProducer::throwIfFailed() {
  if (state_->failed) {
    throwExternalError("KAFKA_DELIVERY_FAILED", redactSecrets(state_->failure, config_));
  }
}

rd_kafka_topic_t* KafkaProducer::topicHandle(std::string_view name) {
  for (auto& [n, rkt] : topics_) {
    if (n == name) {
      return rkt;
    }
  }
  std::string topic(name);
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(handle_.get(), topic.c_str(), nullptr);
  if (rkt == nullptr) {
    throwKafkaError("Cannot use Kafka topic '" + topic + "'", rd_kafka_last_error());
  }
  topics_.emplace_back(std::move(topic), rkt);
  return rkt;
}

void KafkaProducer::write(const Batch& batch, const KafkaSinkColumns& columns) {
  const Vector* topicCol = columns.topic >= 0 ? batch.column(static_cast<size_t>(columns.topic)).get() : nullptr;
  const Vector* keyCol = columns.key >= 0 ? batch.column(static_cast<size_t>(columns.key)).get() : nullptr;
  const Vector& valueCol = *batch.column(static_cast<size_t>(columns.value));
  const Vector* partCol =
      columns.partition >= 0 ? batch.column(static_cast<size_t>(columns.partition)).get() : nullptr;
  const Vector* headerCol =
      columns.headers >= 0 ? batch.column(static_cast<size_t>(columns.headers)).get() : nullptr;
  rd_kafka_topic_t* fixedTopic = columns.defaultTopic ? topicHandle(*columns.defaultTopic) : nullptr;

  for (int64_t row = 0; row < batch.numRows(); ++row) {
    rd_kafka_topic_t* rkt = fixedTopic;
    if (rkt == nullptr) {
      if (topicCol->isNull(row)) {
        throwUserError("ILLEGAL_STATE",
                       "null topic present in the data. Use the topic option for setting a default "
                       "topic.");
      }
      rkt = topicHandle(topicCol->stringAt(row));
    }
    int32_t partition = RD_KAFKA_PARTITION_UA;
    if (partCol != nullptr && !partCol->isNull(row)) {
      partition = partCol->values<int32_t>()[row];
    }
    std::string_view key;
    bool hasKey = keyCol != nullptr && !keyCol->isNull(row);
    if (hasKey) {
      key = keyCol->stringAt(row);
    }
    std::string_view value;
    bool hasValue = !valueCol.isNull(row);
    if (hasValue) {
      value = valueCol.stringAt(row);
    }
    rd_kafka_headers_t* headers = nullptr;
    if (headerCol != nullptr && !headerCol->isNull(row)) {
      const int64_t* offsets = headerCol->offsets();
      const Vector& entries = *headerCol->child(0);
      const Vector& names = *entries.child(0);
      const Vector& values = *entries.child(1);
      headers = rd_kafka_headers_new(static_cast<size_t>(offsets[row + 1] - offsets[row]));
      for (int64_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        if (entries.isNull(i)) {
          continue;
        }
        std::string_view name = names.isNull(i) ? std::string_view() : names.stringAt(i);
        if (values.isNull(i)) {
          rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()), nullptr, 0);
        } else {
          std::string_view v = values.stringAt(i);
          rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()), v.data(),
                              static_cast<ssize_t>(v.size()));
        }
      }
    }
    while (true) {
      rd_kafka_resp_err_t err = rd_kafka_producev(
          handle_.get(),
          RD_KAFKA_V_RKT(rkt),
          RD_KAFKA_V_PARTITION(partition),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
          RD_KAFKA_V_VALUE(hasValue ? const_cast<char*>(value.data()) : nullptr, value.size()),
          RD_KAFKA_V_KEY(hasKey ? key.data() : nullptr, key.size()),
          RD_KAFKA_V_HEADERS(headers),
          RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        break;
      }
      if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        rd_kafka_poll(handle_.get(), 100);
        throwIfFailed();
        continue;
      }
      if (headers != nullptr) {
        rd_kafka_headers_destroy(headers);
      }
      throwKafkaError("Cannot send a record to Kafka topic '" + std::string(rd_kafka_topic_name(rkt)) +
                          "' partition " + std::to_string(partition),
                      err);
    }
    ++produced_;
    if ((produced_ & 1023) == 0) {
      rd_kafka_poll(handle_.get(), 0);
      throwIfFailed();
    }
  }
  rd_kafka_poll(handle_.get(), 0);
  throwIfFailed();
}

void KafkaProducer::flush(int64_t timeoutMs) {
  rd_kafka_resp_err_t err = rd_kafka_flush(handle_.get(), static_cast<int>(timeoutMs));
  throwIfFailed();
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throwKafkaError("Cannot deliver " + std::to_string(rd_kafka_outq_len(handle_.get())) +
                        " outstanding records to Kafka within " + std::to_string(timeoutMs) + " ms",
                    err);
  }
  if (delivered() != produced_) {
    throwExternalError("KAFKA_DELIVERY_FAILED",
                       "Only " + std::to_string(delivered()) + " of " + std::to_string(produced_) +
                           " records were acknowledged by Kafka");
  }
}

}  // namespace rivulet::kafka
