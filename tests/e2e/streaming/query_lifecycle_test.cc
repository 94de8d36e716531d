// StreamingQuery lifecycle: awaitTermination with timeouts, stop during a long batch (interrupted
// between columnar batches and re-run on restart, or waited for inside a foreachBatch function),
// a second query on an active checkpoint, listener event order.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "rivulet/rivulet.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

using namespace rivulet::functions;
namespace fs = std::filesystem;

class OrderListener : public StreamingQueryListener {
 public:
  void onQueryStarted(const std::string&, const std::string&, const std::string&) override { add("started"); }
  void onQueryProgress(const StreamingQueryProgress& p) override { add("progress " + std::to_string(p.batchId)); }
  void onQueryIdle(const std::string&, const std::string&, const std::string& timestamp) override {
    // "2026-11-25T22:40:01.123Z"
    add(timestamp.size() == 24 && timestamp[10] == 'T' && timestamp.back() == 'Z' ? "idle" : "idle " + timestamp);
  }
  void onQueryTerminated(const std::string&, const std::string&, const std::string&) override { add("terminated"); }

  std::vector<std::string> events() {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }

  /// Waits (up to 10 s) until `count` events named `name` have arrived.
  bool waitFor(const std::string& name, size_t count) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(10),
                        [&] { return static_cast<size_t>(std::count(events_.begin(), events_.end(), name)) >= count; });
  }

 private:
  void add(std::string e) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      events_.push_back(std::move(e));
    }
    cv_.notify_all();
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> events_;
};

TEST(QueryLifecycleTest, AwaitTerminationAndListenerOrder) {
  auto session = Session::builder().getOrCreate();
  auto listener = std::make_shared<OrderListener>();
  session.streams().addListener(listener);
  auto q = session.readStream().format("rate-micro-batch").option("rowsPerBatch", "10").load()
               .writeStream().format("noop").trigger(Trigger::ProcessingTime("100 milliseconds")).start();
  EXPECT_FALSE(q.awaitTermination(250));
  EXPECT_THROW(q.awaitTermination(0), Error);
  q.stop();
  EXPECT_TRUE(q.awaitTermination(1000));
  session.streams().removeListener(listener);
  auto events = listener->events();
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.front(), "started");
  EXPECT_EQ(events.back(), "terminated");
  for (size_t i = 1; i + 1 < events.size(); ++i) {
    EXPECT_EQ(events[i], "progress " + std::to_string(i - 1));
  }
}

TEST(QueryLifecycleTest, ATerminatedQueryIsInactiveWhenTheEventArrives) {
  // As Spark: the query is ended and off the active list before onQueryTerminated is posted.
  auto session = Session::builder().getOrCreate();
  class Probe : public StreamingQueryListener {
   public:
    explicit Probe(Session& s) : session_(s) {}
    void onQueryTerminated(const std::string& id, const std::string&, const std::string&) override {
      auto q = session_.streams().get(id);
      found = q.has_value();
      active = q && q->isActive();
      activeCount = session_.streams().active().size();
    }
    Session& session_;
    std::atomic<bool> found{true};
    std::atomic<bool> active{true};
    std::atomic<size_t> activeCount{99};
  };
  auto probe = std::make_shared<Probe>(session);
  session.streams().addListener(probe);
  auto q = session.readStream().format("rate-micro-batch").option("rowsPerBatch", "3").load()
               .writeStream().format("noop").trigger(Trigger::Once()).start();
  q.awaitTermination();
  session.streams().removeListener(probe);
  EXPECT_FALSE(probe->found);
  EXPECT_FALSE(probe->active);
  EXPECT_EQ(probe->activeCount, 0u);
  EXPECT_FALSE(q.isActive());
}

TEST(QueryLifecycleTest, IdleEventsAreThrottledByTheNoDataInterval) {
  auto session = Session::builder().getOrCreate();
  session.conf().set("spark.sql.streaming.noDataProgressEventInterval", "1s");
  auto root = testing::makeTempDir("rivulet-idle");
  fs::create_directories(root / "in");
  auto listener = std::make_shared<OrderListener>();
  session.streams().addListener(listener);
  auto q = session.readStream().schema("id INT").json((root / "in").string())
               .writeStream().format("noop").trigger(Trigger::ProcessingTime("20 milliseconds")).start();
  ASSERT_TRUE(listener->waitFor("idle", 1));  // idle at once: one event
  testing::writeFile(root / "in" / "a.json", "{\"id\":1}\n");
  q.processAllAvailable();
  auto middle = listener->events();  // idle again, but within 1 s of the batch: no event yet
  ASSERT_TRUE(listener->waitFor("idle", 2));  // 1 s after the batch: one more
  q.stop();
  session.streams().removeListener(listener);
  EXPECT_EQ(middle, (std::vector<std::string>{"started", "idle", "progress 0"}));
  EXPECT_EQ(listener->events(), (std::vector<std::string>{"started", "idle", "progress 0", "idle", "terminated"}));
}

