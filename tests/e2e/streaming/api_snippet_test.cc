// The streaming API as the streaming issue and the lecture write it, plus listeners and a union
// of two streams.
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "rivulet/connectors/console/console_sink.h"
#include "rivulet/rivulet.h"

namespace rivulet {
namespace {

using namespace rivulet::functions;

class CountingListener : public StreamingQueryListener {
 public:
  void onQueryStarted(const std::string& id, const std::string&, const std::string& name) override {
    started = id + "/" + name;
  }
  void onQueryProgress(const StreamingQueryProgress&) override { ++progress; }
  void onQueryTerminated(const std::string& id, const std::string&, const std::string& error) override {
    terminated = id + (error.empty() ? "" : ":" + error);
  }

  std::string started;
  std::atomic<int> progress{0};
  std::string terminated;
};

TEST(StreamingApiTest, LectureKillAll) {
  auto session = Session::builder().appName("lecture").getOrCreate();
  std::ostringstream console;
  connectors::setConsoleSinkStream(&console);
  auto listener = std::make_shared<CountingListener>();
  session.streams().addListener(listener);

  DataFrame sdf = session.readStream().format("rate").option("rowsPerSecond", "1").load();
  EXPECT_TRUE(sdf.isStreaming());
  StreamingQuery q = sdf.withColumn("ident", lower(lit("ABC")))
                         .writeStream()
                         .format("console")
                         .trigger(Trigger::ProcessingTime("500 milliseconds"))
                         .option("truncate", "false")
                         .option("numRows", "20")
                         .queryName("lecture_rate")
                         .start();
  EXPECT_EQ(listener->started, q.id() + "/lecture_rate");
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  std::vector<std::string> stopped;
  for (StreamingQuery& x : session.streams().active()) {
    std::string desc = x.lastProgress()->sources.at(0).description;
    x.stop();
    stopped.push_back("Stopped " + desc);
  }
  connectors::setConsoleSinkStream(nullptr);
  session.streams().removeListener(listener);
  EXPECT_EQ(stopped, (std::vector<std::string>{"Stopped RateStreamV2[rowsPerSecond=1, rampUpTimeSeconds=0, numPartitions=default"}));
  EXPECT_GE(listener->progress.load(), 1);
  EXPECT_EQ(listener->terminated, q.id());
  const std::string batch0 =
            "-------------------------------------------\n"
            "Batch: 0\n"
            "-------------------------------------------\n"
            "+---------+-----+-----+\n"
            "|timestamp|value|ident|\n"
            "+---------+-----+-----+\n"
            "+---------+-----+-----+\n\n";
  EXPECT_EQ(console.str().substr(0, batch0.size()), batch0);
  EXPECT_EQ(q.explainString(false).substr(0, 20), "== Physical Plan ==\n");
}

TEST(StreamingApiTest, UnionOfTwoStreams) {
  auto session = Session::builder().getOrCreate();
  DataFrame a = session.readStream().format("rate-micro-batch").option("rowsPerBatch", "3").load();
  DataFrame b = session.readStream().format("rate-micro-batch").option("rowsPerBatch", "2").load();
  StreamingQuery q = a.union_(b).writeStream().format("memory").queryName("union_rates").trigger(Trigger::Once()).start();
  q.awaitTermination();
  auto progress = q.lastProgress();
  ASSERT_NE(progress, nullptr);
  ASSERT_EQ(progress->sources.size(), 2u);
  // Batch 0 of each source: values [0, rowsPerBatch), all at startTimestamp 0.
  EXPECT_EQ(progress->sources[0].numInputRows, 3);
  EXPECT_EQ(progress->sources[1].numInputRows, 2);
  EXPECT_EQ(progress->numInputRows, 5);
  std::vector<std::string> rows;
  for (const auto& r : session.table("union_rates").orderBy("value").collect()) {
    rows.push_back(std::to_string(r.getTimestamp(0)) + "/" + std::to_string(r.getLong(1)));
  }
  EXPECT_EQ(rows, (std::vector<std::string>{"0/0", "0/0", "0/1", "0/1", "0/2"}));
}

}  // namespace
}  // namespace rivulet
