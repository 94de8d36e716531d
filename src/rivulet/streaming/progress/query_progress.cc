#include "rivulet/streaming/progress/query_progress.h"

#include <cmath>
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

void offset(Writer& w, const std::string& k, const std::string& v) {
  w.key(k);
  w.raw(v.empty() ? "null" : v);
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
