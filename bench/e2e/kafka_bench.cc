// Kafka end to end against the embedded broker (`rivulet kafka-broker`, a child process):
//   produce        N JSON messages of ~110 bytes with the batch writer (partition = id % P)
//   kcat           `kcat -C -b S -t T -e -q -o beginning` reading the whole topic into a pipe
//   noop, memory   readStream kafka (earliest, AvailableNow: one batch) → noop / memory
//   valueonly      CAST(value AS STRING) → noop
//   rawparquet     CAST(value AS STRING), partition, offset → parquet
//   parquetstruct  from_json(CAST(value AS STRING), schema) AS j → parquet (one parse per message)
//   parquet        the six fields of j selected (j.id AS id, ...) → parquet
//   fromjsonstruct, fromjson  the same two shapes into noop
// Usage: kafka_bench [--rivulet=PATH] [--messages=2000000] [--partitions=64] [--repeat=3]
//        [--dir=/tmp] [--only=kcat,noop,memory,parquet,...] [--source-options=kafka.k=v,...]
//        [--explain=1]
// Prints one line per measurement and a best/median summary per figure (docs/performance.md).
#include <cstdio>
#include <cstring>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"

namespace {

using namespace rivulet;
using namespace rivulet::bench;
using namespace rivulet::functions;

const char* kTopic = "bench";

// `rivulet kafka-broker` as a child process, stopped with SIGTERM.
class Broker {
 public:
  Broker(const std::string& binary, const std::string& topic, const std::string& portFile) {
    std::remove(portFile.c_str());
    pid_ = fork();
    if (pid_ == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, STDOUT_FILENO);
      execl(binary.c_str(),
            binary.c_str(),
            "kafka-broker",
            "--topic",
            topic.c_str(),
            "--port-file",
            portFile.c_str(),
            static_cast<char*>(nullptr));
      std::perror("exec rivulet kafka-broker");
      _exit(127);
    }
    for (int i = 0; i < 400 && servers_.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      std::ifstream in(portFile);
      std::getline(in, servers_);
    }
    if (servers_.empty()) {
      stop();
      std::fprintf(stderr, "the broker did not write %s within 20 s\n", portFile.c_str());
      std::exit(1);
    }
  }

  ~Broker() { stop(); }

  int stop() {
    if (pid_ <= 0) {
      return -1;
    }
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

  const std::string& servers() const { return servers_; }

  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::string servers_;
};

// CPU seconds (user + system) of another process, from /proc/<pid>/stat.
double processCpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  auto close = line.rfind(')');
  if (close == std::string::npos) {
    return 0;
  }
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) {
      utime = std::stod(field);
    } else if (i == 15) {
      stime = std::stod(field);
    }
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct Run {
  double seconds = 0;
  int64_t messages = 0;
  double cpu = 0;        // this process
  double brokerCpu = 0;  // the broker process
};

Run runKcat(const std::string& servers, int64_t& payloadBytes, pid_t broker) {
  std::string cmd = "kcat -C -b " + servers + " -t " + kTopic + " -e -q -o beginning";
  double brokerStart = processCpuSeconds(broker);
  auto start = Clock::now();
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    std::perror("popen kcat");
    std::exit(1);
  }
  std::vector<char> buf(1 << 20);
  int64_t bytes = 0, lines = 0;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) {
    bytes += static_cast<int64_t>(n);
    for (size_t i = 0; i < n; ++i) {
      lines += buf[i] == '\n';
    }
  }
  int status = pclose(p);
  Run r;
  r.seconds = secondsSince(start);
  r.messages = lines;
  r.brokerCpu = processCpuSeconds(broker) - brokerStart;
  payloadBytes = bytes - lines;
  if (status != 0) {
    std::printf("kcat exited with status %d\n", status);
  }
  return r;
}

// Extra source options from --source-options=k=v,k=v (e.g.
// kafka.queued.max.messages.kbytes=1048576).
std::vector<std::pair<std::string, std::string>> extraSourceOptions;

DataStreamReader kafkaStream(Session& session, const std::string& servers) {
  DataStreamReader r = session.readStream().format("kafka");
  r.option("kafka.bootstrap.servers", servers)
      .option("subscribe", kTopic)
      .option("startingOffsets", "earliest");
  for (const auto& [k, v] : extraSourceOptions) {
    r.option(k, v);
  }
  return r;
}

int memoryRuns = 0;
bool printPlans = false;  // --explain=1: the last batch's plans after each Rivulet run

