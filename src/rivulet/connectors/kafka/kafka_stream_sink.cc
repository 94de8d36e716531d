#include "rivulet/connectors/kafka/kafka_stream_sink.h"

#include <algorithm>
#include <cctype>

#include "rivulet/common/error.h"
#include "rivulet/streaming/checkpoint/checkpoint.h"

namespace rivulet::kafka {

namespace {

std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

bool isKey(const std::string& a, const char* b) {
  return a.size() == std::strlen(b) && std::equal(a.begin(), a.end(), b, [](char x, char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

}  // namespace

KafkaStreamSinkOptions parseKafkaStreamSinkOptions(const Options& options) {
  KafkaStreamSinkOptions out;
  ClientConfig config = parseSinkOptions(options);
  for (auto& [k, v] : config) {
    if (isKey(k, "transactional.id")) {
      out.transactionalId = trimmed(v);
      if (out.transactionalId.empty()) {
        throwUserError("ILLEGAL_ARGUMENT", "Kafka option 'transactional.id' must not be empty");
      }
      out.exactlyOnce = true;
    } else {
      if (isKey(k, "transaction.timeout.ms")) {
        out.transactionTimeoutMs =
            std::max<int64_t>(options.getInt("kafka.transaction.timeout.ms", 60000), 1000);
      }
      out.client.emplace_back(std::move(k), std::move(v));
    }
  }
  if (options.contains("exactlyOnce")) {
    bool on = options.getBool("exactlyOnce", false);
    if (!on && out.exactlyOnce) {
      throwUserError("ILLEGAL_ARGUMENT",
                     "Kafka option 'transactional.id' requires exactly-once output: remove option "
                     "'exactlyOnce=false' or 'kafka.transactional.id'");
    }
    out.exactlyOnce = on;
  }
  if (auto t = options.get("topic")) {
    out.topic = trimmed(*t);
  }
  if (auto m = options.get("exactlyOnce.markerTopic")) {
    out.markerTopic = trimmed(*m);
    if (out.markerTopic.empty()) {
      throwUserError("ILLEGAL_ARGUMENT", "Option 'exactlyOnce.markerTopic' must not be empty");
    }
  }
  return out;
}

KafkaStreamSink::KafkaStreamSink(KafkaStreamSinkOptions options,
                                 KafkaSinkColumns columns,
                                 std::string checkpointPath)
    : options_(std::move(options)),
      columns_(std::move(columns)),
      checkpointPath_(std::move(checkpointPath)) {}

KafkaStreamSink::~KafkaStreamSink() = default;

void KafkaStreamSink::addBatch(int64_t batchId, streaming::BatchStream& data) {
  lastOutputRows_ = 0;
  if (!options_.exactlyOnce) {
    if (!producer_) {
      producer_ = std::make_unique<KafkaProducer>(options_.client);
    }
    try {
      while (auto b = data.next()) {
        producer_->write(*b, columns_);
      }
      producer_->flush();
    } catch (...) {
      producer_.reset();  // its delivery failure is sticky; a later batch starts afresh
      throw;
    }
    lastOutputRows_ = data.rowsPulled();
    return;
  }
  if (!transactional_) {
    std::string id = options_.transactionalId;
    if (id.empty()) {
      // Stable across restarts from the same checkpoint, distinct between queries.
      id = "rivulet-kafka-sink-" + streaming::Checkpoint(checkpointPath_).loadOrCreateQueryId();
    }
    transactional_ = std::make_unique<KafkaTransactionalWriter>(
        options_.client, id, options_.markerTopic, options_.transactionTimeoutMs);
  }
  streaming::BatchData rows = data.collect();
  if (transactional_->writeBatch(batchId, rows.batches, columns_)) {
    lastOutputRows_ = rows.numRows();
  }
}

void KafkaStreamSink::stop() {
  producer_.reset();
  transactional_.reset();
}

std::string KafkaStreamSink::transactionalId() const {
  return transactional_ ? transactional_->transactionalId() : "";
}

streaming::SinkPtr KafkaStreamSinkProvider::createSink(
    const Options& options, const StructType& schema, const streaming::SinkContext& context) const {
  KafkaStreamSinkOptions parsed = parseKafkaStreamSinkOptions(options);
  KafkaSinkColumns columns = KafkaSinkColumns::bind(schema, parsed.topic);
  return std::make_unique<KafkaStreamSink>(
      std::move(parsed), std::move(columns), context.checkpointPath);
}

}  // namespace rivulet::kafka
