// String functions: case, predicates, substring, length, trimming, padding, search, concat.
#include <algorithm>
#include <limits>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/function_util.h"
#include "rivulet/expr/kernels/kernel_util.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

namespace {

using Args = std::vector<ExprPtr>;
using Vectors = std::vector<VectorPtr>;

// ---- Unicode case mapping for the scripts Spark users meet most (Latin, Greek, Cyrillic) ----

uint32_t lowerCp(uint32_t c) {
  if (c < 0x80) {
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  }
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x137 && c != 0x130) return c | 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
  if (c >= 0x14A && c <= 0x177) return c | 1;
  if (c == 0x178) return 0xFF;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

uint32_t upperCp(uint32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') ? c - 32 : c;
  }
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (c == 0xFF) return 0x178;
  if (c == 0xB5) return 0x39C;
  if (c == 0x131) return 'I';
  if (c >= 0x100 && c <= 0x137) return c & ~1u;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c : c - 1;
  if (c >= 0x14A && c <= 0x177) return c & ~1u;
  if (c == 0x3C2) return 0x3A3;
  if (c >= 0x3B1 && c <= 0x3CB) return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  return c;
}

void appendCp(StringWriter& w, uint32_t cp) {
  char buf[4];
  int n;
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    n = 1;
  } else if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 4;
  }
  w.append(std::string_view(buf, static_cast<size_t>(n)));
}

enum class CaseOp { kLower, kUpper, kInitCap };

void mapCase(std::string_view s, CaseOp op, StringWriter& w) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<uint8_t>(c) < 0x80; });
  if (ascii) {
    char* dst = w.reserve(s.size());
    bool startOfWord = true;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      bool up = op == CaseOp::kUpper || (op == CaseOp::kInitCap && startOfWord);
      if (up) {
        dst[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
      } else {
        dst[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      }
      startOfWord = c == ' ';
    }
    w.commit(s.size());
    return;
  }
  bool startOfWord = true;
  for (size_t pos = 0; pos < s.size();) {
    uint32_t cp = decodeUtf8(s, pos);
    bool up = op == CaseOp::kUpper || (op == CaseOp::kInitCap && startOfWord);
    startOfWord = cp == ' ';
    if (up && cp == 0xDF) {
      w.append("SS");  // Java's "ß".toUpperCase()
      continue;
    }
    appendCp(w, up ? upperCp(cp) : lowerCp(cp));
  }
}

/// Applies `fn(text, writer) -> bool` (false = null) to each non-null string.
template <typename Fn>
VectorPtr mapStrings(const Vector& in, const DataTypePtr& type, Fn&& fn) {
  int64_t n = in.size();
  StringWriter w(type, n, in.bytes().size());
  propagateNulls(w.vector(), {&in});
  for (int64_t i = 0; i < n; ++i) {
    if (in.isNull(i)) {
      w.finishRow(i);
      continue;
    }
    if (fn(in.stringAt(i), i, w)) {
      w.finishRow(i);
    } else {
      w.finishNull(i);
    }
  }
  return w.finish();
}

ResolvedCall stringArgs(const Args& args, const Expression& call, size_t min, size_t max, DataTypePtr result) {
  checkArgCount(call, args, min, max);
  ResolvedCall r;
  for (size_t i = 0; i < args.size(); ++i) {
    r.args.push_back(implicitCast(call, args, i, DataType::string()));
  }
  r.type = std::move(result);
  r.nullable = anyNullable(args);
  return r;
}

void registerCase(const char* name, CaseOp op) {
  registerSimple(
      name,
      [](const Args& args, const Expression& call) { return stringArgs(args, call, 1, 1, DataType::string()); },
      [op](const Vectors& a, int64_t, EvalContext&, const Expression& call) {
        return mapStrings(*a[0], call.type(), [op](std::string_view s, int64_t, StringWriter& w) {
          mapCase(s, op, w);
          return true;
        });
      });
}

