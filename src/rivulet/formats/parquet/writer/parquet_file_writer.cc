#include "rivulet/formats/parquet/writer/parquet_file_writer.h"

#include <cerrno>
#include <cstring>

#include "rivulet/common/error.h"
#include "rivulet/formats/parquet/schema/spark_schema_json.h"

namespace rivulet::parquet {

namespace {

constexpr const char* kCreatedBy = "rivulet version 0.1.0 (build rivulet)";

}  // namespace

ParquetFileWriter::ParquetFileWriter(const std::string& path, const StructType& schema,
                                     const WriterOptions& options)
    : path_(path), schema_(schema), options_(options), writeSchema_(buildWriteSchema(schema, options)) {
  for (const auto& leaf : writeSchema_.leaves) {
    columns_.push_back(std::make_unique<ColumnWriter>(leaf, options_));
  }
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    throwExternalError("FAILED_WRITE_FILE", "Cannot create " + path + ": " + std::strerror(errno));
  }
  writeBytes("PAR1");
}

ParquetFileWriter::~ParquetFileWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

void ParquetFileWriter::writeBytes(const std::string& bytes) {
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    throwExternalError("FAILED_WRITE_FILE", "Write to " + path_ + " failed: " + std::strerror(errno));
  }
  offset_ += static_cast<int64_t>(bytes.size());
}

void ParquetFileWriter::shred(const WriteNode& n, const Vector& v, int64_t row, int16_t def, int16_t rep) {
  if (v.isNull(row)) {
    if (!n.optional) {
      throwUserError("NULL_IN_NON_NULLABLE_FIELD",
                     "A null value appeared in the non-nullable field '" + n.name + "' written to " + path_);
    }
    for (int leaf : n.leaves) {
      columns_[static_cast<size_t>(leaf)]->addNull(def, rep);
    }
    return;
  }
  auto d = static_cast<int16_t>(def + (n.optional ? 1 : 0));
  switch (n.kind) {
    case WriteNode::Kind::kLeaf:
      columns_[static_cast<size_t>(n.leaf)]->addValue(v, row, d, rep);
      return;
    case WriteNode::Kind::kStruct:
      for (size_t c = 0; c < n.children.size(); ++c) {
        shred(n.children[c], *v.child(c), row, d, rep);
      }
      return;
    case WriteNode::Kind::kList:
    case WriteNode::Kind::kMap: {
      int64_t begin = v.offsets()[row];
      int64_t end = v.offsets()[row + 1];
      if (begin == end) {
        for (int leaf : n.leaves) {
          columns_[static_cast<size_t>(leaf)]->addNull(d, rep);
        }
        return;
      }
      auto elemDef = static_cast<int16_t>(d + 1);
      for (int64_t k = begin; k < end; ++k) {
        int16_t r = k == begin ? rep : n.elemRep;
        for (size_t c = 0; c < n.children.size(); ++c) {
          shred(n.children[c], *v.child(c), k, elemDef, r);
        }
      }
      return;
    }
  }
}

void ParquetFileWriter::write(const Batch& batch) {
  if (closed_) {
    throwInternalError("write() after close() on " + path_);
  }
  if (batch.numColumns() != writeSchema_.columns.size()) {
    throwInternalError("batch has " + std::to_string(batch.numColumns()) + " columns, schema " +
                       std::to_string(writeSchema_.columns.size()));
  }
  int64_t n = batch.numRows();
  for (size_t c = 0; c < writeSchema_.columns.size(); ++c) {
    const WriteNode& node = writeSchema_.columns[c];
    const Vector& v = *batch.column(c);
    if (node.kind == WriteNode::Kind::kLeaf && (node.optional || !v.mayHaveNulls())) {
      columns_[static_cast<size_t>(node.leaf)]->addColumn(v, n);
      continue;
    }
    for (int64_t i = 0; i < n; ++i) {
      shred(node, v, i, 0, 0);
    }
  }
  rowGroupRows_ += n;
  totalRows_ += n;
  int64_t buffered = 0;
  for (const auto& c : columns_) {
    buffered += c->bufferedBytes();
  }
  if (buffered >= options_.blockSize) {
    flushRowGroup();
  }
}

void ParquetFileWriter::flushRowGroup() {
  if (rowGroupRows_ == 0) {
    return;
  }
  RowGroup rg;
  rg.numRows = rowGroupRows_;
  rg.fileOffset = offset_;
  int64_t start = offset_;
  for (auto& c : columns_) {
    chunkBuffer_.clear();
    ColumnChunk chunk;
    c->finishChunk(chunkBuffer_, offset_, chunk);
    writeBytes(chunkBuffer_);
    for (const auto& block : c->dataPages().blocks()) {
      writeBytes(block);
    }
    c->clearDataPages();
    rg.totalByteSize += chunk.metaData->totalUncompressedSize;
    rg.columns.push_back(std::move(chunk));
  }
  rg.totalCompressedSize = offset_ - start;
  rowGroups_.push_back(std::move(rg));
  rowGroupRows_ = 0;
}

void ParquetFileWriter::close() {
  if (closed_) {
    return;
  }
  closed_ = true;
  flushRowGroup();
  FileMetaData meta;
  meta.version = 1;
  meta.schema = writeSchema_.elements;
  meta.numRows = totalRows_;
  meta.rowGroups = std::move(rowGroups_);
  // Spark reads its own schema back from this key; the version key tells Spark 3 readers the
  // dates and timestamps are proleptic Gregorian (no calendar rebasing needed).
  meta.keyValueMetadata.push_back({"org.apache.spark.version", std::string("3.5.0")});
  meta.keyValueMetadata.push_back({kSparkRowMetadataKey, schema_.json()});
  meta.createdBy = kCreatedBy;
  meta.columnOrders.assign(writeSchema_.leaves.size(), ColumnOrder{1});
  std::string footer;
  encodeFileMetaData(meta, footer);
  auto len = static_cast<uint32_t>(footer.size());
  footer.append(reinterpret_cast<const char*>(&len), 4);
  footer.append("PAR1");
  writeBytes(footer);
  if (std::fclose(file_) != 0) {
    file_ = nullptr;
    throwExternalError("FAILED_WRITE_FILE", "Closing " + path_ + " failed: " + std::strerror(errno));
  }
  file_ = nullptr;
}

std::unique_ptr<FileWriter> createParquetWriter(const std::string& file, const StructType& schema,
                                                const Options& options, const FormatContext&) {
  return std::make_unique<ParquetFileWriter>(file, schema, WriterOptions::from(options));
}

}  // namespace rivulet::parquet
