// Small helpers shared by the end-to-end streaming benchmarks: flags, timing, temporary
// directories, best/median summaries and a listener that timestamps every batch.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <rivulet/rivulet.h>
#include <sys/resource.h>

namespace rivulet::bench {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point from) {
  return std::chrono::duration<double>(Clock::now() - from).count();
}

/// --key=value flags; anything else is an error.
class Flags {
 public:
  Flags(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      if (a.rfind("--", 0) != 0 || a.find('=') == std::string::npos) {
        std::fprintf(stderr, "bad argument '%s' (expected --key=value)\n", a.c_str());
        std::exit(2);
      }
      auto eq = a.find('=');
      values_[a.substr(2, eq - 2)] = a.substr(eq + 1);
    }
  }

  std::string str(const std::string& key, const std::string& fallback) const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : it->second;
  }

  int64_t num(const std::string& key, int64_t fallback) const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : std::stoll(it->second);
  }

 private:
  std::map<std::string, std::string> values_;
};

/// "a,b,,c" → {"a", "b", "c"}.
inline std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) {
      out.push_back(item);
    }
  }
  return out;
}

/// Whether `name` is selected by an --only list (an empty list selects everything).
inline bool wanted(const std::vector<std::string>& only, const std::string& name) {
  return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
}

/// The load average as uptime prints it ("0.52 0.61 0.70").
inline std::string loadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

/// CPU seconds (user + system) used by this process so far.
inline double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// A fresh directory under `base`, removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir(const std::string& base, const std::string& tag) {
    static std::mt19937_64 rng(std::random_device{}());
    path_ = std::filesystem::path(base) /
            ("rivulet-bench-" + tag + "-" + std::to_string(rng() % 100000000));
    std::filesystem::create_directories(path_);
  }

  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string str() const { return path_.string(); }

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Records when each batch of one query ended (onQueryProgress runs on the query thread) and
/// wakes a waiter once `target` batches ended.
class BatchClock : public StreamingQueryListener {
 public:
  explicit BatchClock(int64_t target) : target_(target) {
    ends_.reserve(static_cast<size_t>(target) + 16);
  }

  void onQueryProgress(const StreamingQueryProgress& progress) override {
    std::lock_guard<std::mutex> lock(mu_);
    ends_.push_back(Clock::now());
    rows_ += progress.numInputRows;
    for (const auto& [k, v] : progress.durationMs) {
      durations_[k] += v;
    }
    if (static_cast<int64_t>(ends_.size()) >= target_) {
      cv_.notify_all();
    }
  }

  /// Waits until `target` batches ended or the query ended; false on timeout.
  bool wait(const StreamingQuery& q, double timeoutSeconds) {
    auto deadline = Clock::now() + std::chrono::duration<double>(timeoutSeconds);
    std::unique_lock<std::mutex> lock(mu_);
    while (static_cast<int64_t>(ends_.size()) < target_) {
      if (Clock::now() > deadline) {
        return false;
      }
      cv_.wait_for(lock, std::chrono::milliseconds(20));
      if (!q.isActive() && static_cast<int64_t>(ends_.size()) < target_) {
        return false;
      }
    }
    return true;
  }

  std::vector<Clock::time_point> ends() const {
    std::lock_guard<std::mutex> lock(mu_);
    return ends_;
  }

  int64_t rows() const {
    std::lock_guard<std::mutex> lock(mu_);
    return rows_;
  }

  /// Sum over the batches of each durationMs entry.
  std::map<std::string, int64_t> durations() const {
    std::lock_guard<std::mutex> lock(mu_);
    return durations_;
  }

 private:
  int64_t target_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Clock::time_point> ends_;
  int64_t rows_ = 0;
  std::map<std::string, int64_t> durations_;
};

/// Collects repeated measurements of one figure and prints best and median.
class Series {
 public:
  Series(std::string name, std::string unit, bool higherIsBetter)
      : name_(std::move(name)), unit_(std::move(unit)), higherIsBetter_(higherIsBetter) {}

  void add(double v) { values_.push_back(v); }

  void print() const {
    if (values_.empty()) {
      return;
    }
    std::vector<double> v = values_;
    std::sort(v.begin(), v.end());
    double best = higherIsBetter_ ? v.back() : v.front();
    double median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    std::printf("SUMMARY %-44s best %12.4g %s   median %12.4g %s   (%zu runs)\n",
                name_.c_str(),
                best,
                unit_.c_str(),
                median,
                unit_.c_str(),
                v.size());
  }

 private:
  std::string name_;
  std::string unit_;
  bool higherIsBetter_;
  std::vector<double> values_;
};

}  // namespace rivulet::bench
