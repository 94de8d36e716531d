#include "rivulet/formats/json/json_record_source.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "rivulet/common/error.h"
#include "rivulet/formats/json/json_record_parser.h"
#include "rivulet/common/utf8.h"

namespace rivulet::json {

namespace {

constexpr size_t kChunkBytes = size_t{8} << 20;

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      return false;
    }
  }
  return true;
}

}  // namespace

// Raw bytes of the file: plain reads, or zlib for ".gz".
class JsonRecordSource::Input {
 public:
  explicit Input(const std::string& path) : path_(path) {
    if (endsWith(path, ".gz")) {
      gz_ = gzopen(path.c_str(), "rb");
      if (gz_ == nullptr) {
        fail("cannot open");
      }
      gzbuffer(gz_, 1 << 20);
    } else {
      file_ = std::fopen(path.c_str(), "rb");
      if (file_ == nullptr) {
        fail("cannot open");
      }
    }
  }

  ~Input() {
    if (gz_ != nullptr) {
      gzclose(gz_);
    }
    if (file_ != nullptr) {
      std::fclose(file_);
    }
  }

  size_t read(char* out, size_t n) {
    if (gz_ != nullptr) {
      size_t total = 0;
      while (total < n) {
        unsigned chunk = static_cast<unsigned>(std::min<size_t>(n - total, 1u << 30));
        int r = gzread(gz_, out + total, chunk);
        if (r < 0) {
          int code;
          const char* msg = gzerror(gz_, &code);
          throwExternalError("FILE_READ_ERROR",
                             "Cannot decompress the gzip file " + path_ + ": " +
                                 (msg != nullptr ? msg : "unknown error"));
        }
        if (r == 0) {
          break;
        }
        total += static_cast<size_t>(r);
      }
      return total;
    }
    size_t r = std::fread(out, 1, n, file_);
    if (r < n && std::ferror(file_)) {
      fail("cannot read");
    }
    return r;
  }

 private:
  [[noreturn]] void fail(const char* what) {
    throwExternalError("FILE_READ_ERROR",
                       std::string("Cannot read the JSON file (") + what + "): " + path_ + ": " +
                           std::strerror(errno));
  }

  std::string path_;
  gzFile gz_ = nullptr;
  FILE* file_ = nullptr;
};

JsonRecordSource::JsonRecordSource(std::string path, const JsonOptions& options)
    : path_(std::move(path)), options_(options), input_(std::make_unique<Input>(path_)) {}

JsonRecordSource::~JsonRecordSource() = default;

size_t JsonRecordSource::readMore(size_t minFree) {
  // Keep the unread tail, then fill the rest of the buffer (growing it for long records).
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  size_t want = std::max(kChunkBytes, end_ + minFree);
  if (want > kMaxRecordBytes + kChunkBytes) {
    throwUserError("JSON_RECORD_TOO_LARGE",
                   "A JSON record is larger than the maximum of " +
                       std::to_string(kMaxRecordBytes) + " bytes in file " + path_ + " at line " +
                       std::to_string(line_));
  }
  if (buffer_.size() < want + kJsonPadding) {
    buffer_.resize(want + kJsonPadding);
  }
  size_t room = buffer_.size() - kJsonPadding - end_;
  size_t n = input_->read(reinterpret_cast<char*>(buffer_.data()) + end_, room);
  if (n == 0) {
    eof_ = true;
  }
  end_ += n;
  bytesRead_ += static_cast<int64_t>(n);
  return n;
}

void JsonRecordSource::loadWholeFile() {
  std::string raw;
  char chunk[1 << 16];
  while (true) {
    size_t n = input_->read(chunk, sizeof chunk);
    if (n == 0) {
      break;
    }
    if (raw.size() + n > kMaxRecordBytes) {
      throwUserError("JSON_RECORD_TOO_LARGE",
                     "The JSON file is larger than the maximum of " +
                         std::to_string(kMaxRecordBytes) + " bytes for multiLine or non-UTF-8 "
                         "input: " + path_);
    }
    raw.append(chunk, n);
  }
  std::string text = decodeToUtf8(raw, options_.encoding, options_.multiLine, path_);
  buffer_.resize(text.size() + kJsonPadding);
  if (!text.empty()) {
    std::memcpy(buffer_.data(), text.data(), text.size());
  }
  std::memset(buffer_.data() + text.size(), ' ', kJsonPadding);
  begin_ = 0;
  end_ = text.size();
  bytesRead_ = static_cast<int64_t>(raw.size());
  eof_ = true;
  wholeFileLoaded_ = true;
}

