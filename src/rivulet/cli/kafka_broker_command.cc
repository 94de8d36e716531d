// `rivulet kafka-broker`: an in-memory Kafka-protocol broker (librdkafka's mock cluster) in a
// process of its own, for the demo, the tests and local experiments.
#include <CLI/CLI.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "rivulet/cli/commands.h"
#include "rivulet/common/error.h"
#include "rivulet/connectors/kafka/embedded_kafka_broker.h"

namespace rivulet::cli {

namespace {

struct BrokerArgs {
  int port = 0;
  std::string portFile;
  std::vector<std::string> topics;
  int brokers = 1;
};

void writePortFile(const std::string& path, const std::string& bootstraps) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << bootstraps << "\n";
    if (!out) {
      throwExternalError("IO_ERROR", "Cannot write the port file '" + tmp + "'");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    throwExternalError("IO_ERROR", "Cannot rename '" + tmp + "' to '" + path + "': " + ec.message());
  }
}

void runBroker(const BrokerArgs& args) {
  // Block the signals before librdkafka starts its threads so that only sigwait sees them.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGINT, SIGTERM, SIGUSR1, SIGUSR2}) {
    sigaddset(&signals, s);
  }
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  kafka::EmbeddedKafkaBroker broker(args.brokers);
  for (const auto& spec : args.topics) {
    size_t colon = spec.rfind(':');
    std::string name = colon == std::string::npos ? spec : spec.substr(0, colon);
    int partitions = 1;
    if (colon != std::string::npos) {
      try {
        size_t used = 0;
        partitions = std::stoi(spec.substr(colon + 1), &used);
        if (used != spec.size() - colon - 1) {
          throw std::invalid_argument(spec);
        }
      } catch (const std::exception&) {
        throw CLI::ValidationError("--topic", "expected name:partitions, got '" + spec + "'");
      }
    }
    broker.createTopic(name, partitions);
  }
  if (args.port != 0) {
    std::cerr << "rivulet kafka-broker: --port " << args.port
              << " cannot be honoured: librdkafka 2.0.2's mock cluster picks its own ports; use the "
                 "bootstrap servers printed below\n";
  }
  if (!args.portFile.empty()) {
    writePortFile(args.portFile, broker.bootstrapServers());
  }
  std::cout << broker.bootstrapServers() << std::endl;
  std::cerr << "rivulet kafka-broker: " << args.brokers
            << " in-memory broker(s) at " << broker.bootstrapServers()
            << "; SIGUSR1 takes them down, SIGUSR2 brings them up, Ctrl-C stops" << std::endl;
  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) {
      continue;
    }
    if (sig == SIGUSR1 || sig == SIGUSR2) {
      for (int id = 1; id <= args.brokers; ++id) {
        if (sig == SIGUSR1) {
          broker.setBrokerDown(id);
        } else {
          broker.setBrokerUp(id);
        }
      }
      std::cerr << "rivulet kafka-broker: brokers " << (sig == SIGUSR1 ? "down" : "up") << std::endl;
      continue;
    }
    break;
  }
  if (!args.portFile.empty()) {
    std::error_code ec;
    std::filesystem::remove(args.portFile, ec);
  }
}

}  // namespace

void addKafkaBrokerCommand(CLI::App& app) {
  auto args = std::make_shared<BrokerArgs>();
  auto* cmd = app.add_subcommand(
      "kafka-broker",
      "Run an in-memory Kafka broker (librdkafka's mock cluster) on 127.0.0.1 until SIGINT/SIGTERM. "
      "Prints the bootstrap servers on stdout. Topics a producer names are created on demand with 4 "
      "partitions; each partition keeps only about 5 MiB. SIGUSR1 takes the brokers down, SIGUSR2 "
      "brings them back up.");
  cmd->add_option("--port",
                  args->port,
                  "Ignored with a warning: librdkafka 2.0.2's mock cluster cannot bind a given port; "
                  "it picks free ports, printed on stdout and written to --port-file");
  cmd->add_option("--port-file", args->portFile, "Write the bootstrap servers to this file");
  cmd->add_option("--topic", args->topics, "Create a topic: name:partitions (repeatable)");
  cmd->add_option("--brokers", args->brokers, "Number of brokers (default 1)")->check(CLI::Range(1, 16));
  cmd->callback([args]() { runBroker(*args); });
}

}  // namespace rivulet::cli
