// ColumnBuilder: the JSON readers' column under construction. Like VectorBuilder but with raw
// typed appends and truncate(), so a record that turns out malformed is rolled back after some
// of its fields were already written.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rivulet/columnar/buffer.h"
#include "rivulet/columnar/vector.h"
#include "rivulet/types/data_type.h"

namespace rivulet::json {

class ColumnBuilder {
 public:
  explicit ColumnBuilder(DataTypePtr type);

  const DataType& type() const { return *type_; }

  const DataTypePtr& typePtr() const { return type_; }

  TypeId id() const { return id_; }

  int64_t size() const { return size_; }

  ColumnBuilder& child(size_t i) { return *children_[i]; }

  size_t numChildren() const { return children_.size(); }

  /// A null row (struct children get a null too).
  void appendNull();

  /// A fixed-width value of the column's physical type T.
  template <typename T>
  void appendValue(T v) {
    reserveRow();
    reinterpret_cast<T*>(values_.data())[size_] = v;
    markValid();
    ++size_;
  }

  void appendBytes(std::string_view v) {
    bytes_.append(v.data(), v.size());
    commitBytes();
  }

  /// appendBytes() of a value that at least 15 more readable bytes follow (a value inside
  /// simdjson's padded input): copied 16 bytes at a time instead of by a memcpy call.
  void appendBytesPadded(std::string_view v) {
    size_t at = bytes_.size();
    bytes_.reserve(at + v.size() + 16);
    uint8_t* dst = bytes_.data() + at;
    for (size_t i = 0; i < v.size(); i += 16) {
      std::memcpy(dst + i, v.data() + i, 16);
    }
    bytes_.resize(at + v.size());
    commitBytes();
  }

  /// The string bytes buffer, for writing a value in place; close it with commitBytes().
  Buffer& bytes() { return bytes_; }

  /// Closes a string row whose bytes were appended to bytes() since the last row.
  void commitBytes() {
    reserveRow();
    offsets_.as<int64_t>()[size_ + 1] = static_cast<int64_t>(bytes_.size());
    markValid();
    ++size_;
  }

  /// Closes an array / map row (elements appended to the children) or a struct row.
  void finishNested() {
    reserveRow();
    if (id_ != TypeId::kStruct) {
      offsets_.as<int64_t>()[size_ + 1] = children_[0]->size();
    }
    markValid();
    ++size_;
  }

  /// Drops rows [n, size()).
  void truncate(int64_t n);

  /// The finished vector; the builder starts over empty.
  VectorPtr finish();

  /// Struct only: field lookup by exact name (Spark's JSON reader matches case-sensitively).
  int fieldIndex(std::string_view name) {
    size_t n = names_.size();
    size_t guess = lastField_ + 1 < n ? lastField_ + 1 : 0;
    for (size_t k = 0; k < n; ++k) {
      size_t i = guess + k < n ? guess + k : guess + k - n;
      if (names_[i] == name) {
        lastField_ = i;
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  /// Struct only: lookup by the raw (still escaped) key text that ends with '"'; keys with
  /// escapes never match here and go through fieldIndex() on the unescaped key.
  int fieldIndexRaw(const char* raw) {
    size_t n = names_.size();
    size_t guess = lastField_ + 1 < n ? lastField_ + 1 : 0;
    for (size_t k = 0; k < n; ++k) {
      size_t i = guess + k < n ? guess + k : guess + k - n;
      const std::string& name = names_[i];
      size_t j = 0;
      // Stops at the first difference, at the latest at the closing quote.
      while (j < name.size() && raw[j] == name[j]) {
        ++j;
      }
      if (j == name.size() && raw[j] == '"') {
        lastField_ = i;
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  /// Struct only: per-row flags of the fields already seen.
  std::vector<uint8_t>& seen() { return seen_; }

 private:
  void reserveRow() {
    if (size_ == capacity_) [[unlikely]] {
      grow();
    }
  }

  void markValid() {
    if (hasNulls_) {
      validity_.as<uint64_t>()[size_ >> 6] |= uint64_t{1} << (size_ & 63);
    }
  }

  void grow();

  DataTypePtr type_;
  TypeId id_;
  int width_ = 0;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
  bool hasNulls_ = false;
  Buffer values_;
  Buffer offsets_;
  Buffer bytes_;
  Buffer validity_;
  std::vector<std::unique_ptr<ColumnBuilder>> children_;
  std::vector<std::string> names_;
  std::vector<uint8_t> seen_;
  size_t lastField_ = static_cast<size_t>(-1);
};

}  // namespace rivulet::json
