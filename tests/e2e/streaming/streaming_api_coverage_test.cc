// Streaming API features checked end to end with exact outputs: foreach(ForeachWriter), a failing
// query (exception, status, awaitTermination / awaitAnyTermination, listener), stateless
// transformations and a stream-static inner join, batch actions and output modes rejected on a
// stream, explain before the first batch, parquet / text / glob file sources, and stop() during a
// long trigger interval.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "rivulet/connectors/console/console_sink.h"
#include "rivulet/rivulet.h"
#include "testing/test_paths.h"

namespace rivulet {
namespace {

using namespace rivulet::functions;
namespace fs = std::filesystem;
using rivulet::testing::makeTempDir;
using rivulet::testing::writeFile;

std::vector<std::string> rowStrings(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back(r.toString());
  }
  return out;
}

// Records every ForeachWriter call; optionally refuses an epoch or fails on a row.
class RecordingWriter : public ForeachWriter {
 public:
  bool open(int64_t partitionId, int64_t epochId) override {
    add("open " + std::to_string(partitionId) + " " + std::to_string(epochId));
    return epochId != skipEpoch;
  }
  void process(const Row& row) override {
    if (row.getInt(0) == failOnId) {
      throw std::runtime_error("cannot process id " + std::to_string(failOnId));
    }
    add("process " + row.toString());
  }
  void close(const std::string& error) override { add("close " + error); }

  std::vector<std::string> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }

  int64_t skipEpoch = -1;
  int32_t failOnId = -1;

 private:
  void add(std::string call) {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back(std::move(call));
  }

  std::mutex mu_;
  std::vector<std::string> calls_;
};

class TerminationListener : public StreamingQueryListener {
 public:
  void onQueryTerminated(const std::string& id, const std::string&, const std::string& error) override {
    std::lock_guard<std::mutex> lock(mu_);
    terminated_.push_back(id + ": " + error);
  }

  std::vector<std::string> terminated() {
    std::lock_guard<std::mutex> lock(mu_);
    return terminated_;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> terminated_;
};

class StreamingApiCoverageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = std::make_unique<Session>(Session::builder().getOrCreate());
    session_->conf().set("spark.sql.session.timeZone", "UTC");
    root_ = makeTempDir("rivulet-apicov");
  }

  // Two files, one micro-batch each under AvailableNow with maxFilesPerTrigger=1.
  StreamingQuery foreachTwoBatches(const std::shared_ptr<RecordingWriter>& writer) {
    writeFile(root_ / "in" / "a.csv", "1,a\n2,b\n");
    writeFile(root_ / "in" / "b.csv", "3,c\n");
    return session_->readStream()
        .schema("id INT, name STRING")
        .option("maxFilesPerTrigger", "1")
        .csv((root_ / "in").string())
        .writeStream()
        .foreach(writer)
        .trigger(Trigger::AvailableNow())
        .start();
  }

  std::unique_ptr<Session> session_;
  fs::path root_;
};

TEST_F(StreamingApiCoverageTest, ForeachWriterCallsPerEpoch) {
  auto writer = std::make_shared<RecordingWriter>();
  StreamingQuery q = foreachTwoBatches(writer);
  q.awaitTermination();
  EXPECT_EQ(q.exception(), nullptr);
  EXPECT_EQ(writer->calls(), (std::vector<std::string>{"open 0 0", "process [1,a]", "process [2,b]", "close ",
                                                       "open 0 1", "process [3,c]", "close "}));
  auto progress = q.recentProgress();
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0].sink.numOutputRows, 2);
  EXPECT_EQ(progress[1].sink.numOutputRows, 1);
}

TEST_F(StreamingApiCoverageTest, ForeachWriterOpenFalseSkipsTheRowsButCloses) {
  auto writer = std::make_shared<RecordingWriter>();
  writer->skipEpoch = 0;
  StreamingQuery q = foreachTwoBatches(writer);
  q.awaitTermination();
  EXPECT_EQ(q.exception(), nullptr);
  EXPECT_EQ(writer->calls(), (std::vector<std::string>{"open 0 0", "close ", "open 0 1", "process [3,c]", "close "}));
}