// ---- predicates ----

enum class Pred { kStartsWith, kEndsWith, kContains };

void registerPredicate(const char* name, Pred p) {
  registerSimple(
      name,
      [](const Args& args, const Expression& call) { return stringArgs(args, call, 2, 2, DataType::boolean()); },
      [p](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::boolean(), n);
        propagateNulls(*out, {a[0].get(), a[1].get()});
        uint8_t* r = out->values<uint8_t>();
        for (int64_t i = 0; i < n; ++i) {
          std::string_view s = a[0]->stringAt(i);
          std::string_view t = a[1]->stringAt(i);
          switch (p) {
            case Pred::kStartsWith: r[i] = s.starts_with(t); break;
            case Pred::kEndsWith: r[i] = s.ends_with(t); break;
            case Pred::kContains: r[i] = s.find(t) != std::string_view::npos; break;
          }
        }
        return out;
      });
}

// ---- substring and length ----

bool isBinary(const ExprPtr& e) { return e->type()->id() == TypeId::kBinary; }

// Spark's substringSQL: 1-based pos, negative from the end, 0 as 1.
std::pair<int64_t, int64_t> substringRange(int64_t total, int64_t pos, int64_t len) {
  int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? total + pos : 0);
  int64_t end = start + len;
  start = std::max<int64_t>(start, 0);
  end = std::min(end, total);
  if (start >= end) {
    return {0, 0};
  }
  return {start, end};
}

void registerSubstring() {
  auto resolve = [](const Args& args, const Expression& call) {
    Args in = withOptionalLastArg(call, args, 3, Value::integer(std::numeric_limits<int32_t>::max()), DataType::integer());
    ResolvedCall r;
    r.args.push_back(isBinary(in[0]) ? in[0] : implicitCast(call, in, 0, DataType::string()));
    r.args.push_back(implicitCast(call, in, 1, DataType::integer()));
    r.args.push_back(implicitCast(call, in, 2, DataType::integer()));
    r.type = r.args[0]->type();
    r.nullable = anyNullable(in);
    return r;
  };
  auto eval = [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
    bool binary = call.type()->id() == TypeId::kBinary;
    const int32_t* pos = a[1]->values<int32_t>();
    const int32_t* len = a[2]->values<int32_t>();
    StringWriter w(call.type(), n, a[0]->bytes().size());
    propagateNulls(w.vector(), {a[0].get(), a[1].get(), a[2].get()});
    for (int64_t i = 0; i < n; ++i) {
      if (!w.vector().isNull(i)) {
        std::string_view s = a[0]->stringAt(i);
        int64_t total = binary ? static_cast<int64_t>(s.size()) : numChars(s);
        auto [from, to] = substringRange(total, pos[i], len[i]);
        if (binary || total == static_cast<int64_t>(s.size())) {
          w.append(s.substr(static_cast<size_t>(from), static_cast<size_t>(to - from)));
        } else {
          size_t b0 = byteOffsetOfChar(s, from);
          size_t b1 = b0 + byteOffsetOfChar(s.substr(b0), to - from);
          w.append(s.substr(b0, b1 - b0));
        }
      }
      w.finishRow(i);
    }
    return w.finish();
  };
  registerSimple("substring", resolve, eval);
  registerSimple("substr", resolve, eval);
}

void registerLength() {
  auto resolve = [](const Args& args, const Expression& call) {
    checkArgCount(call, args, 1, 1);
    ExprPtr a = isBinary(args[0]) ? args[0] : implicitCast(call, args, 0, DataType::string());
    return ResolvedCall{{a}, DataType::integer(), args[0]->nullable()};
  };
  auto eval = [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
    bool binary = call.child(0)->type()->id() == TypeId::kBinary;
    auto out = Vector::make(DataType::integer(), n);
    propagateNulls(*out, {a[0].get()});
    int32_t* r = out->values<int32_t>();
    for (int64_t i = 0; i < n; ++i) {
      std::string_view s = a[0]->stringAt(i);
      r[i] = static_cast<int32_t>(binary ? static_cast<int64_t>(s.size()) : numChars(s));
    }
    return out;
  };
  registerSimple("length", resolve, eval);
  registerSimple("char_length", resolve, eval);
  registerSimple("character_length", resolve, eval);
}

