// Scan, project, filter, limit, sample and union: the streaming (non-blocking) operators.
#include <random>

#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/exec/operators.h"
#include "rivulet/expr/evaluator.h"
#include "rivulet/expr/expression_resolver.h"

namespace rivulet::exec {

namespace {

class ScanOperator : public Operator {
 public:
  ScanOperator(const plan::LogicalPlan& node, ExecContext& context) {
    plan::ScanContext scan;
    scan.zone = context.zone;
    scan.batchRows = context.batchRows;
    iterator_ = node.source->open(node.projection, node.pushedFilters, scan);
  }

  std::optional<Batch> next() override {
    while (auto b = iterator_->next()) {
      if (b->numRows() > 0) {
        return b;
      }
    }
    return std::nullopt;
  }

 private:
  std::unique_ptr<plan::BatchIterator> iterator_;
};

class ProjectOperator : public Operator {
 public:
  ProjectOperator(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context)
      : input_(std::move(input)), eval_(evalContextFor(context)) {
    for (const auto& e : node.exprs) {
      exprs_.push_back(expr::bindReferences(e, node.child()->output));
    }
  }

  std::optional<Batch> next() override {
    auto b = input_->next();
    if (!b) {
      return std::nullopt;
    }
    std::vector<VectorPtr> cols;
    cols.reserve(exprs_.size());
    for (const auto& e : exprs_) {
      cols.push_back(expr::evaluate(*e, *b, eval_));
    }
    eval_.rowOffset += b->numRows();
    return Batch(std::move(cols), b->numRows());
  }

 private:
  OperatorPtr input_;
  std::vector<expr::ExprPtr> exprs_;
  expr::EvalContext eval_;
};

class FilterOperator : public Operator {
 public:
  FilterOperator(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context)
      : input_(std::move(input)),
        condition_(expr::bindReferences(node.exprs[0], node.child()->output)),
        eval_(evalContextFor(context)) {}

  std::optional<Batch> next() override {
    while (auto b = input_->next()) {
      auto selected = expr::evaluateFilter(*condition_, *b, eval_);
      eval_.rowOffset += b->numRows();
      if (selected.empty()) {
        continue;
      }
      if (static_cast<int64_t>(selected.size()) == b->numRows()) {
        return b;
      }
      return gatherBatch(*b, selected.data(), static_cast<int64_t>(selected.size()));
    }
    return std::nullopt;
  }

 private:
  OperatorPtr input_;
  expr::ExprPtr condition_;
  expr::EvalContext eval_;
};

class LimitOperator : public Operator {
 public:
  LimitOperator(int64_t limit, OperatorPtr input) : input_(std::move(input)), remaining_(limit) {}

  std::optional<Batch> next() override {
    if (remaining_ <= 0) {
      return std::nullopt;
    }
    auto b = input_->next();
    if (!b) {
      return std::nullopt;
    }
    if (b->numRows() > remaining_) {
      Batch cut = sliceBatch(*b, 0, remaining_);
      remaining_ = 0;
      return cut;
    }
    remaining_ -= b->numRows();
    return b;
  }

 private:
  OperatorPtr input_;
  int64_t remaining_;
};

class SampleOperator : public Operator {
 public:
  SampleOperator(const plan::LogicalPlan& node, OperatorPtr input)
      : input_(std::move(input)),
        fraction_(node.fraction),
        withReplacement_(node.withReplacement),
        random_(static_cast<uint64_t>(node.seed)) {}

  std::optional<Batch> next() override {
    while (auto b = input_->next()) {
      std::vector<int32_t> selected;
      if (withReplacement_) {
        std::poisson_distribution<int> poisson(fraction_);
        for (int64_t i = 0; i < b->numRows(); ++i) {
          for (int k = poisson(random_); k > 0; --k) {
            selected.push_back(static_cast<int32_t>(i));
          }
        }
      } else {
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        for (int64_t i = 0; i < b->numRows(); ++i) {
          if (uniform(random_) < fraction_) {
            selected.push_back(static_cast<int32_t>(i));
          }
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
  double fraction_;
  bool withReplacement_;
  std::mt19937_64 random_;
};

class UnionOperator : public Operator {
 public:
  explicit UnionOperator(std::vector<OperatorPtr> inputs) : inputs_(std::move(inputs)) {}

  std::optional<Batch> next() override {
    while (current_ < inputs_.size()) {
      if (auto b = inputs_[current_]->next()) {
        return b;
      }
      ++current_;
    }
    return std::nullopt;
  }

 private:
  std::vector<OperatorPtr> inputs_;
  size_t current_ = 0;
};

}  // namespace

expr::EvalContext evalContextFor(const ExecContext& context) {
  expr::EvalContext eval;
  eval.zone = context.zone;
  eval.currentTimestampMicros = context.currentTimestampMicros;
  eval.randomSalt = context.randomSalt;
  return eval;
}

OperatorPtr makeScan(const plan::LogicalPlan& node, ExecContext& context) {
  return std::make_unique<ScanOperator>(node, context);
}

OperatorPtr makeProject(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context) {
  return std::make_unique<ProjectOperator>(node, std::move(input), context);
}

OperatorPtr makeFilter(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context) {
  return std::make_unique<FilterOperator>(node, std::move(input), context);
}

OperatorPtr makeLimit(const plan::LogicalPlan& node, OperatorPtr input) {
  return std::make_unique<LimitOperator>(node.limit, std::move(input));
}

OperatorPtr makeSample(const plan::LogicalPlan& node, OperatorPtr input) {
  return std::make_unique<SampleOperator>(node, std::move(input));
}

OperatorPtr makeUnion(std::vector<OperatorPtr> inputs) {
  return std::make_unique<UnionOperator>(std::move(inputs));
}

OperatorPtr makeOperator(const PhysicalPlan& node, std::vector<OperatorPtr> inputs, ExecContext& context) {
  const plan::LogicalPlan& l = *node.logical;
  switch (node.kind) {
    case PhysicalKind::kScan: return makeScan(l, context);
    case PhysicalKind::kProject: return makeProject(l, std::move(inputs[0]), context);
    case PhysicalKind::kFilter: return makeFilter(l, std::move(inputs[0]), context);
    case PhysicalKind::kLimit: return makeLimit(l, std::move(inputs[0]));
    case PhysicalKind::kSample: return makeSample(l, std::move(inputs[0]));
    case PhysicalKind::kUnion: return makeUnion(std::move(inputs));
    case PhysicalKind::kHashDistinct: return makeDistinct(l, std::move(inputs[0]), context);
    case PhysicalKind::kSort: return makeSort(l, std::move(inputs[0]), context);
    case PhysicalKind::kHashAggregate: return makeAggregate(l, std::move(inputs[0]), context);
    case PhysicalKind::kHashJoin:
    case PhysicalKind::kNestedLoopJoin:
      return makeJoin(l, std::move(inputs[0]), std::move(inputs[1]), context);
  }
  throwInternalError("unknown physical operator");
}

}  // namespace rivulet::exec
