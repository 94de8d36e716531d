// Filter + project over in-memory batches of two int columns: rows per second through the
// expression kernels and operators (filter(a > 0).select(a + b)).
#include <benchmark/benchmark.h>

#include "rivulet/columnar/batch.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/exec/physical_plan.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/evaluator.h"
#include "rivulet/expr/expression.h"
#include "rivulet/expr/expression_resolver.h"
#include "rivulet/expr/function_registry.h"

namespace {

using namespace rivulet;
using expr::Expression;

Batch makeBatch(int64_t rows) {
  auto a = Vector::make(DataType::integer(), rows);
  auto b = Vector::make(DataType::integer(), rows);
  for (int64_t i = 0; i < rows; ++i) {
    a->values<int32_t>()[i] = static_cast<int32_t>((i * 7919) % 1000) - 500;
    b->values<int32_t>()[i] = static_cast<int32_t>(i);
  }
  return Batch({a, b}, rows);
}

void BM_FilterProject(benchmark::State& state) {
  expr::registerBuiltinFunctions();
  const int64_t rows = state.range(0);
  Batch batch = makeBatch(rows);
  std::vector<expr::ExprPtr> attrs = {
      Expression::attribute("a", DataType::integer(), false, expr::newExprId()),
      Expression::attribute("b", DataType::integer(), false, expr::newExprId())};
  auto zero = Expression::literal(Value::integer(0), DataType::integer());
  auto cond = expr::bindReferences(
      expr::resolveExpression(Expression::call("greaterthan", {Expression::unresolvedAttribute("a"), zero}), attrs),
      attrs);
  auto sum = expr::bindReferences(
      expr::resolveExpression(
          Expression::call("add", {Expression::unresolvedAttribute("a"), Expression::unresolvedAttribute("b")}), attrs),
      attrs);
  expr::EvalContext context;
  int64_t kept = 0;
  for (auto _ : state) {
    auto selected = expr::evaluateFilter(*cond, batch, context);
    Batch filtered = gatherBatch(batch, selected.data(), static_cast<int64_t>(selected.size()));
    auto out = expr::evaluate(*sum, filtered, context);
    kept += out->size();
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * rows);
  state.counters["kept_fraction"] = static_cast<double>(kept) / (state.iterations() * rows);
}

BENCHMARK(BM_FilterProject)->Arg(4096)->Arg(65536);

}  // namespace

BENCHMARK_MAIN();
