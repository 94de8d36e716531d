#include "rivulet/connectors/rate/rate_source.h"

#include <chrono>
#include <cmath>
#include <thread>

#include "rivulet/columnar/vector.h"
#include "rivulet/common/error.h"
#include "rivulet/connectors/rate/time_string.h"
#include "rivulet/streaming/checkpoint/metadata_log.h"

namespace rivulet::connectors {

namespace {

int64_t systemMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t parseSecondsOffset(const std::string& text) {
  size_t used = 0;
  int64_t v = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || v < 0) {
    throwUserError(
        "INVALID_OFFSET",
        "Invalid rate source offset: expected a non-negative integer, found '" + text + "'");
  }
  return v;
}

// Generates the rows of one batch in column chunks, partition by partition.
class RateIterator : public plan::BatchIterator {
 public:
  RateIterator(int64_t rangeStart,
               int64_t rangeEnd,
               int numPartitions,
               int64_t startMs,
               double msPerValue,
               std::vector<int> projection,
               int64_t batchRows)
      : rangeStart_(rangeStart),
        rangeEnd_(rangeEnd),
        numPartitions_(numPartitions),
        startMs_(startMs),
        msPerValue_(msPerValue),
        projection_(std::move(projection)),
        batchRows_(batchRows > 0 ? batchRows : kDefaultBatchRows),
        next_(rangeStart) {}

  std::optional<Batch> next() override {
    // Skip to a partition with values left.
    while (partition_ < numPartitions_ && next_ >= rangeEnd_) {
      ++partition_;
      next_ = rangeStart_ + partition_;
    }
    if (partition_ >= numPartitions_) {
      return std::nullopt;
    }
    int64_t left = (rangeEnd_ - next_ + numPartitions_ - 1) / numPartitions_;
    int64_t n = std::min(left, batchRows_);
    auto timestamps = Vector::make(DataType::timestamp(), n);
    auto values = Vector::make(DataType::longType(), n);
    int64_t* ts = timestamps->values<int64_t>();
    int64_t* vs = values->values<int64_t>();
    int64_t v = next_;
    for (int64_t i = 0; i < n; ++i, v += numPartitions_) {
      vs[i] = v;
      // Java's Math.round: floor(x + 0.5).
      auto relative = static_cast<int64_t>(
          std::floor(static_cast<double>(v - rangeStart_) * msPerValue_ + 0.5));
      ts[i] = (startMs_ + relative) * 1000;
    }
    next_ = v;
    std::vector<VectorPtr> columns;
    for (int c : projection_) {
      columns.push_back(c == 0 ? timestamps : values);
    }
    return Batch(std::move(columns), n);
  }

 private:
  int64_t rangeStart_;
  int64_t rangeEnd_;
  int numPartitions_;
  int64_t startMs_;
  double msPerValue_;
  std::vector<int> projection_;
  int64_t batchRows_;
  int partition_ = 0;
  int64_t next_;
};

class RateBatch : public plan::DataSource {
 public:
  RateBatch(int64_t rangeStart,
            int64_t rangeEnd,
            int numPartitions,
            int64_t startMs,
            double msPerValue,
            std::string name)
      : rangeStart_(rangeStart),
        rangeEnd_(rangeEnd),
        numPartitions_(numPartitions),
        startMs_(startMs),
        msPerValue_(msPerValue),
        name_(std::move(name)) {}

  StructType schema() const override { return rateSchema(); }

  std::string relationName() const override { return name_; }

  std::string describeScan(const std::string& columns,
                           const StructType&,
                           const std::vector<expr::ExprPtr>&) const override {
    return "MicroBatchScan[" + columns + "] " + name_;
  }

  std::unique_ptr<plan::BatchIterator> open(const std::vector<int>& projection,
                                            const std::vector<expr::ExprPtr>&,
                                            const plan::ScanContext& context) const override {
    int partitions = rangeStart_ == rangeEnd_ ? 0 : numPartitions_;
    return std::make_unique<RateIterator>(
        rangeStart_, rangeEnd_, partitions, startMs_, msPerValue_, projection, context.batchRows);
  }

 private:
  int64_t rangeStart_;
  int64_t rangeEnd_;
  int numPartitions_;
  int64_t startMs_;
  double msPerValue_;
  std::string name_;
};

}  // namespace

StructType rateSchema() {
  return StructType(
      {{"timestamp", DataType::timestamp(), true}, {"value", DataType::longType(), true}});
}

int64_t rateValueAtSecond(int64_t seconds, int64_t rowsPerSecond, int64_t rampUpTimeSeconds) {
  // E.g. rampUp 4, rowsPerSecond 10: speed 0 2 4 6 8 10 10 ..., end value 0 2 6 12 20 30 40.
  int64_t speedDeltaPerSecond = rowsPerSecond / (rampUpTimeSeconds + 1);
  if (seconds <= rampUpTimeSeconds) {
    // (speedDelta * seconds) * (seconds + 1) / 2, ordered to avoid overflow.
    if (seconds % 2 == 1) {
      return (seconds + 1) / 2 * speedDeltaPerSecond * seconds;
    }
    return seconds / 2 * speedDeltaPerSecond * (seconds + 1);
  }
  int64_t rampUpPart = rateValueAtSecond(rampUpTimeSeconds, rowsPerSecond, rampUpTimeSeconds);
  return rampUpPart + (seconds - rampUpTimeSeconds) * rowsPerSecond;
}