// ---- trimming ----

enum class TrimSide { kBoth, kLeft, kRight };

bool inSet(std::string_view set, uint32_t cp) {
  for (size_t p = 0; p < set.size();) {
    if (decodeUtf8(set, p) == cp) {
      return true;
    }
  }
  return false;
}

std::string_view trimChars(std::string_view s, std::string_view set, TrimSide side) {
  size_t begin = 0, end = s.size();
  if (side != TrimSide::kRight) {
    while (begin < end) {
      size_t p = begin;
      if (!inSet(set, decodeUtf8(s, p))) {
        break;
      }
      begin = p;
    }
  }
  if (side != TrimSide::kLeft) {
    while (end > begin) {
      size_t start = end - 1;
      while (start > begin && (static_cast<uint8_t>(s[start]) & 0xC0) == 0x80) {
        --start;
      }
      size_t p = start;
      if (!inSet(set, decodeUtf8(s, p))) {
        break;
      }
      end = start;
    }
  }
  return s.substr(begin, end - begin);
}

void registerTrim(const char* name, TrimSide side) {
  registerSimple(
      name,
      [](const Args& args, const Expression& call) { return stringArgs(args, call, 1, 2, DataType::string()); },
      [side](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        if (a.size() == 1) {
          return mapStrings(*a[0], call.type(), [side](std::string_view s, int64_t, StringWriter& w) {
            size_t b = 0, e = s.size();
            if (side != TrimSide::kRight) {
              while (b < e && s[b] == ' ') ++b;
            }
            if (side != TrimSide::kLeft) {
              while (e > b && s[e - 1] == ' ') --e;
            }
            w.append(s.substr(b, e - b));
            return true;
          });
        }
        const Vector& set = *a[1];
        return mapStrings(*a[0], call.type(), [&](std::string_view s, int64_t i, StringWriter& w) {
          if (set.isNull(i)) {
            return false;
          }
          w.append(trimChars(s, set.stringAt(i), side));
          return true;
        });
      });
}

// ---- reverse, repeat, padding ----

void registerRepeat() {
  registerSimple(
      "repeat",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 2, 2);
        return ResolvedCall{{implicitCast(call, args, 0, DataType::string()), implicitCast(call, args, 1, DataType::integer())},
                            DataType::string(), anyNullable(args)};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        const int32_t* times = a[1]->values<int32_t>();
        return mapStrings(*a[0], call.type(), [&](std::string_view s, int64_t i, StringWriter& w) {
          if (a[1]->isNull(i)) {
            return false;
          }
          for (int32_t k = 0; k < times[i]; ++k) {
            w.append(s);
          }
          return true;
        });
      });
}

void registerPad(const char* name, bool left) {
  registerSimple(
      name,
      [](const Args& args, const Expression& call) {
        Args in = withOptionalLastArg(call, args, 3, Value::string(" "), DataType::string());
        return ResolvedCall{{implicitCast(call, in, 0, DataType::string()), implicitCast(call, in, 1, DataType::integer()),
                             implicitCast(call, in, 2, DataType::string())},
                            DataType::string(), anyNullable(in)};
      },
      [left](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        const int32_t* len = a[1]->values<int32_t>();
        return mapStrings(*a[0], call.type(), [&](std::string_view s, int64_t i, StringWriter& w) {
          if (a[1]->isNull(i) || a[2]->isNull(i)) {
            return false;
          }
          std::string_view pad = a[2]->stringAt(i);
          int64_t target = len[i];
          int64_t have = numChars(s);
          if (target <= have || pad.empty()) {
            w.append(s.substr(0, byteOffsetOfChar(s, std::max<int64_t>(target, 0))));
            return true;
          }
          int64_t padChars = numChars(pad);
          int64_t need = target - have;
          if (!left) {
            w.append(s);
          }
          for (int64_t done = 0; done < need; done += padChars) {
            int64_t take = std::min(padChars, need - done);
            w.append(pad.substr(0, byteOffsetOfChar(pad, take)));
          }
          if (left) {
            w.append(s);
          }
          return true;
        });
      });
}