// kafka → noop / memory / parquet with AvailableNow: one batch holding the whole topic.
Run runRivulet(Session& session,
               const std::string& servers,
               const std::string& sink,
               const std::string& dir,
               pid_t broker,
               std::string& check) {
  TempDir checkpoint(dir, "kafka-ckpt");
  TempDir out(dir, "kafka-out");
  DataFrame df = kafkaStream(session, servers).load();
  std::string memoryName = "kafka_bench_" + std::to_string(++memoryRuns);
  double cpuStart = cpuSeconds();
  double brokerStart = processCpuSeconds(broker);
  auto start = Clock::now();
  DataStreamWriter w = df.writeStream();
  if (sink == "parquet" || sink == "fromjson") {
    df = df.select(
               from_json(
                   col("value").cast("string"),
                   "id BIGINT, user STRING, event STRING, amount DOUBLE, ts TIMESTAMP, ok BOOLEAN")
                   .alias("j"))
             .select({col("j").getField("id").alias("id"),
                      col("j").getField("user").alias("user"),
                      col("j").getField("event").alias("event"),
                      col("j").getField("amount").alias("amount"),
                      col("j").getField("ts").alias("ts"),
                      col("j").getField("ok").alias("ok")});
    w = df.writeStream();
    if (sink == "parquet") {
      w.format("parquet").option("path", out.str() + "/data");
    } else {
      w.format("noop");
    }
  } else if (sink == "fromjsonstruct" || sink == "parquetstruct") {
    w = df.select(
              from_json(
                  col("value").cast("string"),
                  "id BIGINT, user STRING, event STRING, amount DOUBLE, ts TIMESTAMP, ok BOOLEAN")
                  .alias("j"))
            .writeStream();
    if (sink == "parquetstruct") {
      w.format("parquet").option("path", out.str() + "/data");
    } else {
      w.format("noop");
    }
  } else if (sink == "valueonly") {
    w = df.selectExpr({"CAST(value AS STRING) AS value"}).writeStream();
    w.format("noop");
  } else if (sink == "rawparquet") {
    w = df.selectExpr({"CAST(value AS STRING) AS value", "partition", "offset"}).writeStream();
    w.format("parquet").option("path", out.str() + "/data");
  } else if (sink == "memory") {
    w.format("memory").queryName(memoryName);
  } else {
    w.format("noop");
  }
  StreamingQuery q =
      w.option("checkpointLocation", checkpoint.str()).trigger(Trigger::AvailableNow()).start();
  q.awaitTermination();
  if (printPlans) {
    std::printf("%s", q.explainString(true).c_str());
  }
  Run r;
  r.seconds = secondsSince(start);
  r.cpu = cpuSeconds() - cpuStart;
  r.brokerCpu = processCpuSeconds(broker) - brokerStart;
  std::map<std::string, int64_t> durations;
  for (const auto& p : q.recentProgress()) {
    r.messages += p.numInputRows;
    for (const auto& [k, v] : p.durationMs) {
      durations[k] += v;
    }
  }
  check += ", durationMs";
  for (const auto& [k, v] : durations) {
    check += " " + k + "=" + std::to_string(v);
  }
  if (sink == "memory") {
    check = ", memory table " + std::to_string(session.table(memoryName).count()) + " rows";
  } else if (sink == "parquet" || sink == "rawparquet" || sink == "parquetstruct") {
    DataFrame back = session.read().parquet(out.str() + "/data");
    int64_t rows = back.count();
    int64_t nulls = sink == "parquet" ? back.filter(col("id").isNull()).count()
                    : sink == "parquetstruct"
                        ? back.filter(col("j").getField("id").isNull()).count()
                        : 0;
    check =
        ", read back " + std::to_string(rows) + " rows, " + std::to_string(nulls) + " with null id";
  }
  return r;
}

}  // namespace

