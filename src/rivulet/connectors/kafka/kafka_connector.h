// Registration of the Kafka connector (read/write format "kafka", streaming and batch).
#pragma once

namespace rivulet {

/// Registers the "kafka" relation provider; called once per process by the session.
void registerKafkaConnector();

/// Registers the "kafka" streaming source and sink providers; called once per process by
/// connectors::registerStreamingConnectors().
void registerKafkaStreamingConnector();

}  // namespace rivulet
