// showString: Spark's Dataset.show() text — a table of padded cells, or vertical records.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rivulet/columnar/batch.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

namespace time {
class TimeZone;
}

struct ShowOptions {
  int64_t numRows = 20;
  /// Cells (not headers) longer than this many characters are cut; 0 = no cutting, cells
  /// left-aligned instead of right-aligned.
  int truncate = 20;
  bool vertical = false;
  /// Zone for timestamps; null = TimeZone::systemDefault().
  const time::TimeZone* zone = nullptr;
  /// Spelling of nulls. Spark up to 3.4 prints "null", 3.5+ prints "NULL".
  std::string_view nullString = "null";
};

/// Spark's Dataset.showString. `rows` holds up to numRows + 1 rows: the extra row only tells
/// whether to print "only showing top N rows".
std::string showString(const Batch& rows, const StructType& schema, const ShowOptions& options);

/// Spark's Utils.stringHalfWidth of UTF-8 text: UTF-16 length plus one for each East Asian
/// full-width character.
int64_t stringHalfWidth(std::string_view text);

}  // namespace rivulet
