// Options: string options with case-insensitive keys, as Spark's readers and writers take them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rivulet {

class Options {
 public:
  Options() = default;

  Options(std::initializer_list<std::pair<const std::string, std::string>> init);

  /// Sets a key (replacing any key equal ignoring case).
  void set(std::string key, std::string value);

  bool contains(std::string_view key) const;

  std::optional<std::string> get(std::string_view key) const;

  std::string getOr(std::string_view key, std::string_view fallback) const;

  /// "true"/"false" ignoring case; throws a user error naming the option otherwise.
  bool getBool(std::string_view key, bool fallback) const;

  int64_t getInt(std::string_view key, int64_t fallback) const;

  double getDouble(std::string_view key, double fallback) const;

  /// The first character of a one-character option ("sep", "quote"); "" means '\0' (disabled)
  /// where Spark allows it. Throws when longer than one character (except "\t", "\u0001").
  char getChar(std::string_view key, char fallback) const;

  /// Entries with their keys as first set.
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

  bool empty() const { return entries_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

}  // namespace rivulet
