#include "rivulet/formats/json/json_column_builder.h"

namespace rivulet::json {

namespace {

bool hasOffsets(TypeId id) {
  return id == TypeId::kString || id == TypeId::kBinary || id == TypeId::kArray ||
         id == TypeId::kMap;
}

size_t bitmapBytes(int64_t rows) { return static_cast<size_t>((rows + 63) / 64) * 8; }

}  // namespace

ColumnBuilder::ColumnBuilder(DataTypePtr type) : type_(std::move(type)), id_(type_->id()) {
  if (type_->isFixedWidth()) {
    width_ = type_->fixedWidth();
  }
  switch (id_) {
    case TypeId::kArray:
      children_.push_back(std::make_unique<ColumnBuilder>(type_->elementType()));
      break;
    case TypeId::kMap:
      children_.push_back(std::make_unique<ColumnBuilder>(type_->keyType()));
      children_.push_back(std::make_unique<ColumnBuilder>(type_->valueType()));
      break;
    case TypeId::kStruct:
      for (const auto& f : type_->fields()) {
        children_.push_back(std::make_unique<ColumnBuilder>(f.type));
        names_.push_back(f.name);
      }
      seen_.resize(names_.size());
      break;
    default:
      break;
  }
  if (hasOffsets(id_)) {
    offsets_.resize(sizeof(int64_t));
    offsets_.as<int64_t>()[0] = 0;
  }
}

void ColumnBuilder::grow() {
  int64_t newCapacity = capacity_ < 64 ? 64 : capacity_ * 2;
  if (width_ > 0) {
    values_.resize(static_cast<size_t>(newCapacity) * width_);
  }
  if (hasOffsets(id_)) {
    offsets_.resize(static_cast<size_t>(newCapacity + 1) * sizeof(int64_t));
  }
  if (hasNulls_) {
    validity_.resize(bitmapBytes(newCapacity));
  }
  capacity_ = newCapacity;
}

void ColumnBuilder::appendNull() {
  reserveRow();
  if (!hasNulls_) {
    validity_.resize(bitmapBytes(capacity_));
    std::memset(validity_.data(), 0xFF, validity_.size());
    hasNulls_ = true;
  }
  validity_.as<uint64_t>()[size_ >> 6] &= ~(uint64_t{1} << (size_ & 63));
  if (width_ > 0) {
    std::memset(values_.data() + static_cast<size_t>(size_) * width_, 0, width_);
  } else if (hasOffsets(id_)) {
    int64_t* o = offsets_.as<int64_t>();
    o[size_ + 1] = o[size_];
  } else if (id_ == TypeId::kStruct) {
    for (auto& c : children_) {
      c->appendNull();
    }
  }
  ++size_;
}

void ColumnBuilder::truncate(int64_t n) {
  // Children may hold rows of an unfinished parent row beyond n: cut them too.
  if (n > size_) {
    return;
  }
  size_ = n;
  if (id_ == TypeId::kString || id_ == TypeId::kBinary) {
    bytes_.resize(static_cast<size_t>(offsets_.as<int64_t>()[n]));
  } else if (id_ == TypeId::kArray || id_ == TypeId::kMap) {
    int64_t end = offsets_.as<int64_t>()[n];
    for (auto& c : children_) {
      c->truncate(end);
    }
  } else if (id_ == TypeId::kStruct) {
    for (auto& c : children_) {
      c->truncate(n);
    }
  }
}

VectorPtr ColumnBuilder::finish() {
  auto v = Vector::make(type_, 0);
  if (id_ == TypeId::kStruct || id_ == TypeId::kArray || id_ == TypeId::kMap) {
    for (size_t i = 0; i < children_.size(); ++i) {
      v->children()[i] = children_[i]->finish();
    }
  }
  v->resize(size_);
  if (width_ > 0) {
    values_.resize(static_cast<size_t>(size_) * width_);
    v->valueBuffer() = std::move(values_);
  } else if (hasOffsets(id_)) {
    std::memcpy(v->offsets(), offsets_.data(), static_cast<size_t>(size_ + 1) * sizeof(int64_t));
    if (id_ == TypeId::kString || id_ == TypeId::kBinary) {
      v->bytes() = std::move(bytes_);
    }
  }
  if (hasNulls_ && size_ > 0) {
    uint64_t* bits = v->mutableValidity();
    std::memcpy(bits, validity_.data(), bitmapBytes(size_));
  }
  values_ = Buffer();
  bytes_ = Buffer();
  validity_ = Buffer();
  offsets_ = Buffer();
  if (hasOffsets(id_)) {
    offsets_.resize(sizeof(int64_t));
    offsets_.as<int64_t>()[0] = 0;
  }
  size_ = 0;
  capacity_ = 0;
  hasNulls_ = false;
  return v;
}

}  // namespace rivulet::json
