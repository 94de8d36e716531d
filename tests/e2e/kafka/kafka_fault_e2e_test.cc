// Kafka fault tests against the `rivulet kafka-broker` process:
//  - kafka → parquet killed with SIGKILL at random moments, then run to the end: every message
//    lands exactly once in what the parquet reader shows (it honours `_spark_metadata`);
//  - kafka → kafka with the exactly-once sink under the same kills (see the test's comment for
//    what the embedded broker can and cannot show);
//  - the brokers taken down while a kafka → memory query runs: it keeps running and, once they
//    are back, reads everything once; and brokers going down and up every 50–300 ms while the
//    query works through a backlog (outages that hit requests in flight).
//
// Each query that gets killed runs in a child process: this test binary re-run with
// RIVULET_KAFKA_FAULT_CHILD selecting the query (KafkaFaultChild.Run).
//
// Counts: RIVULET_FAULT_RUNS kills per test (default 5; the `faults` test preset sets 50), twice
// as many broker flaps, and a broker outage of 5 s (20 s when RIVULET_FAULT_RUNS >= 50, or
// RIVULET_FAULT_OUTAGE_MS). The full count on any build directory:
//   RIVULET_FAULT_RUNS=50 ctest --test-dir <build> -R 'Kafka.*FaultTest' --output-on-failure
// RIVULET_FAULT_SEED fixes the random kill delays (the seed used is printed).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <thread>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rivulet/rivulet.h"
#include "testing/kafka_broker.h"
#include "testing/test_paths.h"

extern char** environ;

namespace rivulet {
namespace {

namespace fs = std::filesystem;
using namespace rivulet::functions;
using Clock = std::chrono::steady_clock;

constexpr int kPartitions = 4;
constexpr int kMaxOffsetsPerTrigger = 40;  // 10 per partition and batch

int envInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

int faultRuns() {
  return envInt("RIVULET_FAULT_RUNS", 5);
}

// Messages per kill test: about 20 micro-batches per kill, so that the kills fall while the
// children still have data to process (a child commits a batch every 50–70 ms).
int messageCount() {
  return std::max(4000, 800 * faultRuns());
}

int outageMs() {
  return envInt("RIVULET_FAULT_OUTAGE_MS", faultRuns() >= 50 ? 20000 : 5000);
}

uint32_t faultSeed() {
  if (const char* v = std::getenv("RIVULET_FAULT_SEED")) {
    return static_cast<uint32_t>(std::strtoul(v, nullptr, 10));
  }
  return std::random_device{}();
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

// {"id":<i>,"pad":"xx…"} to partition i % kPartitions.
void produceIds(const Session& session,
                const std::string& servers,
                const std::string& topic,
                int from,
                int to) {
  session.range(from, to)
      .selectExpr(
          {"CONCAT('{\"id\":', CAST(id AS STRING), ',\"pad\":\"', REPEAT('x', 40), '\"}') AS value",
           "CAST(id % " + std::to_string(kPartitions) + " AS INT) AS partition"})
      .write()
      .format("kafka")
      .option("kafka.bootstrap.servers", servers)
      .option("topic", topic)
      .save();
}

DataFrame kafkaStream(const Session& session,
                      const std::string& servers,
                      const std::string& topic) {
  return session.readStream()
      .format("kafka")
      .option("kafka.bootstrap.servers", servers)
      .option("subscribe", topic)
      .option("startingOffsets", "earliest")
      .option("maxOffsetsPerTrigger", kMaxOffsetsPerTrigger)
      .load();
}

Column idOf(const Column& json) {
  return from_json(json.cast("string"), "id BIGINT, pad STRING").getField("id");
}

// The kafka → parquet query of the kill test.
StreamingQuery startParquetQuery(const Session& session,
                                 const std::string& servers,
                                 const std::string& topic,
                                 const fs::path& root,
                                 Trigger trigger) {
  return kafkaStream(session, servers, topic)
      .select({idOf(col("value")).alias("id"), col("partition"), col("offset")})
      .writeStream()
      .format("parquet")
      .option("checkpointLocation", (root / "checkpoint").string())
      .trigger(trigger)
      .start((root / "out").string());
}

// The kafka → kafka exactly-once query: the output keeps the source partition and carries the
// source offset as its key, so that the test can tell which batch each output record belongs to.
StreamingQuery startExactlyOnceQuery(const Session& session,
                                     const std::string& servers,
                                     const std::string& in,
                                     const std::string& out,
                                     const fs::path& root,
                                     Trigger trigger) {
  return kafkaStream(session, servers, in)
      .selectExpr({"CAST(offset AS STRING) AS key", "value", "partition"})
      .writeStream()
      .format("kafka")
      .option("kafka.bootstrap.servers", servers)
      .option("topic", out)
      .option("exactlyOnce", "true")
      .option("exactlyOnce.markerTopic", out + "-markers")
      .option("checkpointLocation", (root / "checkpoint").string())
      .trigger(trigger)
      .start();
}

// The highest batch id in a checkpoint's commits/ or offsets/ directory (-1 when none): the
// checkpoint keeps only the last 100 batches, so the files are not counted.
int lastBatch(const fs::path& dir) {
  int last = -1;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) {
      last = std::max(last, std::stoi(name));
    }
  }
  return last;
}

// Starts KafkaFaultChild.Run in a child process with `vars` added to the environment, its output
// appended to `log`. The environment is built before fork: the child only calls exec.
pid_t spawnChild(const std::map<std::string, std::string>& vars, const fs::path& log) {
  std::vector<std::string> entries;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    if (!vars.count(entry.substr(0, entry.find('=')))) {
      entries.push_back(entry);
    }
  }
  for (const auto& [k, v] : vars) {
    entries.push_back(k + "=" + v);
  }
  std::vector<char*> envp;
  for (auto& e : entries) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  std::string self = fs::read_symlink("/proc/self/exe").string();
  std::string filter = "--gtest_filter=KafkaFaultChild.Run";
  char* argv[] = {self.data(), filter.data(), nullptr};
  int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  pid_t pid = fork();
  if (pid == 0) {
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execve(self.c_str(), argv, envp.data());
    _exit(127);
  }
  if (fd >= 0) {
    ::close(fd);
  }
  return pid;
}

