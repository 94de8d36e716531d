#include "rivulet/formats/parquet/compression/codec.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>

#include "rivulet/common/error.h"

namespace rivulet::parquet {

namespace {

[[noreturn]] void corrupt(Codec codec, const std::string& what) {
  throwUserError("FAILED_READ_FILE",
                 std::string("Corrupt ") + codecName(codec) + " page data: " + what);
}

void gunzip(const uint8_t* in, size_t inSize, uint8_t* out, size_t outSize) {
  z_stream z{};
  // 15 + 32: zlib or gzip header, detected automatically.
  if (inflateInit2(&z, 15 + 32) != Z_OK) {
    throwInternalError("inflateInit2 failed");
  }
  z.next_in = const_cast<Bytef*>(in);
  z.avail_in = static_cast<uInt>(inSize);
  z.next_out = out;
  z.avail_out = static_cast<uInt>(outSize);
  int rc = Z_OK;
  while (true) {
    rc = inflate(&z, Z_FINISH);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members: continue with the next one.
      if (z.avail_in > 0 && z.avail_out > 0) {
        inflateReset(&z);
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && z.avail_out == 0) {
      inflateEnd(&z);
      corrupt(Codec::kGzip, "decompresses to more than the " + std::to_string(outSize) +
                                " bytes the page header claims");
    }
    inflateEnd(&z);
    corrupt(Codec::kGzip, std::string("inflate failed: ") + (z.msg ? z.msg : std::to_string(rc)));
  }
  size_t produced = outSize - z.avail_out;
  inflateEnd(&z);
  if (produced != outSize) {
    corrupt(Codec::kGzip, "decompressed to " + std::to_string(produced) + " bytes, expected " +
                              std::to_string(outSize));
  }
}

void unzstd(const uint8_t* in, size_t inSize, uint8_t* out, size_t outSize) {
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  ZSTD_inBuffer input{in, inSize, 0};
  ZSTD_outBuffer output{out, outSize, 0};
  size_t rc = 0;
  while (input.pos < input.size) {
    rc = ZSTD_decompressStream(ctx, &output, &input);
    if (ZSTD_isError(rc)) {
      ZSTD_freeDCtx(ctx);
      corrupt(Codec::kZstd, ZSTD_getErrorName(rc));
    }
    if (output.pos == output.size && input.pos < input.size) {
      // Room is exhausted: any further output would exceed the header's claim.
      uint8_t probe;
      ZSTD_outBuffer extra{&probe, 1, 0};
      rc = ZSTD_decompressStream(ctx, &extra, &input);
      if (ZSTD_isError(rc) || extra.pos > 0) {
        ZSTD_freeDCtx(ctx);
        corrupt(Codec::kZstd, "decompresses to more than the " + std::to_string(outSize) +
                                  " bytes the page header claims");
      }
      if (input.pos == input.size) {
        break;
      }
    }
  }
  ZSTD_freeDCtx(ctx);
  if (output.pos != outSize) {
    corrupt(Codec::kZstd, "decompressed to " + std::to_string(output.pos) + " bytes, expected " +
                              std::to_string(outSize));
  }
}

void unbrotli(const uint8_t* in, size_t inSize, uint8_t* out, size_t outSize) {
  size_t availIn = inSize;
  const uint8_t* nextIn = in;
  size_t availOut = outSize;
  uint8_t* nextOut = out;
  BrotliDecoderState* s = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  BrotliDecoderResult r =
      BrotliDecoderDecompressStream(s, &availIn, &nextIn, &availOut, &nextOut, nullptr);
  BrotliDecoderDestroyInstance(s);
  if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    corrupt(Codec::kBrotli, "decompresses to more than the " + std::to_string(outSize) +
                                " bytes the page header claims");
  }
  if (r != BROTLI_DECODER_RESULT_SUCCESS || availOut != 0) {
    corrupt(Codec::kBrotli, "stream is truncated or decodes to a different size than " +
                                std::to_string(outSize) + " bytes");
  }
}

uint32_t loadBigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// Hadoop's Lz4Codec: blocks of [uncompressed length BE32][compressed length BE32][data].
bool unlz4Hadoop(const uint8_t* in, size_t inSize, uint8_t* out, size_t outSize) {
  size_t produced = 0;
  while (inSize > 0) {
    if (inSize < 8) {
      return false;
    }
    uint32_t rawLen = loadBigEndian32(in);
    uint32_t compLen = loadBigEndian32(in + 4);
    in += 8;
    inSize -= 8;
    if (compLen > inSize || rawLen > outSize - produced) {
      return false;
    }
    int n = LZ4_decompress_safe(reinterpret_cast<const char*>(in),
                                reinterpret_cast<char*>(out + produced),
                                static_cast<int>(compLen),
                                static_cast<int>(outSize - produced));
    if (n < 0 || static_cast<uint32_t>(n) != rawLen) {
      return false;
    }
    produced += rawLen;
    in += compLen;
    inSize -= compLen;
  }
  return produced == outSize;
}

bool unlz4Raw(const uint8_t* in, size_t inSize, uint8_t* out, size_t outSize) {
  if (inSize > INT32_MAX || outSize > INT32_MAX) {
    return false;
  }
  int n = LZ4_decompress_safe(reinterpret_cast<const char*>(in),
                              reinterpret_cast<char*>(out),
                              static_cast<int>(inSize),
                              static_cast<int>(outSize));
  return n >= 0 && static_cast<size_t>(n) == outSize;
}

bool unlz4Frame(const uint8_t* in, size_t inSize, uint8_t* out, size_t outSize) {
  LZ4F_dctx* ctx = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION))) {
    return false;
  }
  size_t produced = 0;
  bool ok = true;
  while (inSize > 0) {
    size_t dstSize = outSize - produced;
    size_t srcSize = inSize;
    size_t rc = LZ4F_decompress(ctx, out + produced, &dstSize, in, &srcSize, nullptr);
    if (LZ4F_isError(rc) || (srcSize == 0 && dstSize == 0)) {
      ok = false;
      break;
    }
    produced += dstSize;
    in += srcSize;
    inSize -= srcSize;
    if (rc == 0) {
      break;
    }
  }
  LZ4F_freeDecompressionContext(ctx);
  return ok && inSize == 0 && produced == outSize;
}

}  // namespace

