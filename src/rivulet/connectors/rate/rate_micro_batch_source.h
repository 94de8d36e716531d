// The `rate-micro-batch` source: exactly `rowsPerBatch` rows per micro-batch, each batch's rows
// stamped with the batch's start time (Spark's RatePerMicroBatchProvider / Stream).
#pragma once

#include <cstdint>
#include <string>

#include "rivulet/streaming/source.h"

namespace rivulet::connectors {

struct RateMicroBatchOptions {
  int64_t rowsPerBatch = 0;
  int numPartitions = 1;
  int64_t startTimestamp = 0;
  int64_t advanceMillisPerBatch = 1000;
};

/// Reads and checks the options with Spark's messages.
RateMicroBatchOptions parseRateMicroBatchOptions(const Options& options);

class RateMicroBatchSource : public streaming::Source {
 public:
  RateMicroBatchSource(RateMicroBatchOptions options, const streaming::SourceContext& context);

  StructType schema() const override;

  std::string description() const override;

  /// {"offset":N,"timestamp":T}: `start` (or the initial offset) advanced by one batch.
  std::optional<std::string> latestOffset(const std::optional<std::string>& start) override;

  plan::DataSourcePtr getBatch(const std::optional<std::string>& start,
                               const std::string& end) override;

 private:
  RateMicroBatchOptions options_;
  bool availableNow_ = false;
  std::optional<std::string> availableNowOffset_;
};

class RateMicroBatchSourceProvider : public streaming::SourceProvider {
 public:
  std::string name() const override { return "rate-micro-batch"; }

  StructType sourceSchema(const Options& options,
                          const std::optional<StructType>& userSchema) const override;

  streaming::SourcePtr createSource(const Options& options,
                                    const StructType& schema,
                                    const streaming::SourceContext& context) const override;
};

}  // namespace rivulet::connectors