// Runs the child query `mode` R times, each killed with SIGKILL after a random 100–800 ms.
void killRepeatedly(const std::map<std::string, std::string>& vars, const fs::path& root) {
  int runs = faultRuns();
  uint32_t seed = faultSeed();
  std::cout << "kill runs: " << runs << ", seed: " << seed << " (RIVULET_FAULT_SEED)" << std::endl;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay(100, 800);
  fs::path log = root / "child.log";
  for (int r = 0; r < runs; ++r) {
    int ms = delay(rng);
    pid_t pid = spawnChild(vars, log);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    ::kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    // The query never ends by itself: a child that exited failed.
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "run " << r << ": the child ended on its own; its output:\n"
        << testing::readFile(log);
    std::cout << "run " << r << ": killed after " << ms << " ms, last committed batch "
              << lastBatch(root / "checkpoint" / "commits") << std::endl;
  }
}

// The end offset of each partition of `topic` in checkpoint offsets file `file`.
std::map<int, int64_t> batchEnd(const fs::path& file, const std::string& topic) {
  std::string text = testing::readFile(file);
  std::string json = text.substr(text.rfind('\n') + 1);  // {"topic":{"0":12,"1":10}}
  std::map<int, int64_t> ends;
  size_t pos = json.find('{', json.find(topic)) + 1;
  while (pos < json.size() && json[pos] == '"') {
    size_t q = json.find('"', pos + 1);
    int partition = std::stoi(json.substr(pos + 1, q - pos - 1));
    size_t colon = json.find(':', q);
    size_t end = json.find_first_of(",}", colon);
    ends[partition] = std::stoll(json.substr(colon + 1, end - colon - 1));
    pos = end + 1;
  }
  return ends;
}

class KafkaFaultTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string p = ":" + std::to_string(kPartitions);
    broker_ = std::make_unique<testing::KafkaBrokerProcess>(
        RIVULET_CLI_PATH,
        std::vector<std::string>{
            "fault-pq" + p, "fault-eo-in" + p, "fault-eo-out" + p, "fault-eo-out-markers:1"});
  }

  static void TearDownTestSuite() { broker_.reset(); }

  void SetUp() override {
    session_ = std::make_unique<Session>(
        Session::builder().config("spark.sql.session.timeZone", "UTC").getOrCreate());
  }

  const std::string& servers() const { return broker_->bootstrapServers(); }

  static std::unique_ptr<testing::KafkaBrokerProcess> broker_;
  std::unique_ptr<Session> session_;
};

std::unique_ptr<testing::KafkaBrokerProcess> KafkaFaultTest::broker_;

TEST_F(KafkaFaultTest, RandomKillsOfKafkaToParquetLoseAndDuplicateNothing) {
  const int kMessages = messageCount();
  produceIds(*session_, servers(), "fault-pq", 0, kMessages);
  fs::path root = testing::makeTempDir("kafka-fault-parquet");
  killRepeatedly({{"RIVULET_KAFKA_FAULT_CHILD", "parquet"},
                  {"RIVULET_KAFKA_SERVERS", servers()},
                  {"RIVULET_KAFKA_TOPIC", "fault-pq"},
                  {"RIVULET_KAFKA_ROOT", root.string()}},
                 root);
  if (HasFatalFailure()) {
    return;
  }
  auto started = Clock::now();
  StreamingQuery q =
      startParquetQuery(*session_, servers(), "fault-pq", root, Trigger::AvailableNow());
  ASSERT_TRUE(q.awaitTermination(120000)) << "the final run did not end";
  ASSERT_EQ(q.exception(), nullptr);
  std::cout << "final run: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count()
            << " ms" << std::endl;

  auto rows = session_->read().parquet((root / "out").string()).orderBy("id").collect();
  ASSERT_EQ(rows.size(), static_cast<size_t>(kMessages));
  for (int i = 0; i < kMessages; ++i) {
    ASSERT_EQ(rows[static_cast<size_t>(i)].getLong(0), i) << "row " << i;
    EXPECT_EQ(rows[static_cast<size_t>(i)].getInt(1), i % kPartitions);
    EXPECT_EQ(rows[static_cast<size_t>(i)].getLong(2), i / kPartitions);
  }
  // Equal backlogs: 10 offsets of each partition per batch.
  int batches = kMessages / kMaxOffsetsPerTrigger;
  EXPECT_TRUE(fs::exists(root / "checkpoint" / "commits" / std::to_string(batches - 1)));
  EXPECT_FALSE(fs::exists(root / "checkpoint" / "offsets" / std::to_string(batches)));
}

