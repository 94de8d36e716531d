// Vector: one column of a batch. Fixed-width values in a typed buffer, strings and binary as
// offsets + bytes, arrays and maps as offsets + child vectors, structs as one child per field;
// nulls in a validity bitmap that is absent while every value is valid.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "rivulet/columnar/buffer.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

class Vector;
using VectorPtr = std::shared_ptr<Vector>;

class Vector {
 public:
  /// A vector of `size` rows, all valid; fixed-width values are uninitialised, offsets zero,
  /// struct children allocated at the same size, array/map children empty.
  Vector(DataTypePtr type, int64_t size);

  static VectorPtr make(DataTypePtr type, int64_t size) {
    return std::make_shared<Vector>(std::move(type), size);
  }

  const DataTypePtr& type() const { return type_; }

  TypeId typeId() const { return type_->id(); }

  int64_t size() const { return size_; }

  // ---- validity ----
  bool mayHaveNulls() const { return hasValidity_; }

  bool isNull(int64_t i) const {
    return hasValidity_ && ((validity_.as<uint64_t>()[i >> 6] >> (i & 63)) & 1) == 0;
  }

  void setNull(int64_t i, bool isNull);

  /// The validity bitmap (bit 1 = valid), or nullptr when every value is valid.
  const uint64_t* validity() const { return hasValidity_ ? validity_.as<uint64_t>() : nullptr; }

  /// Allocates the bitmap (all valid) if absent and returns it.
  uint64_t* mutableValidity();

  /// Drops the bitmap: every value becomes valid.
  void clearNulls() { hasValidity_ = false; }

  int64_t nullCount() const;

  // ---- fixed width ----
  template <typename T>
  T* values() {
    return values_.as<T>();
  }

  template <typename T>
  const T* values() const {
    return values_.as<T>();
  }

  Buffer& valueBuffer() { return values_; }

  // ---- strings, binary, arrays, maps ----
  /// size()+1 offsets into the bytes (strings) or into the child (arrays, maps).
  int64_t* offsets() { return offsets_.as<int64_t>(); }

  const int64_t* offsets() const { return offsets_.as<int64_t>(); }

  Buffer& bytes() { return values_; }

  const Buffer& bytes() const { return values_; }

  std::string_view stringAt(int64_t i) const {
    const int64_t* o = offsets_.as<int64_t>();
    return {reinterpret_cast<const char*>(values_.data()) + o[i], static_cast<size_t>(o[i + 1] - o[i])};
  }

  // ---- nested ----
  /// Struct fields; array: [elements]; map: [keys, values].
  std::vector<VectorPtr>& children() { return children_; }

  const std::vector<VectorPtr>& children() const { return children_; }

  const VectorPtr& child(size_t i) const { return children_[i]; }

  /// Changes the row count: fixed-width buffers and offsets grow or shrink (new rows
  /// uninitialised and valid), struct children follow.
  void resize(int64_t size);

 private:
  DataTypePtr type_;
  int64_t size_;
  bool hasValidity_ = false;
  Buffer validity_;
  Buffer values_;
  Buffer offsets_;
  std::vector<VectorPtr> children_;
};

}  // namespace rivulet
