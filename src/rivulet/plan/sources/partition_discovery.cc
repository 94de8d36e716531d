#include "rivulet/plan/sources/partition_discovery.h"

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>

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
      dirs.emplace_back(unescape(segment.substr(0, eq)), unescape(segment.substr(eq + 1)));
    }
    return dirs;
  }
  return {};
}

enum class Kind { kInt, kLong, kDouble, kString };

Kind kindOf(const std::string& v) {
  if (v.empty()) {
    return Kind::kString;
  }
  char* end = nullptr;
  errno = 0;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (*end == '\0' && errno == 0) {
    return n >= INT32_MIN && n <= INT32_MAX ? Kind::kInt : Kind::kLong;
  }
  errno = 0;
  std::strtod(v.c_str(), &end);
  if (*end == '\0' && errno == 0) {
    return Kind::kDouble;
  }
  return Kind::kString;
}

}  // namespace

PartitionSpec discoverPartitions(const std::vector<std::string>& basePaths, const std::vector<std::string>& files) {
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
  std::vector<Kind> kinds(names.size(), Kind::kInt);
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
      if (dirs[f][c].second != kDefaultPartitionName) {
        kinds[c] = std::max(kinds[c], kindOf(dirs[f][c].second));
      }
    }
  }
  std::vector<StructField> fields;
  for (size_t c = 0; c < names.size(); ++c) {
    DataTypePtr type = kinds[c] == Kind::kInt    ? DataType::integer()
                       : kinds[c] == Kind::kLong ? DataType::longType()
                       : kinds[c] == Kind::kDouble ? DataType::doubleType()
                                                   : DataType::string();
    fields.push_back({names[c].first, type, true});
  }
  spec.columns = StructType(fields);
  for (const auto& d : dirs) {
    std::vector<std::optional<std::string>> row;
    for (size_t c = 0; c < names.size(); ++c) {
      if (d[c].second == kDefaultPartitionName) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(d[c].second);
      }
    }
    spec.values.push_back(std::move(row));
  }
  return spec;
}

}  // namespace rivulet::plan
