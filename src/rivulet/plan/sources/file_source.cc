#include "rivulet/plan/sources/file_source.h"

#include <algorithm>
#include <cctype>

#include "rivulet/common/error.h"
#include "rivulet/formats/file_format.h"
#include "rivulet/formats/file_listing.h"

namespace rivulet::plan {

namespace {

class FilesIterator : public BatchIterator {
 public:
  FilesIterator(const FileFormat& format,
                std::vector<std::string> files,
                StructType schema,
                std::vector<int> projection,
                Options options,
                FormatContext context)
      : format_(format),
        files_(std::move(files)),
        schema_(std::move(schema)),
        projection_(std::move(projection)),
        options_(std::move(options)),
        context_(context) {}

  std::optional<Batch> next() override {
    while (true) {
      if (!reader_) {
        if (index_ >= files_.size()) {
          return std::nullopt;
        }
        reader_ = format_.open(files_[index_++], schema_, projection_, options_, context_);
      }
      if (auto b = reader_->next()) {
        return b;
      }
      reader_.reset();
    }
  }

 private:
  const FileFormat& format_;
  std::vector<std::string> files_;
  StructType schema_;
  std::vector<int> projection_;
  Options options_;
  FormatContext context_;
  std::unique_ptr<FileReader> reader_;
  size_t index_ = 0;
};

std::string upper(std::string s) {
  for (auto& c : s) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return s;
}

}  // namespace

FileSource::FileSource(const FileFormat& format,
                       std::vector<std::string> paths,
                       Options options,
                       std::optional<StructType> userSchema,
                       const ScanContext& context)
    : format_(format), paths_(std::move(paths)), options_(std::move(options)) {
  files_ = listDataFiles(paths_, options_.getBool("recursiveFileLookup", false));
  if (userSchema) {
    schema_ = *userSchema;
  } else if (files_.empty()) {
    throw AnalysisException("[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for " + upper(format_.name()) +
                                ". It must be specified manually.",
                            "UNABLE_TO_INFER_SCHEMA");
  } else {
    FormatContext fc;
    fc.zone = context.zone;
    schema_ = format_.inferSchema(files_, options_, fc);
  }
}

FileSource::FileSource(const FileFormat& format,
                       std::vector<std::string> paths,
                       std::vector<std::string> files,
                       Options options,
                       StructType schema)
    : format_(format),
      paths_(std::move(paths)),
      files_(std::move(files)),
      options_(std::move(options)),
      schema_(std::move(schema)) {}

std::string FileSource::relationName() const { return format_.name(); }

std::string FileSource::describeScan(const std::string& columns,
                                     const StructType& readSchema,
                                     const std::vector<expr::ExprPtr>& pushedFilters) const {
  std::string location;
  for (size_t i = 0; i < paths_.size(); ++i) {
    location += (i ? ", " : "") + qualifiedPath(paths_[i]);
  }
  std::string filters;
  for (size_t i = 0; i < pushedFilters.size(); ++i) {
    filters += (i ? ", " : "") + pushedFilters[i]->toString();
  }
  return "FileScan " + format_.name() + " [" + columns + "] Batched: false, DataFilters: [" + filters +
         "], Format: " + upper(format_.name()) + ", Location: InMemoryFileIndex(" +
         std::to_string(paths_.size()) + " paths)[" + location + "], PartitionFilters: [], ReadSchema: " +
         readSchema.simpleString();
}

std::unique_ptr<BatchIterator> FileSource::open(const std::vector<int>& projection,
                                                const std::vector<expr::ExprPtr>&,
                                                const ScanContext& context) const {
  FormatContext fc;
  fc.zone = context.zone;
  fc.batchRows = context.batchRows;
  return std::make_unique<FilesIterator>(format_, files_, schema_, projection, options_, fc);
}

}  // namespace rivulet::plan
