// Joins: hash join on the equality keys of the condition (right side built into a hash table),
// nested-loop join otherwise; inner, left/right/full outer, left semi, left anti and cross.
#include <unordered_map>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/exec/operators.h"
#include "rivulet/exec/row_key.h"
#include "rivulet/expr/evaluator.h"
#include "rivulet/expr/expression_resolver.h"

namespace rivulet::exec {

using expr::Expression;
using expr::ExprKind;
using expr::ExprPtr;
using plan::JoinType;

namespace {

bool refersOnlyTo(const ExprPtr& e, const std::vector<ExprPtr>& attrs) {
  return !expr::anyNode(e, [&](const Expression& n) {
    if (n.kind() != ExprKind::kAttribute) {
      return false;
    }
    for (const auto& a : attrs) {
      if (a->exprId() == n.exprId()) {
        return false;
      }
    }
    return true;
  });
}

void splitConjuncts(const ExprPtr& e, std::vector<ExprPtr>& out) {
  if (e->kind() == ExprKind::kCall && e->name() == "and") {
    splitConjuncts(e->child(0), out);
    splitConjuncts(e->child(1), out);
  } else {
    out.push_back(e);
  }
}

struct JoinKeys {
  std::vector<ExprPtr> left;
  std::vector<ExprPtr> right;
  std::vector<ExprPtr> residual;
};

JoinKeys extractKeys(const plan::LogicalPlan& join) {
  JoinKeys keys;
  if (join.exprs.empty()) {
    return keys;
  }
  const auto& l = join.child(0)->output;
  const auto& r = join.child(1)->output;
  std::vector<ExprPtr> conjuncts;
  splitConjuncts(join.exprs[0], conjuncts);
  for (const auto& c : conjuncts) {
    if (c->kind() == ExprKind::kCall && c->name() == "equalto") {
      const auto& a = c->child(0);
      const auto& b = c->child(1);
      if (refersOnlyTo(a, l) && refersOnlyTo(b, r)) {
        keys.left.push_back(a);
        keys.right.push_back(b);
        continue;
      }
      if (refersOnlyTo(a, r) && refersOnlyTo(b, l)) {
        keys.left.push_back(b);
        keys.right.push_back(a);
        continue;
      }
    }
    keys.residual.push_back(c);
  }
  return keys;
}

VectorPtr gatherOrNull(const Vector& source, const std::vector<int32_t>& idx) {
  VectorBuilder b(source.type(), static_cast<int64_t>(idx.size()));
  for (int32_t i : idx) {
    if (i < 0) {
      b.appendNull();
    } else {
      b.appendFrom(source, i);
    }
  }
  return b.finish();
}

class JoinOperator : public Operator {
 public:
  JoinOperator(const plan::LogicalPlan& node, OperatorPtr left, OperatorPtr right, ExecContext& context)
      : left_(std::move(left)),
        right_(std::move(right)),
        type_(node.joinType),
        eval_(evalContextFor(context)),
        batchRows_(context.batchRows) {
    const auto& l = node.child(0)->output;
    const auto& r = node.child(1)->output;
    JoinKeys keys = extractKeys(node);
    for (const auto& k : keys.left) leftKeys_.push_back(expr::bindReferences(k, l));
    for (const auto& k : keys.right) rightKeys_.push_back(expr::bindReferences(k, r));
    std::vector<ExprPtr> both = l;
    both.insert(both.end(), r.begin(), r.end());
    if (!keys.residual.empty()) {
      ExprPtr cond = keys.residual[0];
      for (size_t i = 1; i < keys.residual.size(); ++i) {
        cond = expr::resolveCall(Expression::call("and", {cond, keys.residual[i]}));
      }
      residual_ = expr::bindReferences(cond, both);
    }
    leftColumns_ = l.size();
    for (const auto& a : l) {
      leftTypes_.push_back(a->type());
    }
    for (const auto& a : r) {
      rightTypes_.push_back(a->type());
    }
    rightColumns_ = r.size();
  }

  std::optional<Batch> next() override {
    if (!built_) {
      build();
    }
    while (true) {
      auto b = left_->next();
      if (!b) {
        return finishRight();
      }
      auto out = probe(*b);
      if (out.numRows() > 0) {
        return out;
      }
    }
  }

 private:
  void build() {
    built_ = true;
    std::vector<Batch> batches;
    while (auto b = right_->next()) {
      batches.push_back(std::move(*b));
    }
    if (batches.empty()) {
      std::vector<VectorPtr> empty;
      for (const auto& t : rightTypes_) {
        empty.push_back(Vector::make(t, 0));
      }
      right_all_ = Batch(std::move(empty), 0);
      return;
    }
    right_all_ = concatBatches(batches, rightColumns_);
    matched_.assign(static_cast<size_t>(right_all_.numRows()), false);
    if (!rightKeys_.empty()) {
      std::vector<VectorPtr> cols;
      for (const auto& k : rightKeys_) {
        cols.push_back(expr::evaluate(*k, right_all_, eval_));
      }
      for (int64_t i = 0; i < right_all_.numRows(); ++i) {
        if (!anyNull(cols, i)) {
          table_[rowKey(cols, i)].push_back(static_cast<int32_t>(i));
        }
      }
    }
  }

