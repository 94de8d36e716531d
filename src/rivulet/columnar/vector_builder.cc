#include "rivulet/columnar/vector_builder.h"

#include <cstring>

#include "rivulet/common/error.h"

namespace rivulet {

VectorBuilder::VectorBuilder(DataTypePtr type, int64_t capacityHint)
    : vector_(Vector::make(type, 0)) {
  for (const auto& c : vector_->children()) {
    children_.push_back(std::make_unique<VectorBuilder>(c->type()));
  }
  if (capacityHint > 0) {
    capacity_ = capacityHint;
    auto saved = std::move(vector_->children());
    vector_->children().clear();
    vector_->resize(capacity_);
    vector_->children() = std::move(saved);
  }
}

void VectorBuilder::grow() {
  if (size_ < capacity_) {
    return;
  }
  capacity_ = capacity_ < 16 ? 16 : capacity_ * 2;
  // Struct children are built by the child builders; keep them out of the resize.
  auto saved = std::move(vector_->children());
  vector_->children().clear();
  vector_->resize(capacity_);
  vector_->children() = std::move(saved);
}

void VectorBuilder::appendNull() {
  grow();
  TypeId id = vector_->typeId();
  if (id == TypeId::kString || id == TypeId::kBinary || id == TypeId::kArray || id == TypeId::kMap) {
    int64_t* o = vector_->offsets();
    o[size_ + 1] = o[size_];
  } else if (id == TypeId::kStruct) {
    for (auto& c : children_) {
      c->appendNull();
    }
  } else if (vector_->type()->isFixedWidth()) {
    // Keep the slot deterministic so hashing and comparisons of raw buffers are stable.
    std::memset(vector_->valueBuffer().data() + size_ * vector_->type()->fixedWidth(), 0,
                vector_->type()->fixedWidth());
  }
  vector_->setNull(size_, true);
  ++size_;
}

void VectorBuilder::appendBool(bool v) {
  grow();
  vector_->values<uint8_t>()[size_++] = v ? 1 : 0;
}

void VectorBuilder::appendInt(int64_t v) {
  grow();
  switch (vector_->typeId()) {
    case TypeId::kByte: vector_->values<int8_t>()[size_] = static_cast<int8_t>(v); break;
    case TypeId::kShort: vector_->values<int16_t>()[size_] = static_cast<int16_t>(v); break;
    case TypeId::kInt:
    case TypeId::kDate: vector_->values<int32_t>()[size_] = static_cast<int32_t>(v); break;
    case TypeId::kLong:
    case TypeId::kTimestamp: vector_->values<int64_t>()[size_] = v; break;
    case TypeId::kBoolean: vector_->values<uint8_t>()[size_] = v != 0; break;
    default:
      throwInternalError("appendInt on a column of type " + vector_->type()->simpleString());
  }
  ++size_;
}

void VectorBuilder::appendDouble(double v) {
  grow();
  if (vector_->typeId() == TypeId::kFloat) {
    vector_->values<float>()[size_] = static_cast<float>(v);
  } else if (vector_->typeId() == TypeId::kDouble) {
    vector_->values<double>()[size_] = v;
  } else {
    throwInternalError("appendDouble on a column of type " + vector_->type()->simpleString());
  }
  ++size_;
}

void VectorBuilder::appendDecimal(__int128 unscaled) {
  grow();
  vector_->values<__int128>()[size_++] = unscaled;
}

void VectorBuilder::appendString(std::string_view v) {
  grow();
  Buffer& bytes = vector_->bytes();
  bytes.append(v.data(), v.size());
  vector_->offsets()[size_ + 1] = static_cast<int64_t>(bytes.size());
  ++size_;
}

void VectorBuilder::finishArray() {
  grow();
  vector_->offsets()[size_ + 1] = children_[0]->size();
  ++size_;
}

void VectorBuilder::finishStruct() {
  grow();
  ++size_;
}

void VectorBuilder::append(const Value& v) {
  if (v.isNull()) {
    appendNull();
    return;
  }
  const DataType& type = *vector_->type();
  switch (type.id()) {
    case TypeId::kNull: appendNull(); return;
    case TypeId::kBoolean: appendBool(v.asBool()); return;
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInt:
    case TypeId::kLong:
    case TypeId::kDate:
    case TypeId::kTimestamp: appendInt(v.asInt()); return;
    case TypeId::kFloat:
    case TypeId::kDouble: appendDouble(v.asDouble()); return;
    case TypeId::kDecimal: appendDecimal(v.asDecimal()); return;
    case TypeId::kString:
    case TypeId::kBinary: appendString(v.asString()); return;
    case TypeId::kArray:
      for (const auto& e : v.children()) {
        children_[0]->append(e);
      }
      finishArray();
      return;
    case TypeId::kMap:
      for (size_t i = 0; i < v.children().size(); ++i) {
        children_[0]->append(v.children()[i]);
        children_[1]->append(v.mapValues()[i]);
      }
      finishMap();
      return;
    case TypeId::kStruct:
      for (size_t i = 0; i < children_.size(); ++i) {
        if (i < v.children().size()) {
          children_[i]->append(v.children()[i]);
        } else {
          children_[i]->appendNull();
        }
      }
      finishStruct();
      return;
  }
}

void VectorBuilder::appendFrom(const Vector& source, int64_t row) {
  if (source.isNull(row)) {
    appendNull();
    return;
  }
  const DataType& type = *vector_->type();
  switch (type.id()) {
    case TypeId::kString:
    case TypeId::kBinary: appendString(source.stringAt(row)); return;
    case TypeId::kArray:
    case TypeId::kMap: {
      const int64_t* o = source.offsets();
      for (int64_t i = o[row]; i < o[row + 1]; ++i) {
        for (size_t c = 0; c < children_.size(); ++c) {
          children_[c]->appendFrom(*source.child(c), i);
        }
      }
      finishArray();
      return;
    }
    case TypeId::kStruct:
      for (size_t c = 0; c < children_.size(); ++c) {
        children_[c]->appendFrom(*source.child(c), row);
      }
      finishStruct();
      return;
    default: {
      grow();
      int w = type.fixedWidth();
      std::memcpy(vector_->valueBuffer().data() + size_ * w,
                  source.values<uint8_t>() + row * w, w);
      ++size_;
      return;
    }
  }
}

VectorPtr VectorBuilder::finish() {
  auto result = vector_;
  for (size_t i = 0; i < children_.size(); ++i) {
    result->children()[i] = children_[i]->finish();
  }
  auto saved = std::move(result->children());
  result->children().clear();
  result->resize(size_);
  result->children() = std::move(saved);
  vector_ = Vector::make(result->type(), 0);
  size_ = 0;
  capacity_ = 0;
  return result;
}

}  // namespace rivulet
