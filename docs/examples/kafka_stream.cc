#include <rivulet/rivulet.h>
using namespace rivulet;
using namespace rivulet::functions;

// Usage: kafka_stream HOST:PORT CHECKPOINT_DIR
int main(int argc, char** argv) {
  std::string servers = argv[1];
  auto session = Session::builder().appName("kafka-stream").getOrCreate();
  session.range(12).toJSON().withColumn("topic", lit("test_topic0"))
      .write().format("kafka").option("kafka.bootstrap.servers", servers).save();

  DataFrame sdf = session.readStream().format("kafka")
      .option("kafka.bootstrap.servers", servers)
      .option("subscribe", "test_topic0")
      .option("startingOffsets", "earliest")
      .option("maxOffsetsPerTrigger", "5")
      .load();
  StreamingQuery q = sdf.selectExpr({"CAST(value AS STRING) AS value", "topic", "partition", "offset"})
      .writeStream().format("console")
      .option("checkpointLocation", argv[2])
      .trigger(Trigger::AvailableNow())
      .start();
  q.awaitTermination();
}
