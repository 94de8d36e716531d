// Invariant checks: RIVULET_CHECK (always on, internal error), RIVULET_USER_CHECK (bad input,
// user error), RIVULET_DCHECK (debug builds only; hot loops on non-input values).
#pragma once

#include <string>

#include "rivulet/common/error.h"

#define RIVULET_CHECK(cond, msg)                                                     \
  do {                                                                               \
    if (!(cond)) [[unlikely]] {                                                      \
      ::rivulet::throwInternalError(std::string("check failed: " #cond ": ") + (msg)); \
    }                                                                                \
  } while (0)

#define RIVULET_USER_CHECK(cond, errorClass, msg)      \
  do {                                                 \
    if (!(cond)) [[unlikely]] {                        \
      ::rivulet::throwUserError((errorClass), (msg));  \
    }                                                  \
  } while (0)

#ifndef NDEBUG
#define RIVULET_DCHECK(cond, msg) RIVULET_CHECK(cond, msg)
#else
#define RIVULET_DCHECK(cond, msg) \
  do {                            \
  } while (0)
#endif
