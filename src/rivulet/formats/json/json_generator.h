// JsonGenerator: renders column cells as JSON text the way Spark's JSON writer (Jackson) does:
// nulls omitted in objects (ignoreNullFields), ISO timestamps, Java-style doubles, base64 binary.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "rivulet/columnar/batch.h"
#include "rivulet/formats/json/json_options.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

namespace time {
class DateTimeFormat;
class TimeZone;
}

namespace json {

class JsonGenerator {
 public:
  JsonGenerator(const JsonOptions& options, const time::TimeZone& zone);

  ~JsonGenerator();

  /// Appends the non-null cell `row` of `v`.
  void writeValue(const Vector& v, int64_t row, std::string& out) const;

  /// Appends `{...}` for row `row` of the struct whose fields are `columns` with `fields`.
  void writeObject(const std::vector<VectorPtr>& columns,
                   const std::vector<StructField>& fields,
                   int64_t row,
                   std::string& out) const;

 private:
  bool ignoreNullFields_;
  const time::TimeZone& zone_;
  /// timestampFormat / dateFormat when set (default: ISO with offset, yyyy-MM-dd).
  std::unique_ptr<time::DateTimeFormat> timestampFormat_;
  std::unique_ptr<time::DateTimeFormat> dateFormat_;
};

/// Appends `s` as a quoted JSON string, escaped as Jackson does.
void appendJsonString(std::string_view s, std::string& out);

/// Standard base64 with padding.
void appendBase64(std::string_view bytes, std::string& out);

/// java.math.BigDecimal.toString() of unscaled * 10^-scale ("1.50", "1E-8").
std::string formatBigDecimal(__int128 unscaled, int scale);

}  // namespace json
}  // namespace rivulet
