// Pattern functions: LIKE (with % _ and the escape \), RLIKE, regexp_replace, regexp_extract,
// split. Regular expressions run on RE2 (Java's syntax for the common subset).
#include <memory>
#include <string>

#include <re2/re2.h>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/function_util.h"
#include "rivulet/expr/kernels/kernel_util.h"

namespace rivulet::expr {

namespace {

using Args = std::vector<ExprPtr>;
using Vectors = std::vector<VectorPtr>;

// ---- LIKE ----

struct LikeToken {
  enum Kind : uint8_t { kLiteral, kOne, kMany } kind;
  std::string text;
};

std::vector<LikeToken> compileLike(std::string_view pattern) {
  std::vector<LikeToken> tokens;
  auto literal = [&]() -> std::string& {
    if (tokens.empty() || tokens.back().kind != LikeToken::kLiteral) {
      tokens.push_back({LikeToken::kLiteral, {}});
    }
    return tokens.back().text;
  };
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      if (i + 1 == pattern.size()) {
        throwUserError("INVALID_LIKE_PATTERN", "the pattern '" + std::string(pattern) +
                                                   "' is invalid, it is not allowed to end with the escape character");
      }
      char next = pattern[++i];
      if (next != '_' && next != '%' && next != '\\') {
        throwUserError("INVALID_LIKE_PATTERN", "the pattern '" + std::string(pattern) +
                                                   "' is invalid, the escape character is not allowed to precede '" +
                                                   std::string(1, next) + "'");
      }
      literal() += next;
    } else if (c == '%') {
      if (tokens.empty() || tokens.back().kind != LikeToken::kMany) {
        tokens.push_back({LikeToken::kMany, {}});
      }
    } else if (c == '_') {
      tokens.push_back({LikeToken::kOne, {}});
    } else {
      literal() += c;
    }
  }
  return tokens;
}

bool matchLike(std::string_view s, const std::vector<LikeToken>& tokens) {
  size_t t = 0, si = 0;
  size_t starT = std::string::npos, starS = 0;
  while (si < s.size()) {
    if (t < tokens.size() && tokens[t].kind == LikeToken::kOne) {
      si += static_cast<size_t>(utf8Length(static_cast<uint8_t>(s[si])));
      ++t;
    } else if (t < tokens.size() && tokens[t].kind == LikeToken::kLiteral &&
               s.substr(si).starts_with(tokens[t].text)) {
      si += tokens[t].text.size();
      ++t;
    } else if (t < tokens.size() && tokens[t].kind == LikeToken::kMany) {
      starT = t++;
      starS = si;
    } else if (starT != std::string::npos) {
      t = starT + 1;
      starS += static_cast<size_t>(utf8Length(static_cast<uint8_t>(s[starS])));
      si = starS;
    } else {
      return false;
    }
  }
  while (t < tokens.size() && tokens[t].kind == LikeToken::kMany) {
    ++t;
  }
  return t == tokens.size() && si == s.size();
}

// ---- regular expressions ----

/// Compiles patterns, reusing the last one (the pattern is almost always a literal).
class RegexCache {
 public:
  explicit RegexCache(const char* function) : function_(function) {}

  const RE2& get(std::string_view pattern) {
    if (!re_ || pattern != last_) {
      last_ = std::string(pattern);
      RE2::Options options;
      options.set_log_errors(false);
      re_ = std::make_unique<RE2>(last_, options);
      if (!re_->ok()) {
        throwUserError("INVALID_PARAMETER_VALUE.PATTERN",
                       "[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter(s) `regexp` in `" +
                           std::string(function_) + "` is invalid: " + re_->error() + " (pattern '" +
                           last_ + "').");
      }
    }
    return *re_;
  }

 private:
  const char* function_;
  std::string last_;
  std::unique_ptr<RE2> re_;
};

ResolvedCall stringArgs(const Args& args, const Expression& call, DataTypePtr result) {
  ResolvedCall r;
  for (size_t i = 0; i < args.size(); ++i) {
    r.args.push_back(implicitCast(call, args, i, DataType::string()));
  }
  r.type = std::move(result);
  r.nullable = anyNullable(args);
  return r;
}

template <typename Fn>
VectorPtr booleanOverPairs(const Vectors& a, int64_t n, Fn&& fn) {
  auto out = Vector::make(DataType::boolean(), n);
  propagateNulls(*out, {a[0].get(), a[1].get()});
  uint8_t* r = out->values<uint8_t>();
  for (int64_t i = 0; i < n; ++i) {
    r[i] = out->isNull(i) ? 0 : fn(a[0]->stringAt(i), a[1]->stringAt(i));
  }
  return out;
}

