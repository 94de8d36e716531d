#include "rivulet/plan/sources/file_source.h"

#include <algorithm>
#include <cctype>

#include "rivulet/columnar/cast_string.h"
#include "rivulet/columnar/vector_builder.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/formats/file_format.h"
#include "rivulet/formats/file_listing.h"
#include "rivulet/plan/sources/partition_discovery.h"

namespace rivulet::plan {

namespace {

class FilesIterator : public BatchIterator {
 public:
  FilesIterator(const FileFormat& format,
                std::vector<std::string> files,
                StructType dataSchema,
                StructType partitionSchema,
                std::vector<std::vector<VectorPtr>> partitionValues,
                const std::vector<int>& projection,
                Options options,
                FormatContext context)
      : format_(format),
        files_(std::move(files)),
        dataSchema_(std::move(dataSchema)),
        partitionSchema_(std::move(partitionSchema)),
        partitionValues_(std::move(partitionValues)),
        options_(std::move(options)),
        context_(context) {
    int dataColumns = static_cast<int>(dataSchema_.size());
    for (int p : projection) {
      if (p < dataColumns) {
        slots_.push_back(static_cast<int>(dataProjection_.size()));
        dataProjection_.push_back(p);
      } else {
        slots_.push_back(-1 - (p - dataColumns));
      }
    }
  }

  std::optional<Batch> next() override {
    while (true) {
      if (!reader_) {
        if (index_ >= files_.size()) {
          return std::nullopt;
        }
        reader_ = format_.open(files_[index_], dataSchema_, dataProjection_, options_, context_);
        current_ = index_++;
      }
      if (auto b = reader_->next()) {
        return withPartitionColumns(std::move(*b));
      }
      reader_.reset();
    }
  }

 private:
  // Puts the file's partition values (constant columns) in their places of the projection.
  Batch withPartitionColumns(Batch data) {
    if (partitionSchema_.size() == 0) {
      return data;
    }
    int64_t n = data.numRows();
    std::vector<VectorPtr> cols;
    for (int slot : slots_) {
      if (slot >= 0) {
        cols.push_back(data.column(static_cast<size_t>(slot)));
        continue;
      }
      size_t c = static_cast<size_t>(-1 - slot);
      std::vector<int32_t> zeros(static_cast<size_t>(n), 0);
      cols.push_back(gather(*partitionValues_[current_][c], zeros.data(), n));
    }
    return Batch(std::move(cols), n);
  }

