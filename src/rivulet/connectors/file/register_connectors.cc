// registerStreamingConnectors(): every built-in streaming source and sink provider.
#include "rivulet/connectors/register_connectors.h"

#include <memory>

#include "rivulet/connectors/console/console_sink.h"
#include "rivulet/connectors/file/file_stream_sink.h"
#include "rivulet/connectors/file/file_stream_source.h"
#include "rivulet/connectors/kafka/kafka_connector.h"
#include "rivulet/connectors/memory/memory_sink.h"
#include "rivulet/connectors/rate/rate_micro_batch_source.h"
#include "rivulet/connectors/rate/rate_source.h"
#include "rivulet/formats/file_format.h"

namespace rivulet::connectors {

void registerStreamingConnectors() {
  registerFileFormats();
  streaming::registerSourceProvider(std::make_unique<RateSourceProvider>());
  streaming::registerSourceProvider(std::make_unique<RateMicroBatchSourceProvider>());
  streaming::registerSinkProvider(std::make_unique<ConsoleSinkProvider>());
  streaming::registerSinkProvider(std::make_unique<NoopSinkProvider>());
  streaming::registerSinkProvider(std::make_unique<MemorySinkProvider>());
  registerKafkaStreamingConnector();
  for (const char* format : {"csv", "json", "text", "parquet"}) {
    streaming::registerSourceProvider(std::make_unique<FileStreamSourceProvider>(format));
    streaming::registerSinkProvider(std::make_unique<FileStreamSinkProvider>(format));
  }
}

}  // namespace rivulet::connectors
