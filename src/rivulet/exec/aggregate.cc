// Hash aggregation: groupBy().agg() with count, sum, avg, min, max, first, last, collect_list,
// collect_set and DISTINCT variants. Materialises the groups, then emits them in batches.
#include <unordered_map>
#include <unordered_set>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/exec/operators.h"
#include "rivulet/exec/row_key.h"
#include "rivulet/expr/evaluator.h"
#include "rivulet/expr/expression_resolver.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/value_compare.h"

namespace rivulet::exec {

using expr::Expression;
using expr::ExprKind;
using expr::ExprPtr;

namespace {

enum class AggKind { kCount, kSum, kAvg, kMin, kMax, kFirst, kLast, kCollectList, kCollectSet };

AggKind aggKind(const std::string& name) {
  if (name == "count") return AggKind::kCount;
  if (name == "sum") return AggKind::kSum;
  if (name == "avg") return AggKind::kAvg;
  if (name == "min") return AggKind::kMin;
  if (name == "max") return AggKind::kMax;
  if (name == "first") return AggKind::kFirst;
  if (name == "last") return AggKind::kLast;
  if (name == "collect_list") return AggKind::kCollectList;
  if (name == "collect_set") return AggKind::kCollectSet;
  throwInternalError("unknown aggregate " + name);
}

struct AggState {
  int64_t count = 0;
  double sumDouble = 0;
  int64_t sumLong = 0;
  __int128 sumDecimal = 0;
  Value value;
  bool seen = false;
  std::vector<Value> list;
  std::unordered_set<std::string> distinct;
};

struct AggSpec {
  ExprPtr call;  // resolved call (attributes)
  AggKind kind;
  std::vector<ExprPtr> args;  // bound arguments
  bool distinct;
};

class AggregateOperator : public Operator {
 public:
  AggregateOperator(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context)
      : input_(std::move(input)), eval_(evalContextFor(context)), batchRows_(context.batchRows) {
    const auto& in = node.child()->output;
    for (const auto& g : node.grouping) {
      grouping_.push_back(expr::bindReferences(g, in));
    }
    // Collect the distinct aggregate calls of the output expressions.
    for (const auto& e : node.exprs) {
      expr::anyNode(e, [&](const Expression& n) {
        if (n.kind() == ExprKind::kCall) {
          const auto* def = expr::findFunction(n.name());
          if (def && def->aggregate) {
            bool known = false;
            for (const auto& s : specs_) {
              known |= s.call->semanticEquals(n);
            }
            if (!known) {
              AggSpec spec;
              spec.call = std::make_shared<Expression>(n);
              spec.kind = aggKind(def->name);
              spec.distinct = n.distinct();
              for (const auto& a : n.children()) {
                spec.args.push_back(expr::bindReferences(a, in));
              }
              specs_.push_back(std::move(spec));
            }
          }
        }
        return false;
      });
    }
    // Output expressions over [grouping..., aggregates...].
    std::vector<ExprPtr> slots;
    for (size_t i = 0; i < node.grouping.size(); ++i) {
      slots.push_back(Expression::bound(static_cast<int>(i), node.grouping[i]->type(), true, "g"));
    }
    for (const auto& e : node.exprs) {
      outputs_.push_back(expr::transformUp(e, [&](const ExprPtr& n) -> ExprPtr {
        for (size_t i = 0; i < specs_.size(); ++i) {
          if (specs_[i].call->semanticEquals(*n)) {
            return Expression::bound(static_cast<int>(node.grouping.size() + i), n->type(), true, n->name());
          }
        }
        for (size_t i = 0; i < node.grouping.size(); ++i) {
          if (node.grouping[i]->semanticEquals(*n)) {
            return slots[i];
          }
        }
        return nullptr;
      }));
    }
    for (const auto& e : outputs_) {
      if (expr::anyNode(e, [](const Expression& n) { return n.kind() == ExprKind::kAttribute; })) {
        throwInternalError("aggregate output still refers to input columns: " + e->toString());
      }
    }
    global_ = node.grouping.empty();
  }

  std::optional<Batch> next() override {
    if (!done_) {
      consume();
      done_ = true;
    }
    if (position_ >= result_.numRows()) {
      return std::nullopt;
    }
    int64_t n = std::min(batchRows_, result_.numRows() - position_);
    Batch out = sliceBatch(result_, position_, n);
    position_ += n;
    return out;
  }

