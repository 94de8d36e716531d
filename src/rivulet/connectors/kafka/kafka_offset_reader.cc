#include "rivulet/connectors/kafka/kafka_offset_reader.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "rivulet/common/error.h"

namespace rivulet::kafka {

namespace {

std::string setText(const std::vector<TopicPartition>& partitions) {
  std::string s = "Set(";
  for (size_t i = 0; i < partitions.size(); ++i) {
    s += (i ? ", " : "") + partitions[i].toString();
  }
  return s + ")";
}

struct MetadataDeleter {
  void operator()(const rd_kafka_metadata_t* md) const { rd_kafka_metadata_destroy(md); }
};

}  // namespace

KafkaOffsetReader::KafkaOffsetReader(ConsumerStrategy strategy, ClientConfig config, int64_t timeoutMs)
    : strategy_(std::move(strategy)), config_(std::move(config)), timeoutMs_(timeoutMs) {}

rd_kafka_t* KafkaOffsetReader::handle() {
  if (!handle_) {
    ClientConfig defaults = {{"enable.auto.commit", "false"},
                             {"enable.auto.offset.store", "false"}};
    handle_ = makeHandle(RD_KAFKA_CONSUMER, makeConf(defaults, config_), config_);
  }
  return handle_.get();
}

std::vector<TopicPartition> KafkaOffsetReader::fetchTopicPartitions() {
  std::vector<TopicPartition> out;
  if (strategy_.kind == ConsumerStrategy::Kind::kAssign) {
    out = strategy_.partitions;
  } else {
    const rd_kafka_metadata_t* raw = nullptr;
    rd_kafka_resp_err_t err =
        rd_kafka_metadata(handle(), 1, nullptr, &raw, static_cast<int>(timeoutMs_));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throwKafkaError("Cannot list the topics of the Kafka cluster for " + strategy_.toString(), err);
    }
    std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> md(raw);
    std::unique_ptr<RE2> pattern;
    if (strategy_.kind == ConsumerStrategy::Kind::kSubscribePattern) {
      pattern = std::make_unique<RE2>(strategy_.pattern, RE2::Quiet);
      if (!pattern->ok()) {
        throwUserError("ILLEGAL_ARGUMENT",
                       "Invalid pattern for option 'subscribePattern' '" + strategy_.pattern +
                           "': " + pattern->error());
      }
    }
    for (int t = 0; t < md->topic_cnt; ++t) {
      const rd_kafka_metadata_topic_t& topic = md->topics[t];
      if (topic.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        continue;
      }
      std::string name = topic.topic;
      bool wanted = pattern ? RE2::FullMatch(name, *pattern)
                            : std::find(strategy_.topics.begin(), strategy_.topics.end(), name) !=
                                  strategy_.topics.end();
      if (!wanted) {
        continue;
      }
      for (int p = 0; p < topic.partition_cnt; ++p) {
        out.push_back(TopicPartition{name, topic.partitions[p].id});
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

// The low (earliest) or high (latest) watermark of each partition.
PartitionOffsets fetchWatermarks(rd_kafka_t* handle,
                                 const std::vector<TopicPartition>& partitions,
                                 int64_t timeoutMs,
                                 bool earliest) {
  PartitionOffsets out;
  for (const auto& tp : partitions) {
    int64_t low = 0;
    int64_t high = 0;
    rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
        handle, tp.topic.c_str(), tp.partition, &low, &high, static_cast<int>(timeoutMs));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throwKafkaError(std::string("Cannot fetch the ") + (earliest ? "earliest" : "latest") +
                          " offset of Kafka partition " + tp.toString(),
                      err);
    }
    out[tp] = earliest ? low : high;
  }
  return out;
}

}  // namespace

PartitionOffsets KafkaOffsetReader::fetchEarliestOffsets(const std::vector<TopicPartition>& partitions) {
  return fetchWatermarks(handle(), partitions, timeoutMs_, /*earliest=*/true);
}

PartitionOffsets KafkaOffsetReader::fetchLatestOffsets(const std::vector<TopicPartition>& partitions) {
  return fetchWatermarks(handle(), partitions, timeoutMs_, /*earliest=*/false);
}

PartitionOffsets KafkaOffsetReader::fetchOffsetsForTimestamps(
    const std::map<TopicPartition, int64_t>& timestamps,
    bool latestWhenNoMatch) {
  PartitionOffsets out;
  if (timestamps.empty()) {
    return out;
  }
  PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(timestamps.size())));
  for (const auto& [tp, ts] : timestamps) {
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = ts;
  }
  rd_kafka_resp_err_t err =
      rd_kafka_offsets_for_times(handle(), list.get(), static_cast<int>(timeoutMs_));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throwKafkaError("Cannot look up Kafka offsets by timestamp", err);
  }
  std::vector<TopicPartition> unmatched;
  for (int i = 0; i < list->cnt; ++i) {
    const rd_kafka_topic_partition_t& p = list->elems[i];
    TopicPartition tp{p.topic, p.partition};
    if (p.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throwKafkaError("Cannot look up the offset by timestamp of Kafka partition " + tp.toString(), p.err);
    }
    if (p.offset < 0) {
      if (!latestWhenNoMatch) {
        throwUserError("ILLEGAL_STATE",
                       "No offset matched from request of topic-partition " + tp.toString() +
                           " and timestamp " + std::to_string(timestamps.at(tp)) + ".");
      }
      unmatched.push_back(tp);
    } else {
      out[tp] = p.offset;
    }
  }
  for (const auto& [tp, off] : fetchLatestOffsets(unmatched)) {
    out[tp] = off;
  }
  return out;
}

