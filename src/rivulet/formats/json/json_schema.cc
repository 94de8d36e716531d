#include "rivulet/formats/json/json_schema.h"

#include <algorithm>
#include <charconv>

namespace rivulet::json {

namespace {

constexpr int kMaxPrecision = 38;

int numericRank(TypeId id) {
  switch (id) {
    case TypeId::kByte: return 1;
    case TypeId::kShort: return 2;
    case TypeId::kInt: return 3;
    case TypeId::kLong: return 4;
    case TypeId::kFloat: return 5;
    case TypeId::kDouble: return 6;
    default: return 0;
  }
}

int integralDigits(TypeId id) {
  switch (id) {
    case TypeId::kByte: return 3;
    case TypeId::kShort: return 5;
    case TypeId::kInt: return 10;
    default: return 20;
  }
}

bool isIntegral(TypeId id) {
  return id == TypeId::kByte || id == TypeId::kShort || id == TypeId::kInt || id == TypeId::kLong;
}

// TypeCoercion.findTightestCommonType, for the types JSON inference produces.
DataTypePtr tightest(const DataTypePtr& a, const DataTypePtr& b) {
  if (a->sameType(*b)) {
    return a;
  }
  if (a->id() == TypeId::kNull) {
    return b;
  }
  if (b->id() == TypeId::kNull) {
    return a;
  }
  if (isIntegral(a->id()) && b->id() == TypeId::kDecimal &&
      b->precision() - b->scale() >= integralDigits(a->id())) {
    return b;
  }
  if (isIntegral(b->id()) && a->id() == TypeId::kDecimal &&
      a->precision() - a->scale() >= integralDigits(b->id())) {
    return a;
  }
  int ra = numericRank(a->id());
  int rb = numericRank(b->id());
  if (ra > 0 && rb > 0) {
    return ra > rb ? a : b;
  }
  if ((a->id() == TypeId::kTimestamp && b->id() == TypeId::kDate) ||
      (a->id() == TypeId::kDate && b->id() == TypeId::kTimestamp)) {
    return DataType::timestamp();
  }
  return nullptr;
}

DataTypePtr mergeStructs(const DataType& a, const DataType& b) {
  const auto& fa = a.fields();
  const auto& fb = b.fields();
  std::vector<StructField> out;
  out.reserve(fa.size() + fb.size());
  size_t i = 0;
  size_t j = 0;
  while (i < fa.size() || j < fb.size()) {
    if (j >= fb.size() || (i < fa.size() && fa[i].name < fb[j].name)) {
      out.push_back(fa[i++]);
    } else if (i >= fa.size() || fb[j].name < fa[i].name) {
      out.push_back(fb[j++]);
    } else {
      out.push_back({fa[i].name, compatibleType(fa[i].type, fb[j].type), true});
      ++i;
      ++j;
    }
  }
  return DataType::structType(std::move(out));
}

DataTypePtr withCorruptField(const DataTypePtr& structType, const JsonOptions& options) {
  if (options.mode != ParseMode::kPermissive) {
    return structType;
  }
  for (const auto& f : structType->fields()) {
    if (f.name == options.columnNameOfCorruptRecord) {
      return structType;
    }
  }
  std::vector<StructField> fields = structType->fields();
  fields.push_back({options.columnNameOfCorruptRecord, DataType::string(), true});
  return sortedStruct(std::move(fields));
}

}  // namespace

DataTypePtr sortedStruct(std::vector<StructField> fields) {
  std::stable_sort(fields.begin(), fields.end(),
                   [](const StructField& x, const StructField& y) { return x.name < y.name; });
  // Repeated names (duplicate keys in one object) merge into one field.
  std::vector<StructField> out;
  for (auto& f : fields) {
    if (!out.empty() && out.back().name == f.name) {
      out.back().type = compatibleType(out.back().type, f.type);
    } else {
      out.push_back(std::move(f));
    }
  }
  return DataType::structType(std::move(out));
}

DataTypePtr compatibleType(const DataTypePtr& a, const DataTypePtr& b) {
  if (auto t = tightest(a, b)) {
    return t;
  }
  TypeId x = a->id();
  TypeId y = b->id();
  if ((x == TypeId::kDouble && y == TypeId::kDecimal) ||
      (x == TypeId::kDecimal && y == TypeId::kDouble)) {
    return DataType::doubleType();
  }
  if (x == TypeId::kDecimal && y == TypeId::kDecimal) {
    int scale = std::max(a->scale(), b->scale());
    int range = std::max(a->precision() - a->scale(), b->precision() - b->scale());
    if (range + scale > kMaxPrecision) {
      return DataType::doubleType();
    }
    return DataType::decimal(range + scale, scale);
  }
  if (x == TypeId::kStruct && y == TypeId::kStruct) {
    return mergeStructs(*a, *b);
  }
  if (x == TypeId::kArray && y == TypeId::kArray) {
    return DataType::array(compatibleType(a->elementType(), b->elementType()),
                           a->containsNull() || b->containsNull());
  }
  if (isIntegral(x) && y == TypeId::kDecimal) {
    return compatibleType(DataType::decimal(integralDigits(x), 0), b);
  }
  if (x == TypeId::kDecimal && isIntegral(y)) {
    return compatibleType(a, DataType::decimal(integralDigits(y), 0));
  }
  return DataType::string();
}

DataTypePtr compatibleRootType(const DataTypePtr& a,
                               const DataTypePtr& b,
                               const JsonOptions& options) {
  if (a->id() == TypeId::kArray) {
    return compatibleRootType(a->elementType(), b, options);
  }
  if (b->id() == TypeId::kArray) {
    return compatibleRootType(a, b->elementType(), options);
  }
  bool sa = a->id() == TypeId::kStruct;
  bool sb = b->id() == TypeId::kStruct;
  if (sa && b->id() == TypeId::kNull) {
    return a;
  }
  if (sb && a->id() == TypeId::kNull) {
    return b;
  }
  if (sa && !sb) {
    return withCorruptField(a, options);
  }
  if (sb && !sa) {
    return withCorruptField(b, options);
  }
  return compatibleType(a, b);
}

DataTypePtr canonicalizeType(const DataTypePtr& type, const JsonOptions& options) {
  switch (type->id()) {
    case TypeId::kArray: {
      auto e = canonicalizeType(type->elementType(), options);
      return e ? DataType::array(e, type->containsNull()) : nullptr;
    }
    case TypeId::kStruct: {
      std::vector<StructField> fields;
      for (const auto& f : type->fields()) {
        if (f.name.empty()) {
          continue;
        }
        if (auto t = canonicalizeType(f.type, options)) {
          fields.push_back({f.name, t, f.nullable});
        }
      }
      return fields.empty() ? nullptr : DataType::structType(std::move(fields));
    }
    case TypeId::kNull: return options.dropFieldIfAllNull ? nullptr : DataType::string();
    default: return type;
  }
}

NumberKind classifyNumber(std::string_view s, int64_t* value) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') {
    ++i;
  }
  size_t intStart = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    ++i;
  }
  size_t intLen = i - intStart;
  if (intLen == 0 || (intLen > 1 && s[intStart] == '0')) {
    return NumberKind::kInvalid;
  }
  bool isFloat = false;
  if (i < s.size() && s[i] == '.') {
    isFloat = true;
    size_t d = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
    }
    if (i == d) {
      return NumberKind::kInvalid;
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    isFloat = true;
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    size_t d = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
    }
    if (i == d) {
      return NumberKind::kInvalid;
    }
  }
  if (i != s.size()) {
    return NumberKind::kInvalid;
  }
  if (isFloat) {
    return NumberKind::kFloat;
  }
  int64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
    return NumberKind::kBigInteger;
  }
  if (value != nullptr) {
    *value = v;
  }
  return NumberKind::kInteger;
}

