#include "rivulet/formats/parquet/parquet_format.h"

#include "rivulet/common/error.h"
#include "rivulet/formats/parquet/reader/parquet_file.h"
#include "rivulet/formats/parquet/reader/parquet_file_reader.h"
#include "rivulet/formats/parquet/writer/parquet_file_writer.h"

namespace rivulet {

namespace {

DataTypePtr mergeTypes(const DataTypePtr& a, const DataTypePtr& b, const std::string& name) {
  if (a->sameType(*b)) {
    return a;
  }
  if (a->id() == TypeId::kStruct && b->id() == TypeId::kStruct) {
    std::vector<StructField> fields = a->fields();
    for (const auto& f : b->fields()) {
      int i = a->fieldIndex(f.name);
      if (i < 0) {
        fields.push_back(f);
      } else {
        fields[static_cast<size_t>(i)].type = mergeTypes(fields[static_cast<size_t>(i)].type, f.type, f.name);
      }
    }
    return DataType::structType(std::move(fields));
  }
  if (a->id() == TypeId::kArray && b->id() == TypeId::kArray) {
    return DataType::array(mergeTypes(a->elementType(), b->elementType(), name),
                           a->containsNull() || b->containsNull());
  }
  if (a->id() == TypeId::kMap && b->id() == TypeId::kMap) {
    return DataType::map(mergeTypes(a->keyType(), b->keyType(), name),
                         mergeTypes(a->valueType(), b->valueType(), name),
                         a->valueContainsNull() || b->valueContainsNull());
  }
  throwUserError("CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE",
                 "Failed to merge incompatible data types " + a->simpleString() + " and " +
                     b->simpleString() + " of field '" + name + "' (option mergeSchema)");
}

class ParquetFormat : public FileFormat {
 public:
  std::string name() const override { return "parquet"; }

  StructType inferSchema(const std::vector<std::string>& files,
                         const Options& options,
                         const FormatContext& context) const override {
    auto ro = parquet::ReaderOptions::from(options, context);
    if (files.empty()) {
      throwUserError("UNABLE_TO_INFER_SCHEMA", "Unable to infer schema for Parquet: no files");
    }
    bool merge = options.getBool("mergeSchema", options.getBool("spark.sql.parquet.mergeSchema", false));
    StructType schema = parquet::ParquetFile(files[0]).rivuletSchema(ro.convert);
    if (!merge) {
      return schema;
    }
    DataTypePtr merged = schema.asDataType();
    for (size_t i = 1; i < files.size(); ++i) {
      StructType next = parquet::ParquetFile(files[i]).rivuletSchema(ro.convert);
      try {
        merged = mergeTypes(merged, next.asDataType(), "");
      } catch (Error& e) {
        e.addContext("merging the schema of " + files[i]);
        throw;
      }
    }
    return StructType(merged);
  }

  std::unique_ptr<FileReader> open(const std::string& file,
                                   const StructType& dataSchema,
                                   const std::vector<int>& projection,
                                   const Options& options,
                                   const FormatContext& context) const override {
    return parquet::openParquetFile(file, dataSchema, projection, options, context, {});
  }

  std::unique_ptr<FileWriter> create(const std::string& file,
                                     const StructType& schema,
                                     const Options& options,
                                     const FormatContext& context) const override {
    return parquet::createParquetWriter(file, schema, options, context);
  }

  std::string fileExtension(const Options& options) const override {
    return parquet::compressionExtension(options) + ".parquet";
  }
};

}  // namespace

std::unique_ptr<FileFormat> makeParquetFormat() { return std::make_unique<ParquetFormat>(); }

namespace parquet {

std::unique_ptr<FileReader> openParquetFile(const std::string& file,
                                            const StructType& dataSchema,
                                            const std::vector<int>& projection,
                                            const Options& options,
                                            const FormatContext& context,
                                            const std::vector<ParquetFilter>& filters) {
  return std::make_unique<ParquetFileReader>(file, dataSchema, projection,
                                             ReaderOptions::from(options, context), filters);
}

}  // namespace parquet
}  // namespace rivulet
