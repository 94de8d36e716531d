#include "rivulet/formats/parquet/thrift/compact_protocol.h"

#include <cstring>

#include "rivulet/common/error.h"

namespace rivulet::parquet::thrift {

void CompactReader::fail(const std::string& what) const {
  throwUserError("FAILED_READ_FILE",
                 "Malformed Parquet metadata (Thrift compact protocol): " + what + " at byte " +
                     std::to_string(position()));
}

uint64_t CompactReader::readVarint() {
  uint64_t result = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (p_ >= end_) {
      fail("truncated varint");
    }
    uint8_t b = *p_++;
    result |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      return result;
    }
  }
  fail("varint longer than 10 bytes");
}

void CompactReader::beginStruct() {
  if (lastFieldId_.size() >= kMaxDepth) {
    fail("structs nested deeper than " + std::to_string(kMaxDepth));
  }
  lastFieldId_.push_back(lastId_);
  lastId_ = 0;
}

void CompactReader::endStruct() {
  lastId_ = lastFieldId_.empty() ? 0 : lastFieldId_.back();
  if (!lastFieldId_.empty()) {
    lastFieldId_.pop_back();
  }
}

bool CompactReader::nextField(int16_t& id, WireType& type) {
  if (p_ >= end_) {
    fail("truncated struct (no STOP field)");
  }
  uint8_t header = *p_++;
  uint8_t t = header & 0x0F;
  if (t == 0) {
    return false;
  }
  if (t > 12) {
    fail("unknown field type " + std::to_string(t));
  }
  type = static_cast<WireType>(t);
  int delta = header >> 4;
  if (delta != 0) {
    id = static_cast<int16_t>(lastId_ + delta);
  } else {
    id = readI16();
  }
  lastId_ = id;
  return true;
}

bool CompactReader::readBool(WireType fieldType) {
  if (fieldType == WireType::kBoolTrue) {
    return true;
  }
  if (fieldType == WireType::kBoolFalse) {
    return false;
  }
  fail("expected a boolean field, found type " + std::to_string(static_cast<int>(fieldType)));
}

bool CompactReader::readListBool() {
  if (p_ >= end_) {
    fail("truncated boolean");
  }
  return *p_++ == 1;
}

int8_t CompactReader::readByte() {
  if (p_ >= end_) {
    fail("truncated byte");
  }
  return static_cast<int8_t>(*p_++);
}

int32_t CompactReader::readI32() {
  uint64_t v = readVarint();
  int64_t decoded = static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  if (decoded < INT32_MIN || decoded > INT32_MAX) {
    fail("i32 out of range");
  }
  return static_cast<int32_t>(decoded);
}

int64_t CompactReader::readI64() {
  uint64_t v = readVarint();
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

double CompactReader::readDouble() {
  if (remaining() < 8) {
    fail("truncated double");
  }
  double d;
  std::memcpy(&d, p_, 8);
  p_ += 8;
  return d;
}

std::string_view CompactReader::readBinary() {
  uint64_t n = readVarint();
  if (n > remaining()) {
    fail("binary length " + std::to_string(n) + " exceeds the " + std::to_string(remaining()) +
         " bytes left");
  }
  std::string_view s(reinterpret_cast<const char*>(p_), n);
  p_ += n;
  return s;
}

void CompactReader::readListHeader(WireType& elementType, uint32_t& size) {
  if (p_ >= end_) {
    fail("truncated list header");
  }
  uint8_t header = *p_++;
  uint8_t t = header & 0x0F;
  if (t == 0 || t > 12) {
    fail("unknown list element type " + std::to_string(t));
  }
  elementType = static_cast<WireType>(t);
  uint64_t n = header >> 4;
  if (n == 15) {
    n = readVarint();
  }
  // Every element takes at least one byte (booleans included).
  if (n > remaining()) {
    fail("list of " + std::to_string(n) + " elements exceeds the " + std::to_string(remaining()) +
         " bytes left");
  }
  size = static_cast<uint32_t>(n);
}

void CompactReader::skip(WireType type) {
  switch (type) {
    case WireType::kBoolTrue:
    case WireType::kBoolFalse:
      return;
    case WireType::kByte:
      readByte();
      return;
    case WireType::kI16:
    case WireType::kI32:
    case WireType::kI64:
      readVarint();
      return;
    case WireType::kDouble:
      readDouble();
      return;
    case WireType::kBinary:
      readBinary();
      return;
    case WireType::kList:
    case WireType::kSet: {
      WireType et;
      uint32_t n;
      readListHeader(et, n);
      if (lastFieldId_.size() >= kMaxDepth) {
        fail("values nested deeper than " + std::to_string(kMaxDepth));
      }
      lastFieldId_.push_back(lastId_);
      for (uint32_t i = 0; i < n; ++i) {
        if (et == WireType::kBoolTrue || et == WireType::kBoolFalse) {
          readListBool();
        } else {
          skip(et);
        }
      }
      lastId_ = lastFieldId_.back();
      lastFieldId_.pop_back();
      return;
    }
    case WireType::kMap: {
      uint64_t n = readVarint();
      if (n == 0) {
        return;
      }
      if (n > remaining()) {
        fail("map size exceeds the bytes left");
      }
      uint8_t kv = static_cast<uint8_t>(readByte());
      auto kt = static_cast<WireType>(kv >> 4);
      auto vt = static_cast<WireType>(kv & 0x0F);
      if ((kv >> 4) == 0 || (kv >> 4) > 12 || (kv & 0x0F) == 0 || (kv & 0x0F) > 12) {
        fail("unknown map key/value type");
      }
      beginStruct();
      for (uint64_t i = 0; i < n; ++i) {
        skip(kt);
        skip(vt);
      }
      endStruct();
      return;
    }
    case WireType::kStruct: {
      beginStruct();
      int16_t id;
      WireType t;
      while (nextField(id, t)) {
        skip(t);
      }
      endStruct();
      return;
    }
    case WireType::kStop:
      break;
  }
  fail("cannot skip a value of type " + std::to_string(static_cast<int>(type)));
}

void CompactWriter::beginStruct() {
  lastFieldId_.push_back(lastId_);
  lastId_ = 0;
}

void CompactWriter::endStruct() {
  out_.push_back(0);
  lastId_ = lastFieldId_.back();
  lastFieldId_.pop_back();
}

void CompactWriter::fieldHeader(int16_t id, WireType type) {
  int delta = id - lastId_;
  if (delta > 0 && delta <= 15) {
    out_.push_back(static_cast<char>((delta << 4) | static_cast<uint8_t>(type)));
  } else {
    out_.push_back(static_cast<char>(type));
    writeVarint(zigzag(id));
  }
  lastId_ = id;
}

void CompactWriter::fieldBool(int16_t id, bool v) {
  fieldHeader(id, v ? WireType::kBoolTrue : WireType::kBoolFalse);
}

void CompactWriter::listHeader(WireType elementType, uint32_t size) {
  if (size < 15) {
    out_.push_back(static_cast<char>((size << 4) | static_cast<uint8_t>(elementType)));
  } else {
    out_.push_back(static_cast<char>(0xF0 | static_cast<uint8_t>(elementType)));
    writeVarint(size);
  }
}

void CompactWriter::writeBinary(std::string_view v) {
  writeVarint(v.size());
  out_.append(v);
}

void CompactWriter::writeVarint(uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

}  // namespace rivulet::parquet::thrift
