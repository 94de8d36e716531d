#include "rivulet/formats/parquet/writer/writer_options.h"

#include <algorithm>
#include <cctype>

#include "rivulet/common/error.h"

namespace rivulet::parquet {

namespace {

std::optional<std::string> first(const Options& o, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (auto v = o.get(k)) {
      return v;
    }
  }
  return std::nullopt;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

Codec parseCodec(const Options& o) {
  auto v = first(o, {"compression", "parquet.compression", "spark.sql.parquet.compression.codec"});
  if (!v) {
    return Codec::kSnappy;
  }
  std::string c = lower(*v);
  if (c == "none" || c == "uncompressed") return Codec::kUncompressed;
  if (c == "snappy") return Codec::kSnappy;
  if (c == "gzip") return Codec::kGzip;
  if (c == "zstd") return Codec::kZstd;
  if (c == "lz4") return Codec::kLz4;
  if (c == "lz4_raw" || c == "lz4raw") return Codec::kLz4Raw;
  if (c == "brotli") return Codec::kBrotli;
  throwUserError("CODEC_NOT_AVAILABLE",
                 "The value '" + *v + "' of option compression is not a Parquet codec; expected one of "
                 "none, uncompressed, snappy, gzip, zstd, lz4, lz4_raw, brotli");
}

int64_t positive(const Options& o, std::initializer_list<const char*> keys, int64_t fallback) {
  for (const char* k : keys) {
    if (o.contains(k)) {
      int64_t v = o.getInt(k, fallback);
      if (v <= 0) {
        throwUserError("INVALID_OPTION", std::string("Option ") + k + " must be positive, got " + std::to_string(v));
      }
      return v;
    }
  }
  return fallback;
}

}  // namespace

WriterOptions WriterOptions::from(const Options& o) {
  WriterOptions w;
  w.codec = parseCodec(o);
  w.blockSize = positive(o, {"parquet.block.size", "blockSize"}, w.blockSize);
  w.pageSize = positive(o, {"parquet.page.size", "pageSize"}, w.pageSize);
  w.pageRowLimit = positive(o, {"parquet.page.row.count.limit"}, w.pageRowLimit);
  w.dictionaryPageSize = positive(o, {"parquet.dictionary.page.size"}, w.dictionaryPageSize);
  w.dictionary = o.getBool("parquet.enable.dictionary", true);
  w.writeChecksums = o.getBool("parquet.page.write-checksum.enabled", true);
  if (auto t = first(o, {"outputTimestampType", "spark.sql.parquet.outputTimestampType"})) {
    std::string u = lower(*t);
    if (u == "timestamp_micros") {
      w.timestamps = TimestampOutput::kMicros;
    } else if (u == "timestamp_millis") {
      w.timestamps = TimestampOutput::kMillis;
    } else if (u == "int96") {
      w.timestamps = TimestampOutput::kInt96;
    } else {
      throwUserError("INVALID_OPTION", "The value '" + *t + "' of option outputTimestampType is not one of "
                                       "INT96, TIMESTAMP_MICROS, TIMESTAMP_MILLIS");
    }
  }
  return w;
}

std::string compressionExtension(const Options& options) {
  switch (parseCodec(options)) {
    case Codec::kUncompressed: return "";
    case Codec::kSnappy: return ".snappy";
    case Codec::kGzip: return ".gz";
    case Codec::kZstd: return ".zstd";
    case Codec::kLz4: return ".lz4hadoop";
    case Codec::kLz4Raw: return ".lz4raw";
    case Codec::kBrotli: return ".br";
    case Codec::kLzo: return ".lzo";
  }
  return "";
}

}  // namespace rivulet::parquet
