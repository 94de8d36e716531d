// Session: the entry point (Spark's SparkSession): configuration, readers, DataFrames.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/api/data_frame.h"
#include "rivulet/api/data_frame_reader.h"
#include "rivulet/api/data_stream_reader.h"
#include "rivulet/api/streaming_query.h"
#include "rivulet/types/data_type.h"
#include "rivulet/types/row.h"

namespace rivulet {

class SessionState;

/// Runtime configuration (spark.conf): string keys and values.
class RuntimeConfig {
 public:
  explicit RuntimeConfig(std::shared_ptr<SessionState> state) : state_(std::move(state)) {}

  void set(const std::string& key, const std::string& value);

  /// The value, or Spark's error for an unset key without default.
  std::string get(const std::string& key) const;

  std::string get(const std::string& key, const std::string& fallback) const;

  std::optional<std::string> getOption(const std::string& key) const;

  void unset(const std::string& key);

 private:
  std::shared_ptr<SessionState> state_;
};

class Session {
 public:
  class Builder {
   public:
    Builder& appName(const std::string& name);
    Builder& master(const std::string& master);
    Builder& config(const std::string& key, const std::string& value);
    /// The active session if there is one (its config updated), else a new one.
    Session getOrCreate();

   private:
    std::map<std::string, std::string> config_;
  };

  static Builder builder();

  /// The active session; throws if none was created.
  static Session active();

  RuntimeConfig conf() const;

  DataFrameReader read() const;

  /// Reads a stream: readStream().format("rate").load().
  DataStreamReader readStream() const;

  /// The session's streaming queries (Spark's spark.streams).
  StreamingQueryManager streams() const;

  /// A DataFrame from rows and their schema.
  DataFrame createDataFrame(const std::vector<Row>& rows, const StructType& schema) const;

  /// Rows [start, end) by step in one `id` bigint column.
  DataFrame range(int64_t end) const;
  DataFrame range(int64_t start, int64_t end, int64_t step = 1) const;

  /// The table a memory-sink query named `name` has written so far (Spark's spark.table).
  DataFrame table(const std::string& name) const;

  /// Stops the session (clears the active session).
  void stop();

  const std::shared_ptr<SessionState>& state() const { return state_; }

  explicit Session(std::shared_ptr<SessionState> state) : state_(std::move(state)) {}

 private:
  std::shared_ptr<SessionState> state_;
};

}  // namespace rivulet