TEST_F(StreamingApiCoverageTest, ForeachWriterProcessErrorClosesAndFailsTheQuery) {
  auto writer = std::make_shared<RecordingWriter>();
  writer->failOnId = 2;
  StreamingQuery q = foreachTwoBatches(writer);
  try {
    q.awaitTermination();
    FAIL() << "expected the query to fail";
  } catch (const StreamingQueryException& e) {
    const std::string head = "cannot process id 2\n=== Streaming Query ===\n";
    EXPECT_EQ(std::string(e.what()).substr(0, head.size()), head) << e.what();
  }
  EXPECT_EQ(writer->calls(), (std::vector<std::string>{"open 0 0", "process [1,a]", "close cannot process id 2"}));
  EXPECT_FALSE(q.isActive());
  EXPECT_TRUE(q.recentProgress().empty());
  EXPECT_NE(q.status().find("\"message\" : \"Terminated with exception: cannot process id 2\""), std::string::npos)
      << q.status();
}

TEST_F(StreamingApiCoverageTest, FailingQueryReportsItsErrorEverywhere) {
  auto listener = std::make_shared<TerminationListener>();
  session_->streams().addListener(listener);
  session_->streams().resetTerminated();
  writeFile(root_ / "in" / "a.json", "{\"id\":1}\n");
  writeFile(root_ / "in" / "b.json", "{\"id\":2}\n");
  StreamingQuery q = session_->readStream()
                         .schema("id INT")
                         .option("maxFilesPerTrigger", "1")
                         .json((root_ / "in").string())
                         .writeStream()
                         .queryName("failing_batch")
                         .foreachBatch([](const DataFrame&, int64_t batchId) {
                           if (batchId == 1) {
                             throw std::runtime_error("batch 1 is rejected");
                           }
                         })
                         .trigger(Trigger::AvailableNow())
                         .start();
  EXPECT_THROW(q.awaitTermination(), StreamingQueryException);
  session_->streams().removeListener(listener);
  EXPECT_FALSE(q.isActive());
  ASSERT_NE(q.exception(), nullptr);
  std::string message;
  try {
    std::rethrow_exception(q.exception());
  } catch (const StreamingQueryException& e) {
    message = e.what();
  }
  // The cause, then Spark's debug block.
  const std::string head = "batch 1 is rejected\n=== Streaming Query ===\nIdentifier: failing_batch [id = " + q.id() +
                           ", runId = " + q.runId() + "]\nCurrent Committed Offsets: {";
  EXPECT_EQ(message.substr(0, head.size()), head) << message;
  // Batch 0 committed; batch 1 (offset 1) was planned when it failed.
  const std::string source = "FileStreamSource[file:" + fs::canonical(root_ / "in").string() + "]";
  EXPECT_NE(message.find("\nCurrent Committed Offsets: {" + source + ": {\"logOffset\":0}}\nCurrent Available Offsets: {" +
                         source + ": {\"logOffset\":1}}\n\nCurrent State: ACTIVE\n"),
            std::string::npos)
      << message;
  EXPECT_EQ(q.status(),
            "{\n  \"message\" : \"Terminated with exception: batch 1 is rejected\",\n  \"isDataAvailable\" : false,\n"
            "  \"isTriggerActive\" : false\n}");
  EXPECT_EQ(listener->terminated(), (std::vector<std::string>{q.id() + ": batch 1 is rejected"}));
  EXPECT_EQ(q.recentProgress().size(), 1u);

  try {
    session_->streams().awaitAnyTermination();
    FAIL() << "expected the query's error";
  } catch (const StreamingQueryException& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
  try {
    session_->streams().awaitAnyTermination(1000);
    FAIL() << "expected the query's error";
  } catch (const StreamingQueryException& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
  EXPECT_TRUE(session_->streams().active().empty());
  // After resetTerminated the manager waits for a new termination again.
  session_->streams().resetTerminated();
  auto before = std::chrono::steady_clock::now();
  EXPECT_FALSE(session_->streams().awaitAnyTermination(150));
  EXPECT_GE(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(150));
}

TEST_F(StreamingApiCoverageTest, MalformedCsvInFailFastModeFailsTheQuery) {
  writeFile(root_ / "in" / "a.csv", "1,x\nnot-a-number,y\n");
  StreamingQuery q = session_->readStream()
                         .schema("id INT, name STRING")
                         .option("mode", "FAILFAST")
                         .csv((root_ / "in").string())
                         .writeStream()
                         .format("memory")
                         .queryName("failfast_csv")
                         .trigger(Trigger::AvailableNow())
                         .start();
  try {
    q.awaitTermination();
    FAIL() << "expected the query to fail";
  } catch (const StreamingQueryException& e) {
    std::string message = e.what();
    const std::string head =
        "Malformed records are detected in record parsing. Parse Mode: FAILFAST. To process malformed records as null "
        "result, try setting the option 'mode' as 'PERMISSIVE'.";
    EXPECT_EQ(message.substr(0, head.size()), head) << message;
    EXPECT_NE(message.find("a.csv, line 2: cannot parse 'not-a-number' as int for column 'id'\n"), std::string::npos)
        << message;
    EXPECT_NE(message.find("\n=== Streaming Query ===\nIdentifier: failfast_csv [id = " + q.id()), std::string::npos)
        << message;
    // Nothing committed before the failing batch 0.
    const std::string source = "FileStreamSource[file:" + fs::canonical(root_ / "in").string() + "]";
    EXPECT_NE(message.find("\nCurrent Committed Offsets: {}\nCurrent Available Offsets: {" + source +
                           ": {\"logOffset\":0}}\n"),
              std::string::npos)
        << message;
  }
  EXPECT_FALSE(q.isActive());
  EXPECT_EQ(q.status().find("\"message\" : \"Terminated with exception: Malformed records are detected"), 4u)
      << q.status();
  EXPECT_EQ(session_->table("failfast_csv").count(), 0);
}

TEST_F(StreamingApiCoverageTest, StatelessTransformationsToMemory) {
  writeFile(root_ / "in" / "a.json",
            "{\"id\":1,\"name\":\"Ann\",\"score\":10,\"extra\":\"x\"}\n"
            "{\"id\":2,\"name\":\"Bob\",\"score\":35,\"extra\":\"y\"}\n"
            "{\"id\":3,\"name\":\"Cy\",\"score\":50,\"extra\":null}\n"
            "{\"id\":4,\"name\":null,\"score\":70,\"extra\":\"z\"}\n");
  DataFrame sdf = session_->readStream().schema("id INT, name STRING, score INT, extra STRING").json((root_ / "in").string());
  DataFrame shaped = sdf.filter(col("score") > 20)
                         .withColumn("double_score", col("score") * 2)
                         .withColumn("name", upper(col("name")))
                         .drop("extra")
                         .select(col("id"), col("name"), col("double_score"));
  EXPECT_TRUE(shaped.isStreaming());
  EXPECT_EQ(shaped.columns(), (std::vector<std::string>{"id", "name", "double_score"}));
  StreamingQuery q = shaped.writeStream().format("memory").queryName("shaped_rows").trigger(Trigger::AvailableNow()).start();
  q.awaitTermination();
  EXPECT_EQ(rowStrings(session_->table("shaped_rows").orderBy("id").collect()),
            (std::vector<std::string>{"[2,BOB,70]", "[3,CY,100]", "[4,null,140]"}));
  ASSERT_EQ(q.recentProgress().size(), 1u);
  EXPECT_EQ(q.recentProgress()[0].numInputRows, 4);
  EXPECT_EQ(q.recentProgress()[0].sink.numOutputRows, 3);
}

TEST_F(StreamingApiCoverageTest, SelectExprAndWhereToConsole) {
  writeFile(root_ / "in" / "a.csv", "1,alpha\n2,beta\n3,gamma\n");
  std::ostringstream out;
  connectors::setConsoleSinkStream(&out);
  StreamingQuery q = session_->readStream()
                         .schema("id INT, word STRING")
                         .csv((root_ / "in").string())
                         .where("id <> 2")
                         .selectExpr({"word", "id * 10 AS tens", "length(word) AS len"})
                         .writeStream()
                         .format("console")
                         .trigger(Trigger::AvailableNow())
                         .start();
  q.awaitTermination();
  connectors::setConsoleSinkStream(nullptr);
  EXPECT_EQ(out.str(),
            "-------------------------------------------\n"
            "Batch: 0\n"
            "-------------------------------------------\n"
            "+-----+----+---+\n"
            "| word|tens|len|\n"
            "+-----+----+---+\n"
            "|alpha|  10|  5|\n"
            "|gamma|  30|  5|\n"
            "+-----+----+---+\n"
            "\n");
}

TEST_F(StreamingApiCoverageTest, StreamStaticInnerJoin) {
  writeFile(root_ / "in" / "a.json",
            "{\"code\":\"ru\",\"n\":1}\n{\"code\":\"us\",\"n\":2}\n{\"code\":\"xx\",\"n\":3}\n{\"code\":\"us\",\"n\":4}\n");
  StructType schema({{"code", DataType::string(), true}, {"country", DataType::string(), true}});
  DataFrame countries = session_->createDataFrame({Row({Value::string("ru"), Value::string("Russia")}),
                                                   Row({Value::string("us"), Value::string("USA")}),
                                                   Row({Value::string("fr"), Value::string("France")})},
                                                  schema);
  DataFrame sdf = session_->readStream().schema("code STRING, n INT").json((root_ / "in").string());
  StreamingQuery q = sdf.join(countries, std::vector<std::string>{"code"})
                         .writeStream()
                         .format("memory")
                         .queryName("inner_joined")
                         .trigger(Trigger::AvailableNow())
                         .start();
  q.awaitTermination();
  DataFrame joined = session_->table("inner_joined");
  EXPECT_EQ(joined.columns(), (std::vector<std::string>{"code", "n", "country"}));
  EXPECT_EQ(rowStrings(joined.orderBy("n").collect()),
            (std::vector<std::string>{"[ru,1,Russia]", "[us,2,USA]", "[us,4,USA]"}));

  // The static side on the left, with a join condition.
  StreamingQuery q2 = countries.join(sdf, countries["code"] == sdf["code"], "inner")
                          .select(countries["country"], sdf["n"])
                          .writeStream()
                          .format("memory")
                          .queryName("inner_joined_static_left")
                          .trigger(Trigger::AvailableNow())
                          .start();
  q2.awaitTermination();
  EXPECT_EQ(rowStrings(session_->table("inner_joined_static_left").orderBy("n").collect()),
            (std::vector<std::string>{"[Russia,1]", "[USA,2]", "[USA,4]"}));
}

TEST_F(StreamingApiCoverageTest, BatchActionsOnAStreamAreRejected) {
  DataFrame sdf = session_->readStream().format("rate").load().withColumn("twice", col("value") * 2);
  const std::string expected = "Queries with streaming sources must be executed with writeStream.start();";
  auto expectRejected = [&](const char* action, const std::function<void()>& run) {
    try {
      run();
      ADD_FAILURE() << action << " did not throw";
    } catch (const AnalysisException& e) {
      EXPECT_EQ(std::string(e.what()), expected) << action;
    }
  };
  expectRejected("show", [&] { sdf.show(); });
  expectRejected("collect", [&] { sdf.collect(); });
  expectRejected("take", [&] { sdf.take(3); });
  expectRejected("head", [&] { sdf.head(); });
  expectRejected("count", [&] { sdf.count(); });
  expectRejected("collectAsStrings", [&] { sdf.toJSON().collectAsStrings(); });
  EXPECT_TRUE(session_->streams().active().empty());
}

TEST_F(StreamingApiCoverageTest, OutputModeErrors) {
  DataFrame sdf = session_->readStream().format("rate").load();
  try {
    sdf.select(col("value")).writeStream().format("memory").queryName("complete_rows").outputMode("complete").start();
    FAIL() << "complete mode without aggregation was accepted";
  } catch (const AnalysisException& e) {
    EXPECT_EQ(std::string(e.what()),
              "Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets;");
  }
  try {
    sdf.writeStream().outputMode("sometimes");
    FAIL() << "an unknown output mode was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "Unknown output mode sometimes. Accepted output modes are 'append', 'complete', 'update'");
  }
  // Case-insensitive, and update without aggregation behaves as append.
  writeFile(root_ / "in" / "a.csv", "7\n");
  StreamingQuery q = session_->readStream()
                         .schema("id INT")
                         .csv((root_ / "in").string())
                         .writeStream()
                         .outputMode("UPDATE")
                         .format("memory")
                         .queryName("update_rows")
                         .trigger(Trigger::AvailableNow())
                         .start();
  q.awaitTermination();
  EXPECT_EQ(rowStrings(session_->table("update_rows").collect()), (std::vector<std::string>{"[7]"}));
  EXPECT_TRUE(session_->streams().active().empty());
}

TEST_F(StreamingApiCoverageTest, ExplainBeforeTheFirstBatch) {
  fs::create_directories(root_ / "in");
  StreamingQuery q = session_->readStream()
                         .schema("id INT")
                         .json((root_ / "in").string())
                         .writeStream()
                         .format("memory")
                         .queryName("explain_rows")
                         .start();
  q.processAllAvailable();  // the directory is empty: no batch runs
  std::ostringstream captured;
  std::streambuf* previous = std::cout.rdbuf(captured.rdbuf());
  q.explain();
  q.explain(true);
  std::cout.rdbuf(previous);
  EXPECT_EQ(captured.str(), "No physical plan. Waiting for data.\nNo physical plan. Waiting for data.\n");
  EXPECT_EQ(q.explainString(), "No physical plan. Waiting for data.\n");

  writeFile(root_ / "in" / "a.json", "{\"id\":1}\n");
  q.processAllAvailable();
  q.stop();
  EXPECT_EQ(q.explainString().substr(0, 20), "== Physical Plan ==\n");
  EXPECT_EQ(q.explainString(true).substr(0, 26), "== Parsed Logical Plan ==\n");
}

TEST_F(StreamingApiCoverageTest, ParquetFileSource) {
  StructType schema({{"id", DataType::integer(), true}, {"name", DataType::string(), true}, {"score", DataType::doubleType(), true}});
  session_->createDataFrame({Row({Value::integer(1), Value::string("a"), Value::real(1.5)}),
                             Row({Value::integer(2), Value(), Value::real(-2.25)}),
                             Row({Value::integer(3), Value::string("c"), Value()})},
                            schema)
      .write()
      .parquet((root_ / "in").string());
  StreamingQuery q = session_->readStream()
                         .schema("id INT, name STRING, score DOUBLE")
                         .parquet((root_ / "in").string())
                         .writeStream()
                         .format("memory")
                         .queryName("parquet_rows")
                         .start();
  q.processAllAvailable();
  // A second file arriving later is a second batch.
  session_->createDataFrame({Row({Value::integer(4), Value::string("d"), Value::real(0.0)})}, schema)
      .write()
      .mode("append")
      .parquet((root_ / "in").string());
  q.processAllAvailable();
  q.stop();
  EXPECT_EQ(rowStrings(session_->table("parquet_rows").orderBy("id").collect()),
            (std::vector<std::string>{"[1,a,1.5]", "[2,null,-2.25]", "[3,c,null]", "[4,d,0.0]"}));
  auto progress = q.recentProgress();
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0].numInputRows, 3);
  EXPECT_EQ(progress[1].numInputRows, 1);
}

