// The `console` sink (each batch printed as Spark's ConsoleWrite prints it) and the `noop`
// sink (discards rows, for benchmarks).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "rivulet/streaming/sink.h"

namespace rivulet::connectors {

/// Where console sinks created by the provider print; nullptr (the default) = std::cout.
void setConsoleSinkStream(std::ostream* out);

class ConsoleSink : public streaming::Sink {
 public:
  /// `truncate`: cells cut to this many characters, 0 = none.
  ConsoleSink(int64_t numRows, int truncate, const time::TimeZone* zone, std::ostream* out);

  std::string description() const override { return "ConsoleTable"; }

  /// Prints 43 dashes, "Batch: <id>", 43 dashes, then show(numRows, truncate) of the whole
  /// batch followed by a blank line.
  void addBatch(int64_t batchId, streaming::BatchStream& rows) override;

  int64_t lastOutputRows() const override { return lastOutputRows_; }

 private:
  int64_t numRows_;
  int truncate_;
  const time::TimeZone* zone_;
  std::ostream* out_;
  int64_t lastOutputRows_ = -1;
};

class ConsoleSinkProvider : public streaming::SinkProvider {
 public:
  std::string name() const override { return "console"; }

  /// Options numRows (default 20) and truncate (true = 20 characters, false, or a number).
  streaming::SinkPtr createSink(const Options& options,
                                const StructType& schema,
                                const streaming::SinkContext& context) const override;

  bool allowsTemporaryCheckpoint() const override { return true; }
};

class NoopSink : public streaming::Sink {
 public:
  std::string description() const override { return "NoopTable"; }

  void addBatch(int64_t, streaming::BatchStream& rows) override {
    while (rows.next()) {
    }
    lastOutputRows_ = rows.rowsPulled();
  }

  int64_t lastOutputRows() const override { return lastOutputRows_; }

 private:
  int64_t lastOutputRows_ = -1;
};

class NoopSinkProvider : public streaming::SinkProvider {
 public:
  std::string name() const override { return "noop"; }

  streaming::SinkPtr createSink(const Options&,
                                const StructType&,
                                const streaming::SinkContext&) const override {
    return std::make_unique<NoopSink>();
  }

  bool allowsTemporaryCheckpoint() const override { return true; }
};

}  // namespace rivulet::connectors
