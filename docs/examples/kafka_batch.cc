#include <iostream>
#include <rivulet/rivulet.h>
using namespace rivulet;
using namespace rivulet::functions;

// Usage: kafka_batch HOST:PORT
int main(int argc, char** argv) {
  std::string servers = argc > 1 ? argv[1] : "localhost:9092";
  auto session = Session::builder().appName("kafka").getOrCreate();
  DataFrame data = session.range(30).select(col("id"), (col("id") * 10).alias("v"));
  data.toJSON().withColumn("topic", lit("test_topic0"))
      .write().format("kafka").option("kafka.bootstrap.servers", servers).save();

  DataFrame df = session.read().format("kafka")
      .option("kafka.bootstrap.servers", servers)
      .option("subscribe", "test_topic0")
      .option("startingOffsets", R"({"test_topic0":{"0":2}})")
      .option("endingOffsets", R"({"test_topic0":{"0":5}})")
      .load();
  df.select(col("value").cast("string").alias("value"), col("partition"), col("offset")).show(false);
}
