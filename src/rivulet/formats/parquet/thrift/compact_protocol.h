// CompactReader / CompactWriter: the Thrift compact protocol, the encoding of Parquet's footer
// and page headers. Bounds-checked, depth-limited; errors are rivulet user errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rivulet::parquet::thrift {

/// Compact-protocol wire types.
enum class WireType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

/// Reads compact-protocol values from a byte range it does not own. Every read checks the
/// remaining length; nesting deeper than kMaxDepth, lengths past the end and unknown wire
/// types throw a user error naming the byte offset.
class CompactReader {
 public:
  static constexpr int kMaxDepth = 64;

  CompactReader(const uint8_t* data, size_t size) : begin_(data), p_(data), end_(data + size) {}

  /// Bytes consumed so far.
  size_t position() const { return static_cast<size_t>(p_ - begin_); }

  size_t remaining() const { return static_cast<size_t>(end_ - p_); }

  /// Begins a struct (pushes the field-id context); throws past kMaxDepth.
  void beginStruct();

  void endStruct();

  /// The next field of the current struct; false at its STOP marker. For booleans the value
  /// is in the type (kBoolTrue / kBoolFalse); readBool() returns it.
  bool nextField(int16_t& id, WireType& type);

  bool readBool(WireType fieldType);

  int8_t readByte();

  int16_t readI16() { return static_cast<int16_t>(readI32()); }

  int32_t readI32();

  int64_t readI64();

  double readDouble();

  std::string_view readBinary();

  std::string readString() { return std::string(readBinary()); }

  /// A list or set header; `size` is checked against the bytes left (every element takes
  /// at least one byte), so a lying size cannot make the caller over-allocate.
  void readListHeader(WireType& elementType, uint32_t& size);

  /// A boolean list element.
  bool readListBool();

  /// Skips a value of `type` (nested values included).
  void skip(WireType type);

  [[noreturn]] void fail(const std::string& what) const;

 private:
  uint64_t readVarint();

  const uint8_t* begin_;
  const uint8_t* p_;
  const uint8_t* end_;
  std::vector<int16_t> lastFieldId_;
  int16_t lastId_ = 0;
};

/// Writes compact-protocol values into a growing string.
class CompactWriter {
 public:
  explicit CompactWriter(std::string& out) : out_(out) {}

  void beginStruct();

  void endStruct();

  void fieldHeader(int16_t id, WireType type);

  void fieldBool(int16_t id, bool v);

  void fieldI32(int16_t id, int32_t v) {
    fieldHeader(id, WireType::kI32);
    writeVarint(zigzag(v));
  }

  void fieldI64(int16_t id, int64_t v) {
    fieldHeader(id, WireType::kI64);
    writeVarint(zigzag(v));
  }

  void fieldBinary(int16_t id, std::string_view v) {
    fieldHeader(id, WireType::kBinary);
    writeBinary(v);
  }

  /// Begins a struct-valued field; close with endStruct().
  void fieldStruct(int16_t id) {
    fieldHeader(id, WireType::kStruct);
    beginStruct();
  }

  void listHeader(WireType elementType, uint32_t size);

  void writeI32(int32_t v) { writeVarint(zigzag(v)); }

  void writeI64(int64_t v) { writeVarint(zigzag(v)); }

  void writeBinary(std::string_view v);

  void writeVarint(uint64_t v);

  static uint64_t zigzag(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  }

 private:
  std::string& out_;
  std::vector<int16_t> lastFieldId_;
  int16_t lastId_ = 0;
};

}  // namespace rivulet::parquet::thrift