RateOptions parseRateOptions(const Options& options) {
  RateOptions out;
  out.rowsPerSecond = options.getInt("rowsPerSecond", 1);
  if (out.rowsPerSecond <= 0) {
    throwUserError("INVALID_OPTION",
                   "Invalid value '" + std::to_string(out.rowsPerSecond) +
                       "'. The option 'rowsPerSecond' must be positive");
  }
  if (auto ramp = options.get("rampUpTime")) {
    out.rampUpTimeSeconds = timeStringAsSec(*ramp);
  }
  if (out.rampUpTimeSeconds < 0) {
    throwUserError("INVALID_OPTION",
                   "Invalid value '" + std::to_string(out.rampUpTimeSeconds) +
                       "'. The option 'rampUpTime' must not be negative");
  }
  int64_t cores = std::max(1U, std::thread::hardware_concurrency());
  int64_t numPartitions = options.getInt("numPartitions", cores);
  if (numPartitions <= 0 || numPartitions > INT32_MAX) {
    throwUserError("INVALID_OPTION",
                   "Invalid value '" + std::to_string(numPartitions) +
                       "'. The option 'numPartitions' must be positive");
  }
  out.numPartitions = static_cast<int>(numPartitions);
  out.numPartitionsText = options.getOr("numPartitions", "default");
  return out;
}

plan::DataSourcePtr makeRateBatch(int64_t rangeStart,
                                  int64_t rangeEnd,
                                  int numPartitions,
                                  int64_t startMs,
                                  double msPerValue,
                                  std::string name) {
  return std::make_shared<RateBatch>(
      rangeStart, rangeEnd, numPartitions, startMs, msPerValue, std::move(name));
}

RateSource::RateSource(RateOptions options,
                       const streaming::SourceContext& context,
                       std::function<int64_t()> clockMs)
    : options_(std::move(options)), clockMs_(clockMs ? std::move(clockMs) : systemMillis) {
  maxSeconds_ = INT64_MAX / options_.rowsPerSecond;
  if (options_.rampUpTimeSeconds > maxSeconds_) {
    throwUserError("ARITHMETIC_OVERFLOW",
                   "Integer overflow. Max offset with " + std::to_string(options_.rowsPerSecond) +
                       " rowsPerSecond is " + std::to_string(maxSeconds_) +
                       ", but 'rampUpTimeSeconds' is " +
                       std::to_string(options_.rampUpTimeSeconds) + ".");
  }
  streaming::MetadataLog log(context.metadataPath, 1);
  auto stored = log.get(0);
  if (!stored) {
    int64_t now = clockMs_();
    if (log.add(0, std::to_string(now))) {
      stored = std::to_string(now);
    } else {
      stored = log.get(0);  // a concurrent first start won
    }
  }
  creationTimeMs_ = parseSecondsOffset(stored.value_or(""));
  lastTimeMs_ = creationTimeMs_;
}

std::string RateSource::description() const {
  // Spark's text really has no closing bracket.
  return "RateStreamV2[rowsPerSecond=" + std::to_string(options_.rowsPerSecond) +
         ", rampUpTimeSeconds=" + std::to_string(options_.rampUpTimeSeconds) +
         ", numPartitions=" + options_.numPartitionsText;
}

std::optional<std::string> RateSource::latestOffset(const std::optional<std::string>&) {
  lastTimeMs_ = std::max(lastTimeMs_, clockMs_());
  return std::to_string((lastTimeMs_ - creationTimeMs_) / 1000);
}

plan::DataSourcePtr RateSource::getBatch(const std::optional<std::string>& start,
                                         const std::string& end) {
  int64_t startSeconds = start ? parseSecondsOffset(*start) : 0;
  int64_t endSeconds = parseSecondsOffset(end);
  if (startSeconds > endSeconds) {
    throwInternalError("rate source: startSeconds(" + std::to_string(startSeconds) +
                       ") > endSeconds(" + std::to_string(endSeconds) + ")");
  }
  if (endSeconds > maxSeconds_) {
    throwUserError("ARITHMETIC_OVERFLOW",
                   "Integer overflow. Max offset with " + std::to_string(options_.rowsPerSecond) +
                       " rowsPerSecond is " + std::to_string(maxSeconds_) + ", but it's " +
                       std::to_string(endSeconds) + " now.");
  }
  // After a restart the clock may be behind the recorded end.
  lastTimeMs_ = std::max(lastTimeMs_, creationTimeMs_ + endSeconds * 1000);
  int64_t rangeStart =
      rateValueAtSecond(startSeconds, options_.rowsPerSecond, options_.rampUpTimeSeconds);
  int64_t rangeEnd =
      rateValueAtSecond(endSeconds, options_.rowsPerSecond, options_.rampUpTimeSeconds);
  double msPerValue = rangeEnd == rangeStart
                          ? 0.0
                          : static_cast<double>((endSeconds - startSeconds) * 1000) /
                                static_cast<double>(rangeEnd - rangeStart);
  return makeRateBatch(rangeStart,
                       rangeEnd,
                       options_.numPartitions,
                       creationTimeMs_ + startSeconds * 1000,
                       msPerValue,
                       "RateStream(rowsPerSecond=" + std::to_string(options_.rowsPerSecond) +
                           ", rampUpTimeSeconds=" + std::to_string(options_.rampUpTimeSeconds) +
                           ", numPartitions=" + std::to_string(options_.numPartitions) + ")");
}

StructType RateSourceProvider::sourceSchema(const Options& options,
                                            const std::optional<StructType>& userSchema) const {
  if (userSchema) {
    throwUserError("UNSUPPORTED_OPERATION",
                   "RateStreamProvider source does not support user-specified schema.");
  }
  parseRateOptions(options);
  return rateSchema();
}

streaming::SourcePtr RateSourceProvider::createSource(
    const Options& options, const StructType&, const streaming::SourceContext& context) const {
  return std::make_unique<RateSource>(parseRateOptions(options), context);
}

}  // namespace rivulet::connectors
