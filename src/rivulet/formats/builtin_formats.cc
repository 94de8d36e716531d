// registerFileFormats(): the built-in formats. Each format folder adds its factory here.
#include <mutex>

#include "rivulet/formats/file_format.h"
#include "rivulet/formats/csv/csv_format.h"
#include "rivulet/formats/json/json_format.h"
#include "rivulet/formats/parquet/parquet_format.h"
#include "rivulet/formats/text/text_format.h"

namespace rivulet {

void registerFileFormats() {
  static std::once_flag once;
  std::call_once(once, [] {
    registerFileFormat(makeCsvFormat());
    registerFileFormat(makeJsonFormat());
    registerFileFormat(makeTextFormat());
    registerFileFormat(makeParquetFormat());
  });
}

}  // namespace rivulet
