// CSV schema inference with Spark's rules: column names from the header (made unique as Spark
// does) or _c0, _c1, ...; per column the type widens int -> long -> decimal -> double ->
// timestamp, with boolean and string as the other outcomes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rivulet/types/data_type.h"

namespace rivulet::time {
class TimeZone;
}

namespace rivulet::csv {

struct CsvOptions;

/// The schema of `files` read together.
StructType inferCsvSchema(const std::vector<std::string>& files,
                          const CsvOptions& options,
                          const time::TimeZone& zone);

/// Spark's makeSafeHeader: null/empty/nullValue names become "_c<i>", case-insensitive
/// duplicates get their index appended; without a header every name is "_c<i>".
std::vector<std::string> makeSafeHeader(const std::vector<std::string>& tokens,
                                        bool header,
                                        const std::string& nullValue);

}  // namespace rivulet::csv