TEST_F(StreamingApiCoverageTest, TextFileSourceHasOneValueRowPerLine) {
  writeFile(root_ / "in" / "a.txt", "first line\n\n  spaced  \nlast, no newline");
  DataFrame sdf = session_->readStream().text((root_ / "in").string());
  EXPECT_EQ(sdf.schema().treeString(), "root\n |-- value: string (nullable = true)\n");
  std::vector<std::string> seen;
  StreamingQuery q = sdf.writeStream()
                         .foreachBatch([&](const DataFrame& batch, int64_t) {
                           for (const auto& r : batch.collect()) {
                             seen.push_back(r.getString(0));
                           }
                         })
                         .trigger(Trigger::Once())
                         .start();
  q.awaitTermination();
  EXPECT_EQ(seen, (std::vector<std::string>{"first line", "", "  spaced  ", "last, no newline"}));
}

TEST_F(StreamingApiCoverageTest, GlobPathPicksOnlyMatchingFiles) {
  writeFile(root_ / "in" / "a" / "x1.json", "{\"id\":1}\n");
  writeFile(root_ / "in" / "a" / "y1.json", "{\"id\":100}\n");
  writeFile(root_ / "in" / "b" / "x2.json", "{\"id\":2}\n{\"id\":3}\n");
  writeFile(root_ / "in" / "b" / "x2.csv", "{\"id\":200}\n");
  writeFile(root_ / "in" / "x0.json", "{\"id\":300}\n");
  writeFile(root_ / "in" / "c" / "d" / "x4.json", "{\"id\":400}\n");
  StreamingQuery q = session_->readStream()
                         .schema("id INT")
                         .json((root_ / "in" / "*" / "x*.json").string())
                         .writeStream()
                         .format("memory")
                         .queryName("glob_rows")
                         .start();
  q.processAllAvailable();
  writeFile(root_ / "in" / "c" / "x5.json", "{\"id\":5}\n");
  writeFile(root_ / "in" / "c" / "z5.json", "{\"id\":500}\n");
  q.processAllAvailable();
  q.stop();
  EXPECT_EQ(rowStrings(session_->table("glob_rows").orderBy("id").collect()),
            (std::vector<std::string>{"[1]", "[2]", "[3]", "[5]"}));
  auto progress = q.recentProgress();
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0].numInputRows, 3);
  EXPECT_EQ(progress[1].numInputRows, 1);
}

