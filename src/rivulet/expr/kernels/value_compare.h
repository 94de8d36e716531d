// Ordering of Values of one SQL type (sort, min/max, comparisons of nested values).
#pragma once

#include "rivulet/types/data_type.h"
#include "rivulet/types/value.h"

namespace rivulet::expr {

/// -1, 0 or 1; nulls first; NaN above all numbers; arrays and structs element by element.
int compareValues(const Value& a, const Value& b, const DataType& type);

}  // namespace rivulet::expr
