// BatchStream: a micro-batch's output pulled batch by batch (declared in sink.h).
#include "rivulet/streaming/sink.h"

namespace rivulet::streaming {

BatchStream::BatchStream(StructType schema, Pull pull) : schema_(std::move(schema)), pull_(std::move(pull)) {}

BatchStream::BatchStream(BatchData data) : schema_(std::move(data.schema)) {
  auto batches = std::make_shared<std::vector<Batch>>(std::move(data.batches));
  pull_ = [batches, i = size_t{0}]() mutable -> std::optional<Batch> {
    if (i >= batches->size()) {
      return std::nullopt;
    }
    return std::move((*batches)[i++]);
  };
}

std::optional<Batch> BatchStream::next() {
  auto b = pull_();
  if (b) {
    rows_ += b->numRows();
  }
  return b;
}

BatchData BatchStream::collect() {
  BatchData out;
  out.schema = schema_;
  while (auto b = next()) {
    out.batches.push_back(std::move(*b));
  }
  return out;
}

}  // namespace rivulet::streaming
