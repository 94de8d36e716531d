// rivulet::Error: the one exception hierarchy. User errors (bad input, bad API use), external
// errors (I/O, network; maybe retryable) and internal errors (broken invariants).
#pragma once

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace rivulet {

enum class ErrorKind { kUser, kExternal, kInternal };

/// Every error Rivulet throws. `errorClass()` is Spark's error class where one exists
/// (e.g. "PATH_NOT_FOUND"); `what()` is the full message with its context frames appended.
class Error : public std::exception {
 public:
  Error(ErrorKind kind, std::string errorClass, std::string message, bool retryable = false);

  ErrorKind kind() const noexcept { return kind_; }

  const std::string& errorClass() const noexcept { return errorClass_; }

  /// The message without context frames.
  const std::string& message() const noexcept { return message_; }

  /// Context frames, innermost first ("file /a/b.csv, line 3").
  const std::vector<std::string>& context() const noexcept { return context_; }

  bool retryable() const noexcept { return retryable_; }

  const char* what() const noexcept override { return full_.c_str(); }

  /// Appends a context frame; used by ErrorContext when an error passes through it.
  void addContext(std::string frame);

 private:
  void rebuild();

  ErrorKind kind_;
  std::string errorClass_;
  std::string message_;
  std::vector<std::string> context_;
  bool retryable_;
  std::string full_;
};

/// Spark's AnalysisException: a plan that cannot be resolved or type-checked.
class AnalysisException : public Error {
 public:
  explicit AnalysisException(std::string message, std::string errorClass = "ANALYSIS_ERROR")
      : Error(ErrorKind::kUser, std::move(errorClass), std::move(message)) {}
};

/// Spark's StreamingQueryException: a streaming query ended with an error. what() carries the
/// cause, then the query's identity and offsets.
class StreamingQueryException : public Error {
 public:
  explicit StreamingQueryException(std::string message)
      : Error(ErrorKind::kExternal, "STREAM_FAILED", std::move(message)) {}
};

/// Throws a user error.
[[noreturn]] void throwUserError(std::string errorClass, std::string message);

/// Throws an external (I/O, network) error.
[[noreturn]] void throwExternalError(std::string errorClass,
                                     std::string message,
                                     bool retryable = false);

/// Throws an internal error (a broken invariant).
[[noreturn]] void throwInternalError(std::string message);

}  // namespace rivulet
