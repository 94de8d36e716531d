// The "text" FileFormat: one `value` string row per line (or per file with wholetext), and a
// writer of a single string column.
#pragma once

#include <memory>

#include "rivulet/formats/file_format.h"

namespace rivulet {

/// The text format, registered by registerFileFormats().
std::unique_ptr<FileFormat> makeTextFormat();

}  // namespace rivulet
