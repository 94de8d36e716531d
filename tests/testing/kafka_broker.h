// KafkaBrokerProcess: starts `rivulet kafka-broker` as a separate process on ephemeral ports and
// stops it; plus helpers to run kcat, the independent Kafka client of the interop tests.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace rivulet::testing {

class KafkaBrokerProcess {
 public:
  /// Starts `rivuletBinary kafka-broker --port-file ... [--topic t]...` and waits (up to 20 s)
  /// for its bootstrap servers. `topics` are "name:partitions". Throws std::runtime_error when
  /// the broker does not come up.
  KafkaBrokerProcess(const std::string& rivuletBinary, const std::vector<std::string>& topics = {}, int brokers = 1);

  /// Stops the broker (SIGTERM, then SIGKILL after 5 s).
  ~KafkaBrokerProcess();

  KafkaBrokerProcess(const KafkaBrokerProcess&) = delete;
  KafkaBrokerProcess& operator=(const KafkaBrokerProcess&) = delete;

  const std::string& bootstrapServers() const { return bootstraps_; }

  pid_t pid() const { return pid_; }

  /// Sends a signal (SIGUSR1: brokers down, SIGUSR2: up).
  void signal(int sig) const;

  /// Stops the broker now; returns its exit status (0 = clean exit).
  int stop();

 private:
  pid_t pid_ = -1;
  std::string bootstraps_;
};

/// The kcat executable on PATH, or "" when absent.
std::string kcatPath();

/// Runs a shell command with `input` on stdin; returns stdout. Throws std::runtime_error (with
/// stderr) when the exit status is not 0.
std::string runCommand(const std::string& command, const std::string& input = "");

}  // namespace rivulet::testing
