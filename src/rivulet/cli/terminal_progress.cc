#include "rivulet/cli/terminal_progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace rivulet::cli {

TerminalProgress::TerminalProgress(std::string what) : what_(std::move(what)) {
  if (isatty(STDERR_FILENO) == 0) {
    return;
  }
  thread_ = std::thread([this] {
    auto start = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(mu_);
    int seconds = 0;
    while (!cv_.wait_for(lock, std::chrono::seconds(1), [this] { return done_; })) {
      seconds = static_cast<int>(
          std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start).count());
      std::fprintf(stderr, "\r%s… %ds", what_.c_str(), seconds);
      std::fflush(stderr);
      printed_ = true;
    }
    if (printed_) {
      std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
    }
  });
}

TerminalProgress::~TerminalProgress() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

}  // namespace rivulet::cli
