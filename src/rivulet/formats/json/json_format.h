// The "json" file format: Spark's JSON data source (JSON Lines or multiLine files, schema
// inference, PERMISSIVE / DROPMALFORMED / FAILFAST, and the JSON Lines writer).
#pragma once

#include <memory>

#include "rivulet/formats/file_format.h"

namespace rivulet {

/// The JSON format, registered by registerFileFormats().
std::unique_ptr<FileFormat> makeJsonFormat();

}  // namespace rivulet
