#include "rivulet/connectors/kafka/kafka_relation.h"

#include <algorithm>
#include <cctype>

#include "rivulet/common/error.h"
#include "rivulet/connectors/kafka/kafka_connector.h"
#include "rivulet/connectors/kafka/kafka_offset_reader.h"
#include "rivulet/connectors/kafka/kafka_producer.h"
#include "rivulet/connectors/kafka/kafka_range_reader.h"

namespace rivulet::kafka {

KafkaRelation::KafkaRelation(KafkaSourceOptions options) : options_(std::move(options)) {}

StructType KafkaRelation::schema() const { return kafkaSourceSchema(options_.includeHeaders); }

std::string KafkaRelation::relationName() const {
  return "KafkaRelation(strategy=" + options_.strategy.toString() + ", start=" + options_.start.toString() +
         ", end=" + options_.end.toString() + ")";
}

std::string KafkaRelation::describeScan(const std::string& columns,
                                        const StructType& readSchema,
                                        const std::vector<expr::ExprPtr>&) const {
  return "Scan " + relationName() + " [" + columns + "] PushedFilters: [], ReadSchema: " +
         readSchema.simpleString();
}

std::unique_ptr<plan::BatchIterator> KafkaRelation::open(const std::vector<int>& projection,
                                                         const std::vector<expr::ExprPtr>&,
                                                         const plan::ScanContext& context) const {
  KafkaOffsetReader offsets(options_.strategy, options_.client, options_.pollTimeoutMs);
  std::vector<KafkaOffsetRange> ranges = offsets.batchOffsetRanges(options_.start, options_.end);
  KafkaReadOptions read;
  read.projection = projection;
  read.includeHeaders = options_.includeHeaders;
  read.failOnDataLoss = options_.failOnDataLoss;
  read.batchRows = context.batchRows > 0 ? context.batchRows : kDefaultBatchRows;
  read.pollTimeoutMs = options_.pollTimeoutMs;
  return std::make_unique<KafkaRangeReader>(options_.client, std::move(ranges), std::move(read));
}

plan::DataSourcePtr KafkaRelationProvider::createRelation(const Options& options,
                                                          const std::optional<StructType>& userSchema,
                                                          const plan::ScanContext&) const {
  if (userSchema) {
    throw AnalysisException("kafka does not allow user-specified schemas.",
                            "USER_SPECIFIED_SCHEMA_UNSUPPORTED");
  }
  return std::make_shared<KafkaRelation>(parseBatchSourceOptions(options));
}

void KafkaRelationProvider::write(const StructType& schema,
                                  plan::BatchIterator& batches,
                                  const Options& options,
                                  const std::string& mode,
                                  const plan::ScanContext&) const {
  std::string m = mode;
  std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return std::tolower(c); });
  if (m == "overwrite" || m == "ignore") {
    throw AnalysisException(std::string("Save mode ") + (m == "overwrite" ? "Overwrite" : "Ignore") +
                                " not allowed for Kafka. Allowed save modes are Append and "
                                "ErrorIfExists (default).",
                            "KAFKA_SAVE_MODE_NOT_ALLOWED");
  }
  ClientConfig config = parseSinkOptions(options);
  std::optional<std::string> topic;
  if (auto t = options.get("topic")) {
    size_t b = t->find_first_not_of(" \t\r\n");
    size_t e = t->find_last_not_of(" \t\r\n");
    topic = b == std::string::npos ? std::string() : t->substr(b, e - b + 1);
  }
  KafkaSinkColumns columns = KafkaSinkColumns::bind(schema, topic);
  KafkaProducer producer(config);
  while (auto batch = batches.next()) {
    producer.write(*batch, columns);
  }
  producer.flush();
}

}  // namespace rivulet::kafka

namespace rivulet {

void registerKafkaConnector() {
  plan::registerRelationProvider(std::make_unique<kafka::KafkaRelationProvider>());
}

}  // namespace rivulet
