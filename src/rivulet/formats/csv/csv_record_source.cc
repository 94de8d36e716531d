#include "rivulet/formats/csv/csv_record_source.h"

#include <cstring>

#include "rivulet/common/error.h"

namespace rivulet::csv {

namespace {

constexpr size_t kChunkBytes = 4 << 20;

// Length of the valid UTF-8 sequence at p (1..4), 0 if invalid, -1 if cut off by `end`.
int utf8SequenceAt(const unsigned char* p, const unsigned char* end) {
  unsigned char c = p[0];
  int len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0x80) {
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) {
      lo = 0xA0;
    } else if (c == 0xED) {
      hi = 0x9F;  // no surrogates
    }
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) {
      lo = 0x90;
    } else if (c == 0xF4) {
      hi = 0x8F;
    }
  } else {
    return 0;
  }
  for (int k = 1; k < len; ++k) {
    if (p + k >= end) {
      return -1;
    }
    unsigned char b = p[k];
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
      return 0;
    }
  }
  return len;
}

}  // namespace

bool isValidUtf8(const char* data, size_t n, size_t* incompleteTail) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  const auto* end = p + n;
  *incompleteTail = 0;
  while (p < end) {
    if (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
    if (*p < 0x80) {
      ++p;
      continue;
    }
    int len = utf8SequenceAt(p, end);
    if (len == 0) {
      return false;
    }
    if (len < 0) {
      *incompleteTail = static_cast<size_t>(end - p);
      return true;
    }
    p += len;
  }
  return true;
}

size_t appendValidUtf8(const char* data, size_t n, bool final, std::string& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  const auto* end = p + n;
  while (p < end) {
    int len = utf8SequenceAt(p, end);
    if (len < 0 && !final) {
      return static_cast<size_t>(end - p);
    }
    if (len <= 0) {
      out += "\xEF\xBF\xBD";
      ++p;
      continue;
    }
    out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(len));
    p += len;
  }
  return 0;
}

CsvRecordSource::CsvRecordSource(const std::string& path, const CsvOptions& options)
    : options_(options), file_(path), tokenizer_(options) {}

void CsvRecordSource::limitError(const std::string& what) const {
  throwUserError("MALFORMED_RECORD_IN_PARSING",
                 "CSV record too large: " + what + " at " + qualifiedPath(file_.path()) +
                     ", line " + std::to_string(line_));
}

void CsvRecordSource::appendDecoded(const char* data, size_t n) {
  size_t need = end_ + n;
  if (need > capacity_) {
    size_t cap = capacity_ == 0 ? 2 * kChunkBytes : capacity_;
    while (cap < need) {
      cap *= 2;
    }
    auto grown = std::make_unique<char[]>(cap);
    if (end_ > 0) {
      std::memcpy(grown.get(), buf_.get(), end_);
    }
    buf_ = std::move(grown);
    capacity_ = cap;
  }
  std::memcpy(buf_.get() + end_, data, n);
  end_ += n;
}

