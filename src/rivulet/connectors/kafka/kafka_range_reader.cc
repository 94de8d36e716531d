#include "rivulet/connectors/kafka/kafka_range_reader.h"

#include <algorithm>
#include <cstring>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/common/error.h"

namespace rivulet::kafka {

namespace {

enum Column { kKey, kValue, kTopic, kPartition, kOffset, kTimestamp, kTimestampType, kHeaders };

constexpr int kMaxMessagesPerPoll = 1024;
constexpr int kPollIntervalMs = 100;

const char* kDataLossFailText =
    "Some data may have been lost because they are not available in Kafka any more; either the "
    "data was aged out by Kafka or the topic may have been deleted before all the data in the "
    "topic was processed. If you don't want your streaming query to fail on such cases, set the "
    "source option \"failOnDataLoss\" to \"false\".";

}  // namespace

StructType kafkaSourceSchema(bool includeHeaders) {
  std::vector<StructField> fields = {{"key", DataType::binary(), true},
                                     {"value", DataType::binary(), true},
                                     {"topic", DataType::string(), true},
                                     {"partition", DataType::integer(), true},
                                     {"offset", DataType::longType(), true},
                                     {"timestamp", DataType::timestamp(), true},
                                     {"timestampType", DataType::integer(), true}};
  if (includeHeaders) {
    auto header = DataType::structType(
        {{"key", DataType::string(), true}, {"value", DataType::binary(), true}});
    fields.push_back({"headers", DataType::array(header, true), true});
  }
  return StructType(std::move(fields));
}

// One builder per projected column; appends a record without per-record allocation (builders
// grow geometrically).
class KafkaRangeReader::Columns {
 public:
  Columns(const StructType& schema, const std::vector<int>& projection) : projection_(projection) {
    for (int c : projection_) {
      builders_.push_back(std::make_unique<VectorBuilder>(schema[static_cast<size_t>(c)].type));
    }
  }

  void append(const rd_kafka_message_t* m) {
    for (size_t i = 0; i < projection_.size(); ++i) {
      VectorBuilder& b = *builders_[i];
      switch (projection_[i]) {
        case kKey:
          appendBytes(b, m->key, m->key_len);
          break;
        case kValue:
          appendBytes(b, m->payload, m->len);
          break;
        case kTopic:
          b.appendString(rd_kafka_topic_name(m->rkt));
          break;
        case kPartition:
          b.appendInt(m->partition);
          break;
        case kOffset:
          b.appendInt(m->offset);
          break;
        case kTimestamp:
        case kTimestampType: {
          rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
          int64_t ms = rd_kafka_message_timestamp(m, &type);
          if (projection_[i] == kTimestamp) {
            b.appendInt(ms * 1000);
          } else {
            b.appendInt(type == RD_KAFKA_TIMESTAMP_CREATE_TIME      ? 0
                        : type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? 1
                                                                     : -1);
          }
          break;
        }
        case kHeaders:
          appendHeaders(b, m);
          break;
        default:
          throwInternalError("Kafka column index out of range");
      }
    }
  }

  Batch finish(int64_t rows) {
    std::vector<VectorPtr> cols;
    for (auto& b : builders_) {
      cols.push_back(b->finish());
    }
    return Batch(std::move(cols), rows);
  }

 private:
  static void appendBytes(VectorBuilder& b, const void* data, size_t len) {
    if (data == nullptr) {
      b.appendNull();
    } else {
      b.appendString(std::string_view(static_cast<const char*>(data), len));
    }
  }

  static void appendHeaders(VectorBuilder& b, const rd_kafka_message_t* m) {
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(m, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR || headers == nullptr ||
        rd_kafka_header_cnt(headers) == 0) {
      b.appendNull();
      return;
    }
    VectorBuilder& entry = b.child(0);
    const char* name = nullptr;
    const void* value = nullptr;
    size_t size = 0;
    for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) ==
                       RD_KAFKA_RESP_ERR_NO_ERROR;
         ++i) {
      entry.child(0).appendString(name);
      appendBytes(entry.child(1), value, size);
      entry.finishStruct();
    }
    b.finishArray();
  }

  std::vector<int> projection_;
  std::vector<std::unique_ptr<VectorBuilder>> builders_;
};

KafkaRangeReader::KafkaRangeReader(ClientConfig config,
                                   std::vector<KafkaOffsetRange> ranges,
                                   KafkaReadOptions options)
    : config_(std::move(config)), ranges_(std::move(ranges)), options_(std::move(options)) {
  columns_ = std::make_unique<Columns>(kafkaSourceSchema(options_.includeHeaders), options_.projection);
}

KafkaRangeReader::~KafkaRangeReader() {
  if (queue_ != nullptr) {
    rd_kafka_queue_destroy(queue_);
  }
}

void KafkaRangeReader::dataLoss(const KafkaOffsetRange& range, int64_t missingFrom, int64_t missingUntil) {
  if (options_.failOnDataLoss) {
    throwUserError("KAFKA_DATA_LOSS",
                   "Cannot fetch offsets [" + std::to_string(missingFrom) + ", " +
                       std::to_string(missingUntil) + ") (TopicPartition: " +
                       range.topicPartition.toString() + "). " + kDataLossFailText);
  }
}

