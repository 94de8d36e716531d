// Distinct / dropDuplicates (hash set, streaming: the first row of each key passes) and sort.
#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "rivulet/columnar/vector_ops.h"
#include "rivulet/exec/operators.h"
#include "rivulet/exec/row_key.h"
#include "rivulet/expr/evaluator.h"
#include "rivulet/expr/expression_resolver.h"
#include "rivulet/expr/kernels/value_compare.h"

namespace rivulet::exec {

namespace {

class DistinctOperator : public Operator {
 public:
  DistinctOperator(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context)
      : input_(std::move(input)), eval_(evalContextFor(context)) {
    for (const auto& k : node.exprs) {
      keys_.push_back(expr::bindReferences(k, node.child()->output));
    }
  }

  std::optional<Batch> next() override {
    while (auto b = input_->next()) {
      std::vector<VectorPtr> keyColumns;
      if (keys_.empty()) {
        keyColumns = b->columns();
      } else {
        for (const auto& k : keys_) {
          keyColumns.push_back(expr::evaluate(*k, *b, eval_));
        }
      }
      std::vector<int32_t> selected;
      std::string key;
      for (int64_t i = 0; i < b->numRows(); ++i) {
        key.clear();
        for (const auto& c : keyColumns) {
          appendKey(*c, i, key);
        }
        if (seen_.insert(key).second) {
          selected.push_back(static_cast<int32_t>(i));
        }
      }
      if (!selected.empty()) {
        return gatherBatch(*b, selected.data(), static_cast<int64_t>(selected.size()));
      }
    }
    return std::nullopt;
  }

 private:
  OperatorPtr input_;
  std::vector<expr::ExprPtr> keys_;
  expr::EvalContext eval_;
  std::unordered_set<std::string> seen_;
};

class SortOperator : public Operator {
 public:
  SortOperator(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context)
      : input_(std::move(input)), eval_(evalContextFor(context)), batchRows_(context.batchRows) {
    for (const auto& o : node.exprs) {
      orders_.push_back(expr::bindReferences(o, node.child()->output));
    }
    numColumns_ = node.child()->output.size();
  }

  std::optional<Batch> next() override {
    if (!sorted_) {
      sortAll();
    }
    if (position_ >= all_.numRows()) {
      return std::nullopt;
    }
    int64_t n = std::min(batchRows_, all_.numRows() - position_);
    Batch out = gatherBatch(all_, order_.data() + position_, n);
    position_ += n;
    return out;
  }

 private:
  void sortAll() {
    sorted_ = true;
    std::vector<Batch> batches;
    while (auto b = input_->next()) {
      batches.push_back(std::move(*b));
    }
    if (batches.empty()) {
      return;
    }
    all_ = concatBatches(batches, numColumns_);
    std::vector<VectorPtr> keys;
    for (const auto& o : orders_) {
      keys.push_back(expr::evaluate(*o, all_, eval_));
    }
    order_.resize(static_cast<size_t>(all_.numRows()));
    std::iota(order_.begin(), order_.end(), 0);
    // Materialise key values once; compare them per order with its direction and null order.
    std::vector<std::vector<Value>> values(keys.size());
    for (size_t k = 0; k < keys.size(); ++k) {
      values[k].reserve(static_cast<size_t>(all_.numRows()));
      for (int64_t i = 0; i < all_.numRows(); ++i) {
        values[k].push_back(valueAt(*keys[k], i));
      }
    }
    std::stable_sort(order_.begin(), order_.end(), [&](int32_t a, int32_t b) {
      for (size_t k = 0; k < orders_.size(); ++k) {
        const Value& x = values[k][a];
        const Value& y = values[k][b];
        if (x.isNull() || y.isNull()) {
          if (x.isNull() && y.isNull()) {
            continue;
          }
          bool nullFirst = orders_[k]->nullsFirst();
          return x.isNull() ? nullFirst : !nullFirst;
        }
        int c = expr::compareValues(x, y, *orders_[k]->type());
        if (c != 0) {
          return orders_[k]->ascending() ? c < 0 : c > 0;
        }
      }
      return false;
    });
  }

  OperatorPtr input_;
  std::vector<expr::ExprPtr> orders_;
  expr::EvalContext eval_;
  int64_t batchRows_;
  size_t numColumns_ = 0;
  bool sorted_ = false;
  Batch all_;
  std::vector<int32_t> order_;
  int64_t position_ = 0;
};

}  // namespace

OperatorPtr makeDistinct(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context) {
  return std::make_unique<DistinctOperator>(node, std::move(input), context);
}

OperatorPtr makeSort(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context) {
  return std::make_unique<SortOperator>(node, std::move(input), context);
}

}  // namespace rivulet::exec
