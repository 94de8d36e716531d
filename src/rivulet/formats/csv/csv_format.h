// The "csv" FileFormat: Spark's CSV data source.
#pragma once

#include <memory>

#include "rivulet/formats/file_format.h"

namespace rivulet {

/// The CSV format, registered by registerFileFormats().
std::unique_ptr<FileFormat> makeCsvFormat();

}  // namespace rivulet
