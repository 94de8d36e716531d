#include "rivulet/plan/sources/partition_discovery.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string_view>
#include <utility>

#include "rivulet/columnar/cast_string.h"
#include "rivulet/common/error.h"
#include "rivulet/formats/partition_path.h"

namespace rivulet::plan {

namespace fs = std::filesystem;

namespace {

std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The `key=value` directories of `file` below the base path that contains it.
std::vector<std::pair<std::string, std::string>> partitionDirs(const std::vector<std::string>& bases,
                                                               const std::string& file) {
  fs::path path = fs::absolute(file).lexically_normal();
  for (const auto& base : bases) {
    fs::path b = fs::absolute(base).lexically_normal();
    std::error_code ec;
    if (!fs::is_directory(b, ec)) {
      continue;
    }
    fs::path rel = path.lexically_relative(b);
    if (rel.empty() || rel.native().rfind("..", 0) == 0) {
      continue;
    }
    std::vector<std::pair<std::string, std::string>> dirs;
    for (auto it = rel.begin(); it != rel.end(); ++it) {
      if (std::next(it) == rel.end()) {
        break;  // the file name
      }
      std::string segment = it->string();
      auto eq = segment.find('=');
      if (eq == std::string::npos || eq == 0) {
        dirs.clear();  // Spark only takes the key=value directories nearest the files
        continue;
      }
      dirs.emplace_back(unescape(segment.substr(0, eq)), segment.substr(eq + 1));  // the value stays raw
    }
    return dirs;
  }
  return {};
}

// The type inferred for one directory's value; kNull for __HIVE_DEFAULT_PARTITION__.
// `precision` is the decimal's (scale is always 0).
struct Inferred {
  enum class Kind { kNull, kInt, kLong, kDecimal, kDouble, kDate, kTimestamp, kString };
  Kind kind = Kind::kNull;
  int precision = 0;
};
using Kind = Inferred::Kind;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Java's Integer.parseInt / Long.parseLong: optional sign, digits only, in range.
std::optional<int64_t> parseJavaIntegral(const std::string& v) {
  size_t i = v.size() > 0 && (v[0] == '+' || v[0] == '-') ? 1 : 0;
  if (i == v.size()) {
    return std::nullopt;
  }
  for (size_t j = i; j < v.size(); ++j) {
    if (!isDigit(v[j])) {
      return std::nullopt;
    }
  }
  char* end = nullptr;
  errno = 0;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') {
    return std::nullopt;
  }
  return static_cast<int64_t>(n);
}

// An integral Java BigDecimal (scale 0) of at most 38 significant digits: its precision.
std::optional<int> integralDecimalPrecision(const std::string& v) {
  size_t i = v.size() > 0 && (v[0] == '+' || v[0] == '-') ? 1 : 0;
  if (i == v.size()) {
    return std::nullopt;
  }
  for (size_t j = i; j < v.size(); ++j) {
    if (!isDigit(v[j])) {
      return std::nullopt;
    }
  }
  while (i + 1 < v.size() && v[i] == '0') {
    ++i;
  }
  int precision = static_cast<int>(v.size() - i);
  if (precision > 38) {
    return std::nullopt;
  }
  return precision;
}

// `n` digits at `s[pos]`, as a number (nullopt when not all are digits).
std::optional<int> digitsAt(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) {
    return std::nullopt;
  }
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!isDigit(s[i])) {
      return std::nullopt;
    }
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// The pattern yyyy-MM-dd (strict: a real day of year-of-era 1..9999) at the start of `s`.
bool isDateAt(std::string_view s) {
  auto y = digitsAt(s, 0, 4);
  auto m = digitsAt(s, 5, 2);
  auto d = digitsAt(s, 8, 2);
  if (!y || !m || !d || s[4] != '-' || s[7] != '-' || *y < 1 || *m < 1 || *m > 12 || *d < 1) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  int days = kDays[*m - 1] + (*m == 2 && leap ? 1 : 0);
  return *d <= days;
}

// Spark's partition date pattern yyyy-MM-dd, the whole value consumed.
bool isPartitionDate(std::string_view s) { return s.size() == 10 && isDateAt(s); }

// Spark's partition timestamp pattern yyyy-MM-dd HH:mm:ss[.S], the whole value consumed. When
// parsing, Spark reads the pattern's one S as a fraction of exactly one digit.
bool isPartitionTimestamp(std::string_view s) {
  if ((s.size() != 19 && s.size() != 21) || !isDateAt(s) || s[10] != ' ' || s[13] != ':' || s[16] != ':') {
    return false;
  }
  auto h = digitsAt(s, 11, 2);
  auto mi = digitsAt(s, 14, 2);
  auto sec = digitsAt(s, 17, 2);
  if (!h || !mi || !sec || *h > 23 || *mi > 59 || *sec > 59) {
    return false;
  }
  return s.size() == 19 || (s[19] == '.' && isDigit(s[20]));
}