void registerLikes() {
  FunctionDef like;
  like.name = "like";
  like.style = PrintStyle::kCustom;
  like.resolve = [](const Args& args, const Expression& call) {
    checkArgCount(call, args, 2, 2);
    return stringArgs(args, call, DataType::boolean());
  };
  like.eval = [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
    std::string last;
    std::vector<LikeToken> tokens;
    bool compiled = false;
    return booleanOverPairs(a, n, [&](std::string_view s, std::string_view p) {
      if (!compiled || p != last) {
        tokens = compileLike(p);
        last = std::string(p);
        compiled = true;
      }
      return matchLike(s, tokens);
    });
  };
  registerFunction(std::move(like));

  FunctionDef rlike;
  rlike.name = "rlike";
  rlike.style = PrintStyle::kCustom;
  rlike.resolve = [](const Args& args, const Expression& call) {
    checkArgCount(call, args, 2, 2);
    return stringArgs(args, call, DataType::boolean());
  };
  rlike.eval = [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
    RegexCache cache("rlike");
    return booleanOverPairs(a, n, [&](std::string_view s, std::string_view p) {
      return RE2::PartialMatch(s, cache.get(p));
    });
  };
  registerFunction(std::move(rlike));
}

// Java's replacement syntax ($1, \$) as an RE2 rewrite string (\1, literal backslash \\).
std::string toRewrite(std::string_view rep) {
  std::string out;
  for (size_t i = 0; i < rep.size(); ++i) {
    char c = rep[i];
    if (c == '\\' && i + 1 < rep.size()) {
      char next = rep[++i];
      if (next == '\\') {
        out += "\\\\";
      } else {
        out += next;
      }
    } else if (c == '$' && i + 1 < rep.size() && rep[i + 1] >= '0' && rep[i + 1] <= '9') {
      out += '\\';
      out += rep[++i];
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  return out;
}

void registerRegexpReplace() {
  registerSimple(
      "regexp_replace",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 3, 4);
        Args in = args;
        if (in.size() == 3) {
          in.push_back(Expression::literal(Value::integer(1), DataType::integer()));
        }
        ResolvedCall r;
        for (size_t i = 0; i < 3; ++i) {
          r.args.push_back(implicitCast(call, in, i, DataType::string()));
        }
        r.args.push_back(implicitCast(call, in, 3, DataType::integer()));
        r.type = DataType::string();
        r.nullable = anyNullable(in);
        return r;
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        RegexCache cache("regexp_replace");
        std::string lastRep;
        std::string rewrite;
        bool haveRewrite = false;
        std::string work;
        StringWriter w(call.type(), n, a[0]->bytes().size());
        propagateNulls(w.vector(), {a[0].get(), a[1].get(), a[2].get(), a[3].get()});
        const int32_t* pos = a[3]->values<int32_t>();
        for (int64_t i = 0; i < n; ++i) {
          if (!w.vector().isNull(i)) {
            if (pos[i] < 1) {
              throwUserError("INVALID_PARAMETER_VALUE.REGEX_POSITION",
                             "[INVALID_PARAMETER_VALUE] The value of parameter(s) `position` in `regexp_replace` is invalid: Expects a positive value, but got " +
                                 std::to_string(pos[i]) + ".");
            }
            const RE2& re = cache.get(a[1]->stringAt(i));
            std::string_view rep = a[2]->stringAt(i);
            if (!haveRewrite || rep != lastRep) {
              lastRep = std::string(rep);
              rewrite = toRewrite(rep);
              haveRewrite = true;
            }
            std::string_view s = a[0]->stringAt(i);
            size_t skip = byteOffsetOfChar(s, pos[i] - 1);
            w.append(s.substr(0, skip));
            work.assign(s.substr(skip));
            RE2::GlobalReplace(&work, re, rewrite);
            w.append(work);
          }
          w.finishRow(i);
        }
        return w.finish();
      });
}

