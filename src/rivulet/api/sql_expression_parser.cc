#include "rivulet/api/internal/sql_expression_parser.h"

#include <cctype>
#include <cstring>
#include <vector>

#include "rivulet/common/error.h"
#include "rivulet/expr/expression.h"

namespace rivulet {

using expr::Expression;
using expr::ExprPtr;

namespace {

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  ExprPtr parseTop() {
    ExprPtr e = parseOr();
    if (keyword("as")) {
      e = Expression::alias(e, identifier());
    } else {
      skip();
      if (pos_ < text_.size() && (std::isalpha(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '`')) {
        e = Expression::alias(e, identifier());
      }
    }
    skip();
    if (pos_ != text_.size()) {
      fail("end of input");
    }
    return e;
  }

 private:
  [[noreturn]] void fail(const std::string& expected) {
    throwUserError("PARSE_SYNTAX_ERROR", "[PARSE_SYNTAX_ERROR] Syntax error at or near position " +
                                             std::to_string(pos_) + " of '" + text_ + "': expected " + expected + ".");
  }

  void skip() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
  }

  bool keyword(const char* word) {
    skip();
    size_t n = std::strlen(word);
    if (pos_ + n > text_.size()) {
      return false;
    }
    for (size_t i = 0; i < n; ++i) {
      if (std::tolower(static_cast<unsigned char>(text_[pos_ + i])) != word[i]) {
        return false;
      }
    }
    if (pos_ + n < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_ + n])) || text_[pos_ + n] == '_')) {
      return false;
    }
    pos_ += n;
    return true;
  }

  bool symbol(const char* s) {
    skip();
    size_t n = std::strlen(s);
    if (text_.compare(pos_, n, s) == 0) {
      pos_ += n;
      return true;
    }
    return false;
  }

  std::string identifier() {
    skip();
    std::string name;
    if (pos_ < text_.size() && text_[pos_] == '`') {
      ++pos_;
      while (pos_ < text_.size() && text_[pos_] != '`') {
        name += text_[pos_++];
      }
      if (pos_ >= text_.size()) {
        fail("closing '`'");
      }
      ++pos_;
      return name;
    }
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' || text_[pos_] == '.')) {
      name += text_[pos_++];
    }
    if (name.empty()) {
      fail("an identifier");
    }
    return name;
  }

  ExprPtr call(const char* name, std::vector<ExprPtr> args) { return Expression::call(name, std::move(args)); }

  ExprPtr parseOr() {
    ExprPtr e = parseAnd();
    while (keyword("or")) {
      e = call("or", {e, parseAnd()});
    }
    return e;
  }

  ExprPtr parseAnd() {
    ExprPtr e = parseNot();
    while (keyword("and")) {
      e = call("and", {e, parseNot()});
    }
    return e;
  }

  ExprPtr parseNot() {
    if (keyword("not")) {
      return call("not", {parseNot()});
    }
    return parseComparison();
  }

  ExprPtr parseComparison() {
    ExprPtr e = parseAdditive();
    if (keyword("is")) {
      bool negated = keyword("not");
      if (!keyword("null")) {
        fail("NULL");
      }
      return call(negated ? "isnotnull" : "isnull", {e});
    }
    static const std::pair<const char*, const char*> ops[] = {
        {"<=>", "equalnullsafe"}, {"<=", "lessthanorequal"}, {">=", "greaterthanorequal"}, {"!=", ""}, {"<>", ""},
        {"==", "equalto"}, {"=", "equalto"}, {"<", "lessthan"}, {">", "greaterthan"}};
    for (const auto& [sym, name] : ops) {
      if (symbol(sym)) {
        ExprPtr rhs = parseAdditive();
        if (name[0] == '\0') {
          return call("not", {call("equalto", {e, rhs})});
        }
        return call(name, {e, rhs});
      }
    }
    if (keyword("like")) {
      return call("like", {e, parseAdditive()});
    }
    return e;
  }

  ExprPtr parseAdditive() {
    ExprPtr e = parseMultiplicative();
    while (true) {
      if (symbol("+")) {
        e = call("add", {e, parseMultiplicative()});
      } else if (symbol("-")) {
        e = call("subtract", {e, parseMultiplicative()});
      } else {
        return e;
      }
    }
  }

  ExprPtr parseMultiplicative() {
    ExprPtr e = parseUnary();
    while (true) {
      if (symbol("*")) {
        e = call("multiply", {e, parseUnary()});
      } else if (symbol("/")) {
        e = call("divide", {e, parseUnary()});
      } else if (symbol("%")) {
        e = call("remainder", {e, parseUnary()});
      } else {
        return e;
      }
    }
  }

  ExprPtr parseUnary() {
    if (symbol("-")) {
      return call("negative", {parseUnary()});
    }
    return parsePrimary();
  }

  ExprPtr parsePrimary() {
    skip();
    if (pos_ >= text_.size()) {
      fail("an expression");
    }
    char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      ExprPtr e = parseOr();
      if (!symbol(")")) {
        fail("')'");
      }
      return e;
    }
    if (c == '*') {
      ++pos_;
      return Expression::star();
    }
    if (c == '\'' || c == '"') {
      ++pos_;
      std::string s;
      while (pos_ < text_.size() && text_[pos_] != c) {
        if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
          ++pos_;
        }
        s += text_[pos_++];
      }
      if (pos_ >= text_.size()) {
        fail("closing quote");
      }
      ++pos_;
      return Expression::literal(Value::string(s), DataType::string());
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t start = pos_;
      bool decimal = false;
      while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.')) {
        decimal |= text_[pos_] == '.';
        ++pos_;
      }
      std::string digits = text_.substr(start, pos_ - start);
      if (decimal) {
        return Expression::literal(Value::real(std::stod(digits)), DataType::doubleType());
      }
      if (pos_ < text_.size() && (text_[pos_] == 'L' || text_[pos_] == 'l')) {
        ++pos_;
        return Expression::literal(Value::integer(std::stoll(digits)), DataType::longType());
      }
      long long v = std::stoll(digits);
      if (v > 2147483647LL) {
        return Expression::literal(Value::integer(v), DataType::longType());
      }
      return Expression::literal(Value::integer(v), DataType::integer());
    }
    if (keyword("null")) {
      return Expression::literal(Value(), DataType::null());
    }
    if (keyword("true")) {
      return Expression::literal(Value::boolean(true), DataType::boolean());
    }
    if (keyword("false")) {
      return Expression::literal(Value::boolean(false), DataType::boolean());
    }
    if (keyword("cast")) {
      if (!symbol("(")) {
        fail("'('");
      }
      ExprPtr e = parseOr();
      if (!keyword("as")) {
        fail("AS");
      }
      skip();
      size_t start = pos_;
      int depth = 0;
      while (pos_ < text_.size() && (depth > 0 || text_[pos_] != ')')) {
        depth += text_[pos_] == '<' || text_[pos_] == '(';
        depth -= text_[pos_] == '>' || (text_[pos_] == ')' && depth > 0);
        ++pos_;
      }
      DataTypePtr type = parseDataType(text_.substr(start, pos_ - start));
      if (!symbol(")")) {
        fail("')'");
      }
      return Expression::cast(e, type);
    }
    std::string name = identifier();
    if (symbol("(")) {
      std::vector<ExprPtr> args;
      bool distinct = keyword("distinct");
      if (!symbol(")")) {
        do {
          args.push_back(parseOr());
        } while (symbol(","));
        if (!symbol(")")) {
          fail("')'");
        }
      }
      std::string lower;
      for (char ch : name) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
      if (lower == "count" && args.size() == 1 && args[0]->kind() == expr::ExprKind::kStar) {
        args[0] = Expression::literal(Value::integer(1), DataType::integer());
      }
      return Expression::call(lower, std::move(args), distinct);
    }
    return Expression::unresolvedAttribute(name);
  }

  const std::string& text_;
  size_t pos_ = 0;
};

}  // namespace

std::shared_ptr<const expr::Expression> parseSqlExpression(const std::string& text) { return Parser(text).parseTop(); }

}  // namespace rivulet
