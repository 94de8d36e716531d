// PageReader: walks the pages of one column chunk, reading each page header and body with
// positional reads (one page in memory at a time), checking CRCs and decompressing.
#pragma once

#include <cstdint>
#include <string>

#include "rivulet/columnar/buffer.h"
#include "rivulet/formats/parquet/reader/random_access_file.h"
#include "rivulet/formats/parquet/thrift/parquet_types.h"

namespace rivulet::parquet {

struct PageReaderOptions {
  bool verifyCrc = true;
  /// Largest page (compressed or uncompressed) accepted; larger pages are refused.
  int64_t maxPageBytes = int64_t{256} << 20;
};

/// One page, decompressed. For data pages v2 the level sections come first, uncompressed, as
/// in the file; `data` covers levels and values.
struct Page {
  PageHeader header;
  const uint8_t* data = nullptr;
  size_t size = 0;
};

class PageReader {
 public:
  PageReader(const RandomAccessFile& file, uint64_t start, uint64_t length, Codec codec,
             int64_t numValues, const PageReaderOptions& options);

  /// The next dictionary or data page (index pages are skipped); false at the end of the
  /// chunk. The page's buffers stay valid until the next call.
  bool next(Page& page);

  /// Index of the page last returned (0-based, index pages included).
  int64_t pageIndex() const { return pageIndex_; }

  /// File offset of the page last returned.
  uint64_t pageOffset() const { return pageOffset_; }

 private:
  PageHeader readHeader(size_t& headerSize);

  const RandomAccessFile& file_;
  uint64_t pos_;
  uint64_t end_;
  Codec codec_;
  int64_t valuesLeft_;
  PageReaderOptions options_;
  int64_t pageIndex_ = -1;
  uint64_t pageOffset_ = 0;
  Buffer headerBuf_;
  Buffer compressed_;
  Buffer page_;
};

}  // namespace rivulet::parquet
