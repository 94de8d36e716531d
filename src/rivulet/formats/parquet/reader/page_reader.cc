#include "rivulet/formats/parquet/reader/page_reader.h"

#include <algorithm>

#include "rivulet/common/error.h"
#include "rivulet/formats/parquet/compression/codec.h"

namespace rivulet::parquet {

namespace {

[[noreturn]] void corrupt(const std::string& what) { throwUserError("FAILED_READ_FILE", what); }

}  // namespace

PageReader::PageReader(const RandomAccessFile& file, uint64_t start, uint64_t length, Codec codec,
                       int64_t numValues, const PageReaderOptions& options)
    : file_(file), pos_(start), end_(start + length), codec_(codec), valuesLeft_(numValues), options_(options) {
  if (start > file.size() || length > file.size() - start) {
    corrupt("Column chunk [" + std::to_string(start) + ", +" + std::to_string(length) +
            ") lies outside the file of " + std::to_string(file.size()) + " bytes");
  }
}

PageHeader PageReader::readHeader(size_t& headerSize) {
  // Headers are small but statistics can make them long: read a little, retry with more.
  uint64_t avail = end_ - pos_;
  uint64_t want = std::min<uint64_t>(avail, 256);
  while (true) {
    file_.readAt(pos_, want, headerBuf_);
    try {
      return decodePageHeader(headerBuf_.data(), want, headerSize);
    } catch (const Error&) {
      if (want >= avail || want >= (uint64_t{16} << 20)) {
        throw;
      }
      want = std::min<uint64_t>(avail, want * 8);
    }
  }
}

bool PageReader::next(Page& page) {
  while (true) {
    if (valuesLeft_ <= 0 || pos_ >= end_) {
      return false;
    }
    ++pageIndex_;
    pageOffset_ = pos_;
    size_t headerSize = 0;
    PageHeader h = readHeader(headerSize);
    pos_ += headerSize;
    if (h.compressedPageSize < 0 || h.uncompressedPageSize < 0) {
      corrupt("Page header has a negative size (compressed " + std::to_string(h.compressedPageSize) +
              ", uncompressed " + std::to_string(h.uncompressedPageSize) + ")");
    }
    if (static_cast<uint64_t>(h.compressedPageSize) > end_ - pos_) {
      corrupt("Page of " + std::to_string(h.compressedPageSize) + " bytes runs past the end of the column chunk (" +
              std::to_string(end_ - pos_) + " bytes left)");
    }
    if (h.compressedPageSize > options_.maxPageBytes || h.uncompressedPageSize > options_.maxPageBytes) {
      corrupt("Page of " + std::to_string(h.uncompressedPageSize) +
              " bytes (uncompressed) exceeds the limit of " + std::to_string(options_.maxPageBytes) +
              " bytes (option maxPageBytes)");
    }
    uint64_t bodyOffset = pos_;
    pos_ += static_cast<uint64_t>(h.compressedPageSize);
    if (h.type == PageType::kIndexPage) {
      continue;
    }
    if (h.type != PageType::kDataPage && h.type != PageType::kDataPageV2 &&
        h.type != PageType::kDictionaryPage) {
      corrupt("Unknown page type " + std::to_string(static_cast<int>(h.type)));
    }
    file_.readAt(bodyOffset, static_cast<uint64_t>(h.compressedPageSize), compressed_);
    if (h.crc && options_.verifyCrc) {
      uint32_t actual = pageCrc(compressed_.data(), compressed_.size());
      if (actual != static_cast<uint32_t>(*h.crc)) {
        corrupt("Page CRC mismatch: the header says " + std::to_string(static_cast<uint32_t>(*h.crc)) +
                ", the page data has " + std::to_string(actual));
      }
    }
    auto uncompressed = static_cast<size_t>(h.uncompressedPageSize);
    page_.resize(uncompressed);
    if (h.type == PageType::kDataPageV2) {
      if (!h.dataPageHeaderV2) {
        corrupt("DATA_PAGE_V2 without its data_page_header_v2");
      }
      const auto& v2 = *h.dataPageHeaderV2;
      if (v2.definitionLevelsByteLength < 0 || v2.repetitionLevelsByteLength < 0) {
        corrupt("DATA_PAGE_V2 has negative level lengths");
      }
      auto levels = static_cast<size_t>(v2.definitionLevelsByteLength) +
                    static_cast<size_t>(v2.repetitionLevelsByteLength);
      if (levels > compressed_.size() || levels > uncompressed) {
        corrupt("DATA_PAGE_V2 level sections (" + std::to_string(levels) +
                " bytes) exceed the page (" + std::to_string(compressed_.size()) + " bytes)");
      }
      std::copy(compressed_.data(), compressed_.data() + levels, page_.data());
      size_t inSize = compressed_.size() - levels;
      size_t outSize = uncompressed - levels;
      if (!v2.isCompressed || codec_ == Codec::kUncompressed) {
        if (inSize != outSize) {
          corrupt("Uncompressed DATA_PAGE_V2 sizes differ");
        }
        std::copy(compressed_.data() + levels, compressed_.data() + levels + inSize, page_.data() + levels);
      } else if (outSize > 0) {
        // An empty values section needs no decoding, whatever bytes encode it.
        decompress(codec_, compressed_.data() + levels, inSize, page_.data() + levels, outSize);
      }
      valuesLeft_ -= v2.numValues;
    } else {
      if (compressed_.size() > 0 || uncompressed > 0) {
        decompress(codec_, compressed_.data(), compressed_.size(), page_.data(), uncompressed);
      }
      if (h.type == PageType::kDataPage) {
        if (!h.dataPageHeader) {
          corrupt("DATA_PAGE without its data_page_header");
        }
        valuesLeft_ -= h.dataPageHeader->numValues;
      } else if (!h.dictionaryPageHeader) {
        corrupt("DICTIONARY_PAGE without its dictionary_page_header");
      }
    }
    page.header = std::move(h);
    page.data = page_.data();
    page.size = uncompressed;
    return true;
  }
}

}  // namespace rivulet::parquet
