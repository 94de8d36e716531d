// DataFrameReader: session.read().format(...).option(...).load(path) and the shorthands.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rivulet/api/data_frame.h"
#include "rivulet/api/option_setters.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

class SessionState;

class DataFrameReader : public OptionSetters<DataFrameReader> {
 public:
  explicit DataFrameReader(std::shared_ptr<SessionState> state);
  ~DataFrameReader();
  DataFrameReader(const DataFrameReader&);
  DataFrameReader& operator=(const DataFrameReader&);

  DataFrameReader& format(const std::string& source);
  DataFrameReader& schema(const StructType& schema);
  /// A DDL schema: "a INT, b STRING".
  DataFrameReader& schema(const std::string& ddl);

  DataFrame load() const;
  DataFrame load(const std::string& path) const;
  DataFrame load(const std::vector<std::string>& paths) const;
  DataFrame csv(const std::string& path);
  DataFrame json(const std::string& path);
  DataFrame text(const std::string& path);
  DataFrame parquet(const std::string& path);

 private:
  friend class OptionSetters<DataFrameReader>;
  DataFrameReader& setOption(const std::string& key, const std::string& value);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rivulet
