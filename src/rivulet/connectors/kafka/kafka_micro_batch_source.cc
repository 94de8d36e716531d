#include "rivulet/connectors/kafka/kafka_micro_batch_source.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>

#include "rivulet/common/error.h"
#include "rivulet/common/fs/atomic_file.h"
#include "rivulet/connectors/kafka/kafka_range_reader.h"
#include "rivulet/connectors/kafka/kafka_source_offsets.h"
#include "rivulet/connectors/rate/time_string.h"
#include "rivulet/types/number_format.h"

namespace rivulet::kafka {

namespace {

const char* kLossFailText =
    "Some data may have been lost because they are not available in Kafka any more; either the "
    "data was aged out by Kafka or the topic may have been deleted before all the data in the "
    "topic was processed. If you don't want your streaming query to fail on such cases, set the "
    "source option \"failOnDataLoss\" to \"false\".";

const char* kLossWarnText =
    "Some data may have been lost because they are not available in Kafka any more; either the "
    "data was aged out by Kafka or the topic may have been deleted before all the data in the "
    "topic was processed. If you want your streaming query to fail on such cases, set the source "
    "option \"failOnDataLoss\" to \"true\".";

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string setText(const std::vector<TopicPartition>& partitions) {
  std::string s = "Set(";
  for (size_t i = 0; i < partitions.size(); ++i) {
    s += (i ? ", " : "") + partitions[i].toString();
  }
  return s + ")";
}

int64_t positiveOption(const Options& options, const char* key) {
  std::string text = *options.get(key);
  int64_t v = 0;
  try {
    v = options.getInt(key, 0);
  } catch (const Error&) {
    v = 0;
  }
  if (v <= 0) {
    throwUserError("ILLEGAL_ARGUMENT",
                   std::string("Invalid value '") + text + "' for option '" + key +
                       "', must be a positive integer");
  }
  return v;
}

// One micro-batch: the offset ranges fixed when the batch was planned, read when the scan opens.
class KafkaMicroBatchData : public plan::DataSource {
 public:
  KafkaMicroBatchData(std::vector<KafkaOffsetRange> ranges, const KafkaSourceOptions& options)
      : ranges_(std::move(ranges)),
        client_(options.client),
        includeHeaders_(options.includeHeaders),
        failOnDataLoss_(options.failOnDataLoss),
        pollTimeoutMs_(options.pollTimeoutMs) {}

  StructType schema() const override { return kafkaSourceSchema(includeHeaders_); }

  std::string relationName() const override { return "kafka"; }

  std::string describeScan(const std::string& columns,
                           const StructType&,
                           const std::vector<expr::ExprPtr>&) const override {
    return "MicroBatchScan[" + columns +
           "] class org.apache.spark.sql.kafka010.KafkaSourceProvider$KafkaScan";
  }

  std::unique_ptr<plan::BatchIterator> open(const std::vector<int>& projection,
                                            const std::vector<expr::ExprPtr>&,
                                            const plan::ScanContext& context) const override {
    KafkaReadOptions read;
    read.projection = projection;
    read.includeHeaders = includeHeaders_;
    read.failOnDataLoss = failOnDataLoss_;
    read.batchRows = context.batchRows > 0 ? context.batchRows : kDefaultBatchRows;
    read.pollTimeoutMs = pollTimeoutMs_;
    return std::make_unique<KafkaRangeReader>(client_, ranges_, std::move(read));
  }

