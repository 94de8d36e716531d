// Helpers of the scalar function kernels: Spark's argument type checks with implicit casts,
// and direct writers for string results.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rivulet/common/utf8.h"
#include "rivulet/columnar/vector.h"
#include "rivulet/common/error.h"
#include "rivulet/expr/function_registry.h"

namespace rivulet::expr {

/// Spark's DATA_DIFF_TYPES error: the arguments of `function` must share one type.
[[noreturn]] void throwDiffTypes(const Expression& call, const std::string& function, const std::vector<ExprPtr>& values);

/// Throws Spark's DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for parameter `index` (0-based) of
/// `call`: 'Parameter 1 requires the "STRING" type, however "a" has the type "INT".'
[[noreturn]] void throwUnexpectedInputType(const Expression& call,
                                           size_t index,
                                           const ExprPtr& arg,
                                           const std::string& required);

/// Throws DATATYPE_MISMATCH.WRONG_NUM_ARGS unless `min <= args.size() <= max`.
void checkArgCount(const Expression& call, const std::vector<ExprPtr>& args, size_t min, size_t max);

/// Spark's implicit cast of argument `index` to `target` (atomic types to string, strings and
/// numbers to numbers, strings to dates/timestamps/binary); throws UNEXPECTED_INPUT_TYPE when
/// the argument cannot be cast implicitly. Null-typed arguments become null literals of `target`.
ExprPtr implicitCast(const Expression& call,
                     const std::vector<ExprPtr>& args,
                     size_t index,
                     const DataTypePtr& target);

/// `args` (checked to hold `count - 1` or `count` arguments) with the optional last one set to
/// the literal `fallback` when it was left out: locate(s, t[, 1]), regexp_extract(s, r[, 1]).
std::vector<ExprPtr> withOptionalLastArg(const Expression& call,
                                         const std::vector<ExprPtr>& args,
                                         size_t count,
                                         const Value& fallback,
                                         const DataTypePtr& type);

/// Whether any argument is nullable.
bool anyNullable(const std::vector<ExprPtr>& args);

/// The tightest common type of all arguments, with Spark's string promotion (an atomic type
/// and a string give string); nullptr when there is none.
DataTypePtr widerCommonType(const std::vector<DataTypePtr>& types);

/// Whether `e` is a literal (possibly under casts): its value is the same for every row.
bool isConstant(const ExprPtr& e);

/// Orders two non-null cells of vectors of the same type (NaN above all numbers; nested values
/// element by element): -1, 0 or 1.
int compareCells(const Vector& x, int64_t i, const Vector& y, int64_t j);

/// Cells `rows[k]` of `source` (a row < 0 gives null).
VectorPtr takeRows(const VectorPtr& source, const std::vector<int64_t>& rows);

/// An array vector of `type` whose row i holds the cells rows[offsets[i] .. offsets[i+1]) of
/// `elements` (a row < 0 gives a null element); rows where `isNull` is set are null.
VectorPtr arrayFromRows(const DataTypePtr& type,
                        const VectorPtr& elements,
                        const std::vector<int64_t>& offsets,
                        const std::vector<int64_t>& rows,
                        const std::vector<uint8_t>& isNull);

/// Registers a prefix-style function.
void registerSimple(const char* name,
                    std::function<ResolvedCall(const std::vector<ExprPtr>&, const Expression&)> resolve,
                    std::function<VectorPtr(const std::vector<VectorPtr>&, int64_t, EvalContext&, const Expression&)> eval);

/// Writes string/binary results straight into the output's offsets and bytes.
class StringWriter {
 public:
  StringWriter(const DataTypePtr& type, int64_t numRows, size_t reserveBytes);

  /// Appends bytes to the current row.
  void append(std::string_view s) { bytes_->append(s.data(), s.size()); }

  void append(char c) { bytes_->append(&c, 1); }

  /// Room for `n` more bytes of the current row; follow with commit(written).
  char* reserve(size_t n) {
    size_t old = bytes_->size();
    bytes_->resize(old + n);
    pending_ = old;
    return reinterpret_cast<char*>(bytes_->data() + old);
  }

  void commit(size_t written) { bytes_->resize(pending_ + written); }

  /// Closes row `row` with the bytes appended since the previous row.
  void finishRow(int64_t row) { offsets_[row + 1] = static_cast<int64_t>(bytes_->size()); }

  /// Closes row `row` as null.
  void finishNull(int64_t row) {
    out_->setNull(row, true);
    offsets_[row + 1] = static_cast<int64_t>(bytes_->size());
  }

  Vector& vector() { return *out_; }

  VectorPtr finish() { return out_; }

 private:
  VectorPtr out_;
  Buffer* bytes_;
  int64_t* offsets_;
  size_t pending_ = 0;
};

/// Bytes of the UTF-8 sequence that starts with `lead` (1 for invalid lead bytes).
inline int utf8Length(uint8_t lead) {
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xF0) {
    return 4;
  }
  if (lead >= 0xE0) {
    return 3;
  }
  if (lead >= 0xC0) {
    return 2;
  }
  return 1;
}

/// Number of characters (code points) of UTF-8 text.
int64_t numChars(std::string_view s);

/// Byte offset of character `index` (clamped to the end).
size_t byteOffsetOfChar(std::string_view s, int64_t index);

/// Decodes the code point at `s[pos]` and advances `pos`.
uint32_t decodeUtf8(std::string_view s, size_t& pos);

/// Appends the UTF-8 encoding of `cp`.
inline void encodeUtf8(uint32_t cp, std::string& out) { appendUtf8(cp, out); }

}  // namespace rivulet::expr
