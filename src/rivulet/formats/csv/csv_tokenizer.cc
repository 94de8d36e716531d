#include "rivulet/formats/csv/csv_tokenizer.h"

#include <cstring>

#include "rivulet/formats/csv/csv_options.h"

namespace rivulet::csv {

CsvTokenizer::CsvTokenizer(const CsvOptions& options)
    : delimiter_(options.delimiter),
      quote_(options.quote),
      escape_(options.escape),
      escapeEscape_(options.charToEscapeQuoteEscaping),
      multiLine_(options.multiLine),
      autoLineSep_(options.lineSep.empty()),
      lineSep_(options.lineSep.empty() ? '\n' : options.lineSep[0]),
      crlfSep_(options.lineSep == "\r\n"),
      trimLeading_(options.ignoreLeadingWhiteSpace),
      trimTrailing_(options.ignoreTrailingWhiteSpace),
      maxColumns_(options.maxColumns),
      maxChars_(options.maxCharsPerColumn) {
  std::memset(special_, 0, sizeof special_);
  special_[static_cast<unsigned char>(delimiter_[0])] = true;
  if (autoLineSep_) {
    special_[static_cast<unsigned char>('\n')] = true;
    special_[static_cast<unsigned char>('\r')] = true;
  } else {
    special_[static_cast<unsigned char>(lineSep_)] = true;
  }
}

int CsvTokenizer::terminatorAt(const char* p, const char* end, bool atEof) const {
  char c = *p;
  if (autoLineSep_) {
    if (c == '\n') {
      return 1;
    }
    if (c == '\r') {
      if (p + 1 < end) {
        return p[1] == '\n' ? 2 : 1;
      }
      return atEof ? 1 : -1;
    }
    return 0;
  }
  if (c != lineSep_) {
    return 0;
  }
  if (!crlfSep_) {
    return 1;
  }
  if (p + 1 < end) {
    return p[1] == '\n' ? 2 : 0;
  }
  return atEof ? 0 : -1;
}

int CsvTokenizer::delimiterAt(const char* p, const char* end, bool atEof) const {
  if (*p != delimiter_[0]) {
    return 0;
  }
  size_t n = delimiter_.size();
  if (n == 1) {
    return 1;
  }
  size_t avail = static_cast<size_t>(end - p);
  if (avail < n) {
    if (std::memcmp(p, delimiter_.data(), avail) == 0 && !atEof) {
      return -1;
    }
    return 0;
  }
  return std::memcmp(p, delimiter_.data(), n) == 0 ? 1 : 0;
}

bool CsvTokenizer::skipLine(const char* begin,
                            const char* end,
                            bool atEof,
                            const char*& rawEnd,
                            const char*& next) const {
  for (const char* p = begin; p < end; ++p) {
    if (!special_[static_cast<unsigned char>(*p)] || *p == delimiter_[0]) {
      if (!(autoLineSep_ ? (*p == '\n' || *p == '\r') : *p == lineSep_)) {
        continue;
      }
    }
    int t = terminatorAt(p, end, atEof);
    if (t < 0) {
      return false;
    }
    if (t > 0) {
      rawEnd = p;
      next = p + t;
      return true;
    }
  }
  if (!atEof) {
    return false;
  }
  rawEnd = end;
  next = end;
  return true;
}

CsvTokenizer::Status CsvTokenizer::tokenize(const char* begin,
                                            const char* end,
                                            bool atEof,
                                            std::vector<CsvField>& fields,
                                            const char*& rawEnd,
                                            const char*& next) {
  fields.clear();
  embeddedNewlines_ = 0;
  const size_t delimLen = delimiter_.size();
  const char* p = begin;
  while (true) {
    if (static_cast<int64_t>(fields.size()) >= maxColumns_) {
      return Status::kTooManyColumns;
    }
    if (trimLeading_) {
      while (p < end && static_cast<unsigned char>(*p) <= ' ' && !special_[static_cast<unsigned char>(*p)]) {
        ++p;
      }
    }
    CsvField field{p, 0, false, false};
    const char* after = nullptr;  // where the delimiter / terminator search continues
    if (quote_ != '\0' && p < end && *p == quote_) {
      const char* q = p + 1;
      bool closed = false;
      bool unescape = false;
      bool lineBreak = false;
      while (true) {
        if (q >= end) {
          if (!atEof) {
            return Status::kNeedMore;
          }
          break;
        }
        char c = *q;
        if ((c == escape_ || c == escapeEscape_) && escape_ != quote_) {
          if (q + 2 >= end && !atEof) {
            return Status::kNeedMore;
          }
          if (c == escapeEscape_ && escapeEscape_ != '\0' && q + 2 < end && q[1] == escape_ &&
              q[2] == quote_) {
            unescape = true;  // an escaped escape; the quote after it closes the value
            q += 2;
            continue;
          }
          if (c == escape_ && q + 1 < end && q[1] == quote_) {
            unescape = true;
            q += 2;
            continue;
          }
        }
        if (c == quote_) {
          if (q + 1 >= end && !atEof) {
            return Status::kNeedMore;
          }
          if (q + 1 < end && q[1] == quote_) {
            unescape = true;
            q += 2;
            continue;
          }
          closed = true;
          break;
        }
        if ((c == '\n' || c == '\r' || c == lineSep_) && isLineEnd(c)) {
          if (!multiLine_) {
            lineBreak = true;
            break;
          }
          int t = terminatorAt(q, end, atEof);
          if (t < 0) {
            return Status::kNeedMore;
          }
          if (t > 0) {
            ++embeddedNewlines_;
            if (c == '\r') {
              unescape = true;  // CRLF / CR inside quotes become "\n"
            }
            q += t;
            continue;
          }
        }
        ++q;
      }
      field.data = p + 1;
      field.size = static_cast<uint32_t>(q - (p + 1));
      field.quoted = true;
      field.needsUnescape = unescape;
      after = closed ? q + 1 : q;
      if (closed) {
        // Whitespace after the closing quote is dropped; anything else makes the value an
        // unquoted one running to the delimiter (univocity's STOP_AT_DELIMITER).
        const char* w = after;
        while (w < end && (*w == ' ' || *w == '\t') && !special_[static_cast<unsigned char>(*w)]) {
          ++w;
        }
        if (w >= end && !atEof) {
          return Status::kNeedMore;
        }
        bool clean = w >= end || terminatorAt(w, end, atEof) != 0 || delimiterAt(w, end, atEof) != 0;
        if (clean) {
          after = w;
        } else {
          const char* u = w;
          while (u < end && !special_[static_cast<unsigned char>(*u)]) {
            ++u;
          }
          // Stop at the next real delimiter or terminator.
          while (u < end) {
            int d = delimiterAt(u, end, atEof);
            int t = terminatorAt(u, end, atEof);
            if (d < 0 || t < 0) {
              return Status::kNeedMore;
            }
            if (d > 0 || t > 0) {
              break;
            }
            ++u;
            while (u < end && !special_[static_cast<unsigned char>(*u)]) {
              ++u;
            }
          }
          if (u >= end && !atEof) {
            return Status::kNeedMore;
          }
          field = CsvField{p, static_cast<uint32_t>(u - p), false, false};
          after = u;
          if (trimTrailing_) {
            while (field.size > 0 && static_cast<unsigned char>(p[field.size - 1]) <= ' ') {
              --field.size;
            }
          }
        }
      } else if (lineBreak) {
        after = q;
      }
    } else {
      const char* u = p;
      while (true) {
        while (u < end && !special_[static_cast<unsigned char>(*u)]) {
          ++u;
        }
        if (u >= end) {
          if (!atEof) {
            return Status::kNeedMore;
          }
          break;
        }
        int d = delimLen == 1 ? (*u == delimiter_[0]) : delimiterAt(u, end, atEof);
        if (d > 0) {
          break;
        }
        int t = terminatorAt(u, end, atEof);
        if (d < 0 || t < 0) {
          return Status::kNeedMore;
        }
        if (t > 0) {
          break;
        }
        ++u;
      }
      field.size = static_cast<uint32_t>(u - p);
      after = u;
      if (trimTrailing_) {
        while (field.size > 0 && static_cast<unsigned char>(p[field.size - 1]) <= ' ') {
          --field.size;
        }
      }
    }
    if (maxChars_ > 0 && static_cast<int64_t>(field.size) > maxChars_) {
      return Status::kFieldTooLong;
    }
    fields.push_back(field);
    // `after` is at a delimiter, a terminator, or the end of the input.
    if (after >= end) {
      rawEnd = end;
      next = end;
      return Status::kRecord;
    }
    int t = terminatorAt(after, end, atEof);
    if (t < 0) {
      return Status::kNeedMore;
    }
    if (t > 0) {
      rawEnd = after;
      next = after + t;
      return Status::kRecord;
    }
    int d = delimiterAt(after, end, atEof);
    if (d < 0) {
      return Status::kNeedMore;
    }
    if (d > 0) {
      p = after + delimLen;
      continue;
    }
    // An unterminated quoted value cut by a line break (not multiLine) ends the record.
    rawEnd = after;
    next = after;
    return Status::kRecord;
  }
}

void CsvTokenizer::unescape(const CsvField& field, std::string& out) const {
  out.clear();
  const char* p = field.data;
  const char* end = p + field.size;
  while (p < end) {
    char c = *p;
    if (c == escapeEscape_ && escapeEscape_ != '\0' && escape_ != quote_ && p + 2 == end &&
        p[1] == escape_) {
      out += escape_;
      p += 2;
      continue;
    }
    if (c == escape_ && escape_ != quote_ && p + 1 < end && p[1] == quote_) {
      out += quote_;
      p += 2;
      continue;
    }
    if (c == quote_ && p + 1 < end && p[1] == quote_) {
      out += quote_;
      p += 2;
      continue;
    }
    if (c == '\r' && multiLine_) {
      out += '\n';
      p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
      continue;
    }
    out += c;
    ++p;
  }
}

bool CsvTokenizer::splitLine(std::string_view line, std::vector<std::string>& out) {
  std::vector<CsvField> fields;
  const char* rawEnd = nullptr;
  const char* next = nullptr;
  Status s = tokenize(line.data(), line.data() + line.size(), true, fields, rawEnd, next);
  if (s != Status::kRecord) {
    return false;
  }
  out.clear();
  std::string scratch;
  for (const auto& f : fields) {
    out.emplace_back(value(f, scratch));
  }
  return true;
}

}  // namespace rivulet::csv
