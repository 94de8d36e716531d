#include "rivulet/exec/row_key.h"

#include <cmath>
#include <cstring>

namespace rivulet::exec {

void appendKey(const Vector& v, int64_t row, std::string& out) {
  if (v.isNull(row)) {
    out += '\0';
    return;
  }
  out += '\1';
  const DataType& type = *v.type();
  if (type.id() == TypeId::kDouble || type.id() == TypeId::kFloat) {
    // -0.0 equals 0.0 and every NaN equals every NaN in grouping.
    double d = type.id() == TypeId::kDouble ? v.values<double>()[row] : v.values<float>()[row];
    if (d == 0) {
      d = 0;
    }
    if (std::isnan(d)) {
      d = std::nan("");
    }
    out.append(reinterpret_cast<const char*>(&d), sizeof d);
    return;
  }
  if (type.isFixedWidth()) {
    int w = type.fixedWidth();
    out.append(reinterpret_cast<const char*>(v.values<uint8_t>() + row * w), w);
    return;
  }
  switch (type.id()) {
    case TypeId::kString:
    case TypeId::kBinary: {
      auto s = v.stringAt(row);
      uint64_t n = s.size();
      out.append(reinterpret_cast<const char*>(&n), sizeof n);
      out.append(s.data(), s.size());
      return;
    }
    case TypeId::kArray:
    case TypeId::kMap: {
      int64_t begin = v.offsets()[row];
      int64_t end = v.offsets()[row + 1];
      uint64_t n = static_cast<uint64_t>(end - begin);
      out.append(reinterpret_cast<const char*>(&n), sizeof n);
      for (int64_t i = begin; i < end; ++i) {
        for (const auto& c : v.children()) {
          appendKey(*c, i, out);
        }
      }
      return;
    }
    case TypeId::kStruct:
      for (const auto& c : v.children()) {
        appendKey(*c, row, out);
      }
      return;
    default:
      return;
  }
}

std::string rowKey(const std::vector<VectorPtr>& columns, int64_t row) {
  std::string key;
  for (const auto& c : columns) {
    appendKey(*c, row, key);
  }
  return key;
}

bool anyNull(const std::vector<VectorPtr>& columns, int64_t row) {
  for (const auto& c : columns) {
    if (c->isNull(row)) {
      return true;
    }
  }
  return false;
}

}  // namespace rivulet::exec