 private:
  std::vector<KafkaOffsetRange> ranges_;
  ClientConfig client_;
  bool includeHeaders_;
  bool failOnDataLoss_;
  int64_t pollTimeoutMs_;
};

}  // namespace

KafkaStreamOptions parseKafkaStreamOptions(const Options& options) {
  KafkaStreamOptions out;
  out.source = parseStreamSourceOptions(options);
  if (options.contains("maxOffsetsPerTrigger")) {
    out.source.maxOffsetsPerTrigger = positiveOption(options, "maxOffsetsPerTrigger");
  }
  if (options.contains("minOffsetsPerTrigger")) {
    out.minOffsetsPerTrigger = positiveOption(options, "minOffsetsPerTrigger");
  }
  if (out.minOffsetsPerTrigger && out.source.maxOffsetsPerTrigger &&
      *out.minOffsetsPerTrigger > *out.source.maxOffsetsPerTrigger) {
    throwUserError("ILLEGAL_ARGUMENT",
                   "The value of minOffsetPerTrigger(" + std::to_string(*out.minOffsetsPerTrigger) +
                       ") is higher than the maxOffsetsPerTrigger(" +
                       std::to_string(*out.source.maxOffsetsPerTrigger) + ").");
  }
  if (auto delay = options.get("maxTriggerDelay")) {
    out.maxTriggerDelayMs = connectors::timeStringAsMs(*delay);
  }
  return out;
}

KafkaMicroBatchSource::KafkaMicroBatchSource(KafkaStreamOptions options,
                                             const streaming::SourceContext& context)
    : options_(std::move(options)),
      metadataPath_(context.metadataPath),
      availableNow_(context.availableNow) {
  if (context.readAllAvailable) {
    options_.source.maxOffsetsPerTrigger.reset();
    options_.minOffsetsPerTrigger.reset();
  }
}

KafkaMicroBatchSource::~KafkaMicroBatchSource() = default;

StructType KafkaMicroBatchSource::schema() const {
  return kafkaSourceSchema(options_.source.includeHeaders);
}

std::string KafkaMicroBatchSource::description() const {
  return "KafkaV2[" + options_.source.strategy.toString() + "]";
}

KafkaOffsetReader& KafkaMicroBatchSource::reader() {
  if (!reader_) {
    reader_ = std::make_unique<KafkaOffsetReader>(
        options_.source.strategy, options_.source.client, options_.source.pollTimeoutMs);
  }
  return *reader_;
}

void KafkaMicroBatchSource::reportDataLoss(const std::string& message) const {
  if (options_.source.failOnDataLoss) {
    throwUserError("KAFKA_DATA_LOSS", message + ". " + kLossFailText);
  }
  std::cerr << "WARN KafkaMicroBatchStream: " << message << ". " << kLossWarnText << std::endl;
}

PartitionOffsets KafkaMicroBatchSource::initialOffsets() {
  if (initial_) {
    return *initial_;
  }
  std::string path = metadataPath_ + "/0";
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    initial_ = parseInitialOffsets(fs::readWholeFile(path), path);
    return *initial_;
  }
  KafkaOffsetReader& r = reader();
  std::vector<TopicPartition> partitions = r.fetchTopicPartitions();
  PartitionOffsets offsets = r.resolveLimit(options_.source.start, partitions, /*isStart=*/true);
  std::filesystem::create_directories(metadataPath_, ec);
  if (ec) {
    throwExternalError(
        "CHECKPOINT_ERROR",
        "Cannot create the source metadata directory " + metadataPath_ + ": " + ec.message());
  }
  if (!fs::writeFileAtomically(path, serializeInitialOffsets(offsets), /*overwrite=*/false)) {
    // Another run wrote it first: its offsets win.
    offsets = parseInitialOffsets(fs::readWholeFile(path), path);
  }
  initial_ = offsets;
  return offsets;
}

std::optional<std::string> KafkaMicroBatchSource::latestOffset(
    const std::optional<std::string>& start) {
  PartitionOffsets from = start ? parsePartitionOffsetsJson(*start) : initialOffsets();
  KafkaOffsetReader& r = reader();
  PartitionOffsets latest;
  if (availableNow_ && availableNowEnd_) {
    latest = *availableNowEnd_;
  } else {
    latest = r.fetchLatestOffsets(r.fetchTopicPartitions());
    if (availableNow_) {
      availableNowEnd_ = latest;
    }
  }
  latest_ = latest;
  if (options_.minOffsetsPerTrigger && !availableNow_) {
    int64_t now = nowMs();
    if (now - lastTriggerMs_ < options_.maxTriggerDelayMs &&
        newRecordCount(from, latest) < *options_.minOffsetsPerTrigger) {
      return partitionOffsetsToJson(from);  // delayed: nothing new for this trigger
    }
    lastTriggerMs_ = now;
  }
  if (!options_.source.maxOffsetsPerTrigger) {
    return partitionOffsetsToJson(latest);
  }
  std::vector<TopicPartition> added;
  for (const auto& [tp, off] : latest) {
    if (!from.count(tp)) {
      added.push_back(tp);
    }
  }
  PartitionOffsets fromNew = added.empty() ? PartitionOffsets{} : r.fetchEarliestOffsets(added);
  return partitionOffsetsToJson(
      rateLimitOffsets(*options_.source.maxOffsetsPerTrigger, from, latest, fromNew));
}