bool JsonRecordSource::next(JsonRecord& record) {
  if (!started_) {
    started_ = true;
    bool decode = options_.multiLine || (!options_.encoding.empty() && options_.encoding != "UTF-8");
    if (!decode) {
      // A byte-order mark other than UTF-8's means UTF-16/32 text: decode the whole file.
      readMore(0);
      const auto* b = buffer_.data();
      size_t n = end_;
      bool bom16 = n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));
      bool bom32 = n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF;
      if (bom16 || bom32) {
        throwUserError("UNSUPPORTED_CHARSET",
                       "The JSON file starts with a UTF-16/UTF-32 byte-order mark; read it with "
                       "multiLine=true or set the options 'encoding' and 'lineSep': " + path_);
      }
      if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        begin_ = 3;
      }
    } else {
      loadWholeFile();
    }
  }
  if (options_.multiLine) {
    if (begin_ >= end_) {
      return false;
    }
    const char* base = reinterpret_cast<const char*>(buffer_.data());
    std::string_view text(base + begin_, end_ - begin_);
    begin_ = end_;
    if (isBlank(text)) {
      return false;
    }
    record = {text, buffer_.size() - (text.data() - base), 1};
    return true;
  }
  const std::string_view sep = options_.lineSep ? std::string_view(*options_.lineSep) : "\n";
  while (true) {
    const char* base = reinterpret_cast<const char*>(buffer_.data());
    std::string_view rest(base + begin_, end_ - begin_);
    size_t pos = sep.size() == 1 ? [&] {
      const void* p = std::memchr(rest.data(), sep[0], rest.size());
      return p == nullptr ? std::string_view::npos
                          : static_cast<size_t>(static_cast<const char*>(p) - rest.data());
    }()
                                 : rest.find(sep);
    std::string_view text;
    if (pos != std::string_view::npos) {
      text = rest.substr(0, pos);
      begin_ += pos + sep.size();
    } else if (!eof_ && !wholeFileLoaded_) {
      readMore(rest.size() + 1);
      continue;
    } else if (!rest.empty()) {
      text = rest;
      begin_ = end_;
    } else {
      return false;
    }
    int64_t line = line_;
    if (!options_.lineSep) {
      ++line_;
      if (!text.empty() && text.back() == '\r') {
        text.remove_suffix(1);
      }
    } else {
      for (char c : text) {
        line_ += c == '\n';
      }
      if (pos != std::string_view::npos) {
        for (char c : sep) {
          line_ += c == '\n';
        }
      }
    }
    if (text.empty() || ((text[0] == ' ' || text[0] == '\t' || text[0] == '\r') && isBlank(text))) {
      continue;
    }
    record = {text, buffer_.size() - (text.data() - base), line};
    return true;
  }
}

std::string decodeToUtf8(std::string_view bytes,
                         const std::string& encoding,
                         bool detectWithoutBom,
                         const std::string& path) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  std::string enc = encoding;
  size_t skip = 0;
  // A byte-order mark decides (and is dropped) when the encoding is unset or unmarked.
  if (enc.empty() || enc == "UTF-16" || enc == "UTF-32" || enc == "UTF-8") {
    if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) {
      enc = "UTF-32BE";
      skip = 4;
    } else if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 &&
               enc != "UTF-16") {
      enc = "UTF-32LE";
      skip = 4;
    } else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
      enc = "UTF-16BE";
      skip = 2;
    } else if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
      enc = "UTF-16LE";
      skip = 2;
    } else if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
      enc = "UTF-8";
      skip = 3;
    }
  }
  if (enc.empty() && detectWithoutBom && n >= 4) {
    // Jackson's detection from the first character, which must be ASCII.
    if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0) {
      enc = "UTF-32BE";
    } else if (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
      enc = "UTF-32LE";
    } else if (b[0] == 0 && b[1] != 0) {
      enc = "UTF-16BE";
    } else if (b[0] != 0 && b[1] == 0) {
      enc = "UTF-16LE";
    }
  }
  if (enc == "UTF-16") {
    enc = "UTF-16BE";
  } else if (enc == "UTF-32") {
    enc = "UTF-32BE";
  }
  if (enc.empty() || enc == "UTF-8") {
    return std::string(bytes.substr(skip));
  }
  std::string out;
  out.reserve(n);
  if (enc == "ISO-8859-1") {
    for (size_t i = skip; i < n; ++i) {
      appendUtf8(b[i], out);
    }
    return out;
  }
  if (enc == "UTF-16LE" || enc == "UTF-16BE") {
    bool le = enc == "UTF-16LE";
    auto unit = [&](size_t i) -> uint32_t {
      return le ? (b[i] | (b[i + 1] << 8)) : ((b[i] << 8) | b[i + 1]);
    };
    size_t i = skip;
    for (; i + 1 < n; i += 2) {
      uint32_t u = unit(i);
      if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
        uint32_t low = unit(i + 2);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          appendUtf8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), out);
          i += 2;
          continue;
        }
      }
      appendUtf8(u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u, out);
    }
    if (i < n) {
      appendUtf8(0xFFFD, out);
    }
    return out;
  }
  if (enc == "UTF-32LE" || enc == "UTF-32BE") {
    bool le = enc == "UTF-32LE";
    size_t i = skip;
    for (; i + 3 < n; i += 4) {
      uint32_t u = le ? (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (uint32_t{b[i + 3]} << 24))
                      : ((uint32_t{b[i]} << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
      appendUtf8(u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : u, out);
    }
    if (i < n) {
      appendUtf8(0xFFFD, out);
    }
    return out;
  }
  throwUserError("UNSUPPORTED_CHARSET", "Unsupported charset for the JSON file " + path + ": " + enc);
}

}  // namespace rivulet::json
