#include "rivulet/common/error.h"

namespace rivulet {

Error::Error(ErrorKind kind, std::string errorClass, std::string message, bool retryable)
    : kind_(kind),
      errorClass_(std::move(errorClass)),
      message_(std::move(message)),
      retryable_(retryable) {
  rebuild();
}

void Error::addContext(std::string frame) {
  context_.push_back(std::move(frame));
  rebuild();
}

void Error::rebuild() {
  full_ = message_;
  for (const auto& frame : context_) {
    full_ += "\n  while ";
    full_ += frame;
  }
}

void throwUserError(std::string errorClass, std::string message) {
  throw Error(ErrorKind::kUser, std::move(errorClass), std::move(message));
}

void throwExternalError(std::string errorClass, std::string message, bool retryable) {
  throw Error(ErrorKind::kExternal, std::move(errorClass), std::move(message), retryable);
}

void throwInternalError(std::string message) {
  throw Error(ErrorKind::kInternal, "INTERNAL_ERROR", std::move(message));
}

}  // namespace rivulet