// What this test verifies, and what it cannot on the embedded broker.
//
// The exactly-once sink writes each micro-batch and a marker {"batchId":N} in one Kafka
// transaction. A real broker hides the records of a transaction that was never committed (a kill
// while it was open) from read_committed consumers; librdkafka's mock cluster does not (see
// docs/kafka.md): they stay visible, so a read_committed read of the mock shows, for each kill
// that hit an open transaction, the part of the batch written before the kill, followed by the
// batch written again by the next run.
//
// Verified exactly: in each output partition (= the source partition; the key is the source
// offset), the records form consecutive source offsets from the first to the last, except that a
// run may restart at the first offset of the batch it is in — the re-run of an uncommitted batch.
// With those aborted attempts removed, every message appears exactly once; when no kill hit an
// open transaction the whole output is exactly once as read. Every batch id has a marker, and
// batches re-run after a kill are at most as many as the kills.
// Not verifiable on the mock: that the aborted attempts are hidden from read_committed consumers
// (the broker's job), and whether a marker seen by a re-run came from a committed transaction.
TEST_F(KafkaFaultTest, RandomKillsOfExactlyOnceKafkaSink) {
  const int kMessages = messageCount();
  produceIds(*session_, servers(), "fault-eo-in", 0, kMessages);
  fs::path root = testing::makeTempDir("kafka-fault-eo");
  int kills = faultRuns();
  killRepeatedly({{"RIVULET_KAFKA_FAULT_CHILD", "exactly-once"},
                  {"RIVULET_KAFKA_SERVERS", servers()},
                  {"RIVULET_KAFKA_TOPIC", "fault-eo-in"},
                  {"RIVULET_KAFKA_OUT", "fault-eo-out"},
                  {"RIVULET_KAFKA_ROOT", root.string()}},
                 root);
  if (HasFatalFailure()) {
    return;
  }
  StreamingQuery q = startExactlyOnceQuery(
      *session_, servers(), "fault-eo-in", "fault-eo-out", root, Trigger::AvailableNow());
  ASSERT_TRUE(q.awaitTermination(120000)) << "the final run did not end";
  ASSERT_EQ(q.exception(), nullptr);

  auto read = [&](const std::string& topic, const std::vector<Column>& columns) {
    return session_->read()
        .format("kafka")
        .option("kafka.bootstrap.servers", servers())
        .option("subscribe", topic)
        .option("kafka.isolation.level", "read_committed")
        .load()
        .orderBy({col("partition"), col("offset")})
        .select(columns)
        .collect();
  };
  auto rows =
      read("fault-eo-out",
           {col("partition"), col("key").cast("string").cast("bigint"), idOf(col("value"))});
  std::set<int64_t> seen;
  for (const auto& r : rows) {
    int64_t id = r.getLong(2);
    // The id and the source position agree (id i is offset i / 4 of partition i % 4).
    ASSERT_EQ(r.getInt(0), id % kPartitions);
    ASSERT_EQ(r.getLong(1), id / kPartitions);
    seen.insert(id);
  }
  ASSERT_EQ(seen.size(), static_cast<size_t>(kMessages)) << "messages lost";
  EXPECT_EQ(*seen.begin(), 0);
  EXPECT_EQ(*seen.rbegin(), kMessages - 1);

  // Batch ranges. The backlogs of the 4 partitions are equal at every batch, so batch N reads
  // offsets [10 N, 10 N + 10) of each; checked against the offsets files the checkpoint kept.
  const int batches = kMessages / kMaxOffsetsPerTrigger;
  constexpr int kPerBatch = kMaxOffsetsPerTrigger / kPartitions;
  ASSERT_EQ(lastBatch(root / "checkpoint" / "offsets"), batches - 1);
  for (int n = 0; n < batches; ++n) {
    fs::path f = root / "checkpoint" / "offsets" / std::to_string(n);
    if (fs::exists(f)) {
      std::map<int, int64_t> expected;
      for (int p = 0; p < kPartitions; ++p) {
        expected[p] = kPerBatch * (n + 1);
      }
      ASSERT_EQ(batchEnd(f, "fault-eo-in"), expected) << "batch " << n;
    }
  }
  auto batchOf = [&](int64_t offset) {
    return static_cast<int>(offset / kPerBatch);
  };
  auto batchStart = [&](int n) {
    return int64_t{kPerBatch} * n;
  };
  std::set<int> rerunBatches;
  size_t abortedRecords = 0;
  std::map<int, std::vector<int64_t>> kept;  // per partition, the records of committed attempts
  for (const auto& r : rows) {
    int p = r.getInt(0);
    int64_t o = r.getLong(1);
    auto& k = kept[p];
    int64_t expected = k.empty() ? 0 : k.back() + 1;
    if (o == expected) {
      k.push_back(o);
      continue;
    }
    ASSERT_LT(o, expected) << "partition " << p << ": offset " << o << " follows " << expected - 1
                           << " (a gap)";
    int n = batchOf(o);
    ASSERT_EQ(o, batchStart(n)) << "partition " << p << ": offset " << o << " follows "
                                << expected - 1 << " but does not start batch " << n;
    ASSERT_EQ(batchOf(expected - 1), n)
        << "partition " << p << ": batch " << n << " restarts after offset " << expected - 1
        << " of another batch";
    rerunBatches.insert(n);
    while (!k.empty() && k.back() >= o) {
      k.pop_back();
      ++abortedRecords;
    }
    k.push_back(o);
  }
  for (int p = 0; p < kPartitions; ++p) {
    std::vector<int64_t> all(kMessages / kPartitions);
    for (size_t i = 0; i < all.size(); ++i) {
      all[i] = static_cast<int64_t>(i);
    }
    EXPECT_EQ(kept[p], all) << "partition " << p;
  }
  EXPECT_LE(rerunBatches.size(), static_cast<size_t>(kills));
  EXPECT_EQ(rows.size(), kMessages + abortedRecords);
  std::cout << "read_committed on the mock: " << rows.size() << " records, " << abortedRecords
            << " of them from " << rerunBatches.size()
            << " transactions open at a kill (a real broker hides these)" << std::endl;

  // Markers: every batch id has one (more only for markers of aborted attempts).
  auto markers = read("fault-eo-out-markers", {col("value").cast("string")});
  std::set<std::string> markerValues;
  for (const auto& m : markers) {
    markerValues.insert(m.getString(0));
  }
  EXPECT_EQ(markerValues.size(), static_cast<size_t>(batches));
  for (int n = 0; n < batches; ++n) {
    EXPECT_TRUE(markerValues.count("{\"batchId\":" + std::to_string(n) + "}")) << "batch " << n;
  }
  EXPECT_LE(markers.size() - markerValues.size(), static_cast<size_t>(kills));
}

