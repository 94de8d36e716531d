// Collection constructors and accessors: array, struct, named_struct, map, a[i], element_at,
// get_field, size, map_keys, map_values; concat and reverse over strings and arrays.
#include "rivulet/columnar/vector_builder.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/function_util.h"
#include "rivulet/expr/kernels/kernel_util.h"
#include "rivulet/expr/type_coercion.h"
#include "rivulet/types/value_format.h"

namespace rivulet::expr {

namespace {

using Args = std::vector<ExprPtr>;
using Vectors = std::vector<VectorPtr>;

DataTypePtr commonTypeOf(const Args& values, const Expression& call, const std::string& function) {
  std::vector<DataTypePtr> types;
  for (const auto& v : values) {
    types.push_back(v->type());
  }
  DataTypePtr common = widerCommonType(types);
  if (!common) {
    throwDiffTypes(call, function, values);
  }
  return common;
}

/// The vectors one after another (row i of part c is row c*n + i).
VectorPtr stack(const Vectors& parts) { return parts.size() == 1 ? parts[0] : concat(parts); }

void registerArray() {
  registerSimple(
      "array",
      [](const Args& args, const Expression& call) {
        DataTypePtr element = commonTypeOf(args, call, "array");
        ResolvedCall r;
        for (const auto& a : args) {
          r.args.push_back(castIfNeeded(a, element));
        }
        r.type = DataType::array(element, args.empty() || anyNullable(args));
        r.nullable = false;
        return r;
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        size_t k = a.size();
        std::vector<int64_t> offsets(static_cast<size_t>(n) + 1);
        std::vector<int64_t> rows(static_cast<size_t>(n) * k);
        for (int64_t i = 0; i < n; ++i) {
          offsets[static_cast<size_t>(i) + 1] = (i + 1) * static_cast<int64_t>(k);
          for (size_t c = 0; c < k; ++c) {
            rows[static_cast<size_t>(i) * k + c] = static_cast<int64_t>(c) * n + i;
          }
        }
        VectorPtr elements = k == 0 ? Vector::make(call.type()->elementType(), 0) : stack(a);
        return arrayFromRows(call.type(), elements, offsets, rows, std::vector<uint8_t>(static_cast<size_t>(n), 0));
      });
}

std::string structFieldName(const ExprPtr& e, size_t index) {
  switch (e->kind()) {
    case ExprKind::kAttribute:
    case ExprKind::kAlias:
    case ExprKind::kUnresolvedAttribute: return e->name();
    case ExprKind::kCall:
      if (e->name() == "get_field") {
        return e->child(1)->literal().asString();
      }
      [[fallthrough]];
    default: return "col" + std::to_string(index + 1);
  }
}

VectorPtr structOf(const DataTypePtr& type, int64_t n, Vectors fields) {
  auto out = Vector::make(type, n);
  for (size_t f = 0; f < fields.size(); ++f) {
    out->children()[f] = std::move(fields[f]);
  }
  return out;
}

void registerStructs() {
  registerSimple(
      "struct",
      [](const Args& args, const Expression&) {
        std::vector<StructField> fields;
        for (size_t i = 0; i < args.size(); ++i) {
          fields.push_back({structFieldName(args[i], i), args[i]->type(), args[i]->nullable()});
        }
        return ResolvedCall{args, DataType::structType(std::move(fields)), false};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) { return structOf(call.type(), n, a); });
  registerSimple(
      "named_struct",
      [](const Args& args, const Expression& call) {
        if (args.empty() || args.size() % 2 != 0) {
          throw AnalysisException("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `named_struct` requires 2n (n > 0) parameters but the actual number is " +
                                      std::to_string(args.size()) + ".",
                                  "WRONG_NUM_ARGS");
        }
        std::vector<StructField> fields;
        for (size_t i = 0; i < args.size(); i += 2) {
          const ExprPtr& name = args[i];
          if (name->kind() != ExprKind::kLiteral || name->type()->id() != TypeId::kString || name->literal().isNull()) {
            throw AnalysisException("[DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING] Cannot resolve \"" +
                                        call.prettyName() + "\" due to data type mismatch: Only foldable `STRING` expressions are allowed to appear at odd position, but they are [\"" +
                                        name->prettyName() + "\"].",
                                    "DATATYPE_MISMATCH");
          }
          fields.push_back({name->literal().asString(), args[i + 1]->type(), args[i + 1]->nullable()});
        }
        return ResolvedCall{args, DataType::structType(std::move(fields)), false};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        Vectors values;
        for (size_t i = 1; i < a.size(); i += 2) {
          values.push_back(a[i]);
        }
        return structOf(call.type(), n, std::move(values));
      });
}

void registerMap() {
  registerSimple(
      "map",
      [](const Args& args, const Expression& call) {
        if (args.size() % 2 != 0) {
          throw AnalysisException("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `map` requires 2n (n > 0) parameters but the actual number is " +
                                      std::to_string(args.size()) + ".",
                                  "WRONG_NUM_ARGS");
        }
        Args keys, values;
        for (size_t i = 0; i < args.size(); i += 2) {
          keys.push_back(args[i]);
          values.push_back(args[i + 1]);
        }
        DataTypePtr k = commonTypeOf(keys, call, "map");
        DataTypePtr v = commonTypeOf(values, call, "map");
        ResolvedCall r;
        for (size_t i = 0; i < args.size(); ++i) {
          r.args.push_back(castIfNeeded(args[i], i % 2 == 0 ? k : v));
        }
        r.type = DataType::map(k, v, values.empty() || anyNullable(values));
        r.nullable = false;
        return r;
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        size_t pairs = a.size() / 2;
        auto out = Vector::make(call.type(), n);
        Vectors keys, values;
        for (size_t p = 0; p < pairs; ++p) {
          keys.push_back(a[2 * p]);
          values.push_back(a[2 * p + 1]);
        }
        std::vector<int64_t> rows(static_cast<size_t>(n) * pairs);
        int64_t* offsets = out->offsets();
        for (int64_t i = 0; i < n; ++i) {
          offsets[i + 1] = (i + 1) * static_cast<int64_t>(pairs);
          for (size_t p = 0; p < pairs; ++p) {
            if (keys[p]->isNull(i)) {
              throwUserError("NULL_MAP_KEY", "[NULL_MAP_KEY] Cannot use null as map key.");
            }
            for (size_t q = 0; q < p; ++q) {
              if (compareCells(*keys[q], i, *keys[p], i) == 0) {
                throwUserError("DUPLICATED_MAP_KEY",
                               "[DUPLICATED_MAP_KEY] Duplicate map key " +
                                   formatValue(valueAt(*keys[p], i), *keys[p]->type(), ValueFormatOptions{nullptr, false}) +
                                   " was found, please check the input data. If you want to remove the duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\" so that the key inserted at last takes precedence.");
              }
            }
            rows[static_cast<size_t>(i) * pairs + p] = static_cast<int64_t>(p) * n + i;
          }
        }
        if (pairs == 0) {
          return out;
        }
        out->children()[0] = takeRows(stack(keys), rows);
        out->children()[1] = takeRows(stack(values), rows);
        return out;
      });
}

// ---- access ----

/// The value of `key` (row i of `keys`) in map row i, as a row of the map's values (-1 if absent).
int64_t findMapKey(const Vector& map, int64_t i, const Vector& keys) {
  const Vector& mk = *map.child(0);
  for (int64_t j = map.offsets()[i]; j < map.offsets()[i + 1]; ++j) {
    if (compareCells(mk, j, keys, i) == 0) {
      return j;
    }
  }
  return -1;
}

ResolvedCall resolveAccess(const Args& args, const Expression& call) {
  checkArgCount(call, args, 2, 2);
  const auto& t = args[0]->type();
  if (t->id() == TypeId::kArray) {
    if (!args[1]->type()->isIntegral() && args[1]->type()->id() != TypeId::kNull) {
      throwUnexpectedInputType(call, 1, args[1], "INTEGRAL");
    }
    return {{args[0], castIfNeeded(args[1], DataType::integer())}, t->elementType(), true};
  }
  if (t->id() == TypeId::kMap) {
    return {{args[0], implicitCast(call, args, 1, t->keyType())}, t->valueType(), true};
  }
  throwUnexpectedInputType(call, 0, args[0], "ARRAY\" or \"MAP");
}

/// a[i] (0-based) when `oneBased` is false; element_at (1-based, negative from the end).
VectorPtr evalAccess(const Vectors& a, int64_t n, const Expression& call, bool oneBased) {
  const Vector& c = *a[0];
  const Vector& key = *a[1];
  std::vector<int64_t> rows(static_cast<size_t>(n), -1);
  bool isMap = c.typeId() == TypeId::kMap;
  for (int64_t i = 0; i < n; ++i) {
    if (c.isNull(i) || key.isNull(i)) {
      continue;
    }
    if (isMap) {
      rows[static_cast<size_t>(i)] = findMapKey(c, i, key);
      continue;
    }
    int64_t len = c.offsets()[i + 1] - c.offsets()[i];
    int64_t idx = key.values<int32_t>()[i];
    if (oneBased) {
      if (idx == 0) {
        throwUserError("INVALID_INDEX_OF_ZERO",
                       "[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).");
      }
      idx = idx > 0 ? idx - 1 : len + idx;
    }
    if (idx >= 0 && idx < len) {
      rows[static_cast<size_t>(i)] = c.offsets()[i] + idx;
    }
  }
  return takeRows(c.child(isMap ? 1 : 0), rows);
}

void registerAccess() {
  FunctionDef index;
  index.name = "element_at_index";
  index.style = PrintStyle::kCustom;
  index.resolve = resolveAccess;
  index.eval = [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
    return evalAccess(a, n, call, false);
  };
  registerFunction(std::move(index));
  registerSimple("element_at", resolveAccess, [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
    return evalAccess(a, n, call, true);
  });

  FunctionDef field;
  field.name = "get_field";
  field.style = PrintStyle::kCustom;
  field.resolve = [](const Args& args, const Expression& call) {
    const auto& t = args[0]->type();
    if (t->id() != TypeId::kStruct) {
      throwUnexpectedInputType(call, 0, args[0], "STRUCT");
    }
    const std::string& name = args[1]->literal().asString();
    int idx = t->fieldIndex(name);
    if (idx < 0) {
      std::string names;
      for (size_t f = 0; f < t->fields().size(); ++f) {
        names += (f > 0 ? ", `" : "`") + t->fields()[f].name + "`";
      }
      throw AnalysisException("[FIELD_NOT_FOUND] No such struct field `" + name + "` in " + names + ".",
                              "FIELD_NOT_FOUND");
    }
    const StructField& f = t->fields()[static_cast<size_t>(idx)];
    return ResolvedCall{args, f.type, args[0]->nullable() || f.nullable};
  };
  field.eval = [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
    const Vector& s = *a[0];
    int idx = s.type()->fieldIndex(call.child(1)->literal().asString());
    const VectorPtr& child = s.child(static_cast<size_t>(idx));
    if (!s.mayHaveNulls()) {
      return child;
    }
    auto out = std::make_shared<Vector>(*child);
    propagateNulls(*out, {&s, child.get()});
    return out;
  };
  registerFunction(std::move(field));
}

void registerSizeAndParts() {
  registerSimple(
      "size",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        auto id = args[0]->type()->id();
        if (id != TypeId::kArray && id != TypeId::kMap) {
          throwUnexpectedInputType(call, 0, args[0], "ARRAY\" or \"MAP");
        }
        return ResolvedCall{args, DataType::integer(), false};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::integer(), n);
        int32_t* r = out->values<int32_t>();
        const int64_t* o = a[0]->offsets();
        for (int64_t i = 0; i < n; ++i) {
          r[i] = a[0]->isNull(i) ? -1 : static_cast<int32_t>(o[i + 1] - o[i]);
        }
        return out;
      });
  for (bool keys : {true, false}) {
    registerSimple(
        keys ? "map_keys" : "map_values",
        [keys](const Args& args, const Expression& call) {
          checkArgCount(call, args, 1, 1);
          const auto& t = args[0]->type();
          if (t->id() != TypeId::kMap) {
            throwUnexpectedInputType(call, 0, args[0], "MAP");
          }
          DataTypePtr result = keys ? DataType::array(t->keyType(), false)
                                    : DataType::array(t->valueType(), t->valueContainsNull());
          return ResolvedCall{args, result, args[0]->nullable()};
        },
        [keys](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
          auto out = Vector::make(call.type(), n);
          std::memcpy(out->offsets(), a[0]->offsets(), static_cast<size_t>(n + 1) * sizeof(int64_t));
          out->children()[0] = a[0]->child(keys ? 0 : 1);
          propagateNulls(*out, {a[0].get()});
          return out;
        });
  }
}

