#include "rivulet/formats/json/json_lenient.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>
#include <vector>

#include "rivulet/formats/json/json_generator.h"
#include "rivulet/common/utf8.h"

namespace rivulet::json {

namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when invalid.
size_t utf8Length(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    return 1;
  }
  size_t n;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) {
    return 0;
  }
  for (size_t k = 1; k < n; ++k) {
    auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) {
      return 0;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

class Lenient {
 public:
  Lenient(std::string_view text, const JsonOptions& options) : s_(text), o_(options) {}

  bool run(std::string& out, std::string& error) {
    if (!skipSpace()) {
      error = error_;
      return false;
    }
    if (pos_ >= s_.size()) {
      out.clear();
      return true;
    }
    if (!value(out, 0)) {
      error = error_;
      return false;
    }
    return true;
  }

 private:
  bool fail(const std::string& what) {
    if (error_.empty()) {
      error_ = what + " at byte offset " + std::to_string(pos_);
      if (pos_ < s_.size()) {
        error_ += " (found '" + std::string(1, s_[pos_]) + "')";
      } else {
        error_ += " (found end of input)";
      }
    }
    return false;
  }

  bool skipSpace() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else if (c == '/' && o_.allowComments && pos_ + 1 < s_.size() && s_[pos_ + 1] == '/') {
        while (pos_ < s_.size() && s_[pos_] != '\n') {
          ++pos_;
        }
      } else if (c == '/' && o_.allowComments && pos_ + 1 < s_.size() && s_[pos_ + 1] == '*') {
        size_t end = s_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) {
          pos_ = s_.size();
          return fail("expected the end of a comment '*/'");
        }
        pos_ = end + 2;
      } else {
        break;
      }
    }
    return true;
  }

  bool value(std::string& out, int depth) {
    if (depth >= kMaxJsonDepth) {
      return fail("nesting depth exceeds the maximum of " + std::to_string(kMaxJsonDepth));
    }
    if (pos_ >= s_.size()) {
      return fail("expected a JSON value");
    }
    char c = s_[pos_];
    if (c == '{') {
      return object(out, depth);
    }
    if (c == '[') {
      return array(out, depth);
    }
    if (c == '"' || (c == '\'' && o_.allowSingleQuotes)) {
      std::string text;
      if (!string(text)) {
        return false;
      }
      appendJsonString(text, out);
      return true;
    }
    if (c == '-' || c == '+' || (c >= '0' && c <= '9') || c == 'N' || c == 'I') {
      return number(out);
    }
    for (const char* word : {"true", "false", "null"}) {
      size_t n = std::char_traits<char>::length(word);
      if (s_.substr(pos_, n) == word) {
        pos_ += n;
        out += word;
        return true;
      }
    }
    return fail("expected a JSON value");
  }

  bool object(std::string& out, int depth) {
    ++pos_;
    std::vector<std::pair<std::string, std::string>> members;
    if (!skipSpace()) {
      return false;
    }
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      out += "{}";
      return true;
    }
    while (true) {
      if (!skipSpace()) {
        return false;
      }
      std::string key;
      if (!fieldName(key)) {
        return false;
      }
      if (!skipSpace()) {
        return false;
      }
      if (pos_ >= s_.size() || s_[pos_] != ':') {
        return fail("expected ':' after a field name");
      }
      ++pos_;
      if (!skipSpace()) {
        return false;
      }
      std::string v;
      if (!value(v, depth + 1)) {
        return false;
      }
      auto it = std::find_if(members.begin(), members.end(),
                             [&](const auto& m) { return m.first == key; });
      if (it != members.end()) {
        it->second = std::move(v);
      } else {
        members.emplace_back(std::move(key), std::move(v));
      }
      if (!skipSpace()) {
        return false;
      }
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        break;
      }
      return fail("expected ',' or '}' in an object");
    }
    out += '{';
    for (size_t i = 0; i < members.size(); ++i) {
      if (i > 0) {
        out += ',';
      }
      appendJsonString(members[i].first, out);
      out += ':';
      out += members[i].second;
    }
    out += '}';
    return true;
  }

  bool array(std::string& out, int depth) {
    ++pos_;
    out += '[';
    if (!skipSpace()) {
      return false;
    }
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      out += ']';
      return true;
    }
    while (true) {
      if (!skipSpace()) {
        return false;
      }
      if (!value(out, depth + 1)) {
        return false;
      }
      if (!skipSpace()) {
        return false;
      }
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        out += ',';
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        out += ']';
        return true;
      }
      return fail("expected ',' or ']' in an array");
    }
  }

  bool fieldName(std::string& key) {
    if (pos_ < s_.size() && (s_[pos_] == '"' || (s_[pos_] == '\'' && o_.allowSingleQuotes))) {
      return string(key);
    }
    if (!o_.allowUnquotedFieldNames) {
      return fail("expected a double-quoted field name");
    }
    size_t start = pos_;
    while (pos_ < s_.size()) {
      auto c = static_cast<unsigned char>(s_[pos_]);
      if (std::isalnum(c) || c == '_' || c == '$' || c >= 0x80) {
        ++pos_;
      } else {
        break;
      }
    }
    if (pos_ == start) {
      return fail("expected a field name");
    }
    key.assign(s_.substr(start, pos_ - start));
    if (!isValidUtf8(key)) {
      return fail("invalid UTF-8 in a field name");
    }
    return true;
  }

  bool hex4(uint32_t& v) {
    if (pos_ + 4 > s_.size()) {
      return fail("expected 4 hex digits after '\\u'");
    }
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char h = s_[pos_ + k];
      v <<= 4;
      if (h >= '0' && h <= '9') {
        v |= h - '0';
      } else if (h >= 'a' && h <= 'f') {
        v |= h - 'a' + 10;
      } else if (h >= 'A' && h <= 'F') {
        v |= h - 'A' + 10;
      } else {
        return fail("expected 4 hex digits after '\\u'");
      }
    }
    pos_ += 4;
    return true;
  }

  bool string(std::string& text) {
    char quote = s_[pos_++];
    while (true) {
      if (pos_ >= s_.size()) {
        return fail("expected the closing quote of a string");
      }
      auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == static_cast<unsigned char>(quote)) {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        ++pos_;
        if (pos_ >= s_.size()) {
          return fail("expected an escaped character");
        }
        char e = s_[pos_++];
        switch (e) {
          case '"': text += '"'; break;
          case '\\': text += '\\'; break;
          case '/': text += '/'; break;
          case 'b': text += '\b'; break;
          case 'f': text += '\f'; break;
          case 'n': text += '\n'; break;
          case 'r': text += '\r'; break;
          case 't': text += '\t'; break;
          case 'u': {
            uint32_t cp = 0;
            if (!hex4(cp)) {
              return false;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < s_.size() && s_[pos_] == '\\' &&
                s_[pos_ + 1] == 'u') {
              pos_ += 2;
              uint32_t low = 0;
              if (!hex4(low)) {
                return false;
              }
              if (low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              } else {
                appendUtf8(0xFFFD, text);
                cp = low;
              }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) {
              cp = 0xFFFD;
            }
            appendUtf8(cp, text);
            break;
          }
          default:
            if (e == '\'' || o_.allowBackslashEscapingAnyCharacter) {
              --pos_;
              size_t n = utf8Length(s_, pos_);
              if (n == 0) {
                return fail("invalid UTF-8 in a string");
              }
              text.append(s_.substr(pos_, n));
              pos_ += n;
              break;
            }
            --pos_;
            return fail("unrecognized character escape");
        }
        continue;
      }
      if (c < 0x20 && !o_.allowUnquotedControlChars) {
        return fail("unescaped control character in a string");
      }
      size_t n = utf8Length(s_, pos_);
      if (n == 0) {
        return fail("invalid UTF-8 in a string");
      }
      text.append(s_.substr(pos_, n));
      pos_ += n;
    }
  }

  bool number(std::string& out) {
    size_t start = pos_;
    bool negative = false;
    if (s_[pos_] == '-' || s_[pos_] == '+') {
      negative = s_[pos_] == '-';
      ++pos_;
    }
    if (o_.allowNonNumericNumbers) {
      for (const char* word : {"NaN", "Infinity", "INF"}) {
        size_t n = std::char_traits<char>::length(word);
        if (s_.substr(pos_, n) == word) {
          pos_ += n;
          // The strict form keeps the word as a string, which double columns accept.
          out += '"';
          out += negative ? "-" : (s_[start] == '+' ? "+" : "");
          out += word;
          out += '"';
          return true;
        }
      }
    }
    if (s_[start] == '+') {
      pos_ = start;
      return fail("expected a JSON value ('+' is not allowed before a number)");
    }
    size_t intStart = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
      ++pos_;
    }
    if (pos_ == intStart) {
      return fail("expected a digit");
    }
    std::string_view intPart = s_.substr(intStart, pos_ - intStart);
    if (intPart.size() > 1 && intPart[0] == '0') {
      if (!o_.allowNumericLeadingZeros) {
        pos_ = intStart;
        return fail("leading zeros are not allowed in numbers");
      }
      while (intPart.size() > 1 && intPart[0] == '0') {
        intPart.remove_prefix(1);
      }
    }
    if (negative) {
      out += '-';
    }
    out += intPart;
    size_t rest = pos_;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      size_t d = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
        ++pos_;
      }
      if (pos_ == d) {
        return fail("expected a digit after the decimal point");
      }
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) {
        ++pos_;
      }
      size_t d = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
        ++pos_;
      }
      if (pos_ == d) {
        return fail("expected a digit in the exponent");
      }
    }
    out += s_.substr(rest, pos_ - rest);
    return true;
  }

  std::string_view s_;
  const JsonOptions& o_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

bool isValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= text.size()) {
      uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      if (w & 0x8080808080808080ULL) {
        break;
      }
      i += 8;
    }
    if (i >= text.size()) {
      break;
    }
    size_t n = utf8Length(text, i);
    if (n == 0) {
      return false;
    }
    i += n;
  }
  return true;
}

bool normalizeJson(std::string_view text,
                   const JsonOptions& options,
                   std::string& out,
                   std::string& error) {
  out.clear();
  Lenient parser(text, options);
  return parser.run(out, error);
}

}  // namespace rivulet::json
