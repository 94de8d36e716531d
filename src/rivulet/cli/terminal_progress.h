// TerminalProgress: while a command works for more than a second, a line on the terminal's
// stderr says what it is doing and for how long; it is erased when the work ends. Nothing is
// printed when stderr is not a terminal.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace rivulet::cli {

class TerminalProgress {
 public:
  explicit TerminalProgress(std::string what);

  ~TerminalProgress();

  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;

 private:
  std::string what_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool printed_ = false;
  std::thread thread_;
};

}  // namespace rivulet::cli
