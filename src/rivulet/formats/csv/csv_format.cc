#include "rivulet/formats/csv/csv_format.h"

#include "rivulet/common/time/time_zone.h"
#include "rivulet/formats/csv/csv_options.h"
#include "rivulet/formats/csv/csv_reader.h"
#include "rivulet/formats/csv/csv_schema_inference.h"
#include "rivulet/formats/csv/csv_writer.h"

namespace rivulet {

namespace {

class CsvFormat : public FileFormat {
 public:
  std::string name() const override { return "csv"; }

  StructType inferSchema(const std::vector<std::string>& files,
                         const Options& options,
                         const FormatContext& context) const override {
    csv::CsvOptions o = csv::CsvOptions::parse(options, false);
    time::TimeZonePtr holder = context.zone != nullptr ? nullptr : time::TimeZone::systemDefault();
    const time::TimeZone& zone = context.zone != nullptr ? *context.zone : *holder;
    return csv::inferCsvSchema(files, o, zone);
  }

  std::unique_ptr<FileReader> open(const std::string& file,
                                   const StructType& dataSchema,
                                   const std::vector<int>& projection,
                                   const Options& options,
                                   const FormatContext& context) const override {
    return csv::openCsvReader(file, dataSchema, projection, csv::CsvOptions::parse(options, false),
                              context);
  }

  std::unique_ptr<FileWriter> create(const std::string& file,
                                     const StructType& schema,
                                     const Options& options,
                                     const FormatContext& context) const override {
    return csv::createCsvWriter(file, schema, csv::CsvOptions::parse(options, true), context);
  }

  std::string fileExtension(const Options& options) const override {
    return csv::CsvOptions::parse(options, true).gzip ? ".csv.gz" : ".csv";
  }
};

}  // namespace

std::unique_ptr<FileFormat> makeCsvFormat() { return std::make_unique<CsvFormat>(); }

}  // namespace rivulet
