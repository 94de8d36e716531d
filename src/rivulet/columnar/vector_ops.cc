#include "rivulet/columnar/vector_ops.h"

#include <cstring>

#include "rivulet/columnar/vector_builder.h"

namespace rivulet {

Value valueAt(const Vector& v, int64_t row) {
  if (v.isNull(row)) {
    return Value();
  }
  switch (v.typeId()) {
    case TypeId::kNull: return Value();
    case TypeId::kBoolean: return Value::boolean(v.values<uint8_t>()[row] != 0);
    case TypeId::kByte: return Value::integer(v.values<int8_t>()[row]);
    case TypeId::kShort: return Value::integer(v.values<int16_t>()[row]);
    case TypeId::kInt:
    case TypeId::kDate: return Value::integer(v.values<int32_t>()[row]);
    case TypeId::kLong:
    case TypeId::kTimestamp: return Value::integer(v.values<int64_t>()[row]);
    case TypeId::kFloat: return Value::real(v.values<float>()[row]);
    case TypeId::kDouble: return Value::real(v.values<double>()[row]);
    case TypeId::kDecimal: return Value::decimal(v.values<__int128>()[row], v.type()->scale());
    case TypeId::kString:
    case TypeId::kBinary: return Value::string(std::string(v.stringAt(row)));
    case TypeId::kArray: {
      std::vector<Value> items;
      for (int64_t i = v.offsets()[row]; i < v.offsets()[row + 1]; ++i) {
        items.push_back(valueAt(*v.child(0), i));
      }
      return Value::array(std::move(items));
    }
    case TypeId::kMap: {
      std::vector<Value> keys;
      std::vector<Value> values;
      for (int64_t i = v.offsets()[row]; i < v.offsets()[row + 1]; ++i) {
        keys.push_back(valueAt(*v.child(0), i));
        values.push_back(valueAt(*v.child(1), i));
      }
      return Value::map(std::move(keys), std::move(values));
    }
    case TypeId::kStruct: {
      std::vector<Value> fields;
      for (const auto& c : v.children()) {
        fields.push_back(valueAt(*c, row));
      }
      return Value::structValue(std::move(fields));
    }
  }
  return Value();
}

VectorPtr vectorFromValues(const DataTypePtr& type, const std::vector<Value>& values) {
  VectorBuilder b(type, static_cast<int64_t>(values.size()));
  for (const auto& v : values) {
    b.append(v);
  }
  return b.finish();
}

VectorPtr constantVector(const DataTypePtr& type, const Value& value, int64_t size) {
  if (type->isFixedWidth()) {
    auto v = Vector::make(type, size);
    if (value.isNull()) {
      std::memset(v->valueBuffer().data(), 0, v->valueBuffer().size());
      uint64_t* bits = v->mutableValidity();
      std::memset(bits, 0, (size + 63) / 64 * 8);
      return v;
    }
    VectorBuilder one(type, 1);
    one.append(value);
    auto single = one.finish();
    int w = type->fixedWidth();
    const uint8_t* src = single->values<uint8_t>();
    uint8_t* dst = v->values<uint8_t>();
    for (int64_t i = 0; i < size; ++i) {
      std::memcpy(dst + i * w, src, w);
    }
    return v;
  }
  VectorBuilder b(type, size);
  for (int64_t i = 0; i < size; ++i) {
    b.append(value);
  }
  return b.finish();
}

namespace {

template <typename T>
void gatherFixed(const Vector& src, Vector& dst, const int32_t* idx, int64_t n) {
  const T* in = src.values<T>();
  T* out = dst.values<T>();
  for (int64_t i = 0; i < n; ++i) {
    out[i] = in[idx[i]];
  }
}

}  // namespace

VectorPtr gather(const Vector& source, const int32_t* indices, int64_t n) {
  const DataType& type = *source.type();
  if (type.isFixedWidth()) {
    auto out = Vector::make(source.type(), n);
    switch (type.fixedWidth()) {
      case 1: gatherFixed<uint8_t>(source, *out, indices, n); break;
      case 2: gatherFixed<uint16_t>(source, *out, indices, n); break;
      case 4: gatherFixed<uint32_t>(source, *out, indices, n); break;
      case 8: gatherFixed<uint64_t>(source, *out, indices, n); break;
      default: gatherFixed<__int128>(source, *out, indices, n); break;
    }
    if (source.mayHaveNulls()) {
      for (int64_t i = 0; i < n; ++i) {
        if (source.isNull(indices[i])) {
          out->setNull(i, true);
        }
      }
    }
    return out;
  }
  if (type.id() == TypeId::kString || type.id() == TypeId::kBinary) {
    auto out = Vector::make(source.type(), n);
    const int64_t* so = source.offsets();
    int64_t total = 0;
    for (int64_t i = 0; i < n; ++i) {
      total += so[indices[i] + 1] - so[indices[i]];
    }
    out->bytes().resize(total);
    int64_t* o = out->offsets();
    uint8_t* dst = out->bytes().data();
    const uint8_t* src = source.bytes().data();
    int64_t pos = 0;
    for (int64_t i = 0; i < n; ++i) {
      int64_t len = so[indices[i] + 1] - so[indices[i]];
      if (len > 0) {
        std::memcpy(dst + pos, src + so[indices[i]], len);
      }
      pos += len;
      o[i + 1] = pos;
      if (source.mayHaveNulls() && source.isNull(indices[i])) {
        out->setNull(i, true);
      }
    }
    return out;
  }
  if (type.id() == TypeId::kStruct) {
    auto out = Vector::make(source.type(), 0);
    out->children().clear();
    for (const auto& c : source.children()) {
      out->children().push_back(gather(*c, indices, n));
    }
    auto saved = std::move(out->children());
    out->children().clear();
    out->resize(n);
    out->children() = std::move(saved);
    if (source.mayHaveNulls()) {
      for (int64_t i = 0; i < n; ++i) {
        if (source.isNull(indices[i])) {
          out->setNull(i, true);
        }
      }
    }
    return out;
  }
  VectorBuilder b(source.type(), n);
  for (int64_t i = 0; i < n; ++i) {
    b.appendFrom(source, indices[i]);
  }
  return b.finish();
}

VectorPtr slice(const Vector& source, int64_t offset, int64_t length) {
  std::vector<int32_t> idx(length);
  for (int64_t i = 0; i < length; ++i) {
    idx[i] = static_cast<int32_t>(offset + i);
  }
  return gather(source, idx.data(), length);
}

VectorPtr concat(const std::vector<VectorPtr>& parts) {
  if (parts.size() == 1) {
    return parts[0];
  }
  int64_t total = 0;
  for (const auto& p : parts) {
    total += p->size();
  }
  VectorBuilder b(parts.at(0)->type(), total);
  for (const auto& p : parts) {
    for (int64_t i = 0; i < p->size(); ++i) {
      b.appendFrom(*p, i);
    }
  }
  return b.finish();
}

Batch gatherBatch(const Batch& batch, const int32_t* indices, int64_t n) {
  std::vector<VectorPtr> cols;
  for (const auto& c : batch.columns()) {
    cols.push_back(gather(*c, indices, n));
  }
  return Batch(std::move(cols), n);
}

Batch sliceBatch(const Batch& batch, int64_t offset, int64_t length) {
  if (offset == 0 && length == batch.numRows()) {
    return batch;
  }
  std::vector<VectorPtr> cols;
  for (const auto& c : batch.columns()) {
    cols.push_back(slice(*c, offset, length));
  }
  return Batch(std::move(cols), length);
}

Batch concatBatches(const std::vector<Batch>& batches, size_t numColumns) {
  int64_t rows = 0;
  for (const auto& b : batches) {
    rows += b.numRows();
  }
  std::vector<VectorPtr> cols;
  for (size_t c = 0; c < numColumns; ++c) {
    std::vector<VectorPtr> parts;
    for (const auto& b : batches) {
      parts.push_back(b.column(c));
    }
    cols.push_back(concat(parts));
  }
  return Batch(std::move(cols), rows);
}

}  // namespace rivulet
