// DataStreamReader: session.readStream().format(...).option(...).load().
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "rivulet/api/data_frame.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

class SessionState;

class DataStreamReader {
 public:
  explicit DataStreamReader(std::shared_ptr<SessionState> state);
  ~DataStreamReader();
  DataStreamReader(const DataStreamReader&);
  DataStreamReader& operator=(const DataStreamReader&);

  DataStreamReader& format(const std::string& source);
  DataStreamReader& schema(const StructType& schema);
  DataStreamReader& schema(const std::string& ddl);
  DataStreamReader& option(const std::string& key, const std::string& value);
  DataStreamReader& option(const std::string& key, const char* value);
  DataStreamReader& option(const std::string& key, bool value);
  DataStreamReader& option(const std::string& key, int64_t value);
  DataStreamReader& option(const std::string& key, int value) { return option(key, static_cast<int64_t>(value)); }
  DataStreamReader& options(const std::map<std::string, std::string>& options);

  DataFrame load() const;
  DataFrame load(const std::string& path) const;
  DataFrame csv(const std::string& path);
  DataFrame json(const std::string& path);
  DataFrame text(const std::string& path);
  DataFrame parquet(const std::string& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rivulet