  const FileFormat& format_;
  std::vector<std::string> files_;
  StructType dataSchema_;
  StructType partitionSchema_;
  std::vector<std::vector<VectorPtr>> partitionValues_;
  std::vector<int> dataProjection_;
  /// Per projected column: its index in the reader's batch, or -1 - partition column index.
  std::vector<int> slots_;
  Options options_;
  FormatContext context_;
  std::unique_ptr<FileReader> reader_;
  size_t index_ = 0;
  size_t current_ = 0;
};

std::string upper(std::string s) {
  for (auto& c : s) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return s;
}

}  // namespace

namespace {

// Each file's partition values as one-row vectors of the columns' types, cast from their text in
// `zone` (UTC when null).
std::vector<std::vector<VectorPtr>> typedPartitionValues(
    const std::vector<std::vector<std::optional<std::string>>>& texts,
    const StructType& partitionSchema,
    const time::TimeZone* zone) {
  static const time::TimeZonePtr utc = time::TimeZone::utc();
  const time::TimeZone& z = zone ? *zone : *utc;
  std::vector<std::vector<VectorPtr>> out;
  out.reserve(texts.size());
  for (const auto& fileTexts : texts) {
    std::vector<VectorPtr> typed;
    for (size_t c = 0; c < fileTexts.size(); ++c) {
      VectorBuilder one(DataType::string(), 1);
      if (fileTexts[c]) {
        one.appendString(*fileTexts[c]);
      } else {
        one.appendNull();
      }
      typed.push_back(castFromString(*one.finish(), partitionSchema[c].type, z));
    }
    out.push_back(std::move(typed));
  }
  return out;
}

}  // namespace

FileSource::FileSource(const FileFormat& format,
                       std::vector<std::string> paths,
                       Options options,
                       std::optional<StructType> userSchema,
                       const ScanContext& context)
    : format_(format), paths_(std::move(paths)), options_(std::move(options)) {
  bool recursive = options_.getBool("recursiveFileLookup", false);
  files_ = listDataFiles(paths_, recursive);
  StructType data;
  if (userSchema) {
    data = *userSchema;
  } else if (files_.empty()) {
    throw AnalysisException("[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for " + upper(format_.name()) +
                                ". It must be specified manually.",
                            "UNABLE_TO_INFER_SCHEMA");
  } else {
    FormatContext fc;
    fc.zone = context.zone;
    data = format_.inferSchema(files_, options_, fc);
  }
  // key=value directories become columns after the data columns; a user schema naming one
  // gives its type.
  PartitionSpec spec =
      recursive ? PartitionSpec{} : discoverPartitions(paths_, files_, context.partitionColumnTypeInference);
  std::vector<StructField> dataFields;
  std::vector<StructField> partitionFields = spec.columns.fields();
  for (const auto& f : data.fields()) {
    int p = spec.columns.fieldIndex(f.name);
    if (p >= 0) {
      partitionFields[static_cast<size_t>(p)].type = f.type;
    } else {
      dataFields.push_back(f);
    }
  }
  dataSchema_ = StructType(dataFields);
  partitionSchema_ = StructType(partitionFields);
  // Each file's values, typed now in the session time zone of the read (as Spark's file index).
  partitionValues_ = typedPartitionValues(spec.values, partitionSchema_, context.zone);
  std::vector<StructField> all = dataFields;
  all.insert(all.end(), partitionFields.begin(), partitionFields.end());
  schema_ = StructType(all);
}

FileSource::FileSource(const FileFormat& format,
                       std::vector<std::string> paths,
                       std::vector<std::string> files,
                       Options options,
                       StructType schema,
                       const std::vector<std::string>& partitionColumns,
                       const time::TimeZone* zone)
    : format_(format),
      paths_(std::move(paths)),
      files_(std::move(files)),
      options_(std::move(options)),
      schema_(std::move(schema)),
      dataSchema_(schema_) {
  if (partitionColumns.empty()) {
    return;
  }
  const size_t dataCount = schema_.size() - partitionColumns.size();
  std::vector<StructField> dataFields(schema_.fields().begin(), schema_.fields().begin() + static_cast<ptrdiff_t>(dataCount));
  std::vector<StructField> partitionFields(schema_.fields().begin() + static_cast<ptrdiff_t>(dataCount), schema_.fields().end());
  for (size_t i = 0; i < partitionFields.size(); ++i) {
    if (partitionFields[i].name != partitionColumns[i]) {
      throwInternalError("partition column " + partitionColumns[i] + " is not field " + std::to_string(dataCount + i) +
                         " of " + schema_.simpleString());
    }
  }
  dataSchema_ = StructType(dataFields);
  partitionSchema_ = StructType(partitionFields);
  // The batch's files in their directories: each partition column's text by name (the files of
  // one batch share one layout; a column a file's path lacks is null).
  std::vector<std::string> bases;
  for (const auto& p : paths_) {
    bases.push_back(localPathOfUri(p));  // "file:/in" and "/in" alike
  }
  PartitionSpec spec = discoverPartitions(bases, files_, /*typeInference=*/false);
  std::vector<std::vector<std::optional<std::string>>> texts(files_.size(),
                                                             std::vector<std::optional<std::string>>(partitionColumns.size()));
  for (size_t c = 0; c < partitionColumns.size(); ++c) {
    int found = spec.columns.fieldIndex(partitionColumns[c]);
    if (found < 0) {
      continue;
    }
    for (size_t f = 0; f < files_.size() && f < spec.values.size(); ++f) {
      texts[f][c] = spec.values[f][static_cast<size_t>(found)];
    }
  }
  partitionValues_ = typedPartitionValues(texts, partitionSchema_, zone);
}

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
  return std::make_unique<FilesIterator>(format_, files_, dataSchema_, partitionSchema_, partitionValues_, projection,
                                         options_, fc);
}

}  // namespace rivulet::plan
