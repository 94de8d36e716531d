// `rivulet demo`: the lecture's pipeline end to end — its rate and file cells (the
// examples/streaming_lecture cells: rate → console, rate → parquet and back, the random-ident stream
// as two queries at once, the file stream over parquet), then parquet → Kafka, static Kafka reads
// with offsets, and a Kafka stream stopped and resumed from its checkpoint. Ctrl-C stops every
// query cleanly.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "rivulet/cli/commands.h"
#include "rivulet/rivulet.h"
#include "streaming_lecture/lecture_cells.h"

extern char** environ;

namespace rivulet::cli {

namespace fs = std::filesystem;
using namespace rivulet::functions;

namespace {

std::atomic<bool> interrupted{false};

void onSignal(int) { interrupted = true; }

struct Interrupted {};

// Sleeps, or stops every active query and unwinds when Ctrl-C was pressed.
void pause(Session& session, int millis) {
  for (int waited = 0; waited < millis; waited += 50) {
    if (interrupted) {
      for (auto& q : session.streams().active()) {
        q.stop();
      }
      throw Interrupted{};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(50, millis - waited)));
  }
}

void step(const std::string& text) { std::cout << "\n### " << text << "\n" << std::endl; }

std::string findAirports(const std::string& given) {
  if (!given.empty()) {
    return given;
  }
  std::vector<fs::path> candidates = {"datasets/airport-codes.csv", "datasets/airport-codes.csv.gz"};
  fs::path exe = fs::canonical("/proc/self/exe");
  for (fs::path dir = exe.parent_path(); dir != dir.root_path(); dir = dir.parent_path()) {
    candidates.push_back(dir / ".." / "shared" / "testdata" / "datasets" / "airport-codes.csv.gz");
  }
  for (const auto& c : candidates) {
    if (fs::exists(c)) {
      return fs::weakly_canonical(c).string();
    }
  }
  throwUserError("PATH_NOT_FOUND",
                 "Cannot find the airport codes dataset: pass --airports PATH (datasets/airport-codes.csv as in the lecture)");
}

// The embedded broker, as a process of its own (`rivulet kafka-broker`).
class BrokerProcess {
 public:
  explicit BrokerProcess(const fs::path& dir) {
    std::string portFile = (dir / "broker.servers").string();
    fs::remove(portFile);
    std::string exe = fs::canonical("/proc/self/exe").string();
    std::vector<std::string> args = {exe, "kafka-broker", "--topic", "test_topic0:1", "--port-file", portFile};
    std::vector<char*> argv;
    for (auto& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&pid_, exe.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
      throwExternalError("BROKER_START_FAILED", "Cannot start the embedded Kafka broker");
    }
    posix_spawn_file_actions_destroy(&actions);
    for (int i = 0; i < 100 && servers_.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      std::ifstream in(portFile);
      std::getline(in, servers_);
    }
    if (servers_.empty()) {
      throwExternalError("BROKER_START_FAILED", "The embedded Kafka broker did not report its address");
    }
  }

  ~BrokerProcess() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }

  const std::string& servers() const { return servers_; }

 private:
  pid_t pid_ = 0;
  std::string servers_;
};

void runDemo(const std::string& airportsPath, const fs::path& dir, const std::string& givenServers) {
  auto session = Session::builder().appName("lecture").getOrCreate();
  fs::remove_all(dir / "checkpoints" / "kafka");

  examples::LectureCellsOptions cells;
  cells.workDir = dir;
  cells.airportsCsv = airportsPath;
  cells.rowsPerSecond = 10;  // enough rows for the Kafka part's offsets 20 to 27
  cells.pause = [&session](int millis) { pause(session, millis); };
  examples::runRateAndFileCells(session, cells);
  DataFrame identPq = session.read().parquet((dir / "datasets" / "s2.parquet").string());

  std::unique_ptr<BrokerProcess> broker;
  std::string servers = givenServers;
  if (servers.empty()) {
    step("Starting the embedded Kafka broker");
    broker = std::make_unique<BrokerProcess>(dir);
    servers = broker->servers();
  }
  std::cout << "kafka.bootstrap.servers = " << servers << std::endl;

  step("parquet → Kafka: every row as JSON into test_topic0");
  identPq.toJSON().withColumn("topic", lit("test_topic0")).write().format("kafka").option("kafka.bootstrap.servers", servers).save();

  step("Kafka as a static DataFrame: the whole topic");
  DataFrame df = session.read().format("kafka").option("kafka.bootstrap.servers", servers).option("subscribe", "test_topic0").load();
  df.printSchema();
  df.show(3, true);

  step("Offsets 20 to 27 only, value as string, then parsed with from_json");
  DataFrame ranged = session.read()
                         .format("kafka")
                         .option("kafka.bootstrap.servers", servers)
                         .option("subscribe", "test_topic0")
                         .option("startingOffsets", R"({"test_topic0":{"0":20}})")
                         .option("endingOffsets", R"({"test_topic0":{"0":27}})")
                         .load();
  DataFrame values = ranged.select(col("value").cast("string").alias("value"));
  values.show(false);
  values.select(from_json(col("value"), identPq.schema()).alias("v")).select(col("v.timestamp"), col("v.value"), col("v.ident")).show(false);

  step("Kafka as a stream: 5 offsets per trigger, with a checkpoint; stopped, then resumed");
  auto kafkaStream = [&] {
    return session.readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", servers)
        .option("subscribe", "test_topic0")
        .option("startingOffsets", "earliest")
        .option("maxOffsetsPerTrigger", "5")
        .load()
        .select(col("value").cast("string").alias("value"), col("offset"))
        .writeStream()
        .format("console")
        .trigger(Trigger::ProcessingTime("1 second"))
        .option("truncate", "false")
        .option("checkpointLocation", (dir / "checkpoints" / "kafka").string())
        .start();
  };
  kafkaStream();
  pause(session, 3500);
  examples::killAll(session);
  std::cout << "\nresuming from the checkpoint:" << std::endl;
  kafkaStream();
  pause(session, 2500);
  examples::killAll(session);
  step("Done");
}

}  // namespace

void addDemoCommand(CLI::App& app) {
  auto* demo = app.add_subcommand("demo", "Run the lecture's pipeline end to end (about a minute)");
  auto airports = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  auto servers = std::make_shared<std::string>();
  demo->add_option("--airports", *airports, "The airport codes CSV (default: datasets/airport-codes.csv)");
  demo->add_option("--dir", *dir, "A working directory for the demo's data and checkpoints (default: a temporary one)");
  demo->add_option("--bootstrap-servers", *servers, "A Kafka to use instead of the embedded broker (host:port)");
  demo->callback([airports, dir, servers] {
    fs::path out = dir->empty() ? fs::temp_directory_path() / "rivulet-demo" : fs::path(*dir);
    fs::create_directories(out);
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    try {
      runDemo(findAirports(*airports), fs::absolute(out), *servers);
    } catch (const Interrupted&) {
      std::cout << "\nInterrupted: every query stopped; checkpoints are consistent." << std::endl;
    }
  });
}

}  // namespace rivulet::cli
