// KafkaRangeReader: reads offset ranges [from, until) of several partitions (fetched together) into
// batches of Spark's Kafka schema, in bounded memory (librdkafka's prefetch queue + one batch). Used by the batch relation and by micro-batches.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "rivulet/columnar/batch.h"
#include "rivulet/connectors/kafka/kafka_client.h"
#include "rivulet/connectors/kafka/kafka_offset_reader.h"
#include "rivulet/plan/data_source.h"
#include "rivulet/types/data_type.h"

namespace rivulet::kafka {

/// key binary, value binary, topic string, partition int, offset long, timestamp timestamp,
/// timestampType int [, headers array<struct<key:string,value:binary>>].
StructType kafkaSourceSchema(bool includeHeaders);

struct KafkaReadOptions {
  /// Columns of kafkaSourceSchema(includeHeaders) to produce, in this order.
  std::vector<int> projection;
  bool includeHeaders = false;
  /// true: offsets missing from the log (retention, deleted topic) fail the read; false: skipped.
  bool failOnDataLoss = true;
  int64_t batchRows = kDefaultBatchRows;
  /// Gives up when no record arrives for this long.
  int64_t pollTimeoutMs = 120000;
};

class KafkaRangeReader : public plan::BatchIterator {
 public:
  KafkaRangeReader(ClientConfig config, std::vector<KafkaOffsetRange> ranges, KafkaReadOptions options);

  ~KafkaRangeReader() override;

  /// The next batch of at most batchRows records, or nullopt after the last range.
  std::optional<Batch> next() override;

  /// Records read so far.
  int64_t recordsRead() const { return recordsRead_; }

 private:
  class Columns;

  struct RangeState {
    int64_t next = 0;   // next offset expected
    int64_t until = 0;  // exclusive end, after checking the log
    bool done = false;
  };

  // Checks every range against the log (data loss) and assigns all non-empty ones at once, so
  // that their partitions are fetched together.
  void start();

  // The range of a record's partition, or -1.
  int findRange(const rd_kafka_message_t* m);

  void finishRange(size_t i);

  void dataLoss(const KafkaOffsetRange& range, int64_t missingFrom, int64_t missingUntil);

  ClientConfig config_;
  std::vector<KafkaOffsetRange> ranges_;
  KafkaReadOptions options_;
  KafkaHandle consumer_;
  rd_kafka_queue_t* queue_ = nullptr;
  bool started_ = false;
  std::vector<RangeState> state_;
  size_t remaining_ = 0;
  int lastRange_ = -1;
  int64_t recordsRead_ = 0;
  std::unique_ptr<Columns> columns_;
};

}  // namespace rivulet::kafka