// The brokers go down for 5 s (20 s in the full run) while a kafka → memory query runs with a
// 100 ms processing-time trigger: the query stays active without an error, and reads what was
// produced before and after the outage exactly once.
TEST(KafkaBrokerFaultTest, QueryWaitsOutABrokerOutageAndLosesNothing) {
  testing::KafkaBrokerProcess broker(RIVULET_CLI_PATH, {"outage:" + std::to_string(kPartitions)});
  Session session = Session::builder().getOrCreate();
  const std::string& servers = broker.bootstrapServers();
  constexpr int kBefore = 500;
  constexpr int kAfter = 500;
  produceIds(session, servers, "outage", 0, kBefore);
  fs::path root = testing::makeTempDir("kafka-fault-outage");
  StreamingQuery q = session.readStream()
                         .format("kafka")
                         .option("kafka.bootstrap.servers", servers)
                         .option("subscribe", "outage")
                         .option("startingOffsets", "earliest")
                         .option("maxOffsetsPerTrigger", 100)
                         .load()
                         .select({idOf(col("value")).alias("id")})
                         .writeStream()
                         .format("memory")
                         .queryName("kafka_outage")
                         .option("checkpointLocation", (root / "checkpoint").string())
                         .trigger(Trigger::ProcessingTime(100))
                         .start();
  auto count = [&] {
    return session.table("kafka_outage").count();
  };
  auto waitFor = [&](int64_t n, int timeoutMs) {
    auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    while (count() < n && Clock::now() < deadline && q.isActive()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return count();
  };
  ASSERT_EQ(waitFor(kBefore, 30000), kBefore);

  int outage = outageMs();
  std::cout << "brokers down for " << outage << " ms" << std::endl;
  broker.signal(SIGUSR1);
  auto down = Clock::now();
  while (Clock::now() - down < std::chrono::milliseconds(outage)) {
    ASSERT_TRUE(q.isActive()) << "the query stopped during the outage";
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(q.isActive());
  ASSERT_EQ(q.exception(), nullptr);
  broker.signal(SIGUSR2);
  auto up = Clock::now();
  produceIds(session, servers, "outage", kBefore, kBefore + kAfter);
  ASSERT_EQ(waitFor(kBefore + kAfter, 60000), kBefore + kAfter)
      << (q.exception() ? "the query failed" : "the query did not catch up");
  std::cout << "caught up "
            << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - up).count()
            << " ms after the brokers came back" << std::endl;
  q.processAllAvailable();
  EXPECT_TRUE(q.isActive());
  q.stop();
  EXPECT_EQ(q.exception(), nullptr);
  auto rows = session.table("kafka_outage").orderBy("id").collect();
  ASSERT_EQ(rows.size(), static_cast<size_t>(kBefore + kAfter));
  for (int i = 0; i < kBefore + kAfter; ++i) {
    ASSERT_EQ(rows[static_cast<size_t>(i)].getLong(0), i);
  }
}

// Brokers that go down and up every 50–300 ms (seeded) while a kafka → memory query works
// through a backlog in small batches: outages now hit requests in flight (listing partitions,
// fetching offsets, reading a batch). The query must not fail and must read every message once.
TEST(KafkaBrokerFaultTest, FlappingBrokersLoseNothing) {
  testing::KafkaBrokerProcess broker(RIVULET_CLI_PATH, {"flap:" + std::to_string(kPartitions)});
  Session session = Session::builder().getOrCreate();
  const std::string& servers = broker.bootstrapServers();
  constexpr int kCount = 4000;
  produceIds(session, servers, "flap", 0, kCount);
  fs::path root = testing::makeTempDir("kafka-fault-flap");
  StreamingQuery q = session.readStream()
                         .format("kafka")
                         .option("kafka.bootstrap.servers", servers)
                         .option("subscribe", "flap")
                         .option("startingOffsets", "earliest")
                         .option("maxOffsetsPerTrigger", 40)
                         .load()
                         .select({idOf(col("value")).alias("id")})
                         .writeStream()
                         .format("memory")
                         .queryName("kafka_flap")
                         .option("checkpointLocation", (root / "checkpoint").string())
                         .start();
  uint32_t seed = faultSeed();
  std::cout << "flapping seed: " << seed << " (RIVULET_FAULT_SEED)" << std::endl;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay(50, 300);
  int flaps = 2 * faultRuns();
  for (int i = 0; i < flaps && q.isActive(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(delay(rng)));
    broker.signal(SIGUSR1);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay(rng)));
    broker.signal(SIGUSR2);
  }
  auto deadline = Clock::now() + std::chrono::seconds(120);
  int64_t n = 0;
  while ((n = session.table("kafka_flap").count()) < kCount && Clock::now() < deadline &&
         q.isActive()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(q.isActive()) << "the query stopped";
  ASSERT_EQ(n, kCount);
  q.processAllAvailable();
  q.stop();
  EXPECT_EQ(q.exception(), nullptr);
  auto rows = session.table("kafka_flap").orderBy("id").collect();
  ASSERT_EQ(rows.size(), static_cast<size_t>(kCount));
  for (int i = 0; i < kCount; ++i) {
    ASSERT_EQ(rows[static_cast<size_t>(i)].getLong(0), i);
  }
}

// The killed queries, run in a child process (see spawnChild); they run until killed.
TEST(KafkaFaultChild, Run) {
  std::string mode = env("RIVULET_KAFKA_FAULT_CHILD");
  if (mode.empty()) {
    GTEST_SKIP() << "runs only as the child process of the Kafka fault tests";
  }
  Session session = Session::builder().getOrCreate();
  fs::path root = env("RIVULET_KAFKA_ROOT");
  std::string servers = env("RIVULET_KAFKA_SERVERS");
  StreamingQuery q =
      mode == "parquet"
          ? startParquetQuery(
                session, servers, env("RIVULET_KAFKA_TOPIC"), root, Trigger::ProcessingTime(50))
          : startExactlyOnceQuery(session,
                                  servers,
                                  env("RIVULET_KAFKA_TOPIC"),
                                  env("RIVULET_KAFKA_OUT"),
                                  root,
                                  Trigger::ProcessingTime(50));
  q.awaitTermination();
  FAIL() << "the query ended";
}

}  // namespace
}  // namespace rivulet
