// Page compression: decompress (every Parquet codec but LZO) and compress (the codecs the
// writer offers). Output sizes are fixed in advance, so a lying header cannot make a codec
// produce (or the caller allocate) more than it claimed.
#pragma once

#include <cstdint>
#include <string>

#include "rivulet/formats/parquet/thrift/parquet_types.h"

namespace rivulet::parquet {

/// Decompresses `input` into exactly `outSize` bytes at `out`; throws a user error when the
/// data is corrupt or decodes to a different size. LZ4 tries the Hadoop framing first and
/// falls back to a raw block and to the LZ4 frame format.
void decompress(Codec codec, const uint8_t* input, size_t inSize, uint8_t* out, size_t outSize);

/// Appends the compressed form of `input` to `out`.
void compress(Codec codec, const uint8_t* input, size_t inSize, std::string& out);

/// CRC-32 (the zlib polynomial) as Parquet page headers carry it.
uint32_t pageCrc(const uint8_t* data, size_t size);

}  // namespace rivulet::parquet
