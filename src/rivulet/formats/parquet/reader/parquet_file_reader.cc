#include "rivulet/formats/parquet/reader/parquet_file_reader.h"

#include <algorithm>

#include "rivulet/common/error.h"
#include "rivulet/common/error_context.h"
#include "rivulet/formats/parquet/reader/record_assembler.h"
#include "rivulet/formats/parquet/reader/statistics.h"

namespace rivulet::parquet {

namespace {

std::optional<std::string> option(const Options& o, const std::string& key) {
  if (auto v = o.get(key)) {
    return v;
  }
  return o.get("spark.sql.parquet." + key);
}

void collectLeaves(const ReadNode& n, std::vector<int>& out) {
  if (n.kind == ReadNode::Kind::kLeaf) {
    out.push_back(n.leaf);
    return;
  }
  if (n.kind == ReadNode::Kind::kMissing) {
    return;
  }
  if (n.leaf >= 0) {
    out.push_back(n.leaf);  // the structure-giving leaf
  }
  for (const auto& c : n.children) {
    collectLeaves(c, out);
  }
}

// Reads a leaf as its physical type; used for leaves read only for their levels.
LeafConversion rawConversion(const SchemaNode& node) {
  LeafConversion c;
  c.physical = *node.element->type;
  c.typeLength = node.element->typeLength;
  switch (c.physical) {
    case PhysicalType::kBoolean: c.target = DataType::boolean(); break;
    case PhysicalType::kInt32: c.target = DataType::integer(); break;
    case PhysicalType::kInt64: c.target = DataType::longType(); break;
    case PhysicalType::kInt96: c.target = DataType::timestamp(); break;
    case PhysicalType::kFloat: c.target = DataType::floatType(); break;
    case PhysicalType::kDouble: c.target = DataType::doubleType(); break;
    default: c.target = DataType::binary(); break;
  }
  return c;
}

}  // namespace

ReaderOptions ReaderOptions::from(const Options& o, const FormatContext& context) {
  ReaderOptions r;
  r.convert.binaryAsString = o.getBool("binaryAsString", o.getBool("spark.sql.parquet.binaryAsString", false));
  r.pages.verifyCrc = o.getBool("verifyChecksums", true);
  r.pages.maxPageBytes = o.getInt("maxPageBytes", r.pages.maxPageBytes);
  if (auto v = option(o, "filterPushdown")) {
    r.filterPushdown = Options{{"v", *v}}.getBool("v", true);
  }
  r.batchRows = context.batchRows > 0 ? context.batchRows : kDefaultBatchRows;
  return r;
}

ParquetFileReader::ParquetFileReader(const std::string& path, const StructType& dataSchema,
                                     const std::vector<int>& projection, const ReaderOptions& options,
                                     std::vector<ParquetFilter> filters)
    : file_(path), options_(options), filters_(std::move(filters)) {
  withErrorContext([&] { return "opening Parquet file " + path; },
                   [&] {
                     for (int i : projection) {
                       if (i < 0 || static_cast<size_t>(i) >= dataSchema.size()) {
                         throwInternalError("projection index " + std::to_string(i) + " out of range");
                       }
                       plans_.push_back(planField(file_.schema(), dataSchema[static_cast<size_t>(i)], options_.convert));
                     }
                     for (const auto& p : plans_) {
                       collectLeaves(p, leaves_);
                     }
                     std::sort(leaves_.begin(), leaves_.end());
                     leaves_.erase(std::unique(leaves_.begin(), leaves_.end()), leaves_.end());
                     for (const auto& f : filters_) {
                       // Filters apply to top-level primitive columns only.
                       int plan = -1;
                       int idx = dataSchema.fieldIndex(f.column);
                       if (idx >= 0) {
                         ReadNode n = planField(file_.schema(), dataSchema[static_cast<size_t>(idx)], options_.convert);
                         if (n.kind == ReadNode::Kind::kLeaf) {
                           plan = static_cast<int>(plans_.size());
                           plans_.push_back(std::move(n));
                         }
                       }
                       filterPlans_.push_back(plan);
                     }
                   });
  batches_.resize(static_cast<size_t>(file_.schema().numLeaves()));
}

bool ParquetFileReader::rowGroupMayMatch(const RowGroup& rg) const {
  if (!options_.filterPushdown) {
    return true;
  }
  for (size_t i = 0; i < filters_.size(); ++i) {
    int plan = filterPlans_[i];
    if (plan < 0) {
      continue;
    }
    const ReadNode& n = plans_[static_cast<size_t>(plan)];
    const ColumnChunk& chunk = rg.columns[static_cast<size_t>(n.leaf)];
    if (!chunk.metaData) {
      continue;
    }
    if (!mayMatch(filters_[i], chunkStatistics(*chunk.metaData, n.conversion), rg.numRows)) {
      return false;
    }
  }
  return true;
}

bool ParquetFileReader::openNextRowGroup() {
  const auto& groups = file_.metadata().rowGroups;
  readers_.clear();
  while (nextRowGroup_ < groups.size()) {
    size_t g = nextRowGroup_++;
    const RowGroup& rg = groups[g];
    if (!rowGroupMayMatch(rg)) {
      ++skippedRowGroups_;
      continue;
    }
    currentRowGroup_ = static_cast<int64_t>(g);
    rowsLeftInGroup_ = rg.numRows;
    readers_.resize(batches_.size());
    withErrorContext(
        [&] { return "opening row group " + std::to_string(g) + " of " + file_.path(); },
        [&] {
          for (int leaf : leaves_) {
            const SchemaNode& node = file_.schema().node(file_.schema().leafNode(leaf));
            // The conversion of the plan that reads this leaf (structure-only leaves use the
            // file's own type).
            LeafConversion conv;
            bool found = false;
            std::vector<const ReadNode*> stack;
            for (size_t p = 0; p < plans_.size() && !found; ++p) {
              stack.push_back(&plans_[p]);
              while (!stack.empty() && !found) {
                const ReadNode* n = stack.back();
                stack.pop_back();
                if (n->kind == ReadNode::Kind::kLeaf && n->leaf == leaf) {
                  conv = n->conversion;
                  found = true;
                }
                for (const auto& c : n->children) {
                  stack.push_back(&c);
                }
              }
              stack.clear();
            }
            if (!found) {
              conv = rawConversion(node);
            }
            readers_[static_cast<size_t>(leaf)] = std::make_unique<ColumnReader>(
                file_.file(), rg.columns[static_cast<size_t>(leaf)], node.defLevel, node.repLevel, conv,
                options_.pages, node.path);
          }
        });
    return true;
  }
  return false;
}

std::optional<Batch> ParquetFileReader::next() {
  while (true) {
    if (readers_.empty() && !openNextRowGroup()) {
      return std::nullopt;
    }
    auto batch = withErrorContext(
        [&] { return "reading row group " + std::to_string(currentRowGroup_) + " of " + file_.path(); },
        [&] { return readBatch(); });
    if (batch) {
      return batch;
    }
    readers_.clear();
  }
}

std::optional<Batch> ParquetFileReader::readBatch() {
  int64_t records = -1;
  const ColumnReader* first = nullptr;
  for (int leaf : leaves_) {
    ColumnReader& r = *readers_[static_cast<size_t>(leaf)];
    int64_t n = r.read(options_.batchRows, batches_[static_cast<size_t>(leaf)]);
    if (records < 0) {
      records = n;
      first = &r;
    } else if (n != records) {
      throwUserError("FAILED_READ_FILE",
                     "Column chunks disagree on the number of rows: '" + first->columnPath() + "' has " +
                         std::to_string(records) + " rows here, '" + r.columnPath() + "' has " +
                         std::to_string(n));
    }
  }
  if (records < 0) {
    // No column of the file is read (only missing columns, or none): count rows from the footer.
    records = std::min(options_.batchRows, rowsLeftInGroup_);
  }
  rowsLeftInGroup_ -= records;
  if (records == 0) {
    return std::nullopt;
  }
  std::vector<VectorPtr> columns;
  size_t projected = plans_.size() - static_cast<size_t>(std::count_if(filterPlans_.begin(), filterPlans_.end(), [](int p) { return p >= 0; }));
  for (size_t i = 0; i < projected; ++i) {
    columns.push_back(assembleColumn(plans_[i], batches_, records));
  }
  return Batch(std::move(columns), records);
}

}  // namespace rivulet::parquet
