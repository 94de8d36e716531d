// DataStreamWriter: df.writeStream().format(...).trigger(...).start().
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rivulet/api/data_frame.h"
#include "rivulet/api/option_setters.h"
#include "rivulet/api/streaming_query.h"
#include "rivulet/api/trigger.h"

namespace rivulet {

/// foreach(): per partition, open → process each row → close (Spark's ForeachWriter).
class ForeachWriter {
 public:
  virtual ~ForeachWriter() = default;
  /// Returns false to skip this partition of this epoch.
  virtual bool open(int64_t partitionId, int64_t epochId) = 0;
  virtual void process(const Row& row) = 0;
  /// `error` is empty on success.
  virtual void close(const std::string& error) = 0;
};

class DataStreamWriter : public OptionSetters<DataStreamWriter> {
 public:
  explicit DataStreamWriter(DataFrame df);
  ~DataStreamWriter();
  DataStreamWriter(const DataStreamWriter&);
  DataStreamWriter& operator=(const DataStreamWriter&);

  DataStreamWriter& format(const std::string& sink);
  /// "append" (default), "update", "complete".
  DataStreamWriter& outputMode(const std::string& mode);
  DataStreamWriter& trigger(const Trigger& trigger);
  DataStreamWriter& queryName(const std::string& name);
  DataStreamWriter& partitionBy(const std::vector<std::string>& columns);
  DataStreamWriter& foreachBatch(std::function<void(const DataFrame&, int64_t)> fn);
  DataStreamWriter& foreach(std::shared_ptr<ForeachWriter> writer);

  /// Starts the query on its own thread and returns at once.
  StreamingQuery start();
  StreamingQuery start(const std::string& path);

 private:
  friend class OptionSetters<DataStreamWriter>;
  DataStreamWriter& setOption(const std::string& key, const std::string& value);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rivulet