TEST(QueryLifecycleTest, StopWaitsForARunningForeachBatchFunction) {
  auto session = Session::builder().getOrCreate();
  auto root = testing::makeTempDir("rivulet-stop");
  testing::writeFile(root / "in" / "a.json", "{\"id\":1}\n");
  std::vector<int64_t> seen;
  std::mutex mu;
  std::atomic<bool> inFunction{false};
  auto start = [&](int sleepMs) {
    return session.readStream().schema("id INT").json((root / "in").string())
        .writeStream()
        .foreachBatch([&, sleepMs](const DataFrame& df, int64_t batchId) {
          inFunction = true;
          std::this_thread::sleep_for(std::chrono::milliseconds(sleepMs));
          std::lock_guard<std::mutex> lock(mu);
          seen.push_back(batchId * 100 + df.count());
        })
        .option("checkpointLocation", (root / "checkpoint").string())
        .start();
  };
  auto q = start(1500);
  for (int i = 0; i < 1000 && !inFunction; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(inFunction);  // the function is sleeping
  auto before = std::chrono::steady_clock::now();
  q.stop();
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - before).count();
  EXPECT_LT(took, 5000);
  EXPECT_FALSE(q.isActive());
  // The user's function is not interrupted: it returned, so the batch committed.
  EXPECT_TRUE(fs::exists(root / "checkpoint" / "commits" / "0"));
  auto again = start(0);
  again.processAllAvailable();
  again.stop();
  // Batch 0 (one row) was delivered once and not again on restart.
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(seen, std::vector<int64_t>{1});
}

TEST(QueryLifecycleTest, StopInterruptsTheBatchInFlight) {
  // A batch of 20 billion rows into parquet would take minutes; stop() ends it between two
  // columnar batches. It is not committed, its partial file is removed, and its offsets stay
  // logged for a restart.
  auto session = Session::builder().getOrCreate();
  auto root = testing::makeTempDir("rivulet-interrupt");
  auto start = [&] {
    return session.readStream()
        .format("rate-micro-batch")
        .option("rowsPerBatch", "20000000000")
        .load()
        .writeStream()
        .format("parquet")
        .option("checkpointLocation", (root / "checkpoint").string())
        .start((root / "out").string());
  };
  auto q = start();
  auto partFiles = [&] {
    std::vector<std::string> parts;
    std::error_code ec;
    for (fs::directory_iterator it(root / "out", ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().filename().string().rfind("part-", 0) == 0) {
        parts.push_back(it->path().filename().string());
      }
    }
    return parts;
  };
  for (int i = 0; i < 500 && partFiles().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(partFiles().size(), 1u);  // the batch is being written
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(q.isActive());
  auto before = std::chrono::steady_clock::now();
  q.stop();
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - before).count();
  EXPECT_LT(took, 5000);
  EXPECT_FALSE(q.isActive());
  EXPECT_EQ(q.exception(), nullptr);
  EXPECT_EQ(q.lastProgress(), nullptr);
  EXPECT_NE(q.status().find("\"message\" : \"Stopped\""), std::string::npos) << q.status();
  EXPECT_TRUE(fs::exists(root / "checkpoint" / "offsets" / "0"));
  EXPECT_FALSE(fs::exists(root / "checkpoint" / "commits" / "0"));
  EXPECT_FALSE(fs::exists(root / "out" / "_spark_metadata" / "0"));
  EXPECT_EQ(partFiles(), std::vector<std::string>{});

  // The restart re-runs batch 0 with its logged offsets (interrupted again here).
  std::string logged = testing::readFile(root / "checkpoint" / "offsets" / "0");
  auto again = start();
  for (int i = 0; i < 500 && partFiles().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(partFiles().size(), 1u);
  again.stop();
  EXPECT_EQ(again.id(), q.id());
  EXPECT_EQ(testing::readFile(root / "checkpoint" / "offsets" / "0"), logged);
  EXPECT_FALSE(fs::exists(root / "checkpoint" / "offsets" / "1"));
  EXPECT_FALSE(fs::exists(root / "checkpoint" / "commits" / "0"));
}

TEST(QueryLifecycleTest, SecondQueryOnAnActiveCheckpointFails) {
  auto session = Session::builder().getOrCreate();
  auto root = testing::makeTempDir("rivulet-conflict");
  auto start = [&] {
    return session.readStream().format("rate").load().writeStream().format("noop")
        .option("checkpointLocation", (root / "checkpoint").string()).start();
  };
  auto first = start();
  try {
    start();
    FAIL() << "expected a conflict";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "Cannot start query with id " + first.id() +
                  " as another query with same id is already active. Perhaps you are attempting to restart a query from checkpoint that is already active.");
  }
  first.stop();
  auto second = start();
  EXPECT_EQ(second.id(), first.id());
  second.stop();
}

}  // namespace
}  // namespace rivulet
