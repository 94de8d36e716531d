// OptionSetters: the option(...) / options(...) overloads that DataFrameReader, DataFrameWriter,
// DataStreamReader and DataStreamWriter share. Every value becomes the string Spark would pass
// on (true/false, decimal integers, Java's double form).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace rivulet {

/// Spark's string form of a double option value ("1.0", "0.5", "1.0E-4").
std::string optionValueString(double value);

/// `Derived` provides `Derived& setOption(const std::string& key, const std::string& value)`.
template <typename Derived>
class OptionSetters {
 public:
  Derived& option(const std::string& key, const std::string& value) { return self().setOption(key, value); }
  Derived& option(const std::string& key, const char* value) { return option(key, std::string(value)); }
  Derived& option(const std::string& key, bool value) { return option(key, std::string(value ? "true" : "false")); }
  Derived& option(const std::string& key, int64_t value) { return option(key, std::to_string(value)); }
  Derived& option(const std::string& key, int value) { return option(key, static_cast<int64_t>(value)); }
  Derived& option(const std::string& key, double value) { return option(key, optionValueString(value)); }

  Derived& options(const std::map<std::string, std::string>& options) {
    for (const auto& [k, v] : options) {
      self().setOption(k, v);
    }
    return self();
  }

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

}  // namespace rivulet