// ---- search ----

// 1-based character position of `sub` in `s` at or after character `fromChar`, 0 if absent
// (an empty `sub` is found at 1, as UTF8String.indexOf does).
int32_t charPosition(std::string_view s, std::string_view sub, int64_t fromChar) {
  if (sub.empty()) {
    return 1;
  }
  size_t at = s.find(sub, byteOffsetOfChar(s, fromChar));
  if (at == std::string_view::npos) {
    return 0;
  }
  return static_cast<int32_t>(numChars(s.substr(0, at)) + 1);
}

void registerSearch() {
  registerSimple(
      "instr",
      [](const Args& args, const Expression& call) { return stringArgs(args, call, 2, 2, DataType::integer()); },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::integer(), n);
        propagateNulls(*out, {a[0].get(), a[1].get()});
        int32_t* r = out->values<int32_t>();
        for (int64_t i = 0; i < n; ++i) {
          r[i] = out->isNull(i) ? 0 : charPosition(a[0]->stringAt(i), a[1]->stringAt(i), 0);
        }
        return out;
      });
  registerSimple(
      "locate",
      [](const Args& args, const Expression& call) {
        Args in = withOptionalLastArg(call, args, 3, Value::integer(1), DataType::integer());
        return ResolvedCall{{implicitCast(call, in, 0, DataType::string()), implicitCast(call, in, 1, DataType::string()),
                             implicitCast(call, in, 2, DataType::integer())},
                            DataType::integer(), in[0]->nullable() || in[1]->nullable()};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::integer(), n);
        propagateNulls(*out, {a[0].get(), a[1].get()});
        int32_t* r = out->values<int32_t>();
        const int32_t* pos = a[2]->values<int32_t>();
        for (int64_t i = 0; i < n; ++i) {
          if (out->isNull(i) || a[2]->isNull(i) || pos[i] < 1) {
            r[i] = 0;
            continue;
          }
          r[i] = charPosition(a[1]->stringAt(i), a[0]->stringAt(i), pos[i] - 1);
        }
        return out;
      });
}

void registerTranslateAscii() {
  registerSimple(
      "translate",
      [](const Args& args, const Expression& call) { return stringArgs(args, call, 3, 3, DataType::string()); },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        std::vector<std::pair<uint32_t, int64_t>> map;  // code point → replacement (-1 = delete)
        std::vector<uint32_t> repl;
        return mapStrings(*a[0], call.type(), [&](std::string_view s, int64_t i, StringWriter& w) {
          if (a[1]->isNull(i) || a[2]->isNull(i)) {
            return false;
          }
          std::string_view from = a[1]->stringAt(i);
          std::string_view to = a[2]->stringAt(i);
          map.clear();
          repl.clear();
          for (size_t p = 0; p < to.size();) {
            repl.push_back(decodeUtf8(to, p));
          }
          int64_t k = 0;
          for (size_t p = 0; p < from.size(); ++k) {
            uint32_t cp = decodeUtf8(from, p);
            bool seen = std::any_of(map.begin(), map.end(), [cp](const auto& e) { return e.first == cp; });
            if (!seen) {
              map.emplace_back(cp, k < static_cast<int64_t>(repl.size()) ? k : -1);
            }
          }
          for (size_t p = 0; p < s.size();) {
            size_t start = p;
            uint32_t cp = decodeUtf8(s, p);
            auto it = std::find_if(map.begin(), map.end(), [cp](const auto& e) { return e.first == cp; });
            if (it == map.end()) {
              w.append(s.substr(start, p - start));
            } else if (it->second >= 0) {
              appendCp(w, repl[static_cast<size_t>(it->second)]);
            }
          }
          return true;
        });
      });
  registerSimple(
      "ascii",
      [](const Args& args, const Expression& call) { return stringArgs(args, call, 1, 1, DataType::integer()); },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        auto out = Vector::make(DataType::integer(), n);
        propagateNulls(*out, {a[0].get()});
        int32_t* r = out->values<int32_t>();
        for (int64_t i = 0; i < n; ++i) {
          std::string_view s = a[0]->stringAt(i);
          size_t p = 0;
          r[i] = s.empty() ? 0 : static_cast<int32_t>(decodeUtf8(s, p));
        }
        return out;
      });
}

