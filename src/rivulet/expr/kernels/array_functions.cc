// Array functions: shuffle, array_contains, array_position, sort_array, array_distinct,
// flatten, slice, array_join, arrays_zip.
#include <algorithm>
#include <numeric>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/function_util.h"
#include "rivulet/expr/kernels/kernel_util.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

namespace {

using Args = std::vector<ExprPtr>;
using Vectors = std::vector<VectorPtr>;

void requireArray(const Args& args, const Expression& call, size_t index) {
  if (args[index]->type()->id() != TypeId::kArray) {
    throwUnexpectedInputType(call, index, args[index], "ARRAY");
  }
}

/// Rewrites each array row through `fn(begin, end, rows)` that appends element rows.
template <typename Fn>
VectorPtr mapArrays(const Vector& in, const DataTypePtr& type, Fn&& fn) {
  int64_t n = in.size();
  std::vector<int64_t> offsets(static_cast<size_t>(n) + 1, 0);
  std::vector<int64_t> rows;
  std::vector<uint8_t> isNull(static_cast<size_t>(n), 0);
  for (int64_t i = 0; i < n; ++i) {
    if (in.isNull(i)) {
      isNull[static_cast<size_t>(i)] = 1;
    } else if (!fn(i, in.offsets()[i], in.offsets()[i + 1], rows)) {
      isNull[static_cast<size_t>(i)] = 1;
    }
    offsets[static_cast<size_t>(i) + 1] = static_cast<int64_t>(rows.size());
  }
  return arrayFromRows(type, in.child(0), offsets, rows, isNull);
}

void registerShuffle() {
  FunctionDef def;
  def.name = "shuffle";
  def.deterministic = false;
  def.resolve = [](const Args& args, const Expression& call) {
    checkArgCount(call, args, 1, 1);
    requireArray(args, call, 0);
    return ResolvedCall{args, args[0]->type(), args[0]->nullable()};
  };
  def.eval = [](const Vectors& a, int64_t, EvalContext& context, const Expression& call) {
    int64_t seed = call.literal().isNull() ? 0 : call.literal().asInt();
    auto& rng = context.random(&call, seed);
    return mapArrays(*a[0], call.type(), [&](int64_t, int64_t begin, int64_t end, std::vector<int64_t>& rows) {
      size_t start = rows.size();
      for (int64_t j = begin; j < end; ++j) {
        rows.push_back(j);
      }
      for (size_t k = rows.size() - start; k > 1; --k) {
        size_t pick = static_cast<size_t>(rng() % k);
        std::swap(rows[start + k - 1], rows[start + pick]);
      }
      return true;
    });
  };
  registerFunction(std::move(def));
}

// array_contains / array_position: the element type and the value's type must agree.
ResolvedCall resolveSearch(const Args& args, const Expression& call, DataTypePtr result) {
  checkArgCount(call, args, 2, 2);
  const auto& t = args[0]->type();
  DataTypePtr common;
  if (t->id() == TypeId::kArray) {
    common = tightestCommonType(t->elementType(), args[1]->type());
  }
  if (!common || args[1]->type()->id() == TypeId::kNull) {
    const FunctionDef* def = findFunction(call.name());
    throw AnalysisException("[DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES] Cannot resolve \"" + call.prettyName() +
                                "\" due to data type mismatch: Input to `" + def->name +
                                "` should have been \"ARRAY\" followed by a value with same element type, but it's [\"" +
                                t->sql() + "\", \"" + args[1]->type()->sql() + "\"].",
                            "DATATYPE_MISMATCH");
  }
  bool nullable = anyNullable(args) || (result->id() == TypeId::kBoolean && t->containsNull());
  return {{castIfNeeded(args[0], DataType::array(common, t->containsNull())), castIfNeeded(args[1], common)},
          std::move(result),
          nullable};
}

void registerSearch() {
  registerSimple(
      "array_contains",
      [](const Args& args, const Expression& call) { return resolveSearch(args, call, DataType::boolean()); },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::boolean(), n);
        propagateNulls(*out, {a[0].get(), a[1].get()});
        uint8_t* r = out->values<uint8_t>();
        const Vector& e = *a[0]->child(0);
        for (int64_t i = 0; i < n; ++i) {
          r[i] = 0;
          if (out->isNull(i)) {
            continue;
          }
          bool sawNull = false;
          for (int64_t j = a[0]->offsets()[i]; j < a[0]->offsets()[i + 1] && !r[i]; ++j) {
            if (e.isNull(j)) {
              sawNull = true;
            } else if (compareCells(e, j, *a[1], i) == 0) {
              r[i] = 1;
            }
          }
          if (!r[i] && sawNull) {
            out->setNull(i, true);
          }
        }
        return out;
      });
  registerSimple(
      "array_position",
      [](const Args& args, const Expression& call) { return resolveSearch(args, call, DataType::longType()); },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::longType(), n);
        propagateNulls(*out, {a[0].get(), a[1].get()});
        int64_t* r = out->values<int64_t>();
        const Vector& e = *a[0]->child(0);
        for (int64_t i = 0; i < n; ++i) {
          r[i] = 0;
          if (out->isNull(i)) {
            continue;
          }
          for (int64_t j = a[0]->offsets()[i]; j < a[0]->offsets()[i + 1]; ++j) {
            if (!e.isNull(j) && compareCells(e, j, *a[1], i) == 0) {
              r[i] = j - a[0]->offsets()[i] + 1;
              break;
            }
          }
        }
        return out;
      });
}

