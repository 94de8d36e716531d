#include "rivulet/plan/sources/local_source.h"

#include "rivulet/common/error.h"

namespace rivulet::plan {

namespace {

class VectorIterator : public BatchIterator {
 public:
  VectorIterator(const std::vector<Batch>& batches, std::vector<int> projection)
      : batches_(batches), projection_(std::move(projection)) {}

  std::optional<Batch> next() override {
    if (index_ >= batches_.size()) {
      return std::nullopt;
    }
    const Batch& b = batches_[index_++];
    std::vector<VectorPtr> cols;
    for (int p : projection_) {
      cols.push_back(b.column(static_cast<size_t>(p)));
    }
    return Batch(std::move(cols), b.numRows());
  }

 private:
  const std::vector<Batch>& batches_;
  std::vector<int> projection_;
  size_t index_ = 0;
};

class RangeIterator : public BatchIterator {
 public:
  RangeIterator(int64_t start, int64_t end, int64_t step, int64_t batchRows, bool produce)
      : next_(start), end_(end), step_(step), batchRows_(batchRows), produce_(produce) {}

  std::optional<Batch> next() override {
    if ((step_ > 0 && next_ >= end_) || (step_ < 0 && next_ <= end_)) {
      return std::nullopt;
    }
    __int128 remaining = (static_cast<__int128>(end_) - next_ + step_ - (step_ > 0 ? 1 : -1)) / step_;
    int64_t n = static_cast<int64_t>(remaining < batchRows_ ? remaining : batchRows_);
    std::vector<VectorPtr> cols;
    if (produce_) {
      auto v = Vector::make(DataType::longType(), n);
      int64_t* out = v->values<int64_t>();
      for (int64_t i = 0; i < n; ++i) {
        out[i] = next_ + i * step_;
      }
      cols.push_back(v);
    }
    next_ += n * step_;
    return Batch(std::move(cols), n);
  }

 private:
  int64_t next_;
  int64_t end_;
  int64_t step_;
  int64_t batchRows_;
  bool produce_;
};

std::string filterList(const std::vector<expr::ExprPtr>& filters) {
  std::string s;
  for (size_t i = 0; i < filters.size(); ++i) {
    s += (i ? ", " : "") + filters[i]->toString();
  }
  return s;
}

}  // namespace

LocalSource::LocalSource(StructType schema, std::vector<Batch> batches, std::string name)
    : schema_(std::move(schema)), batches_(std::move(batches)), name_(std::move(name)) {}

std::string LocalSource::describeScan(const std::string& columns,
                                      const StructType&,
                                      const std::vector<expr::ExprPtr>&) const {
  return "LocalTableScan [" + columns + "]";
}

std::unique_ptr<BatchIterator> LocalSource::open(const std::vector<int>& projection,
                                                 const std::vector<expr::ExprPtr>&,
                                                 const ScanContext&) const {
  return std::make_unique<VectorIterator>(batches_, projection);
}

RangeSource::RangeSource(int64_t start, int64_t end, int64_t step) : start_(start), end_(end), step_(step) {
  if (step == 0) {
    throwUserError("INVALID_PARAMETER_VALUE", "The step of range() must not be 0");
  }
}

StructType RangeSource::schema() const { return StructType({{"id", DataType::longType(), false}}); }

std::string RangeSource::relationName() const {
  return "Range (" + std::to_string(start_) + ", " + std::to_string(end_) + ", step=" + std::to_string(step_) + ")";
}

std::string RangeSource::describeScan(const std::string&, const StructType&, const std::vector<expr::ExprPtr>& f) const {
  return "Range (" + std::to_string(start_) + ", " + std::to_string(end_) + ", step=" + std::to_string(step_) +
         ", splits=1)" + (f.empty() ? "" : " PushedFilters: [" + filterList(f) + "]");
}

std::unique_ptr<BatchIterator> RangeSource::open(const std::vector<int>& projection,
                                                 const std::vector<expr::ExprPtr>&,
                                                 const ScanContext& context) const {
  return std::make_unique<RangeIterator>(start_, end_, step_, context.batchRows, !projection.empty());
}

}  // namespace rivulet::plan
