#include "rivulet/expr/kernels/function_util.h"

#include <cmath>
#include <cstring>

#include "rivulet/columnar/vector_ops.h"
#include "rivulet/expr/kernels/kernel_util.h"
#include "rivulet/expr/kernels/value_compare.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

void throwUnexpectedInputType(const Expression& call,
                              size_t index,
                              const ExprPtr& arg,
                              const std::string& required) {
  throw AnalysisException("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" +
                              call.prettyName() + "\" due to data type mismatch: Parameter " +
                              std::to_string(index + 1) + " requires the \"" + required +
                              "\" type, however \"" + arg->prettyName() + "\" has the type \"" +
                              arg->type()->sql() + "\".",
                          "DATATYPE_MISMATCH");
}

void checkArgCount(const Expression& call, const std::vector<ExprPtr>& args, size_t min, size_t max) {
  if (args.size() >= min && args.size() <= max) {
    return;
  }
  std::string expected = min == max ? std::to_string(min)
                                    : "[" + std::to_string(min) + ", " + std::to_string(max) + "]";
  const FunctionDef* def = findFunction(call.name());
  throw AnalysisException("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" +
                              (def ? def->name : call.name()) + "` requires " + expected +
                              " parameters but the actual number is " +
                              std::to_string(args.size()) + ".",
                          "WRONG_NUM_ARGS");
}

namespace {

bool isAtomic(const DataType& t) { return !t.isNested() && t.id() != TypeId::kNull; }

bool implicitlyCastable(const DataType& from, const DataType& to) {
  if (from.sameType(to) || from.id() == TypeId::kNull) {
    return true;
  }
  switch (to.id()) {
    case TypeId::kString: return isAtomic(from);
    case TypeId::kBinary: return from.id() == TypeId::kString;
    case TypeId::kDate:
    case TypeId::kTimestamp:
      return from.id() == TypeId::kString || from.id() == TypeId::kDate ||
             from.id() == TypeId::kTimestamp;
    default:
      if (to.isNumeric()) {
        return from.isNumeric() || from.id() == TypeId::kString;
      }
      return false;
  }
}

std::string requiredName(const DataType& t) {
  switch (t.id()) {
    case TypeId::kArray: return "ARRAY";
    case TypeId::kMap: return "MAP";
    case TypeId::kStruct: return "STRUCT";
    default: return t.sql();
  }
}

}  // namespace

ExprPtr implicitCast(const Expression& call,
                     const std::vector<ExprPtr>& args,
                     size_t index,
                     const DataTypePtr& target) {
  const ExprPtr& arg = args[index];
  if (!implicitlyCastable(*arg->type(), *target)) {
    throwUnexpectedInputType(call, index, arg, requiredName(*target));
  }
  return castIfNeeded(arg, target);
}

std::vector<ExprPtr> withOptionalLastArg(const Expression& call,
                                         const std::vector<ExprPtr>& args,
                                         size_t count,
                                         const Value& fallback,
                                         const DataTypePtr& type) {
  checkArgCount(call, args, count - 1, count);
  std::vector<ExprPtr> out = args;
  if (out.size() == count - 1) {
    out.push_back(Expression::literal(fallback, type));
  }
  return out;
}

bool anyNullable(const std::vector<ExprPtr>& args) {
  for (const auto& a : args) {
    if (a->nullable()) {
      return true;
    }
  }
  return false;
}

DataTypePtr widerCommonType(const std::vector<DataTypePtr>& types) {
  if (types.empty()) {
    return DataType::null();
  }
  DataTypePtr common = types[0];
  for (size_t i = 1; i < types.size() && common; ++i) {
    auto t = tightestCommonType(common, types[i]);
    if (!t) {
      bool aString = common->id() == TypeId::kString;
      bool bString = types[i]->id() == TypeId::kString;
      if ((aString && isAtomic(*types[i])) || (bString && isAtomic(*common))) {
        t = DataType::string();
      }
    }
    common = t;
  }
  return common;
}

bool isConstant(const ExprPtr& e) {
  if (e->kind() == ExprKind::kLiteral) {
    return true;
  }
  if (e->kind() == ExprKind::kCast || e->kind() == ExprKind::kAlias) {
    return isConstant(e->child(0));
  }
  return false;
}

void registerSimple(const char* name,
                    std::function<ResolvedCall(const std::vector<ExprPtr>&, const Expression&)> resolve,
                    std::function<VectorPtr(const std::vector<VectorPtr>&, int64_t, EvalContext&, const Expression&)> eval) {
  FunctionDef def;
  def.name = name;
  def.resolve = std::move(resolve);
  def.eval = std::move(eval);
  registerFunction(std::move(def));
}

