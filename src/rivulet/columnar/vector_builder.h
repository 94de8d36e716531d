// VectorBuilder: appends values row by row (readers, collect-to-column, literals).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "rivulet/columnar/vector.h"
#include "rivulet/types/value.h"

namespace rivulet {

/// Builds a Vector of `type`. For nested types, append the elements/fields to child(i) first,
/// then close the row with finishArray() / finishMap() / finishStruct(); appendNull() closes a
/// null row (struct children get a null too).
class VectorBuilder {
 public:
  explicit VectorBuilder(DataTypePtr type, int64_t capacityHint = 0);

  const DataTypePtr& type() const { return vector_->type(); }

  int64_t size() const { return size_; }

  void appendNull();

  void appendBool(bool v);

  /// byte, short, int, long, date (days), timestamp (micros); narrowed to the column's width.
  void appendInt(int64_t v);

  /// float, double.
  void appendDouble(double v);

  /// Unscaled decimal at the column's scale.
  void appendDecimal(__int128 unscaled);

  /// string and binary.
  void appendString(std::string_view v);

  /// Any value of the builder's type (nested included).
  void append(const Value& v);

  /// Appends row `row` of `source`, which must have the builder's type.
  void appendFrom(const Vector& source, int64_t row);

  VectorBuilder& child(size_t i) { return *children_[i]; }

  /// Closes an array row whose elements were appended to child(0) since the last row.
  void finishArray();

  /// Closes a map row whose keys/values were appended to child(0)/child(1).
  void finishMap() { finishArray(); }

  /// Closes a struct row whose fields were appended to the children.
  void finishStruct();

  /// Returns the vector and resets the builder.
  VectorPtr finish();

 private:
  void grow();

  VectorPtr vector_;
  std::vector<std::unique_ptr<VectorBuilder>> children_;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
};

}  // namespace rivulet
