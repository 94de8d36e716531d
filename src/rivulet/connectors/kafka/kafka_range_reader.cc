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

void KafkaRangeReader::start() {
  started_ = true;
  state_.resize(ranges_.size());
  if (ranges_.empty()) {
    return;
  }
  ClientConfig defaults = {{"enable.auto.commit", "false"},
                           {"enable.auto.offset.store", "false"},
                           {"enable.partition.eof", "true"},
                           {"auto.offset.reset", "error"},
                           // With many partitions librdkafka pauses every fetch once its shared
                           // queue holds queued.min.messages (100k); the byte cap
                           // (queued.max.messages.kbytes) still bounds memory.
                           {"queued.min.messages", "10000000"}};
  consumer_ = makeHandle(RD_KAFKA_CONSUMER, makeConf(defaults, config_), config_);
  queue_ = rd_kafka_queue_get_consumer(consumer_.get());
  PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(ranges_.size())));
  for (size_t i = 0; i < ranges_.size(); ++i) {
    const KafkaOffsetRange& range = ranges_[i];
    RangeState& st = state_[i];
    st.next = range.fromOffset;
    st.until = range.untilOffset;
    st.done = true;
    if (st.next >= st.until) {
      continue;
    }
    const TopicPartition& tp = range.topicPartition;
    int64_t low = 0;
    int64_t high = 0;
    rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
        consumer_.get(), tp.topic.c_str(), tp.partition, &low, &high, static_cast<int>(options_.pollTimeoutMs));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throwKafkaError("Cannot read Kafka partition " + tp.toString(), err);
    }
    if (st.next < low) {
      dataLoss(range, st.next, std::min(low, st.until));
      st.next = low;
    }
    if (st.until > high) {
      dataLoss(range, std::max(high, st.next), st.until);
      st.until = high;
    }
    if (st.next >= st.until) {
      continue;
    }
    st.done = false;
    ++remaining_;
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = st.next;
  }
  if (remaining_ > 0) {
    rd_kafka_resp_err_t err = rd_kafka_assign(consumer_.get(), list.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throwKafkaError("Cannot assign the Kafka partitions to read", err);
    }
  }
}

int KafkaRangeReader::findRange(const rd_kafka_message_t* m) {
  if (m->rkt == nullptr) {
    return -1;
  }
  auto matches = [&](int i) {
    const TopicPartition& tp = ranges_[static_cast<size_t>(i)].topicPartition;
    return tp.partition == m->partition && std::strcmp(rd_kafka_topic_name(m->rkt), tp.topic.c_str()) == 0;
  };
  if (lastRange_ >= 0 && matches(lastRange_)) {
    return lastRange_;
  }
  for (size_t i = 0; i < ranges_.size(); ++i) {
    if (matches(static_cast<int>(i))) {
      lastRange_ = static_cast<int>(i);
      return lastRange_;
    }
  }
  return -1;
}

void KafkaRangeReader::finishRange(size_t i) {
  if (state_[i].done) {
    return;
  }
  state_[i].done = true;
  --remaining_;
  // Stop fetching the partition: the rest of a batch read does not wait for it.
  const TopicPartition& tp = ranges_[i].topicPartition;
  PartitionList list(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition);
  rd_kafka_pause_partitions(consumer_.get(), list.get());
}

std::optional<Batch> KafkaRangeReader::next() {
  if (!started_) {
    start();
  }
  int64_t rows = 0;
  int64_t waitedMs = 0;
  rd_kafka_message_t* messages[kMaxMessagesPerPoll];
  while (rows < options_.batchRows && remaining_ > 0) {
    // librdkafka waits for `want` messages or the poll interval: never ask for more records than
    // the ranges still expect, or a small micro-batch would always wait out the interval.
    int64_t pending = 0;
    for (const RangeState& st : state_) {
      pending += st.done ? 0 : st.until - st.next;
    }
    size_t want = static_cast<size_t>(std::clamp<int64_t>(
        std::min<int64_t>(pending, options_.batchRows - rows), 1, kMaxMessagesPerPoll));
    ssize_t n = rd_kafka_consume_batch_queue(queue_, kPollIntervalMs, messages, want);
    if (n < 0) {
      throwKafkaError("Cannot read from Kafka", rd_kafka_last_error());
    }
    if (n == 0) {
      waitedMs += kPollIntervalMs;
      if (waitedMs >= options_.pollTimeoutMs) {
        size_t i = 0;
        while (state_[i].done) {
          ++i;
        }
        throwExternalError("KAFKA_ERROR",
                           "Failed to get records for " + ranges_[i].topicPartition.toString() +
                               " at offset " + std::to_string(state_[i].next) + " after polling for " +
                               std::to_string(options_.pollTimeoutMs) + " ms",
                           true);
      }
      continue;
    }
    waitedMs = 0;
    // Errors are raised after the messages are released.
    int lossRange = -1;
    int failedRange = -1;
    std::string failure;
    for (ssize_t k = 0; k < n && failure.empty() && lossRange < 0; ++k) {
      const rd_kafka_message_t* m = messages[k];
      int r = findRange(m);
      if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR && m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF &&
          r < 0) {
        // Connection trouble is retried by librdkafka; the poll timeout bounds the wait.
        bool transient = m->err == RD_KAFKA_RESP_ERR__TRANSPORT || m->err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN ||
                         m->err == RD_KAFKA_RESP_ERR__TIMED_OUT || m->err == RD_KAFKA_RESP_ERR__RESOLVE;
        if (!transient) {
          failure = rd_kafka_message_errstr(m);
        }
        continue;
      }
      if (r < 0 || state_[static_cast<size_t>(r)].done) {
        continue;  // a record of a range already finished
      }
      RangeState& st = state_[static_cast<size_t>(r)];
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        if (m->offset < st.until) {
          lossRange = r;
        } else {
          finishRange(static_cast<size_t>(r));
        }
        continue;
      }
      if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (m->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET || m->err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE) {
          lossRange = r;
        } else {
          failedRange = r;
          failure = rd_kafka_message_errstr(m);
        }
        continue;
      }
      if (m->offset < st.next) {
        continue;
      }
      if (m->offset >= st.until) {
        finishRange(static_cast<size_t>(r));
        continue;
      }
      columns_->append(m);
      ++rows;
      st.next = m->offset + 1;
      if (st.next >= st.until) {
        finishRange(static_cast<size_t>(r));
      }
    }
    for (ssize_t k = 0; k < n; ++k) {
      rd_kafka_message_destroy(messages[k]);
    }
    if (lossRange >= 0) {
      auto i = static_cast<size_t>(lossRange);
      dataLoss(ranges_[i], state_[i].next, state_[i].until);
      finishRange(i);
    } else if (!failure.empty()) {
      std::string where = "Cannot read from Kafka";
      if (failedRange >= 0) {
        auto i = static_cast<size_t>(failedRange);
        where = "Cannot read Kafka partition " + ranges_[i].topicPartition.toString() + " at offset " +
                std::to_string(state_[i].next);
      }
      throwExternalError("KAFKA_ERROR", where + ": " + redactSecrets(failure, config_), true);
    }
  }
  recordsRead_ += rows;
  if (rows == 0) {
    return std::nullopt;
  }
  return columns_->finish(rows);
}

}  // namespace rivulet::kafka
