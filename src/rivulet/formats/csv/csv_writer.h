// CsvWriter: writes batches as CSV text with Spark's quoting and value formatting.
#pragma once

#include <memory>
#include <string>

#include "rivulet/formats/csv/csv_options.h"
#include "rivulet/formats/file_format.h"

namespace rivulet::csv {

std::unique_ptr<FileWriter> createCsvWriter(const std::string& file,
                                            const StructType& schema,
                                            const CsvOptions& options,
                                            const FormatContext& context);

}  // namespace rivulet::csv