  Batch probe(const Batch& left) {
    std::vector<int32_t> li;
    std::vector<int32_t> ri;
    int64_t rightRows = right_all_.numRows();
    if (!rightKeys_.empty()) {
      std::vector<VectorPtr> cols;
      for (const auto& k : leftKeys_) {
        cols.push_back(expr::evaluate(*k, left, eval_));
      }
      for (int64_t i = 0; i < left.numRows(); ++i) {
        if (anyNull(cols, i)) {
          continue;
        }
        auto it = table_.find(rowKey(cols, i));
        if (it == table_.end()) {
          continue;
        }
        for (int32_t r : it->second) {
          li.push_back(static_cast<int32_t>(i));
          ri.push_back(r);
        }
      }
    } else {
      for (int64_t i = 0; i < left.numRows(); ++i) {
        for (int64_t r = 0; r < rightRows; ++r) {
          li.push_back(static_cast<int32_t>(i));
          ri.push_back(static_cast<int32_t>(r));
        }
      }
    }
    // Candidate pairs, then the residual condition.
    if (residual_ && !li.empty()) {
      Batch pairs = pairBatch(left, li, ri);
      auto keep = expr::evaluateFilter(*residual_, pairs, eval_);
      std::vector<int32_t> l2, r2;
      for (int32_t k : keep) {
        l2.push_back(li[k]);
        r2.push_back(ri[k]);
      }
      li.swap(l2);
      ri.swap(r2);
    }
    std::vector<bool> leftMatched(static_cast<size_t>(left.numRows()), false);
    for (size_t k = 0; k < li.size(); ++k) {
      leftMatched[li[k]] = true;
      if (!matched_.empty()) {
        matched_[ri[k]] = true;
      }
    }
    switch (type_) {
      case JoinType::kLeftSemi:
      case JoinType::kLeftAnti: {
        std::vector<int32_t> rows;
        for (int64_t i = 0; i < left.numRows(); ++i) {
          if (leftMatched[i] == (type_ == JoinType::kLeftSemi)) {
            rows.push_back(static_cast<int32_t>(i));
          }
        }
        return gatherBatch(left, rows.data(), static_cast<int64_t>(rows.size()));
      }
      case JoinType::kLeftOuter:
      case JoinType::kFullOuter:
        for (int64_t i = 0; i < left.numRows(); ++i) {
          if (!leftMatched[i]) {
            li.push_back(static_cast<int32_t>(i));
            ri.push_back(-1);
          }
        }
        break;
      default:
        break;
    }
    return pairBatch(left, li, ri);
  }

  Batch pairBatch(const Batch& left, const std::vector<int32_t>& li, const std::vector<int32_t>& ri) {
    std::vector<VectorPtr> cols;
    int64_t n = static_cast<int64_t>(li.size());
    for (const auto& c : left.columns()) {
      cols.push_back(gatherOrNull(*c, li));
    }
    for (size_t c = 0; c < rightColumns_; ++c) {
      cols.push_back(gatherOrNull(*right_all_.column(c), ri));
    }
    return Batch(std::move(cols), n);
  }

  std::optional<Batch> finishRight() {
    if (finished_ || (type_ != JoinType::kRightOuter && type_ != JoinType::kFullOuter)) {
      return std::nullopt;
    }
    finished_ = true;
    std::vector<int32_t> ri;
    for (size_t r = 0; r < matched_.size(); ++r) {
      if (!matched_[r]) {
        ri.push_back(static_cast<int32_t>(r));
      }
    }
    if (ri.empty()) {
      return std::nullopt;
    }
    std::vector<VectorPtr> cols;
    std::vector<int32_t> none(ri.size(), -1);
    for (size_t c = 0; c < leftColumns_; ++c) {
      cols.push_back(constantVector(leftTypes_[c], Value(),
                                    static_cast<int64_t>(ri.size())));
    }
    for (size_t c = 0; c < rightColumns_; ++c) {
      cols.push_back(gatherOrNull(*right_all_.column(c), ri));
    }
    return Batch(std::move(cols), static_cast<int64_t>(ri.size()));
  }

  OperatorPtr left_;
  OperatorPtr right_;
  JoinType type_;
  expr::EvalContext eval_;
  int64_t batchRows_;
  std::vector<ExprPtr> leftKeys_;
  std::vector<ExprPtr> rightKeys_;
  ExprPtr residual_;
  std::vector<DataTypePtr> leftTypes_;
  std::vector<DataTypePtr> rightTypes_;
  size_t leftColumns_ = 0;
  size_t rightColumns_ = 0;
  bool built_ = false;
  bool finished_ = false;
  Batch right_all_;
  std::vector<bool> matched_;
  std::unordered_map<std::string, std::vector<int32_t>> table_;
};

}  // namespace

bool hasEquiJoinKeys(const plan::LogicalPlan& join) { return !extractKeys(join).left.empty(); }

OperatorPtr makeJoin(const plan::LogicalPlan& node, OperatorPtr left, OperatorPtr right, ExecContext& context) {
  return std::make_unique<JoinOperator>(node, std::move(left), std::move(right), context);
}

}  // namespace rivulet::exec
