// StreamingRelation: the leaf of a streaming DataFrame's plan. It names the source and its
// options; each run of a query creates the real Source, and each micro-batch replaces this
// leaf by the batch's data under the same attributes.
#pragma once

#include <string>

#include "rivulet/common/error.h"
#include "rivulet/common/options.h"
#include "rivulet/plan/data_source.h"
#include "rivulet/streaming/source.h"

namespace rivulet::streaming {

class StreamingRelation : public plan::DataSource {
 public:
  StreamingRelation(const SourceProvider& provider, Options options, StructType schema)
      : provider_(provider), options_(std::move(options)), schema_(std::move(schema)) {}

  StructType schema() const override { return schema_; }

  std::string relationName() const override { return provider_.name(); }

  std::string describeScan(const std::string& columns,
                           const StructType&,
                           const std::vector<expr::ExprPtr>&) const override {
    // Spark lists a streaming relation's attributes with ", " where file scans use ",".
    std::string spaced;
    for (char c : columns) {
      spaced += c;
      if (c == ',') {
        spaced += ' ';
      }
    }
    return "StreamingRelation " + provider_.name() + ", [" + spaced + "]";
  }

  std::unique_ptr<plan::BatchIterator> open(const std::vector<int>&,
                                            const std::vector<expr::ExprPtr>&,
                                            const plan::ScanContext&) const override {
    throw AnalysisException("Queries with streaming sources must be executed with writeStream.start();",
                            "STREAMING_QUERY_ACTION");
  }

  bool isStreaming() const override { return true; }

  const SourceProvider& provider() const { return provider_; }

  const Options& options() const { return options_; }

 private:
  const SourceProvider& provider_;
  Options options_;
  StructType schema_;
};

}  // namespace rivulet::streaming
