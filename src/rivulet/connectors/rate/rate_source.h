// The `rate` source: `rowsPerSecond` rows per second of (timestamp, value), values counting
// from 0 across batches and restarts, as Spark's RateStreamProvider / RateStreamMicroBatchStream.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "rivulet/streaming/source.h"

namespace rivulet::connectors {

/// `timestamp timestamp, value bigint`, both nullable: the schema of rate and rate-micro-batch.
StructType rateSchema();

/// The last value (exclusive) emitted by second `seconds`: Spark's valueAtSecond, with the
/// speed growing by rowsPerSecond / (rampUp + 1) per second during the ramp-up.
int64_t rateValueAtSecond(int64_t seconds, int64_t rowsPerSecond, int64_t rampUpTimeSeconds);

struct RateOptions {
  int64_t rowsPerSecond = 1;
  int64_t rampUpTimeSeconds = 0;
  int numPartitions = 1;
  /// The numPartitions option as given, or "default" (for the description).
  std::string numPartitionsText = "default";
};

/// Reads and checks the options with Spark's messages.
RateOptions parseRateOptions(const Options& options);

/// The rows [rangeStart, rangeEnd) of one rate batch: partition p holds rangeStart + p,
/// + p + N, ...; partitions are listed in order. Timestamps: startMs + round((v - rangeStart) *
/// msPerValue) milliseconds. Generated lazily, batch by batch.
plan::DataSourcePtr makeRateBatch(int64_t rangeStart,
                                  int64_t rangeEnd,
                                  int numPartitions,
                                  int64_t startMs,
                                  double msPerValue,
                                  std::string name);

class RateSource : public streaming::Source {
 public:
  /// Records the creation time in <metadataPath>/0 on first start, reuses it later. `clockMs`
  /// gives wall-clock milliseconds (tests pass a fixed clock).
  RateSource(RateOptions options,
             const streaming::SourceContext& context,
             std::function<int64_t()> clockMs = {});

  StructType schema() const override { return rateSchema(); }

  std::string description() const override;

  std::optional<std::string> latestOffset(const std::optional<std::string>& start) override;

  plan::DataSourcePtr getBatch(const std::optional<std::string>& start,
                               const std::string& end) override;

  int64_t creationTimeMs() const { return creationTimeMs_; }

 private:
  RateOptions options_;
  std::function<int64_t()> clockMs_;
  int64_t creationTimeMs_ = 0;
  int64_t lastTimeMs_ = 0;
  int64_t maxSeconds_ = 0;
};

class RateSourceProvider : public streaming::SourceProvider {
 public:
  std::string name() const override { return "rate"; }

  StructType sourceSchema(const Options& options,
                          const std::optional<StructType>& userSchema) const override;

  streaming::SourcePtr createSource(const Options& options,
                                    const StructType& schema,
                                    const streaming::SourceContext& context) const override;
};

}  // namespace rivulet::connectors
