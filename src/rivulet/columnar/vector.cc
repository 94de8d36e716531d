#include "rivulet/columnar/vector.h"

#include <bit>
#include <cstring>

namespace rivulet {

namespace {

size_t words(int64_t n) { return static_cast<size_t>((n + 63) / 64); }

bool hasOffsets(TypeId id) {
  return id == TypeId::kString || id == TypeId::kBinary || id == TypeId::kArray ||
         id == TypeId::kMap;
}

}  // namespace

Vector::Vector(DataTypePtr type, int64_t size) : type_(std::move(type)), size_(0) {
  switch (type_->id()) {
    case TypeId::kArray:
      children_.push_back(Vector::make(type_->elementType(), 0));
      break;
    case TypeId::kMap:
      children_.push_back(Vector::make(type_->keyType(), 0));
      children_.push_back(Vector::make(type_->valueType(), 0));
      break;
    case TypeId::kStruct:
      for (const auto& f : type_->fields()) {
        children_.push_back(Vector::make(f.type, 0));
      }
      break;
    default:
      break;
  }
  if (hasOffsets(type_->id())) {
    offsets_.resize(sizeof(int64_t));
    offsets_.as<int64_t>()[0] = 0;
  }
  resize(size);
}

void Vector::resize(int64_t size) {
  TypeId id = type_->id();
  if (type_->isFixedWidth()) {
    values_.resize(static_cast<size_t>(size) * type_->fixedWidth());
  } else if (hasOffsets(id)) {
    int64_t last = offsets_.as<int64_t>()[size_];
    offsets_.resize(static_cast<size_t>(size + 1) * sizeof(int64_t));
    int64_t* o = offsets_.as<int64_t>();
    for (int64_t i = size_ + 1; i <= size; ++i) {
      o[i] = last;
    }
  } else if (id == TypeId::kStruct) {
    for (auto& c : children_) {
      c->resize(size);
    }
  }
  if (hasValidity_) {
    size_t oldWords = words(size_);
    validity_.resize(words(size) * 8);
    uint64_t* v = validity_.as<uint64_t>();
    if (size > size_) {
      // Mark the new rows valid: finish the old last word, then fill new words.
      if (size_ % 64 != 0) {
        v[size_ / 64] |= ~uint64_t{0} << (size_ % 64);
      }
      for (size_t w = oldWords; w < words(size); ++w) {
        v[w] = ~uint64_t{0};
      }
    }
  }
  size_ = size;
}

uint64_t* Vector::mutableValidity() {
  if (!hasValidity_) {
    validity_.resize(words(size_) * 8);
    if (validity_.size() > 0) {
      std::memset(validity_.data(), 0xFF, validity_.size());
    }
    hasValidity_ = true;
  }
  return validity_.as<uint64_t>();
}

void Vector::setNull(int64_t i, bool isNull) {
  if (!isNull && !hasValidity_) {
    return;
  }
  uint64_t* v = mutableValidity();
  if (isNull) {
    v[i >> 6] &= ~(uint64_t{1} << (i & 63));
  } else {
    v[i >> 6] |= uint64_t{1} << (i & 63);
  }
}

int64_t Vector::nullCount() const {
  if (!hasValidity_) {
    return 0;
  }
  const uint64_t* v = validity_.as<uint64_t>();
  int64_t valid = 0;
  int64_t full = size_ / 64;
  for (int64_t w = 0; w < full; ++w) {
    valid += std::popcount(v[w]);
  }
  if (size_ % 64 != 0) {
    valid += std::popcount(v[full] & ((uint64_t{1} << (size_ % 64)) - 1));
  }
  return size_ - valid;
}

}  // namespace rivulet
