// DataStreamReader: session.readStream().format(...).option(...).load().
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "rivulet/api/data_frame.h"
#include "rivulet/api/option_setters.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

class SessionState;

class DataStreamReader : public OptionSetters<DataStreamReader> {
 public:
  explicit DataStreamReader(std::shared_ptr<SessionState> state);
  ~DataStreamReader();
  DataStreamReader(const DataStreamReader&);
  DataStreamReader& operator=(const DataStreamReader&);

  DataStreamReader& format(const std::string& source);
  DataStreamReader& schema(const StructType& schema);
  DataStreamReader& schema(const std::string& ddl);

  DataFrame load() const;
  DataFrame load(const std::string& path) const;
  DataFrame csv(const std::string& path);
  DataFrame json(const std::string& path);
  DataFrame text(const std::string& path);
  DataFrame parquet(const std::string& path);

 private:
  friend class OptionSetters<DataStreamReader>;
  DataStreamReader& setOption(const std::string& key, const std::string& value);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rivulet