void decompress(Codec codec, const uint8_t* in, size_t inSize, uint8_t* out, size_t outSize) {
  switch (codec) {
    case Codec::kUncompressed:
      if (inSize != outSize) {
        corrupt(codec, "page sizes differ (" + std::to_string(inSize) + " vs " +
                           std::to_string(outSize) + ")");
      }
      if (inSize > 0) {
        std::memcpy(out, in, inSize);
      }
      return;
    case Codec::kSnappy: {
      size_t len = 0;
      const char* src = reinterpret_cast<const char*>(in);
      if (!snappy::GetUncompressedLength(src, inSize, &len)) {
        corrupt(codec, "invalid length header");
      }
      if (len != outSize) {
        corrupt(codec, "decompresses to " + std::to_string(len) + " bytes, the page header says " +
                           std::to_string(outSize));
      }
      if (!snappy::RawUncompress(src, inSize, reinterpret_cast<char*>(out))) {
        corrupt(codec, "invalid data");
      }
      return;
    }
    case Codec::kGzip:
      gunzip(in, inSize, out, outSize);
      return;
    case Codec::kZstd:
      unzstd(in, inSize, out, outSize);
      return;
    case Codec::kBrotli:
      unbrotli(in, inSize, out, outSize);
      return;
    case Codec::kLz4Raw:
      if (!unlz4Raw(in, inSize, out, outSize)) {
        corrupt(codec, "invalid block or size differs from " + std::to_string(outSize) + " bytes");
      }
      return;
    case Codec::kLz4:
      if (unlz4Hadoop(in, inSize, out, outSize) || unlz4Raw(in, inSize, out, outSize) ||
          unlz4Frame(in, inSize, out, outSize)) {
        return;
      }
      corrupt(codec, "neither Hadoop-framed LZ4, a raw LZ4 block nor an LZ4 frame of " +
                         std::to_string(outSize) + " bytes");
    case Codec::kLzo:
      break;
  }
  throwUserError("FAILED_READ_FILE",
                 std::string("Unsupported Parquet compression codec ") + codecName(codec) +
                     " (id " + std::to_string(static_cast<int>(codec)) + ")");
}

