#include "rivulet/streaming/progress/query_progress.h"

#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "rivulet/types/number_format.h"

namespace rivulet {

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

// A JSON writer for both forms: compact ({"a":1}) and Jackson's pretty form (objects one key
// per line with 2-space indents; arrays inline: "[ {...}, {...} ]", "[ ]").
class Writer {
 public:
  explicit Writer(bool pretty) : pretty_(pretty) {}

  void open(char c) {
    out_ += c;
    arrays_.push_back(c == '[');
    if (c == '{') {
      ++depth_;
    }
    first_ = true;
  }

  void close(char c) {
    bool array = arrays_.back();
    arrays_.pop_back();
    if (pretty_) {
      if (array) {
        out_ += ' ';
      } else {
        --depth_;
        if (first_) {
          out_ += ' ';
        } else {
          newline();
        }
      }
    } else if (!array) {
      --depth_;
    }
    out_ += c;
    first_ = false;
  }

  void key(const std::string& k) {
    if (!first_) {
      out_ += ',';
    }
    if (pretty_) {
      newline();
    }
    first_ = true;
    out_ += quote(k);
    out_ += pretty_ ? " : " : ":";
  }

  void element() {
    if (!first_) {
      out_ += pretty_ ? ", " : ",";
    } else if (pretty_) {
      out_ += ' ';
    }
    first_ = true;
  }

  void raw(const std::string& v) {
    out_ += v;
    first_ = false;
  }

  std::string str() const { return out_; }

 private:
  void newline() {
    out_ += '\n';
    out_ += std::string(static_cast<size_t>(depth_) * 2, ' ');
  }

  bool pretty_;
  int depth_ = 0;
  bool first_ = true;
  std::vector<bool> arrays_;
  std::string out_;
};

void number(Writer& w, const std::string& k, double v) {
  if (std::isnan(v) || std::isinf(v)) {
    return;  // Spark omits NaN / Infinity rates.
  }
  w.key(k);
  w.raw(formatDouble(v));
}

// A parsed JSON value, kept as its text for scalars.
struct JsonNode {
  enum class Kind : uint8_t { kScalar, kObject, kArray } kind = Kind::kScalar;
  std::string text;
  std::vector<std::pair<std::string, JsonNode>> members;  // arrays: empty keys
};

// A strict little parser for offsets JSON; false when `s` is not one JSON value.
class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}

  bool parse(JsonNode& out) {
    if (!value(out, 0)) {
      return false;
    }
    skip();
    return i_ == s_.size();
  }

 private:
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) {
      ++i_;
    }
  }

  bool string(std::string& out) {
    size_t start = i_++;
    while (i_ < s_.size() && s_[i_] != '"') {
      i_ += s_[i_] == '\\' ? 2 : 1;
    }
    if (i_ >= s_.size()) {
      return false;
    }
    ++i_;
    out = std::string(s_.substr(start, i_ - start));
    return true;
  }

  bool value(JsonNode& out, int depth) {
    skip();
    if (i_ >= s_.size() || depth > 64) {
      return false;
    }
    char c = s_[i_];
    if (c == '{' || c == '[') {
      out.kind = c == '{' ? JsonNode::Kind::kObject : JsonNode::Kind::kArray;
      char end = c == '{' ? '}' : ']';
      ++i_;
      skip();
      if (i_ < s_.size() && s_[i_] == end) {
        ++i_;
        return true;
      }
      while (true) {
        std::string key;
        if (out.kind == JsonNode::Kind::kObject) {
          skip();
          if (i_ >= s_.size() || s_[i_] != '"' || !string(key)) {
            return false;
          }
          skip();
          if (i_ >= s_.size() || s_[i_] != ':') {
            return false;
          }
          ++i_;
        }
        JsonNode child;
        if (!value(child, depth + 1)) {
          return false;
        }
        out.members.emplace_back(std::move(key), std::move(child));
        skip();
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        if (i_ < s_.size() && s_[i_] == end) {
          ++i_;
          return true;
        }
        return false;
      }
    }
    if (c == '"') {
      return string(out.text);
    }
    size_t start = i_;
    while (i_ < s_.size() && std::string_view("-+.eE0123456789truefalsn").find(s_[i_]) != std::string_view::npos) {
      ++i_;
    }
    out.text = std::string(s_.substr(start, i_ - start));
    return !out.text.empty();
  }

  std::string_view s_;
  size_t i_ = 0;
};