// ---- concat and reverse over strings and arrays ----

bool allArrays(const Args& args) {
  return !args.empty() && std::all_of(args.begin(), args.end(), [](const ExprPtr& a) {
           return a->type()->id() == TypeId::kArray || a->type()->id() == TypeId::kNull;
         }) && std::any_of(args.begin(), args.end(), [](const ExprPtr& a) { return a->type()->id() == TypeId::kArray; });
}

VectorPtr concatArrays(const Vectors& a, int64_t n, const Expression& call) {
  Vectors children;
  std::vector<int64_t> base;
  int64_t total = 0;
  for (const auto& v : a) {
    base.push_back(total);
    children.push_back(v->child(0));
    total += v->child(0)->size();
  }
  std::vector<int64_t> offsets(static_cast<size_t>(n) + 1, 0);
  std::vector<int64_t> rows;
  std::vector<uint8_t> isNull(static_cast<size_t>(n), 0);
  for (int64_t i = 0; i < n; ++i) {
    for (size_t c = 0; c < a.size() && !isNull[static_cast<size_t>(i)]; ++c) {
      isNull[static_cast<size_t>(i)] = a[c]->isNull(i);
    }
    if (!isNull[static_cast<size_t>(i)]) {
      for (size_t c = 0; c < a.size(); ++c) {
        for (int64_t j = a[c]->offsets()[i]; j < a[c]->offsets()[i + 1]; ++j) {
          rows.push_back(base[c] + j);
        }
      }
    }
    offsets[static_cast<size_t>(i) + 1] = static_cast<int64_t>(rows.size());
  }
  return arrayFromRows(call.type(), stack(children), offsets, rows, isNull);
}