bool KafkaRangeReader::startRange() {
  const KafkaOffsetRange& range = ranges_[index_];
  if (range.fromOffset >= range.untilOffset) {
    return false;
  }
  if (!consumer_) {
    ClientConfig defaults = {{"enable.auto.commit", "false"},
                             {"enable.auto.offset.store", "false"},
                             {"enable.partition.eof", "true"},
                             {"auto.offset.reset", "error"}};
    consumer_ = makeHandle(RD_KAFKA_CONSUMER, makeConf(defaults, config_), config_);
    queue_ = rd_kafka_queue_get_consumer(consumer_.get());
  }
  const TopicPartition& tp = range.topicPartition;
  int64_t low = 0;
  int64_t high = 0;
  rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
      consumer_.get(), tp.topic.c_str(), tp.partition, &low, &high, static_cast<int>(options_.pollTimeoutMs));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throwKafkaError("Cannot read Kafka partition " + tp.toString(), err);
  }
  nextOffset_ = range.fromOffset;
  untilOffset_ = range.untilOffset;
  if (nextOffset_ < low) {
    dataLoss(range, nextOffset_, std::min(low, untilOffset_));
    nextOffset_ = low;
  }
  if (untilOffset_ > high) {
    dataLoss(range, std::max(high, nextOffset_), untilOffset_);
    untilOffset_ = high;
  }
  if (nextOffset_ >= untilOffset_) {
    return false;
  }
  PartitionList list(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = nextOffset_;
  err = rd_kafka_assign(consumer_.get(), list.get());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throwKafkaError("Cannot assign Kafka partition " + tp.toString(), err);
  }
  inRange_ = true;
  return true;
}

void KafkaRangeReader::finishRange() {
  inRange_ = false;
  ++index_;
  rd_kafka_assign(consumer_.get(), nullptr);
}

std::optional<Batch> KafkaRangeReader::next() {
  int64_t rows = 0;
  int64_t waitedMs = 0;
  rd_kafka_message_t* messages[kMaxMessagesPerPoll];
  while (rows < options_.batchRows) {
    if (!inRange_) {
      if (index_ >= ranges_.size()) {
        break;
      }
      if (!startRange()) {
        ++index_;
        continue;
      }
      waitedMs = 0;
    }
    const KafkaOffsetRange& range = ranges_[index_];
    const TopicPartition& tp = range.topicPartition;
    size_t want = static_cast<size_t>(std::min<int64_t>(kMaxMessagesPerPoll, options_.batchRows - rows));
    ssize_t n = rd_kafka_consume_batch_queue(queue_, kPollIntervalMs, messages, want);
    if (n < 0) {
      throwKafkaError("Cannot read Kafka partition " + tp.toString(), rd_kafka_last_error());
    }
    if (n == 0) {
      waitedMs += kPollIntervalMs;
      if (waitedMs >= options_.pollTimeoutMs) {
        throwExternalError("KAFKA_ERROR",
                           "Failed to get records for " + tp.toString() + " at offset " +
                               std::to_string(nextOffset_) + " after polling for " +
                               std::to_string(options_.pollTimeoutMs) + " ms",
                           true);
      }
      continue;
    }
    waitedMs = 0;
    bool done = false;
    std::string failure;
    rd_kafka_resp_err_t failureCode = RD_KAFKA_RESP_ERR_NO_ERROR;
    for (ssize_t i = 0; i < n; ++i) {
      const rd_kafka_message_t* m = messages[i];
      if (done || !failure.empty()) {
        continue;
      }
      bool current = m->rkt != nullptr && m->partition == tp.partition &&
                     std::strcmp(rd_kafka_topic_name(m->rkt), tp.topic.c_str()) == 0;
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        if (current) {
          if (m->offset < untilOffset_) {
            failure = "eof";
          } else {
            done = true;
          }
        }
        continue;
      }
      if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        failure = rd_kafka_message_errstr(m);
        failureCode = m->err;
        continue;
      }
      if (!current || m->offset < nextOffset_) {
        continue;  // a record of a range already finished
      }
      if (m->offset >= untilOffset_) {
        done = true;
        continue;
      }
      columns_->append(m);
      ++rows;
      nextOffset_ = m->offset + 1;
      if (nextOffset_ >= untilOffset_) {
        done = true;
      }
    }
    for (ssize_t i = 0; i < n; ++i) {
      rd_kafka_message_destroy(messages[i]);
    }
    if (failure == "eof") {
      dataLoss(range, nextOffset_, untilOffset_);
      done = true;
    } else if (!failure.empty()) {
      if (failureCode == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET ||
          failureCode == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE) {
        dataLoss(range, nextOffset_, untilOffset_);
        done = true;
      } else {
        throwExternalError("KAFKA_ERROR",
                           "Cannot read Kafka partition " + tp.toString() + " at offset " +
                               std::to_string(nextOffset_) + ": " + redactSecrets(failure, config_),
                           true);
      }
    }
    if (done) {
      finishRange();
    }
  }
  recordsRead_ += rows;
  if (rows == 0) {
    return std::nullopt;
  }
  return columns_->finish(rows);
}

}  // namespace rivulet::kafka
