// registerStreamingConnectors(): the built-in streaming sources (rate, rate-micro-batch, file
// formats) and sinks (console, memory, noop, file formats).
#pragma once

namespace rivulet::connectors {

/// Registers every built-in streaming source and sink provider (idempotent). Called at session
/// start; also registers the file formats the file source and sink need.
void registerStreamingConnectors();

}  // namespace rivulet::connectors