void registerConcatReverse() {
  registerSimple(
      "concat",
      [](const Args& args, const Expression& call) {
        ResolvedCall r;
        r.nullable = anyNullable(args);
        if (allArrays(args)) {
          r.type = commonTypeOf(args, call, "concat");
          for (const auto& a : args) {
            r.args.push_back(castIfNeeded(a, r.type));
          }
          return r;
        }
        bool binary = !args.empty() && std::all_of(args.begin(), args.end(), [](const ExprPtr& a) {
          return a->type()->id() == TypeId::kBinary;
        });
        r.type = binary ? DataType::binary() : DataType::string();
        for (size_t i = 0; i < args.size(); ++i) {
          r.args.push_back(implicitCast(call, args, i, r.type));
        }
        return r;
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        if (call.type()->id() == TypeId::kArray) {
          return concatArrays(a, n, call);
        }
        size_t bytes = 0;
        std::vector<const Vector*> inputs;
        for (const auto& v : a) {
          bytes += v->bytes().size();
          inputs.push_back(v.get());
        }
        StringWriter w(call.type(), n, bytes);
        propagateNulls(w.vector(), inputs);
        for (int64_t i = 0; i < n; ++i) {
          if (!w.vector().isNull(i)) {
            for (const auto& v : a) {
              w.append(v->stringAt(i));
            }
          }
          w.finishRow(i);
        }
        return w.finish();
      });
  registerSimple(
      "reverse",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        if (args[0]->type()->id() == TypeId::kArray) {
          return ResolvedCall{args, args[0]->type(), args[0]->nullable()};
        }
        return ResolvedCall{{implicitCast(call, args, 0, DataType::string())}, DataType::string(), args[0]->nullable()};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        const Vector& in = *a[0];
        if (in.typeId() == TypeId::kArray) {
          std::vector<int64_t> offsets(in.offsets(), in.offsets() + n + 1);
          std::vector<int64_t> rows;
          std::vector<uint8_t> isNull(static_cast<size_t>(n));
          for (int64_t i = 0; i < n; ++i) {
            isNull[static_cast<size_t>(i)] = in.isNull(i);
            for (int64_t j = offsets[static_cast<size_t>(i) + 1] - 1; j >= offsets[static_cast<size_t>(i)]; --j) {
              rows.push_back(j);
            }
          }
          int64_t first = offsets[0];
          for (auto& o : offsets) {
            o -= first;
          }
          return arrayFromRows(call.type(), in.child(0), offsets, rows, isNull);
        }
        StringWriter w(call.type(), n, in.bytes().size());
        propagateNulls(w.vector(), {&in});
        for (int64_t i = 0; i < n; ++i) {
          std::string_view s = in.stringAt(i);
          char* dst = w.reserve(s.size());
          size_t end = s.size();
          for (size_t pos = 0; pos < s.size();) {
            size_t len = std::min(static_cast<size_t>(utf8Length(static_cast<uint8_t>(s[pos]))), s.size() - pos);
            end -= len;
            std::memcpy(dst + end, s.data() + pos, len);
            pos += len;
          }
          w.finishRow(i);
        }
        return w.finish();
      });
}

}  // namespace

void registerArrayFunctions();

void registerCollectionFunctions() {
  registerArray();
  registerStructs();
  registerMap();
  registerAccess();
  registerSizeAndParts();
  registerConcatReverse();
  registerArrayFunctions();
}

}  // namespace rivulet::expr