namespace {

// Splits decimal text into its digits (no leading zeros) and the BigDecimal scale.
bool decimalParts(std::string_view s, std::string* digits, int64_t* scale, bool* negative) {
  size_t i = 0;
  *negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    *negative = s[i] == '-';
    ++i;
  }
  digits->clear();
  int64_t fraction = 0;
  bool any = false;
  bool dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      any = true;
      if (!(digits->empty() && c == '0')) {
        digits->push_back(c);
      }
      if (dot) {
        ++fraction;
      }
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!any) {
    return false;
  }
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    auto r = std::from_chars(s.data() + i + (i < s.size() && s[i] == '+' ? 1 : 0),
                             s.data() + s.size(), exponent);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || exponent > 100000 ||
        exponent < -100000) {
      return false;
    }
    i = s.size();
  }
  if (i != s.size()) {
    return false;
  }
  *scale = fraction - exponent;
  return true;
}

}  // namespace

bool decimalShape(std::string_view text, int* precision, int* scale) {
  std::string digits;
  int64_t sc;
  bool negative;
  if (!decimalParts(text, &digits, &sc, &negative)) {
    return false;
  }
  int64_t p = digits.empty() ? 1 : static_cast<int64_t>(digits.size());
  if (sc < 0) {
    p -= sc;
    sc = 0;
  }
  int64_t shaped = std::max(p, sc);
  if (shaped > 100000) {
    return false;
  }
  *precision = static_cast<int>(shaped);
  *scale = static_cast<int>(sc);
  return true;
}

bool parseDecimal(std::string_view text, int precision, int scale, __int128* out) {
  std::string digits;
  int64_t sc;
  bool negative;
  if (!decimalParts(text, &digits, &sc, &negative)) {
    return false;
  }
  if (digits.empty()) {
    *out = 0;
    return true;
  }
  // Align to the target scale: append zeros or drop digits with HALF_UP rounding.
  int64_t shift = scale - sc;
  bool roundUp = false;
  if (shift >= 0) {
    if (static_cast<int64_t>(digits.size()) + shift > precision) {
      return false;
    }
    digits.append(static_cast<size_t>(shift), '0');
  } else {
    int64_t drop = -shift;
    if (drop >= static_cast<int64_t>(digits.size())) {
      roundUp = drop == static_cast<int64_t>(digits.size()) && !digits.empty() && digits[0] >= '5';
      digits.clear();
    } else {
      roundUp = digits[digits.size() - static_cast<size_t>(drop)] >= '5';
      digits.resize(digits.size() - static_cast<size_t>(drop));
    }
  }
  if (static_cast<int>(digits.size()) > precision) {
    return false;
  }
  __int128 v = 0;
  for (char c : digits) {
    v = v * 10 + (c - '0');
  }
  if (roundUp) {
    ++v;
    __int128 limit = 1;
    for (int k = 0; k < precision; ++k) {
      limit *= 10;
    }
    if (v >= limit) {
      return false;
    }
  }
  *out = negative ? -v : v;
  return true;
}

}  // namespace rivulet::json