// Spark's inferPartitionColumnValue: int, bigint, an integral decimal, double, timestamp (on
// the unescaped value), date, else string.
Inferred inferValue(const std::string& raw, bool typeInference) {
  if (raw == kDefaultPartitionName) {
    return {Kind::kNull, 0};
  }
  if (!typeInference) {
    return {Kind::kString, 0};
  }
  if (auto n = parseJavaIntegral(raw)) {
    return {*n >= INT32_MIN && *n <= INT32_MAX ? Kind::kInt : Kind::kLong, 0};
  }
  if (auto precision = integralDecimalPrecision(raw)) {
    return {Kind::kDecimal, *precision};
  }
  if (isJavaFloatText(raw)) {  // Java's Double syntax, as the cast reads it (no hexadecimal floats)
    return {Kind::kDouble, 0};
  }
  if (isPartitionTimestamp(unescape(raw))) {
    return {Kind::kTimestamp, 0};
  }
  if (isPartitionDate(raw)) {
    return {Kind::kDate, 0};
  }
  return {Kind::kString, 0};
}

// Spark's findWiderTypeForPartitionColumn: the tightest common type, widening int to bigint,
// int to double, integers to a decimal wide enough, date to timestamp; bigint or decimal
// with double, and every other pair, give string.
Inferred wider(Inferred a, Inferred b) {
  if (a.kind == b.kind) {
    return {a.kind, std::max(a.precision, b.precision)};
  }
  if (a.kind == Kind::kNull) {
    return b;
  }
  if (b.kind == Kind::kNull) {
    return a;
  }
  if (a.kind > b.kind) {
    std::swap(a, b);
  }
  if (a.kind == Kind::kInt && (b.kind == Kind::kLong || b.kind == Kind::kDouble)) {
    return b;
  }
  if (b.kind == Kind::kDecimal && (a.kind == Kind::kInt || a.kind == Kind::kLong)) {
    return {Kind::kDecimal, std::max(b.precision, a.kind == Kind::kInt ? 10 : 20)};
  }
  if (a.kind == Kind::kDate && b.kind == Kind::kTimestamp) {
    return b;
  }
  return {Kind::kString, 0};
}

DataTypePtr typeOf(const Inferred& t) {
  switch (t.kind) {
    case Kind::kInt:
      return DataType::integer();
    case Kind::kLong:
      return DataType::longType();
    case Kind::kDecimal:
      return DataType::decimal(t.precision, 0);
    case Kind::kDouble:
      return DataType::doubleType();
    case Kind::kDate:
      return DataType::date();
    case Kind::kTimestamp:
      return DataType::timestamp();
    case Kind::kNull:  // a column of nulls only
    case Kind::kString:
      break;
  }
  return DataType::string();
}

}  // namespace

PartitionSpec discoverPartitions(const std::vector<std::string>& basePaths,
                                 const std::vector<std::string>& files,
                                 bool typeInference) {
  PartitionSpec spec;
  std::vector<std::vector<std::pair<std::string, std::string>>> dirs;
  for (const auto& f : files) {
    dirs.push_back(partitionDirs(basePaths, f));
  }
  if (dirs.empty() || dirs[0].empty()) {
    for (size_t i = 1; i < dirs.size(); ++i) {
      if (!dirs[i].empty()) {
        throwUserError("CONFLICTING_PARTITION_COLUMN_NAMES",
                       "Conflicting partition column names detected: " + files[0] + " has none, " + files[i] +
                           " has " + dirs[i][0].first);
      }
    }
    spec.values.assign(files.size(), {});
    return spec;
  }
  const auto& names = dirs[0];
  std::vector<Inferred> types(names.size());
  for (size_t f = 0; f < dirs.size(); ++f) {
    if (dirs[f].size() != names.size()) {
      throwUserError("CONFLICTING_PARTITION_COLUMN_NAMES",
                     "Conflicting partition column names detected in " + files[0] + " and " + files[f]);
    }
    for (size_t c = 0; c < names.size(); ++c) {
      if (dirs[f][c].first != names[c].first) {
        throwUserError("CONFLICTING_PARTITION_COLUMN_NAMES",
                       "Conflicting partition column names detected: '" + names[c].first + "' in " + files[0] +
                           " and '" + dirs[f][c].first + "' in " + files[f]);
      }
      types[c] = wider(types[c], inferValue(dirs[f][c].second, typeInference));
    }
  }
  std::vector<StructField> fields;
  for (size_t c = 0; c < names.size(); ++c) {
    fields.push_back({names[c].first, typeOf(types[c]), true});
  }
  spec.columns = StructType(fields);
  for (const auto& d : dirs) {
    std::vector<std::optional<std::string>> row;
    for (size_t c = 0; c < names.size(); ++c) {
      if (d[c].second == kDefaultPartitionName) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(unescape(d[c].second));
      }
    }
    spec.values.push_back(std::move(row));
  }
  return spec;
}

}  // namespace rivulet::plan
