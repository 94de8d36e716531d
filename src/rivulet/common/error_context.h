// ErrorContext: an RAII frame that adds "where" to any rivulet::Error passing through its scope.
#pragma once

#include <functional>

#include "rivulet/common/error.h"
#include <string>

namespace rivulet {

/// Runs `fn`, appending the frame that `describe` returns to any rivulet::Error it throws.
/// The frame is built only when an error happens, so it costs nothing on the normal path.
template <typename Fn, typename Describe>
auto withErrorContext(Describe&& describe, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (Error& e) {
    e.addContext(describe());
    throw;
  }
}

}  // namespace rivulet
