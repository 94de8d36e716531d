// parquet_dump FILE [batchRows]: prints the schema and rows of a Parquet file as the tests
// render them (a debugging aid, not a test).
#include <iostream>

#include "parquet_test_util.h"
#include "rivulet/common/error.h"
#include "rivulet/formats/parquet/parquet_metadata.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: parquet_dump FILE [batchRows] [--meta]\n";
    return 2;
  }
  try {
    if (argc > 2 && std::string(argv[2]) == "--meta") {
      auto info = rivulet::parquet::readParquetMetadata(argv[1]);
      std::cout << info.parquetSchema << "created_by: " << info.createdBy << "\n";
      for (const auto& [k, v] : info.keyValueMetadata) {
        std::cout << k << " = " << v.substr(0, 200) << "\n";
      }
      for (size_t g = 0; g < info.rowGroups.size(); ++g) {
        std::cout << "row group " << g << ": " << info.rowGroups[g].numRows << " rows\n";
        for (const auto& c : info.rowGroups[g].columns) {
          std::cout << "  " << c.path << " " << c.physicalType << " " << c.codec << " values=" << c.numValues
                    << " nulls=" << (c.nullCount ? std::to_string(*c.nullCount) : "?")
                    << " min=" << c.min.value_or("?") << " max=" << c.max.value_or("?") << "\n";
        }
      }
      return 0;
    }
    int64_t batchRows = argc > 2 ? std::stoll(argv[2]) : 4096;
    auto r = rivulet::parquet::testing::readParquet(argv[1], {}, batchRows);
    std::cout << r.schema.treeString();
    for (const auto& row : r.rows) {
      std::cout << row << "\n";
    }
  } catch (const rivulet::Error& e) {
    std::cout << "ERROR [" << e.errorClass() << "] " << e.what() << "\n";
    return 1;
  }
  return 0;
}