void registerRegexpExtract() {
  registerSimple(
      "regexp_extract",
      [](const Args& args, const Expression& call) {
        Args in = withOptionalLastArg(call, args, 3, Value::integer(1), DataType::integer());
        return ResolvedCall{{implicitCast(call, in, 0, DataType::string()), implicitCast(call, in, 1, DataType::string()),
                             implicitCast(call, in, 2, DataType::integer())},
                            DataType::string(), anyNullable(in)};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        RegexCache cache("regexp_extract");
        std::vector<re2::StringPiece> groups;
        StringWriter w(call.type(), n, 0);
        propagateNulls(w.vector(), {a[0].get(), a[1].get(), a[2].get()});
        const int32_t* idx = a[2]->values<int32_t>();
        for (int64_t i = 0; i < n; ++i) {
          if (!w.vector().isNull(i)) {
            const RE2& re = cache.get(a[1]->stringAt(i));
            int count = re.NumberOfCapturingGroups();
            if (idx[i] < 0 || idx[i] > count) {
              throwUserError("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
                             "[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX] The value of parameter(s) `idx` in `regexp_extract` is invalid: Expects group index between 0 and " +
                                 std::to_string(count) + ", but got " + std::to_string(idx[i]) + ".");
            }
            std::string_view s = a[0]->stringAt(i);
            groups.assign(static_cast<size_t>(idx[i]) + 1, re2::StringPiece());
            if (re.Match(s, 0, s.size(), RE2::UNANCHORED, groups.data(), idx[i] + 1) &&
                groups[static_cast<size_t>(idx[i])].data() != nullptr) {
              auto g = groups[static_cast<size_t>(idx[i])];
              w.append(std::string_view(g.data(), g.size()));
            }
          }
          w.finishRow(i);
        }
        return w.finish();
      });
}

// Java's Pattern.split with Spark's limit rule (0 behaves as -1) and its empty-pattern case.
void splitRow(std::string_view s, const RE2& re, bool emptyPattern, int32_t limit, VectorBuilder& out) {
  if (limit == 0) {
    limit = -1;
  }
  if (!s.empty() && emptyPattern) {
    int64_t chars = numChars(s);
    int64_t pieces = limit > chars || limit <= 0 ? chars : limit;
    size_t pos = 0;
    for (int64_t k = 0; k + 1 < pieces; ++k) {
      size_t len = static_cast<size_t>(utf8Length(static_cast<uint8_t>(s[pos])));
      out.appendString(s.substr(pos, len));
      pos += len;
    }
    out.appendString(s.substr(pos));
    return;
  }
  size_t index = 0;
  int64_t count = 0;
  size_t searchFrom = 0;
  re2::StringPiece m;
  while (searchFrom <= s.size() && (limit < 0 || count < limit - 1) &&
         re.Match(s, searchFrom, s.size(), RE2::UNANCHORED, &m, 1)) {
    size_t start = static_cast<size_t>(m.data() - s.data());
    size_t end = start + m.size();
    searchFrom = end == start ? end + (end < s.size() ? static_cast<size_t>(utf8Length(static_cast<uint8_t>(s[end]))) : 1)
                              : end;
    if (index == 0 && start == 0 && end == 0) {
      continue;  // no leading empty piece for a zero-width match at the beginning
    }
    out.appendString(s.substr(index, start - index));
    ++count;
    index = end;
  }
  if (index == 0 && count == 0) {
    out.appendString(s);
    return;
  }
  out.appendString(s.substr(index));
}

void registerSplit() {
  registerSimple(
      "split",
      [](const Args& args, const Expression& call) {
        Args in = withOptionalLastArg(call, args, 3, Value::integer(-1), DataType::integer());
        return ResolvedCall{{implicitCast(call, in, 0, DataType::string()), implicitCast(call, in, 1, DataType::string()),
                             implicitCast(call, in, 2, DataType::integer())},
                            DataType::array(DataType::string(), false), anyNullable(in)};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        RegexCache cache("split");
        VectorBuilder b(call.type(), n);
        const int32_t* limit = a[2]->values<int32_t>();
        for (int64_t i = 0; i < n; ++i) {
          if (a[0]->isNull(i) || a[1]->isNull(i) || a[2]->isNull(i)) {
            b.appendNull();
            continue;
          }
          std::string_view p = a[1]->stringAt(i);
          splitRow(a[0]->stringAt(i), cache.get(p), p.empty(), limit[i], b.child(0));
          b.finishArray();
        }
        return b.finish();
      });
}

}  // namespace

void registerRegexFunctions() {
  registerLikes();
  registerRegexpReplace();
  registerRegexpExtract();
  registerSplit();
}

}  // namespace rivulet::expr