void emit(Writer& w, const JsonNode& node) {
  if (node.kind == JsonNode::Kind::kScalar) {
    w.raw(node.text);
    return;
  }
  bool object = node.kind == JsonNode::Kind::kObject;
  w.open(object ? '{' : '[');
  for (const auto& [k, v] : node.members) {
    if (object) {
      w.key(k.substr(1, k.size() - 2));  // without its quotes; offsets keys need no escapes
    } else {
      w.element();
    }
    emit(w, v);
  }
  w.close(object ? '}' : ']');
}

// Offsets are embedded as parsed JSON, as Spark's SourceProgress does, so the pretty form
// spreads them over lines like the rest; text that is not JSON is written as a string.
void offset(Writer& w, const std::string& k, const std::string& v) {
  w.key(k);
  if (v.empty()) {
    w.raw("null");
    return;
  }
  JsonNode node;
  if (JsonParser(v).parse(node)) {
    emit(w, node);
  } else {
    w.raw(quote(v));
  }
}

std::string render(const StreamingQueryProgress& p, bool pretty) {
  Writer w(pretty);
  w.open('{');
  w.key("id");
  w.raw(quote(p.id));
  w.key("runId");
  w.raw(quote(p.runId));
  w.key("name");
  w.raw(p.name.empty() ? "null" : quote(p.name));
  w.key("timestamp");
  w.raw(quote(p.timestamp));
  w.key("batchId");
  w.raw(std::to_string(p.batchId));
  w.key("batchDuration");
  w.raw(std::to_string(p.batchDuration));
  w.key("numInputRows");
  w.raw(std::to_string(p.numInputRows));
  number(w, "inputRowsPerSecond", p.inputRowsPerSecond);
  number(w, "processedRowsPerSecond", p.processedRowsPerSecond);
  w.key("durationMs");
  w.open('{');
  for (const auto& [k, v] : p.durationMs) {
    w.key(k);
    w.raw(std::to_string(v));
  }
  w.close('}');
  w.key("stateOperators");
  w.open('[');
  w.close(']');
  w.key("sources");
  w.open('[');
  for (const auto& s : p.sources) {
    w.element();
    w.open('{');
    w.key("description");
    w.raw(quote(s.description));
    offset(w, "startOffset", s.startOffset);
    offset(w, "endOffset", s.endOffset);
    offset(w, "latestOffset", s.latestOffset);
    w.key("numInputRows");
    w.raw(std::to_string(s.numInputRows));
    number(w, "inputRowsPerSecond", s.inputRowsPerSecond);
    number(w, "processedRowsPerSecond", s.processedRowsPerSecond);
    if (!s.metrics.empty()) {
      w.key("metrics");
      w.open('{');
      for (const auto& [k, v] : s.metrics) {
        w.key(k);
        w.raw(quote(v));
      }
      w.close('}');
    }
    w.close('}');
  }
  w.close(']');
  w.key("sink");
  w.open('{');
  w.key("description");
  w.raw(quote(p.sink.description));
  w.key("numOutputRows");
  w.raw(std::to_string(p.sink.numOutputRows));
  w.close('}');
  w.close('}');
  return w.str();
}

}  // namespace

std::string StreamingQueryProgress::json() const { return render(*this, false); }

std::string StreamingQueryProgress::prettyJson() const { return render(*this, true); }

}  // namespace rivulet
