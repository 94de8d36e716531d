// registerFileFormats(): the built-in formats. Each format folder adds its factory here.
#include <mutex>

#include "rivulet/formats/file_format.h"

namespace rivulet {

void registerFileFormats() {
  static std::once_flag once;
  std::call_once(once, [] {
  });
}

}  // namespace rivulet
