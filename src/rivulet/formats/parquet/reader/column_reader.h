// ColumnReader: reads one leaf column of one row group page by page, a given number of
// records at a time: definition and repetition levels plus the dense non-null values.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rivulet/columnar/vector.h"
#include "rivulet/formats/parquet/encoding/rle_decoder.h"
#include "rivulet/formats/parquet/reader/page_reader.h"
#include "rivulet/formats/parquet/reader/value_decoder.h"
#include "rivulet/formats/parquet/schema/read_plan.h"

namespace rivulet::parquet {

/// What one leaf column contributes to a batch.
struct LeafBatch {
  /// One entry per level pair; empty when the column's max level is 0.
  std::vector<int16_t> def;
  std::vector<int16_t> rep;
  int64_t numEntries = 0;
  int64_t numRecords = 0;
  /// The non-null values, densely; or, when `placed`, one row per entry with the nulls marked
  /// in its validity (leaves without repetition).
  VectorPtr values;
  bool placed = false;
};

/// Decodes a level stream: RLE/bit-packed hybrid, or the deprecated MSB-first BIT_PACKED.
class LevelDecoder {
 public:
  void initRle(const uint8_t* data, size_t size, int bitWidth);
  void initBitPacked(const uint8_t* data, size_t size, int bitWidth);
  int64_t decode(int16_t* out, int64_t n);

 private:
  bool bitPacked_ = false;
  RleDecoder rle_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  int bitWidth_ = 0;
  uint64_t bit_ = 0;
};

class ColumnReader {
 public:
  ColumnReader(const RandomAccessFile& file, const ColumnChunk& chunk, int16_t maxDef,
               int16_t maxRep, const LeafConversion& conversion, const PageReaderOptions& options,
               std::string columnPath);

  /// Reads up to `maxRecords` whole records into `out`; returns the number read (0 at the end
  /// of the column chunk). Errors carry the column, page index and page offset.
  int64_t read(int64_t maxRecords, LeafBatch& out);

  const std::string& columnPath() const { return path_; }

 private:
  int64_t readImpl(int64_t maxRecords, LeafBatch& out);
  bool fillLevels();
  bool nextDataPage();
  void startDataPage(const Page& page);

  std::unique_ptr<PageReader> pages_;
  int16_t maxDef_;
  int16_t maxRep_;
  LeafConversion conversion_;
  std::string path_;
  ValueDecoder values_;
  LevelDecoder defDecoder_;
  LevelDecoder repDecoder_;
  int64_t pageValuesLeft_ = 0;
  int64_t entriesRead_ = 0;
  // The chunk's value count as the footer claims it (only bounds a batch's allocation).
  int64_t chunkValues_ = 0;
  // Decoded levels not yet consumed.
  std::vector<int16_t> levelDef_;
  std::vector<int16_t> levelRep_;
  int64_t levelPos_ = 0;
  int64_t levelCount_ = 0;
  // Bytes of the previous batch of a string/binary column (its next batch reserves as much).
  size_t lastBytes_ = 0;
};

}  // namespace rivulet::parquet