void compress(Codec codec, const uint8_t* in, size_t inSize, std::string& out) {
  size_t base = out.size();
  switch (codec) {
    case Codec::kUncompressed:
      out.append(reinterpret_cast<const char*>(in), inSize);
      return;
    case Codec::kSnappy: {
      out.resize(base + snappy::MaxCompressedLength(inSize));
      size_t n = 0;
      snappy::RawCompress(reinterpret_cast<const char*>(in), inSize, out.data() + base, &n);
      out.resize(base + n);
      return;
    }
    case Codec::kGzip: {
      z_stream z{};
      if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throwInternalError("deflateInit2 failed");
      }
      out.resize(base + deflateBound(&z, static_cast<uLong>(inSize)) + 32);
      z.next_in = const_cast<Bytef*>(in);
      z.avail_in = static_cast<uInt>(inSize);
      z.next_out = reinterpret_cast<Bytef*>(out.data() + base);
      z.avail_out = static_cast<uInt>(out.size() - base);
      int rc = deflate(&z, Z_FINISH);
      size_t n = (out.size() - base) - z.avail_out;
      deflateEnd(&z);
      if (rc != Z_STREAM_END) {
        throwInternalError("deflate did not finish");
      }
      out.resize(base + n);
      return;
    }
    case Codec::kZstd: {
      out.resize(base + ZSTD_compressBound(inSize));
      size_t n = ZSTD_compress(out.data() + base, out.size() - base, in, inSize, 3);
      if (ZSTD_isError(n)) {
        throwInternalError(std::string("ZSTD_compress: ") + ZSTD_getErrorName(n));
      }
      out.resize(base + n);
      return;
    }
    case Codec::kLz4Raw:
    case Codec::kLz4: {
      size_t header = codec == Codec::kLz4 ? 8 : 0;
      int bound = LZ4_compressBound(static_cast<int>(inSize));
      out.resize(base + header + static_cast<size_t>(bound));
      int n = LZ4_compress_default(reinterpret_cast<const char*>(in),
                                   out.data() + base + header,
                                   static_cast<int>(inSize),
                                   bound);
      if (n <= 0 && inSize > 0) {
        throwInternalError("LZ4_compress_default failed");
      }
      if (codec == Codec::kLz4) {
        auto put = [&](size_t at, uint32_t v) {
          out[at] = static_cast<char>(v >> 24);
          out[at + 1] = static_cast<char>(v >> 16);
          out[at + 2] = static_cast<char>(v >> 8);
          out[at + 3] = static_cast<char>(v);
        };
        put(base, static_cast<uint32_t>(inSize));
        put(base + 4, static_cast<uint32_t>(n));
      }
      out.resize(base + header + static_cast<size_t>(n));
      return;
    }
    case Codec::kBrotli: {
      size_t n = BrotliEncoderMaxCompressedSize(inSize);
      out.resize(base + n);
      if (!BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC,
                                 inSize, in, &n, reinterpret_cast<uint8_t*>(out.data() + base))) {
        throwInternalError("BrotliEncoderCompress failed");
      }
      out.resize(base + n);
      return;
    }
    case Codec::kLzo:
      break;
  }
  throwUserError("UNSUPPORTED_FEATURE", std::string("Cannot write Parquet with codec ") + codecName(codec));
}

}  // namespace rivulet::parquet
