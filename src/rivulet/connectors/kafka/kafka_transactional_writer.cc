#include "rivulet/connectors/kafka/kafka_transactional_writer.h"

#include <charconv>
#include <cstring>

#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"

namespace rivulet::kafka {

namespace {

struct ErrorDeleter {
  void operator()(rd_kafka_error_t* e) const { rd_kafka_error_destroy(e); }
};

using KafkaError = std::unique_ptr<rd_kafka_error_t, ErrorDeleter>;

void check(rd_kafka_error_t* raw, const std::string& what, const ClientConfig& config) {
  KafkaError error(raw);
  if (error) {
    throwExternalError("KAFKA_TRANSACTION_FAILED",
                       what + ": " + redactSecrets(rd_kafka_error_string(error.get()), config),
                       rd_kafka_error_is_retriable(error.get()) != 0);
  }
}

// {"batchId":N} → N.
std::optional<int64_t> parseMarker(std::string_view value) {
  constexpr std::string_view kPrefix = "{\"batchId\":";
  if (value.substr(0, kPrefix.size()) != kPrefix || value.empty() || value.back() != '}') {
    return std::nullopt;
  }
  int64_t id = 0;
  const char* b = value.data() + kPrefix.size();
  const char* e = value.data() + value.size() - 1;
  auto [p, ec] = std::from_chars(b, e, id);
  if (ec != std::errc() || p != e) {
    return std::nullopt;
  }
  return id;
}

}  // namespace

KafkaTransactionalWriter::KafkaTransactionalWriter(ClientConfig config,
                                                   std::string transactionalId,
                                                   std::string markerTopic,
                                                   int64_t timeoutMs)
    : config_(std::move(config)),
      transactionalId_(std::move(transactionalId)),
      markerTopic_(std::move(markerTopic)),
      timeoutMs_(timeoutMs) {}

KafkaTransactionalWriter::~KafkaTransactionalWriter() = default;

std::string KafkaTransactionalWriter::markerValue(int64_t batchId) {
  return "{\"batchId\":" + std::to_string(batchId) + "}";
}

void KafkaTransactionalWriter::start() {
  ClientConfig config = config_;
  config.emplace_back("transactional.id", transactionalId_);
  producer_ = std::make_unique<KafkaProducer>(config);
  check(rd_kafka_init_transactions(producer_->handle(), static_cast<int>(timeoutMs_)),
        "Cannot initialize Kafka transactions for transactional.id '" + transactionalId_ + "'",
        config_);
  lastCommitted_ = readLastMarker();
  started_ = true;
}

std::optional<int64_t> KafkaTransactionalWriter::lastCommittedBatch() {
  if (!started_) {
    start();
  }
  return lastCommitted_;
}

std::optional<int64_t> KafkaTransactionalWriter::readLastMarker() {
  ClientConfig defaults = {{"enable.auto.commit", "false"},
                           {"enable.auto.offset.store", "false"},
                           {"enable.partition.eof", "true"},
                           // The end of the partition is known only from an empty fetch, which
                           // the broker holds for fetch.wait.max.ms (500 ms by default).
                           {"fetch.wait.max.ms", "10"},
                           {"group.id", transactionalId_ + "-markers"}};
  ClientConfig config;
  for (const auto& [k, v] : config_) {
    // Producer-only properties would make the consumer fail or warn.
    if (k != "enable.idempotence" && k != "acks" && k.rfind("transaction", 0) != 0 &&
        k != "linger.ms" && k != "compression.type" && k != "batch.size" &&
        k != "batch.num.messages") {
      config.emplace_back(k, v);
    }
  }
  config.emplace_back("isolation.level", "read_committed");
  KafkaHandle consumer = makeHandle(RD_KAFKA_CONSUMER, makeConf(defaults, config), config);
  int64_t low = 0;
  int64_t high = 0;
  rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
      consumer.get(), markerTopic_.c_str(), 0, &low, &high, static_cast<int>(timeoutMs_));
  if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
    return std::nullopt;  // no marker was ever written
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throwKafkaError("Cannot read the exactly-once markers of Kafka topic '" + markerTopic_ + "'",
                    err);
  }
  if (high <= low) {
    return std::nullopt;
  }
  PartitionList list(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(list.get(), markerTopic_.c_str(), 0)->offset = low;
  err = rd_kafka_assign(consumer.get(), list.get());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throwKafkaError("Cannot read the exactly-once markers of Kafka topic '" + markerTopic_ + "'",
                    err);
  }
  std::optional<int64_t> last;
  int64_t waitedMs = 0;
  while (true) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 100);
    if (m == nullptr) {
      waitedMs += 100;
      if (waitedMs >= timeoutMs_) {
        throwExternalError("KAFKA_ERROR",
                           "Cannot read the exactly-once markers of Kafka topic '" + markerTopic_ +
                               "' partition 0: no record for " + std::to_string(timeoutMs_) + " ms",
                           true);
      }
      continue;
    }
    waitedMs = 0;
    std::unique_ptr<rd_kafka_message_t, void (*)(rd_kafka_message_t*)> holder(
        m, rd_kafka_message_destroy);
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      break;
    }
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throwExternalError("KAFKA_ERROR",
                         "Cannot read the exactly-once markers of Kafka topic '" + markerTopic_ +
                             "': " + rd_kafka_message_errstr(m),
                         true);
    }
    std::string_view key(static_cast<const char*>(m->key), m->key == nullptr ? 0 : m->key_len);
    if (key != transactionalId_ || m->payload == nullptr) {
      continue;
    }
    if (auto id = parseMarker(std::string_view(static_cast<const char*>(m->payload), m->len))) {
      last = std::max(last.value_or(*id), *id);
    }
  }
  return last;
}

bool KafkaTransactionalWriter::writeBatch(int64_t batchId,
                                          const std::vector<Batch>& batches,
                                          const KafkaSinkColumns& columns) {
  if (!started_) {
    start();
  }
  if (lastCommitted_ && batchId <= *lastCommitted_) {
    return false;
  }
  rd_kafka_t* rk = producer_->handle();
  check(rd_kafka_begin_transaction(rk),
        "Cannot begin a Kafka transaction for batch " + std::to_string(batchId),
        config_);
  try {
    for (const auto& b : batches) {
      producer_->write(b, columns);
    }
    // The rows are delivered before the marker is produced: a broker that does not hide open
    // transactions (the embedded mock) then never shows a marker for rows it does not have.
    producer_->flush(timeoutMs_);
    KafkaSinkColumns markerColumns;
    markerColumns.key = 0;
    markerColumns.value = 1;
    markerColumns.partition = 2;
    markerColumns.defaultTopic = markerTopic_;
    Batch marker({vectorFromValues(DataType::string(), {Value::string(transactionalId_)}),
                  vectorFromValues(DataType::string(), {Value::string(markerValue(batchId))}),
                  vectorFromValues(DataType::integer(), {Value::integer(0)})},
                 1);
    producer_->write(marker, markerColumns);
    producer_->flush(timeoutMs_);
    check(rd_kafka_commit_transaction(rk, static_cast<int>(timeoutMs_)),
          "Cannot commit the Kafka transaction of batch " + std::to_string(batchId),
          config_);
  } catch (...) {
    KafkaError abort(rd_kafka_abort_transaction(rk, static_cast<int>(timeoutMs_)));
    // The producer may be unusable now (fatal or abortable state): the next write starts over.
    producer_.reset();
    started_ = false;
    throw;
  }
  lastCommitted_ = batchId;
  return true;
}

}  // namespace rivulet::kafka
