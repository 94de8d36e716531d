// ColumnWriter: buffers one leaf column of the current row group: levels and values per page
// (dictionary-encoded until the dictionary outgrows its limit, then PLAIN), compressed pages,
// and the chunk's statistics.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rivulet/columnar/vector.h"
#include "rivulet/formats/parquet/writer/page_buffer.h"
#include "rivulet/formats/parquet/writer/value_dictionary.h"
#include "rivulet/formats/parquet/writer/write_schema.h"
#include "rivulet/formats/parquet/writer/writer_options.h"

namespace rivulet::parquet {

class ColumnWriter {
 public:
  ColumnWriter(const LeafDescriptor& leaf, const WriterOptions& options);

  /// A missing value (null or inside an empty/null list) at the given levels.
  void addNull(int16_t def, int16_t rep);

  /// Value `row` of `v` at the given levels.
  void addValue(const Vector& v, int64_t row, int16_t def, int16_t rep);

  /// Rows [0, n) of a top-level primitive column (repetition 0, definition from validity).
  void addColumn(const Vector& v, int64_t n);

  /// Bytes buffered for the row group so far (compressed pages plus the open page).
  int64_t bufferedBytes() const;

  /// Finishes the column chunk: appends its dictionary page (if any) to `out`, whose first
  /// byte will be at `fileOffset` in the file, describes the chunk in `chunk` as `out`
  /// followed by dataPages(), and resets for the next row group. The caller writes `out`, then
  /// dataPages(), then calls clearDataPages().
  void finishChunk(std::string& out, int64_t fileOffset, ColumnChunk& chunk);

  const PageBuffer& dataPages() const { return pages_; }

  void clearDataPages() { pages_.clear(); }

 private:
  void put(const uint8_t* p, size_t n);
  void putLevels(int16_t def, int16_t rep);
  /// The page and dictionary checks made before each record.
  void beforeRecord();
  void flushPage();
  void updateStats(const uint8_t* p, size_t n);
  /// addColumn() in chunks of typed values; false (nothing added) for kinds without it.
  bool addColumnBulk(const Vector& v, int64_t n);
  /// How many rows (at most `maxRows`) can be added at once with no page or dictionary check
  /// firing after the first; `valueBytes(k)` bounds what k rows add to the page or dictionary.
  template <typename Bytes>
  int64_t bulkRows(int64_t maxRows, Bytes valueBytes) const;
  void addLevelsBulk(const uint64_t* validity, int64_t i, int64_t k, int64_t nonNull);
  template <typename P>
  void addPhysicalBulk(const P* values, int64_t n);
  void addBytesBulk(const Vector& v, int64_t i, int64_t k);
  void appendPage(PageType type, const std::string& body, int32_t numValues, Encoding encoding);

  LeafDescriptor leaf_;
  WriterOptions options_;
  int fixedWidth_;  // physical bytes per value; 0 for BYTE_ARRAY
  // Open page.
  std::vector<int16_t> def_;
  std::vector<int16_t> rep_;
  std::vector<uint32_t> indices_;
  std::string plain_;
  uint64_t boolBits_ = 0;
  int64_t pageEntries_ = 0;
  int64_t pageRows_ = 0;
  // Dictionary.
  bool useDictionary_;
  ValueDictionary dict_;
  // Chunk.
  PageBuffer pages_;
  int64_t chunkValues_ = 0;
  int64_t uncompressedBytes_ = 0;
  bool usedDictionary_ = false;
  bool usedPlain_ = false;
  int64_t nullCount_ = 0;
  bool hasMinMax_ = false;
  std::string min_;
  std::string max_;
  std::string scratch_;
  std::string compressed_;
  std::string headerBytes_;
  std::vector<uint8_t> physical_;  // bulk path: one chunk of physical values
};

}  // namespace rivulet::parquet
