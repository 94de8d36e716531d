// Registration of the Kafka connector (read/write format "kafka").
#pragma once

namespace rivulet {

/// Registers the "kafka" relation provider; called once per process by the session.
void registerKafkaConnector();

}  // namespace rivulet