// ---- concat_ws ----

void registerConcatWs() {
  registerSimple(
      "concat_ws",
      [](const Args& args, const Expression& call) {
        if (args.empty()) {
          checkArgCount(call, args, 1, 1);
        }
        ResolvedCall r;
        for (size_t i = 0; i < args.size(); ++i) {
          const auto& t = args[i]->type();
          bool stringArray = t->id() == TypeId::kArray &&
                             (t->elementType()->id() == TypeId::kString || t->elementType()->id() == TypeId::kNull);
          if (i > 0 && stringArray) {
            r.args.push_back(args[i]);
          } else if (i > 0 && t->id() == TypeId::kArray) {
            throwUnexpectedInputType(call, i, args[i], "ARRAY<STRING>\" or \"STRING");
          } else {
            r.args.push_back(implicitCast(call, args, i, DataType::string()));
          }
        }
        r.type = DataType::string();
        r.nullable = args[0]->nullable();
        return r;
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        StringWriter w(call.type(), n, 0);
        for (int64_t i = 0; i < n; ++i) {
          if (a[0]->isNull(i)) {
            w.finishNull(i);
            continue;
          }
          std::string_view sep = a[0]->stringAt(i);
          bool first = true;
          auto add = [&](std::string_view s) {
            if (!first) {
              w.append(sep);
            }
            w.append(s);
            first = false;
          };
          for (size_t k = 1; k < a.size(); ++k) {
            const Vector& v = *a[k];
            if (v.isNull(i)) {
              continue;
            }
            if (v.typeId() == TypeId::kArray) {
              const Vector& e = *v.child(0);
              for (int64_t j = v.offsets()[i]; j < v.offsets()[i + 1]; ++j) {
                if (!e.isNull(j)) {
                  add(e.stringAt(j));
                }
              }
            } else {
              add(v.stringAt(i));
            }
          }
          w.finishRow(i);
        }
        return w.finish();
      });
}

}  // namespace

void registerStringEncodingFunctions();
void registerRegexFunctions();

void registerStringFunctions() {
  registerCase("lower", CaseOp::kLower);
  registerCase("lcase", CaseOp::kLower);
  registerCase("upper", CaseOp::kUpper);
  registerCase("ucase", CaseOp::kUpper);
  registerCase("initcap", CaseOp::kInitCap);
  registerPredicate("startswith", Pred::kStartsWith);
  registerPredicate("endswith", Pred::kEndsWith);
  registerPredicate("contains", Pred::kContains);
  registerSubstring();
  registerLength();
  registerTrim("trim", TrimSide::kBoth);
  registerTrim("ltrim", TrimSide::kLeft);
  registerTrim("rtrim", TrimSide::kRight);
  registerRepeat();
  registerPad("lpad", true);
  registerPad("rpad", false);
  registerSearch();
  registerTranslateAscii();
  registerConcatWs();
  registerStringEncodingFunctions();
  registerRegexFunctions();
}

}  // namespace rivulet::expr
