#include "rivulet/common/uuid.h"

#include <cstdio>
#include <random>

namespace rivulet {

std::string randomUuid() {
  thread_local std::mt19937_64 random(std::random_device{}() ^ (static_cast<uint64_t>(std::random_device{}()) << 32));
  uint64_t a = random();
  uint64_t b = random();
  a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // IETF variant
  char buf[40];
  snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
           static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF), static_cast<unsigned>(b >> 48),
           static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return buf;
}

}  // namespace rivulet
