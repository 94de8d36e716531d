#include "testing/error_of.h"

#include "rivulet/common/error.h"

namespace rivulet::testing {

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.message();
  }
  return "no error";
}

}  // namespace rivulet::testing
