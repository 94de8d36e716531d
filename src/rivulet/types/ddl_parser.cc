// Parser for Spark's DDL type strings ("array<struct<a:int>>") and schemas ("a INT, b STRING").
#include <strings.h>

#include <cctype>
#include <cstring>
#include <string>

#include "rivulet/common/error.h"
#include "rivulet/types/data_type.h"

namespace rivulet {

namespace {

class DdlParser {
 public:
  explicit DdlParser(std::string_view text) : text_(text) {}

  DataTypePtr parseTypeOnly() {
    auto type = parseType();
    expectEnd();
    return type;
  }

  StructType parseSchema() {
    std::vector<StructField> fields;
    skipSpace();
    if (pos_ == text_.size()) {
      return StructType(fields);
    }
    while (true) {
      fields.push_back(parseField(/*colonOptional=*/true));
      skipSpace();
      if (!consume(',')) {
        break;
      }
    }
    expectEnd();
    return StructType(std::move(fields));
  }

 private:
  [[noreturn]] void fail(const std::string& expected) {
    throwUserError("PARSE_SYNTAX_ERROR",
                   "Cannot parse the data type or schema '" + std::string(text_) + "': expected " +
                       expected + " at position " + std::to_string(pos_));
  }

  void skipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
  }

  bool consume(char c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!consume(c)) {
      fail(std::string("'") + c + "'");
    }
  }

  void expectEnd() {
    skipSpace();
    if (pos_ != text_.size()) {
      fail("end of input");
    }
  }

  std::string identifier() {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == '`') {
      std::string name;
      ++pos_;
      while (pos_ < text_.size()) {
        if (text_[pos_] == '`') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '`') {
            name += '`';
            pos_ += 2;
            continue;
          }
          ++pos_;
          return name;
        }
        name += text_[pos_++];
      }
      fail("closing '`'");
    }
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    if (start == pos_) {
      fail("an identifier");
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  int integer() {
    skipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
    if (start == pos_ || pos_ - start > 3) {
      fail("a small integer");
    }
    return std::stoi(std::string(text_.substr(start, pos_ - start)));
  }

  bool keyword(const char* word) {
    skipSpace();
    size_t n = strlen(word);
    if (pos_ + n > text_.size()) {
      return false;
    }
    for (size_t i = 0; i < n; ++i) {
      if (std::tolower(static_cast<unsigned char>(text_[pos_ + i])) != word[i]) {
        return false;
      }
    }
    if (pos_ + n < text_.size() &&
        (std::isalnum(static_cast<unsigned char>(text_[pos_ + n])) || text_[pos_ + n] == '_')) {
      return false;
    }
    pos_ += n;
    return true;
  }

  StructField parseField(bool colonOptional) {
    StructField field;
    field.name = identifier();
    bool colon = consume(':');
    if (!colon && !colonOptional) {
      // struct<a int> is accepted as well as struct<a:int>.
    }
    field.type = parseType();
    if (keyword("not")) {
      if (!keyword("null")) {
        fail("NULL after NOT");
      }
      field.nullable = false;
    }
    if (keyword("comment")) {
      skipSpace();
      if (pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"')) {
        char q = text_[pos_++];
        while (pos_ < text_.size() && text_[pos_] != q) {
          pos_ += (text_[pos_] == '\\') ? 2 : 1;
        }
        if (pos_ >= text_.size()) {
          fail("end of comment string");
        }
        ++pos_;
      } else {
        fail("a comment string");
      }
    }
    return field;
  }

  DataTypePtr parseType() {
    std::string name = identifier();
    std::string lower;
    for (char c : name) {
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lower == "boolean" || lower == "bool") return DataType::boolean();
    if (lower == "tinyint" || lower == "byte") return DataType::byte();
    if (lower == "smallint" || lower == "short") return DataType::shortType();
    if (lower == "int" || lower == "integer") return DataType::integer();
    if (lower == "bigint" || lower == "long") return DataType::longType();
    if (lower == "float" || lower == "real") return DataType::floatType();
    if (lower == "double") return DataType::doubleType();
    if (lower == "string") return DataType::string();
    if (lower == "varchar" || lower == "char") {
      expect('(');
      integer();
      expect(')');
      return DataType::string();
    }
    if (lower == "binary") return DataType::binary();
    if (lower == "date") return DataType::date();
    if (lower == "timestamp" || lower == "timestamp_ltz") return DataType::timestamp();
    if (lower == "void") return DataType::null();
    if (lower == "decimal" || lower == "dec" || lower == "numeric") {
      if (consume('(')) {
        int p = integer();
        int s = 0;
        if (consume(',')) {
          s = integer();
        }
        expect(')');
        return DataType::decimal(p, s);
      }
      return DataType::decimal(10, 0);
    }
    if (lower == "array") {
      expect('<');
      auto element = parseType();
      expect('>');
      return DataType::array(element);
    }
    if (lower == "map") {
      expect('<');
      auto key = parseType();
      expect(',');
      auto value = parseType();
      expect('>');
      return DataType::map(key, value);
    }
    if (lower == "struct") {
      expect('<');
      std::vector<StructField> fields;
      if (!consume('>')) {
        while (true) {
          fields.push_back(parseField(/*colonOptional=*/true));
          if (consume('>')) {
            break;
          }
          expect(',');
        }
      }
      return DataType::structType(std::move(fields));
    }
    throwUserError("UNSUPPORTED_DATATYPE", "Unsupported data type \"" + name + "\" in '" +
                                               std::string(text_) + "'");
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

DataTypePtr parseDataType(std::string_view ddl) { return DdlParser(ddl).parseTypeOnly(); }

StructType parseSchemaDDL(std::string_view ddl) {
  // "struct<...>" is a schema too.
  std::string_view trimmed = ddl;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) {
    trimmed.remove_prefix(1);
  }
  if (trimmed.size() > 7 && strncasecmp(trimmed.data(), "struct<", 7) == 0) {
    return StructType(DdlParser(ddl).parseTypeOnly());
  }
  return DdlParser(ddl).parseSchema();
}

}  // namespace rivulet