void registerSortDistinct() {
  registerSimple(
      "sort_array",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 2);
        requireArray(args, call, 0);
        Args in = args;
        if (in.size() == 1) {
          in.push_back(Expression::literal(Value::boolean(true), DataType::boolean()));
        }
        if (in[1]->kind() != ExprKind::kLiteral || in[1]->type()->id() != TypeId::kBoolean) {
          throw AnalysisException("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" + call.prettyName() +
                                      "\" due to data type mismatch: Parameter 2 requires the \"BOOLEAN\" type, however \"" +
                                      in[1]->prettyName() + "\" has the type \"" + in[1]->type()->sql() + "\".",
                                  "DATATYPE_MISMATCH");
        }
        return ResolvedCall{in, args[0]->type(), args[0]->nullable()};
      },
      [](const Vectors& a, int64_t, EvalContext&, const Expression& call) {
        bool asc = call.child(1)->literal().isNull() || call.child(1)->literal().asBool();
        const Vector& e = *a[0]->child(0);
        return mapArrays(*a[0], call.type(), [&](int64_t, int64_t begin, int64_t end, std::vector<int64_t>& rows) {
          size_t start = rows.size();
          for (int64_t j = begin; j < end; ++j) {
            rows.push_back(j);
          }
          std::stable_sort(rows.begin() + static_cast<std::ptrdiff_t>(start), rows.end(), [&](int64_t x, int64_t y) {
            bool nx = e.isNull(x), ny = e.isNull(y);
            if (nx || ny) {
              return asc ? (nx && !ny) : (!nx && ny);
            }
            int c = compareCells(e, x, e, y);
            return asc ? c < 0 : c > 0;
          });
          return true;
        });
      });
  registerSimple(
      "array_distinct",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        requireArray(args, call, 0);
        return ResolvedCall{args, args[0]->type(), args[0]->nullable()};
      },
      [](const Vectors& a, int64_t, EvalContext&, const Expression& call) {
        const Vector& e = *a[0]->child(0);
        return mapArrays(*a[0], call.type(), [&](int64_t, int64_t begin, int64_t end, std::vector<int64_t>& rows) {
          size_t start = rows.size();
          bool sawNull = false;
          for (int64_t j = begin; j < end; ++j) {
            if (e.isNull(j)) {
              if (!sawNull) {
                rows.push_back(j);
              }
              sawNull = true;
              continue;
            }
            bool seen = false;
            for (size_t k = start; k < rows.size() && !seen; ++k) {
              seen = !e.isNull(rows[k]) && compareCells(e, rows[k], e, j) == 0;
            }
            if (!seen) {
              rows.push_back(j);
            }
          }
          return true;
        });
      });
}

void registerFlattenSlice() {
  registerSimple(
      "flatten",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        const auto& t = args[0]->type();
        if (t->id() != TypeId::kArray || t->elementType()->id() != TypeId::kArray) {
          throwUnexpectedInputType(call, 0, args[0], "ARRAY<ARRAY>");
        }
        return ResolvedCall{args, t->elementType(), args[0]->nullable() || t->containsNull()};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        const Vector& outer = *a[0];
        const Vector& inner = *outer.child(0);
        std::vector<int64_t> offsets(static_cast<size_t>(n) + 1, 0);
        std::vector<int64_t> rows;
        std::vector<uint8_t> isNull(static_cast<size_t>(n), 0);
        for (int64_t i = 0; i < n; ++i) {
          size_t start = rows.size();
          bool null = outer.isNull(i);
          for (int64_t j = outer.offsets()[i]; j < outer.offsets()[i + 1] && !null; ++j) {
            null = inner.isNull(j);
            for (int64_t k = inner.offsets()[j]; k < inner.offsets()[j + 1] && !null; ++k) {
              rows.push_back(k);
            }
          }
          if (null) {
            rows.resize(start);
            isNull[static_cast<size_t>(i)] = 1;
          }
          offsets[static_cast<size_t>(i) + 1] = static_cast<int64_t>(rows.size());
        }
        return arrayFromRows(call.type(), inner.child(0), offsets, rows, isNull);
      });
  registerSimple(
      "slice",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 3, 3);
        requireArray(args, call, 0);
        return ResolvedCall{{args[0], implicitCast(call, args, 1, DataType::integer()), implicitCast(call, args, 2, DataType::integer())},
                            args[0]->type(), anyNullable(args)};
      },
      [](const Vectors& a, int64_t, EvalContext&, const Expression& call) {
        const int32_t* start = a[1]->values<int32_t>();
        const int32_t* length = a[2]->values<int32_t>();
        return mapArrays(*a[0], call.type(), [&](int64_t i, int64_t begin, int64_t end, std::vector<int64_t>& rows) {
          if (a[1]->isNull(i) || a[2]->isNull(i)) {
            return false;
          }
          if (start[i] == 0) {
            throwUserError("INVALID_PARAMETER_VALUE.START",
                           "[INVALID_PARAMETER_VALUE.START] The value of parameter(s) `start` in `slice` is invalid: Expects a positive or a negative value for `start`, but got 0.");
          }
          if (length[i] < 0) {
            throwUserError("INVALID_PARAMETER_VALUE.LENGTH",
                           "[INVALID_PARAMETER_VALUE.LENGTH] The value of parameter(s) `length` in `slice` is invalid: Expects `length` greater than or equal to 0, but got " +
                               std::to_string(length[i]) + ".");
          }
          int64_t len = end - begin;
          int64_t from = start[i] > 0 ? start[i] - 1 : len + start[i];
          if (from < 0 || from >= len) {
            return true;
          }
          int64_t to = std::min<int64_t>(len, from + length[i]);
          for (int64_t j = from; j < to; ++j) {
            rows.push_back(begin + j);
          }
          return true;
        });
      });
}

