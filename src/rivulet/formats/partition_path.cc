#include "rivulet/formats/partition_path.h"

#include <cstdio>

namespace rivulet {

std::string escapePartitionValue(std::string_view value) {
  std::string out;
  for (unsigned char c : value) {
    if (c < 0x20 || c == '"' || c == '#' || c == '%' || c == '\'' || c == '*' || c == '/' || c == ':' || c == '=' ||
        c == '?' || c == '\\' || c == 0x7F || c == '{' || c == '[' || c == ']' || c == '^') {
      char buf[4];
      snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace rivulet