TEST_F(StreamingApiCoverageTest, StopReturnsPromptlyDuringALongTriggerInterval) {
  writeFile(root_ / "in" / "a.json", "{\"id\":1}\n");
  std::promise<void> firstBatch;
  StreamingQuery q = session_->readStream()
                         .schema("id INT")
                         .json((root_ / "in").string())
                         .writeStream()
                         .foreachBatch([&](const DataFrame&, int64_t batchId) {
                           if (batchId == 0) {
                             firstBatch.set_value();
                           }
                         })
                         .trigger(Trigger::ProcessingTime("1 minute"))
                         .start();
  ASSERT_EQ(firstBatch.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  // Batch 0 is done once the query sleeps towards its next trigger.
  const std::string waiting =
      "{\n  \"message\" : \"Waiting for next trigger\",\n  \"isDataAvailable\" : false,\n  \"isTriggerActive\" : false\n}";
  for (int i = 0; i < 1000 && q.status() != waiting; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(q.status(), waiting);
  auto before = std::chrono::steady_clock::now();
  q.stop();
  auto took = std::chrono::steady_clock::now() - before;
  EXPECT_LT(took, std::chrono::seconds(2));
  EXPECT_FALSE(q.isActive());
  EXPECT_EQ(q.exception(), nullptr);
  EXPECT_EQ(q.recentProgress().size(), 1u);
  EXPECT_EQ(q.status(), "{\n  \"message\" : \"Stopped\",\n  \"isDataAvailable\" : false,\n  \"isTriggerActive\" : false\n}");
}

}  // namespace
}  // namespace rivulet
