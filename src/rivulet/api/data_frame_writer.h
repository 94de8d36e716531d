// DataFrameWriter: df.write().format(...).mode(...).option(...).save(path) and the shorthands.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rivulet/api/data_frame.h"
#include "rivulet/api/option_setters.h"

namespace rivulet {

class DataFrameWriter : public OptionSetters<DataFrameWriter> {
 public:
  explicit DataFrameWriter(DataFrame df);
  ~DataFrameWriter();
  DataFrameWriter(const DataFrameWriter&);
  DataFrameWriter& operator=(const DataFrameWriter&);

  DataFrameWriter& format(const std::string& source);
  /// "errorifexists" (default, also "error" / "default"), "append", "overwrite", "ignore".
  DataFrameWriter& mode(const std::string& saveMode);
  DataFrameWriter& partitionBy(const std::vector<std::string>& columns);

  void save(const std::string& path);
  void save();
  void csv(const std::string& path);
  void json(const std::string& path);
  void text(const std::string& path);
  void parquet(const std::string& path);

 private:
  friend class OptionSetters<DataFrameWriter>;
  DataFrameWriter& setOption(const std::string& key, const std::string& value);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rivulet
