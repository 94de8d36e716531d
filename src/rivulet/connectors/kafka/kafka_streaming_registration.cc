// registerKafkaStreamingConnector(): the streaming source and sink of format "kafka".
#include <memory>

#include "rivulet/connectors/kafka/kafka_connector.h"
#include "rivulet/connectors/kafka/kafka_micro_batch_source.h"
#include "rivulet/connectors/kafka/kafka_stream_sink.h"

namespace rivulet {

void registerKafkaStreamingConnector() {
  streaming::registerSourceProvider(std::make_unique<kafka::KafkaSourceProvider>());
  streaming::registerSinkProvider(std::make_unique<kafka::KafkaStreamSinkProvider>());
}

}  // namespace rivulet