int benchMain(int argc, char** argv) {
  Flags flags(argc, argv);
  std::string self = argv[0];
  std::string defaultCli =
      std::filesystem::path(self).parent_path().parent_path().string() + "/src/rivulet/cli/rivulet";
  const std::string binary = flags.str("rivulet", defaultCli);
  const int64_t messages = flags.num("messages", 2000000);
  const int64_t partitions = flags.num("partitions", 64);
  const int64_t repeat = flags.num("repeat", 3);
  const std::string dir = flags.str("dir", "/tmp");
  printPlans = flags.num("explain", 0) != 0;
  auto only = splitList(flags.str("only", "kcat,noop,memory,parquet"));
  for (const auto& kv : splitList(flags.str("source-options", ""))) {
    auto eq = kv.find('=');
    extraSourceOptions.emplace_back(kv.substr(0, eq),
                                    eq == std::string::npos ? "" : kv.substr(eq + 1));
  }
  std::string cmd;
  for (int i = 0; i < argc; ++i) {
    cmd += (i ? " " : "") + std::string(argv[i]);
  }
  std::printf("command: %s\nload average at start: %s, %ld cores online\n",
              cmd.c_str(),
              loadAverage().c_str(),
              sysconf(_SC_NPROCESSORS_ONLN));

  TempDir work(dir, "kafka-broker");
  Broker broker(
      binary, std::string(kTopic) + ":" + std::to_string(partitions), work.str() + "/port");
  std::printf("broker pid %d at %s, topic %s with %lld partitions\n",
              broker.pid(),
              broker.servers().c_str(),
              kTopic,
              static_cast<long long>(partitions));
  std::fflush(stdout);

  Session session = Session::builder().appName("kafka_bench").getOrCreate();
  {
    // ~100-byte JSON values: {"id":..,"user":"user-..","event":"..","amount":..,"ts":"..","ok":..}
    DataFrame data = session.range(messages).select(
        to_json(struct_({col("id"),
                         concat({lit("user-"), ((col("id") * 7919) % 1000003).cast("string")})
                             .alias("user"),
                         callFunction(
                             "element_at",
                             {array({lit("view"), lit("click"), lit("purchase"), lit("search")}),
                              ((col("id") % 4) + 1).cast("int")})
                             .alias("event"),
                         ((col("id") % 100000) / 100.0).alias("amount"),
                         (lit(1714564800LL) + col("id")).cast("timestamp").alias("ts"),
                         ((col("id") % 3) == 0).alias("ok")}))
            .alias("value"),
        (col("id") % partitions).cast("int").alias("partition"));
    auto start = Clock::now();
    data.write()
        .format("kafka")
        .option("kafka.bootstrap.servers", broker.servers())
        .option("topic", kTopic)
        .save();
    double s = secondsSince(start);
    std::printf(
        "produce (batch writer, range → to_json → kafka): %lld messages in %.3f s = %.2f M msgs/s\n",
        static_cast<long long>(messages),
        s,
        messages / s / 1e6);
    std::printf("sample value: %s\n",
                data.limit(1).select(col("value")).collectAsStrings().at(0).c_str());
    std::fflush(stdout);
  }

  int64_t payload = 0;
  std::map<std::string, Series> msgs;
  std::map<std::string, Series> mbs;
  for (const auto& name : only) {
    msgs.emplace(
        name,
        Series(name == "kcat" ? "kcat -C -e (to a pipe) msgs/s" : "kafka→" + name + " msgs/s",
               "msgs/s",
               true));
    mbs.emplace(name,
                Series(name == "kcat" ? "kcat -C -e (to a pipe) MB/s" : "kafka→" + name + " MB/s",
                       "MB/s",
                       true));
  }
  std::vector<double> ratios;
  for (int64_t i = 0; i < repeat; ++i) {
    std::printf(
        "--- run %lld of %lld\n", static_cast<long long>(i + 1), static_cast<long long>(repeat));
    double kcatRate = 0;
    for (const auto& name : only) {
      Run r;
      std::string check;
      if (name == "kcat") {
        r = runKcat(broker.servers(), payload, broker.pid());
        kcatRate = r.messages / r.seconds;
      } else {
        r = runRivulet(session, broker.servers(), name, dir, broker.pid(), check);
      }
      double rate = r.messages / r.seconds;
      double mb =
          payload > 0 ? static_cast<double>(payload) * r.messages / messages / r.seconds / 1e6 : 0;
      std::string cpu = name == "kcat" ? ""
                                       : ", this process CPU " +
                                             std::to_string(int(100 * r.cpu / r.seconds)) + "%";
      std::printf(
          "%-16s %lld messages in %.3f s = %.3f M msgs/s, %.1f MB/s of values (broker CPU %.0f%%%s%s%s)  "
          "load %s\n",
          (name == "kcat" ? "kcat" : "kafka→" + name).c_str(),
          static_cast<long long>(r.messages),
          r.seconds,
          rate / 1e6,
          mb,
          100 * r.brokerCpu / r.seconds,
          cpu.c_str(),
          check.c_str(),
          r.messages == messages ? "" : " COUNT MISMATCH",
          loadAverage().c_str());
      std::fflush(stdout);
      msgs.at(name).add(rate);
      mbs.at(name).add(mb);
      if (name == "noop" && kcatRate > 0) {
        ratios.push_back(rate / kcatRate);
      }
    }
  }
  std::printf("--- summary (load average now: %s; values average %.1f bytes)\n",
              loadAverage().c_str(),
              static_cast<double>(payload) / messages);
  for (const auto& name : only) {
    msgs.at(name).print();
    mbs.at(name).print();
  }
  if (!ratios.empty()) {
    Series ratio("kafka→noop / kcat (same run)", "x", true);
    for (double r : ratios) {
      ratio.add(r);
    }
    ratio.print();
  }
  int status = broker.stop();
  std::printf("broker stopped (exit status %d)\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return 0;
}

int main(int argc, char** argv) {
  // Errors end the run normally so that the broker child is stopped by its destructor.
  try {
    return benchMain(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kafka_bench: %s\n", e.what());
    return 1;
  }
}
