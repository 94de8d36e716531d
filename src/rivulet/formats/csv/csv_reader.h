// CsvReader: reads one CSV file into batches of the projected columns, converting values to
// the schema's types while parsing and applying Spark's parse modes to malformed records.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rivulet/formats/csv/csv_options.h"
#include "rivulet/formats/file_format.h"

namespace rivulet::csv {

/// Opens `file`; `dataSchema` may hold the corrupt-record column (a nullable string).
std::unique_ptr<FileReader> openCsvReader(const std::string& file,
                                          const StructType& dataSchema,
                                          const std::vector<int>& projection,
                                          const CsvOptions& options,
                                          const FormatContext& context);

/// Throws Spark's errors for a schema the CSV reader or writer cannot handle: nested or binary
/// columns, a corrupt-record column that is not a nullable string.
void checkCsvSchema(const StructType& schema, const CsvOptions& options, bool forWrite);

}  // namespace rivulet::csv
