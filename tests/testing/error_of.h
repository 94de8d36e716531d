// The message of the rivulet::Error a call throws, for tests that compare error texts.
#pragma once

#include <functional>
#include <string>

namespace rivulet::testing {

/// Error::message() of what `f` throws, or "no error" when it returns.
std::string errorOf(const std::function<void()>& f);

}  // namespace rivulet::testing