bool CsvRecordSource::fill() {
  if (eof_) {
    return false;
  }
  if (pos_ > 0) {
    std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  // Read straight into the buffer after the held-back bytes, then check the new bytes.
  size_t room = pending_.size() + kChunkBytes;
  if (options_.encoding == Encoding::kLatin1) {
    room = 2 * kChunkBytes;
  }
  if (capacity_ - end_ < room) {
    size_t cap = capacity_ == 0 ? 2 * kChunkBytes : capacity_;
    while (cap - end_ < room) {
      cap *= 2;
    }
    auto grown = std::make_unique<char[]>(cap);
    if (end_ > 0) {
      std::memcpy(grown.get(), buf_.get(), end_);
    }
    buf_ = std::move(grown);
    capacity_ = cap;
  }
  if (options_.encoding == Encoding::kLatin1) {
    raw_.resize(kChunkBytes);
    size_t n = file_.read(raw_.data(), kChunkBytes);
    if (n == 0) {
      eof_ = true;
      return false;
    }
    char* out = buf_.get() + end_;
    for (size_t i = 0; i < n; ++i) {
      auto c = static_cast<unsigned char>(raw_[i]);
      if (c < 0x80) {
        *out++ = static_cast<char>(c);
      } else {
        *out++ = static_cast<char>(0xC0 | (c >> 6));
        *out++ = static_cast<char>(0x80 | (c & 0x3F));
      }
    }
    end_ = static_cast<size_t>(out - buf_.get());
    return true;
  }
  char* start = buf_.get() + end_;
  std::memcpy(start, pending_.data(), pending_.size());
  size_t n = file_.read(start + pending_.size(), kChunkBytes);
  size_t total = pending_.size() + n;
  if (n == 0) {
    eof_ = true;
  }
  pending_.clear();
  if (total == 0) {
    return false;
  }
  if (!started_) {
    started_ = true;
    if (total >= 3 && std::memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
      std::memmove(start, start + 3, total - 3);
      total -= 3;
    }
  }
  size_t tail = 0;
  if (isValidUtf8(start, total, &tail)) {
    if (tail > 0 && !eof_) {
      pending_.assign(start + total - tail, tail);
      total -= tail;
    } else if (tail > 0) {
      std::string fixed;
      appendValidUtf8(start + total - tail, tail, true, fixed);
      total -= tail;
      end_ += total;
      appendDecoded(fixed.data(), fixed.size());
      return true;
    }
    end_ += total;
    return true;
  }
  std::string fixed;
  size_t held = appendValidUtf8(start, total, eof_, fixed);
  pending_.assign(start + total - held, held);
  appendDecoded(fixed.data(), fixed.size());
  return true;
}

bool CsvRecordSource::next(CsvRecord& record) {
  while (true) {
    if (pos_ >= end_) {
      if (!fill() && eof_) {
        return false;
      }
      continue;
    }
    const char* begin = buf_.get() + pos_;
    const char* end = buf_.get() + end_;
    const char* rawEnd = nullptr;
    const char* nextPos = nullptr;
    if (options_.comment != '\0' && *begin == options_.comment) {
      if (!tokenizer_.skipLine(begin, end, eof_, rawEnd, nextPos)) {
        if (end_ - pos_ > static_cast<size_t>(options_.maxRecordBytes)) {
          limitError("a comment line exceeds maxRecordBytes (" +
                     std::to_string(options_.maxRecordBytes) + ")");
        }
        fill();
        continue;
      }
      ++line_;
      pos_ = static_cast<size_t>(nextPos - buf_.get());
      continue;
    }
    auto status = tokenizer_.tokenize(begin, end, eof_, record.fields, rawEnd, nextPos);
    if (status == CsvTokenizer::Status::kNeedMore) {
      if (end_ - pos_ > static_cast<size_t>(options_.maxRecordBytes)) {
        limitError("the record exceeds maxRecordBytes (" +
                   std::to_string(options_.maxRecordBytes) + ")");
      }
      fill();
      continue;
    }
    if (status == CsvTokenizer::Status::kTooManyColumns) {
      limitError("the record has more than maxColumns (" + std::to_string(options_.maxColumns) +
                 ") fields");
    }
    if (status == CsvTokenizer::Status::kFieldTooLong) {
      limitError("a value has more than maxCharsPerColumn (" +
                 std::to_string(options_.maxCharsPerColumn) + ") characters");
    }
    if (rawEnd - begin > options_.maxRecordBytes) {
      limitError("the record exceeds maxRecordBytes (" + std::to_string(options_.maxRecordBytes) +
                 ")");
    }
    record.raw = std::string_view(begin, static_cast<size_t>(rawEnd - begin));
    record.line = line_;
    line_ += 1 + tokenizer_.embeddedNewlines();
    pos_ = static_cast<size_t>(nextPos - buf_.get());
    if (record.raw.empty()) {
      continue;
    }
    if (!options_.multiLine) {
      bool blank = true;
      for (char c : record.raw) {
        if (static_cast<unsigned char>(c) > ' ') {
          blank = false;
          break;
        }
      }
      if (blank) {
        continue;
      }
    }
    return true;
  }
}

}  // namespace rivulet::csv
