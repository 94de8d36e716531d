#include "rivulet/formats/parquet/writer/value_dictionary.h"

namespace rivulet::parquet {

uint64_t ValueDictionary::hash(const uint8_t* p, size_t n) const {
  if (fixedWidth_ == 4 && n == 4) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return mix(v);
  }
  if (fixedWidth_ == 8 && n == 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return mix(v);
  }
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h ^ w);
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = mix(h ^ w ^ (uint64_t{n} << 59));
  }
  return h;
}

void ValueDictionary::grow() {
  size_t cap = slots_.empty() ? 1024 : slots_.size() * 2;
  std::vector<Slot> old(cap, Slot{0, -1});
  old.swap(slots_);
  for (const Slot& slot : old) {
    if (slot.index < 0) {
      continue;
    }
    size_t s = slot.tag & (cap - 1);
    while (slots_[s].index >= 0) {
      s = (s + 1) & (cap - 1);
    }
    slots_[s] = slot;
  }
}

uint32_t ValueDictionary::lookup(const uint8_t* p, size_t n) {
  if (fixedWidth_ == 4 && n == 4) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return lookupFixed(v);
  }
  if (fixedWidth_ == 8 && n == 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return lookupFixed(v);
  }
  reserveSlot();
  auto tag = static_cast<uint32_t>(hash(p, n));
  size_t mask = slots_.size() - 1;
  std::string_view key(reinterpret_cast<const char*>(p), n);
  size_t s = tag & mask;
  for (; slots_[s].index >= 0; s = (s + 1) & mask) {
    if (slots_[s].tag == tag && value(static_cast<uint32_t>(slots_[s].index)) == key) {
      return static_cast<uint32_t>(slots_[s].index);
    }
  }
  if (fixedWidth_ == 0 && offsets_.empty()) {
    offsets_.push_back(0);
  }
  bytes_.append(key);
  if (fixedWidth_ == 0) {
    offsets_.push_back(static_cast<uint32_t>(bytes_.size()));
  }
  slots_[s] = Slot{tag, static_cast<int32_t>(size_)};
  return size_++;
}

void ValueDictionary::clear() {
  bytes_.clear();
  offsets_.clear();
  slots_.clear();
  size_ = 0;
}

}  // namespace rivulet::parquet
