// RLE / bit-packed hybrid encoder (levels, dictionary indices): runs of 8 or more equal
// values become RLE runs, the rest bit-packed groups of 8.
#pragma once

#include <cstdint>
#include <string>

namespace rivulet::parquet {

/// Appends the hybrid encoding of `values[0..n)` at `bitWidth` bits to `out` (no length prefix).
template <typename T>
void rleEncode(const T* values, int64_t n, int bitWidth, std::string& out);

extern template void rleEncode<int16_t>(const int16_t*, int64_t, int, std::string&);
extern template void rleEncode<uint32_t>(const uint32_t*, int64_t, int, std::string&);

}  // namespace rivulet::parquet