namespace {

template <typename T>
int compareScalar(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    bool na = std::isnan(a), nb = std::isnan(b);
    if (na || nb) {
      return na == nb ? 0 : (na ? 1 : -1);
    }
  }
  return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace

int compareCells(const Vector& x, int64_t i, const Vector& y, int64_t j) {
  const DataType& type = *x.type();
  if (type.id() == TypeId::kNull) {
    return 0;
  }
  if (type.isFixedWidth()) {
    return dispatchNumeric(type.id(), [&](auto tag) {
      using T = decltype(tag);
      return compareScalar<T>(x.values<T>()[i], y.values<T>()[j]);
    });
  }
  if (type.id() == TypeId::kString || type.id() == TypeId::kBinary) {
    int c = x.stringAt(i).compare(y.stringAt(j));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return compareValues(valueAt(x, i), valueAt(y, j), type);
}

VectorPtr takeRows(const VectorPtr& source, const std::vector<int64_t>& rows) {
  auto n = static_cast<int64_t>(rows.size());
  if (source->size() == 0) {
    return constantVector(source->type(), Value(), n);
  }
  std::vector<int32_t> indices(rows.size());
  bool anyNull = false;
  for (size_t k = 0; k < rows.size(); ++k) {
    indices[k] = rows[k] < 0 ? 0 : static_cast<int32_t>(rows[k]);
    anyNull |= rows[k] < 0;
  }
  VectorPtr out = gather(*source, indices.data(), n);
  if (anyNull) {
    for (size_t k = 0; k < rows.size(); ++k) {
      if (rows[k] < 0) {
        out->setNull(static_cast<int64_t>(k), true);
      }
    }
  }
  return out;
}

VectorPtr arrayFromRows(const DataTypePtr& type,
                        const VectorPtr& elements,
                        const std::vector<int64_t>& offsets,
                        const std::vector<int64_t>& rows,
                        const std::vector<uint8_t>& isNull) {
  auto n = static_cast<int64_t>(offsets.size()) - 1;
  auto out = Vector::make(type, n);
  std::memcpy(out->offsets(), offsets.data(), offsets.size() * sizeof(int64_t));
  out->children()[0] = takeRows(elements, rows);
  for (int64_t i = 0; i < n; ++i) {
    if (isNull[static_cast<size_t>(i)]) {
      out->setNull(i, true);
    }
  }
  return out;
}

StringWriter::StringWriter(const DataTypePtr& type, int64_t numRows, size_t reserveBytes)
    : out_(Vector::make(type, numRows)) {
  bytes_ = &out_->bytes();
  bytes_->reserve(reserveBytes);
  offsets_ = out_->offsets();
}

int64_t numChars(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) {
    n += (c & 0xC0) != 0x80;
  }
  return n;
}

size_t byteOffsetOfChar(std::string_view s, int64_t index) {
  size_t pos = 0;
  for (int64_t i = 0; i < index && pos < s.size(); ++i) {
    pos += static_cast<size_t>(utf8Length(static_cast<uint8_t>(s[pos])));
  }
  return std::min(pos, s.size());
}

uint32_t decodeUtf8(std::string_view s, size_t& pos) {
  auto b0 = static_cast<uint8_t>(s[pos]);
  int len = utf8Length(b0);
  if (len == 1 || pos + static_cast<size_t>(len) > s.size()) {
    ++pos;
    return b0;
  }
  uint32_t cp = len == 2 ? (b0 & 0x1F) : (len == 3 ? (b0 & 0x0F) : (b0 & 0x07));
  for (int k = 1; k < len; ++k) {
    cp = (cp << 6) | (static_cast<uint8_t>(s[pos + static_cast<size_t>(k)]) & 0x3F);
  }
  pos += static_cast<size_t>(len);
  return cp;
}

[[noreturn]] void throwDiffTypes(const Expression& call, const std::string& function, const std::vector<ExprPtr>& values) {
  std::string list;
  for (size_t i = 0; i < values.size(); ++i) {
    list += (i > 0 ? ", \"" : "\"") + values[i]->type()->sql() + "\"";
  }
  throw AnalysisException("[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"" + call.prettyName() +
                              "\" due to data type mismatch: Input to `" + function +
                              "` should all be the same type, but it's [" + list + "].",
                          "DATATYPE_MISMATCH");
}

}  // namespace rivulet::expr
