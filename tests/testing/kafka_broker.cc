#include "testing/kafka_broker.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "testing/test_paths.h"

namespace rivulet::testing {

namespace {

bool waitExit(pid_t pid, int timeoutMs, int* status) {
  for (int waited = 0; waited <= timeoutMs; waited += 10) {
    pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

KafkaBrokerProcess::KafkaBrokerProcess(const std::string& rivuletBinary,
                                       const std::vector<std::string>& topics,
                                       int brokers) {
  auto dir = makeTempDir("rivulet-kafka-broker");
  std::string portFile = (dir / "bootstrap").string();
  std::string logFile = (dir / "broker.log").string();
  std::vector<std::string> args = {rivuletBinary, "kafka-broker", "--port-file", portFile,
                                   "--brokers", std::to_string(brokers)};
  for (const auto& t : topics) {
    args.push_back("--topic");
    args.push_back(t);
  }
  pid_ = fork();
  if (pid_ < 0) {
    throw std::runtime_error("fork failed");
  }
  if (pid_ == 0) {
    std::vector<char*> argv;
    for (auto& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    FILE* log = freopen(logFile.c_str(), "w", stdout);
    (void)log;
    dup2(STDOUT_FILENO, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  for (int waited = 0; waited < 20000; waited += 20) {
    if (std::filesystem::exists(portFile)) {
      std::ifstream in(portFile);
      std::getline(in, bootstraps_);
      if (!bootstraps_.empty()) {
        return;
      }
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("the Kafka broker (" + rivuletBinary + " kafka-broker) exited early: " +
                               readFile(logFile));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  throw std::runtime_error("the Kafka broker did not write " + portFile + " within 20 s");
}

KafkaBrokerProcess::~KafkaBrokerProcess() { stop(); }

void KafkaBrokerProcess::signal(int sig) const {
  if (pid_ > 0) {
    ::kill(pid_, sig);
  }
}

int KafkaBrokerProcess::stop() {
  if (pid_ <= 0) {
    return 0;
  }
  int status = 0;
  ::kill(pid_, SIGTERM);
  if (!waitExit(pid_, 5000, &status)) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string kcatPath() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    auto candidate = std::filesystem::path(dir) / "kcat";
    if (access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  return "";
}

std::string runCommand(const std::string& command, const std::string& input) {
  auto dir = makeTempDir("rivulet-cmd");
  auto in = dir / "stdin";
  auto out = dir / "stdout";
  auto err = dir / "stderr";
  writeFile(in, input);
  std::string full = "(" + command + ") < '" + in.string() + "' > '" + out.string() + "' 2> '" +
                     err.string() + "'";
  int rc = std::system(full.c_str());
  if (rc != 0) {
    throw std::runtime_error("command failed (" + std::to_string(rc) + "): " + command + "\n" +
                             readFile(err));
  }
  return readFile(out);
}

}  // namespace rivulet::testing