 private:
  void update(AggSpec& spec, AggState& state, const std::vector<VectorPtr>& args, int64_t row) {
    if (spec.kind == AggKind::kCount) {
      if (anyNull(args, row)) {
        return;
      }
      if (spec.distinct) {
        state.distinct.insert(rowKey(args, row));
      } else {
        ++state.count;
      }
      return;
    }
    const Vector& v = *args[0];
    bool isNull = v.isNull(row);
    if (spec.distinct && !isNull && spec.kind != AggKind::kCollectSet) {
      if (!state.distinct.insert(rowKey(args, row)).second) {
        return;
      }
    }
    switch (spec.kind) {
      case AggKind::kSum:
      case AggKind::kAvg:
        if (isNull) {
          return;
        }
        state.seen = true;
        ++state.count;
        switch (v.typeId()) {
          case TypeId::kLong: state.sumLong += v.values<int64_t>()[row]; break;
          case TypeId::kDouble: state.sumDouble += v.values<double>()[row]; break;
          case TypeId::kDecimal: state.sumDecimal += v.values<__int128>()[row]; break;
          default: throwInternalError("sum over " + v.type()->simpleString());
        }
        return;
      case AggKind::kMin:
      case AggKind::kMax: {
        if (isNull) {
          return;
        }
        Value x = valueAt(v, row);
        if (!state.seen) {
          state.value = std::move(x);
          state.seen = true;
          return;
        }
        int c = expr::compareValues(x, state.value, *v.type());
        if ((spec.kind == AggKind::kMin && c < 0) || (spec.kind == AggKind::kMax && c > 0)) {
          state.value = std::move(x);
        }
        return;
      }
      case AggKind::kFirst:
        if (!state.seen) {
          state.value = valueAt(v, row);
          state.seen = true;
        }
        return;
      case AggKind::kLast:
        state.value = valueAt(v, row);
        state.seen = true;
        return;
      case AggKind::kCollectList:
        if (!isNull) {
          state.list.push_back(valueAt(v, row));
        }
        return;
      case AggKind::kCollectSet:
        if (!isNull && state.distinct.insert(rowKey(args, row)).second) {
          state.list.push_back(valueAt(v, row));
        }
        return;
      case AggKind::kCount: return;
    }
  }

  Value result(const AggSpec& spec, const AggState& state) const {
    const DataType& type = *spec.call->type();
    switch (spec.kind) {
      case AggKind::kCount:
        return Value::integer(spec.distinct ? static_cast<int64_t>(state.distinct.size()) : state.count);
      case AggKind::kSum:
        if (!state.seen) return Value();
        if (type.id() == TypeId::kLong) return Value::integer(state.sumLong);
        if (type.id() == TypeId::kDecimal) return Value::decimal(state.sumDecimal, type.scale());
        return Value::real(state.sumDouble);
      case AggKind::kAvg:
        if (!state.seen) return Value();
        return Value::real(state.sumDouble / static_cast<double>(state.count));
      case AggKind::kCollectList:
      case AggKind::kCollectSet: return Value::array(state.list);
      default: return state.seen ? state.value : Value();
    }
  }

  void consume() {
    std::unordered_map<std::string, size_t> groups;
    std::vector<std::vector<AggState>> states;
    std::vector<std::vector<Value>> keys;
    while (auto b = input_->next()) {
      std::vector<VectorPtr> groupColumns;
      for (const auto& g : grouping_) {
        groupColumns.push_back(expr::evaluate(*g, *b, eval_));
      }
      std::vector<std::vector<VectorPtr>> argColumns(specs_.size());
      for (size_t s = 0; s < specs_.size(); ++s) {
        for (const auto& a : specs_[s].args) {
          argColumns[s].push_back(expr::evaluate(*a, *b, eval_));
        }
      }
      std::string key;
      for (int64_t i = 0; i < b->numRows(); ++i) {
        key.clear();
        for (const auto& c : groupColumns) {
          appendKey(*c, i, key);
        }
        auto [it, inserted] = groups.emplace(key, states.size());
        if (inserted) {
          states.emplace_back(specs_.size());
          std::vector<Value> k;
          for (const auto& c : groupColumns) {
            k.push_back(valueAt(*c, i));
          }
          keys.push_back(std::move(k));
        }
        auto& row = states[it->second];
        for (size_t s = 0; s < specs_.size(); ++s) {
          update(specs_[s], row[s], argColumns[s], i);
        }
      }
    }
    if (global_ && states.empty()) {
      states.emplace_back(specs_.size());
      keys.emplace_back();
    }
    // [grouping..., aggregates...] then the output expressions over them.
    std::vector<VectorPtr> slots;
    int64_t n = static_cast<int64_t>(states.size());
    for (size_t g = 0; g < grouping_.size(); ++g) {
      VectorBuilder b(grouping_[g]->type(), n);
      for (const auto& k : keys) {
        b.append(k[g]);
      }
      slots.push_back(b.finish());
    }
    for (size_t s = 0; s < specs_.size(); ++s) {
      VectorBuilder b(specs_[s].call->type(), n);
      for (const auto& row : states) {
        b.append(result(specs_[s], row[s]));
      }
      slots.push_back(b.finish());
    }
    Batch slotBatch(std::move(slots), n);
    std::vector<VectorPtr> cols;
    for (const auto& o : outputs_) {
      cols.push_back(expr::evaluate(*o, slotBatch, eval_));
    }
    result_ = Batch(std::move(cols), n);
  }

  OperatorPtr input_;
  expr::EvalContext eval_;
  int64_t batchRows_;
  std::vector<ExprPtr> grouping_;
  std::vector<AggSpec> specs_;
  std::vector<ExprPtr> outputs_;
  bool global_ = false;
  bool done_ = false;
  Batch result_;
  int64_t position_ = 0;
};

}  // namespace

OperatorPtr makeAggregate(const plan::LogicalPlan& node, OperatorPtr input, ExecContext& context) {
  return std::make_unique<AggregateOperator>(node, std::move(input), context);
}

}  // namespace rivulet::exec