PartitionOffsets KafkaOffsetReader::resolveLimit(const OffsetRangeLimit& limit,
                                                 const std::vector<TopicPartition>& partitions,
                                                 bool isStart) {
  using Kind = OffsetRangeLimit::Kind;
  switch (limit.kind) {
    case Kind::kEarliest:
      return fetchEarliestOffsets(partitions);
    case Kind::kLatest:
      return fetchLatestOffsets(partitions);
    case Kind::kSpecificOffsets: {
      std::vector<TopicPartition> specified;
      for (const auto& [tp, off] : limit.offsets) {
        specified.push_back(tp);
      }
      if (specified != partitions) {
        throwUserError("ILLEGAL_STATE",
                       std::string("assertion failed: If ") +
                           (isStart ? "startingOffsets" : "endingOffsets") +
                           " contains specific offsets, you must specify all TopicPartitions.\n"
                           "Use -1 for latest, -2 for earliest, if you don't care.\n"
                           "Specified: " + setText(specified) + " Assigned: " + setText(partitions));
      }
      PartitionOffsets out = limit.offsets;
      std::vector<TopicPartition> earliest;
      std::vector<TopicPartition> latest;
      for (const auto& [tp, off] : out) {
        if (off == kEarliestOffset) {
          earliest.push_back(tp);
        } else if (off == kLatestOffset) {
          latest.push_back(tp);
        }
      }
      for (const auto& [tp, off] : fetchEarliestOffsets(earliest)) {
        out[tp] = off;
      }
      for (const auto& [tp, off] : fetchLatestOffsets(latest)) {
        out[tp] = off;
      }
      return out;
    }
    case Kind::kSpecificTimestamps: {
      // An ending timestamp without a match ends at latest, as Spark documents.
      return fetchOffsetsForTimestamps(limit.timestamps, isStart ? limit.latestWhenNoMatch : true);
    }
    case Kind::kGlobalTimestamp: {
      std::map<TopicPartition, int64_t> ts;
      for (const auto& tp : partitions) {
        ts[tp] = limit.timestamp;
      }
      return fetchOffsetsForTimestamps(ts, isStart ? limit.latestWhenNoMatch : true);
    }
  }
  return {};
}

std::vector<KafkaOffsetRange> KafkaOffsetReader::batchOffsetRanges(const OffsetRangeLimit& start,
                                                                   const OffsetRangeLimit& end) {
  std::vector<TopicPartition> partitions = fetchTopicPartitions();
  PartitionOffsets from = resolveLimit(start, partitions, true);
  PartitionOffsets until = resolveLimit(end, partitions, false);
  std::set<TopicPartition> fromKeys;
  std::set<TopicPartition> untilKeys;
  for (const auto& [tp, off] : from) {
    fromKeys.insert(tp);
  }
  for (const auto& [tp, off] : until) {
    untilKeys.insert(tp);
  }
  if (fromKeys != untilKeys) {
    auto list = [](const std::set<TopicPartition>& s) {
      std::string out;
      for (const auto& tp : s) {
        out += (out.empty() ? "" : ",") + tp.toString();
      }
      return out;
    };
    throwUserError("ILLEGAL_STATE",
                   "different topic partitions for starting offsets topics[" + list(fromKeys) +
                       "] and ending offsets topics[" + list(untilKeys) + "]");
  }
  std::vector<KafkaOffsetRange> ranges;
  for (const auto& [tp, f] : from) {
    int64_t u = until.at(tp);
    if (f > u) {
      throwUserError("ILLEGAL_STATE",
                     "Beginning offset " + std::to_string(f) + " is after the ending offset " +
                         std::to_string(u) + " for topic " + tp.topic + " partition " +
                         std::to_string(tp.partition) +
                         ". You either provided an invalid fromOffset, or the Kafka topic has been "
                         "damaged");
    }
    ranges.push_back(KafkaOffsetRange{tp, f, u});
  }
  return ranges;
}

}  // namespace rivulet::kafka