void registerJoinZip() {
  registerSimple(
      "array_join",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 2, 3);
        const auto& t = args[0]->type();
        if (t->id() != TypeId::kArray || (t->elementType()->id() != TypeId::kString && t->elementType()->id() != TypeId::kNull)) {
          throwUnexpectedInputType(call, 0, args[0], "ARRAY<STRING>");
        }
        ResolvedCall r{{castIfNeeded(args[0], DataType::array(DataType::string(), t->containsNull()))}, DataType::string(),
                       anyNullable(args)};
        for (size_t i = 1; i < args.size(); ++i) {
          r.args.push_back(implicitCast(call, args, i, DataType::string()));
        }
        return r;
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        const Vector& e = *a[0]->child(0);
        StringWriter w(call.type(), n, e.bytes().size());
        for (int64_t i = 0; i < n; ++i) {
          if (a[0]->isNull(i) || a[1]->isNull(i) || (a.size() > 2 && a[2]->isNull(i))) {
            w.finishNull(i);
            continue;
          }
          bool first = true;
          for (int64_t j = a[0]->offsets()[i]; j < a[0]->offsets()[i + 1]; ++j) {
            if (e.isNull(j) && a.size() == 2) {
              continue;
            }
            if (!first) {
              w.append(a[1]->stringAt(i));
            }
            w.append(e.isNull(j) ? a[2]->stringAt(i) : e.stringAt(j));
            first = false;
          }
          w.finishRow(i);
        }
        return w.finish();
      });
  registerSimple(
      "arrays_zip",
      [](const Args& args, const Expression& call) {
        std::vector<StructField> fields;
        for (size_t i = 0; i < args.size(); ++i) {
          requireArray(args, call, i);
          bool named = args[i]->kind() == ExprKind::kAttribute || args[i]->kind() == ExprKind::kAlias;
          fields.push_back({named ? args[i]->name() : std::to_string(i), args[i]->type()->elementType(), true});
        }
        return ResolvedCall{args, DataType::array(DataType::structType(std::move(fields)), false), anyNullable(args)};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        std::vector<int64_t> offsets(static_cast<size_t>(n) + 1, 0);
        std::vector<std::vector<int64_t>> rows(a.size());
        std::vector<uint8_t> isNull(static_cast<size_t>(n), 0);
        int64_t total = 0;
        for (int64_t i = 0; i < n; ++i) {
          int64_t len = 0;
          for (const auto& v : a) {
            isNull[static_cast<size_t>(i)] |= v->isNull(i);
            len = std::max(len, v->offsets()[i + 1] - v->offsets()[i]);
          }
          if (isNull[static_cast<size_t>(i)]) {
            len = 0;
          }
          for (size_t c = 0; c < a.size(); ++c) {
            int64_t have = a[c]->offsets()[i + 1] - a[c]->offsets()[i];
            for (int64_t j = 0; j < len; ++j) {
              rows[c].push_back(j < have ? a[c]->offsets()[i] + j : -1);
            }
          }
          total += len;
          offsets[static_cast<size_t>(i) + 1] = total;
        }
        const DataTypePtr& structType = call.type()->elementType();
        auto elements = Vector::make(structType, total);
        for (size_t c = 0; c < a.size(); ++c) {
          elements->children()[c] = takeRows(a[c]->child(0), rows[c]);
        }
        std::vector<int64_t> identity(static_cast<size_t>(total));
        std::iota(identity.begin(), identity.end(), 0);
        return arrayFromRows(call.type(), elements, offsets, identity, isNull);
      });
}

}  // namespace

void registerArrayFunctions() {
  registerShuffle();
  registerSearch();
  registerSortDistinct();
  registerFlattenSlice();
  registerJoinZip();
}

}  // namespace rivulet::expr
