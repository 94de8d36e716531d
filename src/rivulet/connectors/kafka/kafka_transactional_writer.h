// KafkaTransactionalWriter: the exactly-once output of the Kafka stream sink. Each micro-batch is
// written in one Kafka transaction together with a marker record ("this transactional id
// committed batch N") in a marker topic; a batch whose id is not above the last committed marker
// is skipped, so a batch re-run after a crash never shows twice to read_committed consumers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/columnar/batch.h"
#include "rivulet/connectors/kafka/kafka_producer.h"

namespace rivulet::kafka {

class KafkaTransactionalWriter {
 public:
  /// `config`: producer properties without transactional.id; `transactionalId` fences earlier
  /// runs of the same query; markers go to partition 0 of `markerTopic`.
  KafkaTransactionalWriter(ClientConfig config,
                           std::string transactionalId,
                           std::string markerTopic,
                           int64_t timeoutMs = 60000);

  ~KafkaTransactionalWriter();

  KafkaTransactionalWriter(const KafkaTransactionalWriter&) = delete;
  KafkaTransactionalWriter& operator=(const KafkaTransactionalWriter&) = delete;

  /// Writes `batches` and the marker of `batchId` in one transaction and commits it. Returns
  /// false without writing when `batchId` is not above the last committed batch. Throws (after
  /// aborting the transaction) on any produce, delivery or commit error.
  bool writeBatch(int64_t batchId,
                  const std::vector<Batch>& batches,
                  const KafkaSinkColumns& columns);

  /// The last batch id committed under this transactional id (read at the first write).
  std::optional<int64_t> lastCommittedBatch();

  const std::string& transactionalId() const { return transactionalId_; }

  /// The marker record's value: {"batchId":N}.
  static std::string markerValue(int64_t batchId);

 private:
  // Creates the producer and calls init_transactions (fencing earlier producers of the id and
  // completing their open transactions), then reads the last marker.
  void start();

  std::optional<int64_t> readLastMarker();

  ClientConfig config_;
  std::string transactionalId_;
  std::string markerTopic_;
  int64_t timeoutMs_;
  std::unique_ptr<KafkaProducer> producer_;
  bool started_ = false;
  std::optional<int64_t> lastCommitted_;
};

}  // namespace rivulet::kafka
