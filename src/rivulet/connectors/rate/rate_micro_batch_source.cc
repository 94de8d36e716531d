#include "rivulet/connectors/rate/rate_micro_batch_source.h"

#include <thread>

#include <simdjson.h>

#include "rivulet/common/error.h"
#include "rivulet/connectors/rate/rate_source.h"

namespace rivulet::connectors {

namespace {

struct MicroBatchOffset {
  int64_t offset = 0;
  int64_t timestamp = 0;
};

std::string toJson(const MicroBatchOffset& o) {
  return "{\"offset\":" + std::to_string(o.offset) +
         ",\"timestamp\":" + std::to_string(o.timestamp) + "}";
}

MicroBatchOffset parseOffset(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  int64_t offset = 0;
  int64_t timestamp = 0;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS ||
      doc["offset"].get_int64().get(offset) != simdjson::SUCCESS ||
      doc["timestamp"].get_int64().get(timestamp) != simdjson::SUCCESS) {
    throwUserError(
        "INVALID_OFFSET",
        "Invalid rate-micro-batch offset: expected {\"offset\":N,\"timestamp\":T}, found '" + json +
            "'");
  }
  return {offset, timestamp};
}

[[noreturn]] void invalid(int64_t value, const std::string& option, const std::string& rule) {
  throwUserError(
      "INVALID_OPTION",
      "Invalid value '" + std::to_string(value) + "'. The option '" + option + "' must be " + rule);
}

}  // namespace

RateMicroBatchOptions parseRateMicroBatchOptions(const Options& options) {
  RateMicroBatchOptions out;
  out.rowsPerBatch = options.getInt("rowsPerBatch", 0);
  if (out.rowsPerBatch <= 0) {
    invalid(out.rowsPerBatch, "rowsPerBatch", "positive");
  }
  int64_t cores = std::max(1U, std::thread::hardware_concurrency());
  int64_t numPartitions = options.getInt("numPartitions", cores);
  if (numPartitions <= 0 || numPartitions > INT32_MAX) {
    invalid(numPartitions, "numPartitions", "positive");
  }
  out.numPartitions = static_cast<int>(numPartitions);
  out.startTimestamp = options.getInt("startTimestamp", 0);
  if (out.startTimestamp < 0) {
    invalid(out.startTimestamp, "startTimestamp", "non-negative");
  }
  out.advanceMillisPerBatch = options.getInt("advanceMillisPerBatch", 1000);
  if (out.advanceMillisPerBatch < 0 || out.advanceMillisPerBatch > INT32_MAX) {
    invalid(out.advanceMillisPerBatch, "advanceMillisPerBatch", "non-negative");
  }
  return out;
}

RateMicroBatchSource::RateMicroBatchSource(RateMicroBatchOptions options,
                                           const streaming::SourceContext& context)
    : options_(options), availableNow_(context.availableNow) {}

StructType RateMicroBatchSource::schema() const {
  return rateSchema();
}

std::string RateMicroBatchSource::description() const {
  return "RatePerMicroBatchStream[rowsPerBatch=" + std::to_string(options_.rowsPerBatch) +
         ", numPartitions=" + std::to_string(options_.numPartitions) +
         ", startTimestamp=" + std::to_string(options_.startTimestamp) +
         ", advanceMsPerBatch=" + std::to_string(options_.advanceMillisPerBatch) + "]";
}

std::optional<std::string> RateMicroBatchSource::latestOffset(
    const std::optional<std::string>& start) {
  if (availableNow_ && availableNowOffset_) {
    return availableNowOffset_;
  }
  MicroBatchOffset from =
      start ? parseOffset(*start) : MicroBatchOffset{0, options_.startTimestamp};
  MicroBatchOffset next;
  next.offset = from.offset > INT64_MAX - options_.rowsPerBatch
                    ? INT64_MAX
                    : from.offset + options_.rowsPerBatch;
  next.timestamp = from.timestamp + options_.advanceMillisPerBatch;
  std::string json = toJson(next);
  if (availableNow_) {
    availableNowOffset_ = json;
  }
  return json;
}

plan::DataSourcePtr RateMicroBatchSource::getBatch(const std::optional<std::string>& start,
                                                   const std::string& end) {
  MicroBatchOffset from =
      start ? parseOffset(*start) : MicroBatchOffset{0, options_.startTimestamp};
  MicroBatchOffset to = parseOffset(end);
  if (from.offset > to.offset || from.timestamp > to.timestamp) {
    throwInternalError("rate-micro-batch: start offset " + toJson(from) + " is after end offset " +
                       toJson(to));
  }
  // Every row of the batch carries the start timestamp: msPerValue 0.
  return makeRateBatch(
      from.offset,
      to.offset,
      options_.numPartitions,
      from.timestamp,
      0.0,
      "RatePerMicroBatch(rowsPerBatch=" + std::to_string(options_.rowsPerBatch) +
          ", numPartitions=" + std::to_string(options_.numPartitions) +
          ",startTimestamp=" + std::to_string(options_.startTimestamp) +
          ", advanceMillisPerBatch=" + std::to_string(options_.advanceMillisPerBatch) + ")");
}

StructType RateMicroBatchSourceProvider::sourceSchema(
    const Options& options, const std::optional<StructType>& userSchema) const {
  if (userSchema) {
    throwUserError("UNSUPPORTED_OPERATION",
                   "RatePerMicroBatchProvider source does not support user-specified schema.");
  }
  parseRateMicroBatchOptions(options);
  return rateSchema();
}

streaming::SourcePtr RateMicroBatchSourceProvider::createSource(
    const Options& options, const StructType&, const streaming::SourceContext& context) const {
  return std::make_unique<RateMicroBatchSource>(parseRateMicroBatchOptions(options), context);
}

}  // namespace rivulet::connectors