std::optional<std::string> KafkaMicroBatchSource::reportLatestOffset() {
  if (!latest_) {
    return std::nullopt;
  }
  return partitionOffsetsToJson(*latest_);
}

std::map<std::string, std::string> KafkaMicroBatchSource::metrics(const std::string& end) {
  if (!latest_) {
    return {};
  }
  PartitionOffsets consumed = parsePartitionOffsetsJson(end);
  std::vector<int64_t> behind;
  for (const auto& [tp, latest] : *latest_) {
    auto it = consumed.find(tp);
    if (it != consumed.end()) {
      behind.push_back(latest - it->second);
    }
  }
  if (behind.empty()) {
    return {};
  }
  int64_t sum = 0;
  for (int64_t b : behind) {
    sum += b;
  }
  return {{"minOffsetsBehindLatest", std::to_string(*std::min_element(behind.begin(), behind.end()))},
          {"maxOffsetsBehindLatest", std::to_string(*std::max_element(behind.begin(), behind.end()))},
          {"avgOffsetsBehindLatest", formatDouble(static_cast<double>(sum) / static_cast<double>(behind.size()))}};
}

plan::DataSourcePtr KafkaMicroBatchSource::getBatch(const std::optional<std::string>& start,
                                                    const std::string& end) {
  PartitionOffsets from = start ? parsePartitionOffsetsJson(*start) : initialOffsets();
  PartitionOffsets until = parsePartitionOffsetsJson(end);
  std::vector<TopicPartition> added;
  for (const auto& [tp, off] : until) {
    if (!from.count(tp)) {
      added.push_back(tp);
    }
  }
  PartitionOffsets fromNew =
      added.empty() ? PartitionOffsets{} : reader().fetchEarliestOffsets(added);
  for (const auto& [tp, off] : fromNew) {
    if (off != 0) {
      reportDataLoss("Added partition " + tp.toString() + " starts from " + std::to_string(off) +
                     " instead of 0. Some data may have been missed");
    }
  }
  std::vector<TopicPartition> deleted;
  for (const auto& [tp, off] : from) {
    if (!until.count(tp)) {
      deleted.push_back(tp);
    }
  }
  if (!deleted.empty()) {
    reportDataLoss(setText(deleted) + " are gone. Some data may have been missed");
  }
  std::vector<KafkaOffsetRange> ranges;
  for (const auto& [tp, untilOffset] : until) {
    auto f = from.find(tp);
    int64_t fromOffset = f != from.end() ? f->second : fromNew.at(tp);
    if (untilOffset < fromOffset) {
      reportDataLoss("Partition " + tp.toString() + "'s offset was changed from " +
                     std::to_string(fromOffset) + " to " + std::to_string(untilOffset) +
                     ", some data may have been missed");
    }
    if (untilOffset > fromOffset) {
      ranges.push_back(KafkaOffsetRange{tp, fromOffset, untilOffset});
    }
  }
  return std::make_shared<KafkaMicroBatchData>(std::move(ranges), options_.source);
}

void KafkaMicroBatchSource::stop() {
  reader_.reset();
}

StructType KafkaSourceProvider::sourceSchema(const Options& options,
                                             const std::optional<StructType>& userSchema) const {
  if (userSchema) {
    throw AnalysisException("kafka does not allow user-specified schemas.",
                            "USER_SPECIFIED_SCHEMA_UNSUPPORTED");
  }
  return kafkaSourceSchema(parseKafkaStreamOptions(options).source.includeHeaders);
}

streaming::SourcePtr KafkaSourceProvider::createSource(
    const Options& options, const StructType&, const streaming::SourceContext& context) const {
  return std::make_unique<KafkaMicroBatchSource>(parseKafkaStreamOptions(options), context);
}

}  // namespace rivulet::kafka
