// Random (version 4) UUIDs: query ids, run ids, part-file names.
#pragma once

#include <string>

namespace rivulet {

/// "9538ada3-a233-4697-8b02-cc66250189a3".
std::string randomUuid();

}  // namespace rivulet
