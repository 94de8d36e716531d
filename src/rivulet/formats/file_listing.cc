#include "rivulet/formats/file_listing.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "rivulet/common/error.h"

namespace rivulet {

namespace fs = std::filesystem;

namespace {

std::string stripScheme(const std::string& path) {
  if (path.rfind("file://", 0) == 0) {
    return path.substr(7);
  }
  if (path.rfind("file:", 0) == 0) {
    return path.substr(5);
  }
  return path;
}

std::string absolutePath(const std::string& path) {
  std::string p = stripScheme(path);
  std::error_code ec;
  fs::path abs = fs::absolute(fs::path(p), ec);
  if (ec) {
    return p;
  }
  std::string s = abs.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') {
    s.pop_back();
  }
  return s;
}

[[noreturn]] void pathNotFound(const std::string& path) {
  throwUserError("PATH_NOT_FOUND",
                 "[PATH_NOT_FOUND] Path does not exist: " + qualifiedPath(path) + ".");
}

bool hasGlob(const std::string& s) { return s.find_first_of("*?[{") != std::string::npos; }

// Expands the first top-level {a,b} group, recursively: "x{a,b}y{c,d}" -> 4 patterns.
void expandBraces(const std::string& pattern, std::vector<std::string>& out) {
  size_t open = pattern.find('{');
  if (open == std::string::npos) {
    out.push_back(pattern);
    return;
  }
  int depth = 0;
  size_t close = std::string::npos;
  std::vector<size_t> commas;
  for (size_t i = open; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (--depth == 0) {
        close = i;
        break;
      }
    } else if (c == ',' && depth == 1) {
      commas.push_back(i);
    }
  }
  if (close == std::string::npos) {
    out.push_back(pattern);  // unbalanced: taken literally
    return;
  }
  std::string head = pattern.substr(0, open);
  std::string tail = pattern.substr(close + 1);
  size_t start = open + 1;
  commas.push_back(close);
  for (size_t comma : commas) {
    expandBraces(head + pattern.substr(start, comma - start) + tail, out);
    start = comma + 1;
  }
}

void listDirectory(const fs::path& dir, bool recursive, std::vector<std::string>& out) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    throwExternalError("FILE_LIST_ERROR",
                       "Cannot list directory " + qualifiedPath(dir.string()) + ": " + ec.message());
  }
  for (const auto& entry : it) {
    std::string name = entry.path().filename().string();
    if (isHiddenFileName(name)) {
      continue;
    }
    std::error_code typeEc;
    if (entry.is_directory(typeEc)) {
      if (recursive || name.find('=') != std::string::npos) {
        listDirectory(entry.path(), recursive, out);
      }
    } else if (entry.is_regular_file(typeEc)) {
      out.push_back(entry.path().string());
    }
  }
}

void addExisting(const std::string& path, bool recursive, std::vector<std::string>& out) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    pathNotFound(path);
  }
  if (fs::is_directory(status)) {
    listDirectory(path, recursive, out);
  } else {
    out.push_back(path);
  }
}

// Matches a pattern (absolute, braces expanded) component by component.
void expandGlob(const std::string& pattern, std::vector<std::string>& matches) {
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= pattern.size()) {
    size_t slash = pattern.find('/', start);
    if (slash == std::string::npos) {
      slash = pattern.size();
    }
    if (slash > start) {
      parts.push_back(pattern.substr(start, slash - start));
    }
    start = slash + 1;
  }
  std::vector<std::string> current = {""};
  for (const auto& part : parts) {
    std::vector<std::string> next;
    for (const auto& base : current) {
      std::string dir = base.empty() ? "/" : base;
      if (!hasGlob(part)) {
        std::error_code ec;
        if (fs::exists(base + "/" + part, ec)) {
          next.push_back(base + "/" + part);
        }
        continue;
      }
      std::error_code ec;
      fs::directory_iterator it(dir, ec);
      if (ec) {
        continue;
      }
      for (const auto& entry : it) {
        std::string name = entry.path().filename().string();
        if (isHiddenFileName(name) && part[0] != name[0]) {
          continue;
        }
        if (fnmatch(part.c_str(), name.c_str(), FNM_PERIOD) == 0) {
          next.push_back(base + "/" + name);
        }
      }
    }
    current = std::move(next);
  }
  matches.insert(matches.end(), current.begin(), current.end());
}

}  // namespace

std::string qualifiedPath(const std::string& path) { return "file:" + absolutePath(path); }

bool isHiddenFileName(const std::string& name) {
  bool underscore = !name.empty() && name[0] == '_' && name.find('=') == std::string::npos;
  bool dot = !name.empty() && name[0] == '.';
  bool copying = name.size() >= 10 && name.compare(name.size() - 10, 10, "._COPYING_") == 0;
  return underscore || dot || copying;
}

std::vector<std::string> listDataFiles(const std::vector<std::string>& paths, bool recursive) {
  std::vector<std::string> out;
  for (const auto& raw : paths) {
    std::string path = absolutePath(raw);
    if (!hasGlob(path)) {
      addExisting(path, recursive, out);
      continue;
    }
    std::vector<std::string> patterns;
    expandBraces(path, patterns);
    std::vector<std::string> matches;
    for (const auto& p : patterns) {
      if (hasGlob(p)) {
        expandGlob(p, matches);
      } else {
        std::error_code ec;
        if (fs::exists(p, ec)) {
          matches.push_back(p);
        }
      }
    }
    if (matches.empty()) {
      pathNotFound(path);
    }
    for (const auto& m : matches) {
      addExisting(m, recursive, out);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// ---- InputFile ----

namespace {

bool endsWithGz(const std::string& path) {
  return path.size() >= 3 && strcasecmp(path.c_str() + path.size() - 3, ".gz") == 0;
}

}  // namespace

InputFile::InputFile(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      pathNotFound(path);
    }
    throwExternalError("FILE_READ_ERROR",
                       "Cannot open " + qualifiedPath(path) + ": " + std::strerror(errno));
  }
  if (endsWithGz(path)) {
    gzFile gz = gzdopen(fd_, "rb");
    if (gz == nullptr) {
      ::close(fd_);
      fd_ = -1;
      throwExternalError("FILE_READ_ERROR", "Cannot open gzip stream of " + qualifiedPath(path));
    }
    fd_ = -1;  // owned by the gz stream now
    gzbuffer(gz, 1 << 18);
    gz_ = gz;
  }
}

InputFile::~InputFile() {
  if (gz_ != nullptr) {
    gzclose_r(static_cast<gzFile>(gz_));
  }
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

size_t InputFile::read(char* out, size_t n) {
  if (n > static_cast<size_t>(INT_MAX / 2)) {
    n = INT_MAX / 2;
  }
  if (gz_ != nullptr) {
    int got = gzread(static_cast<gzFile>(gz_), out, static_cast<unsigned>(n));
    if (got < 0) {
      int code = 0;
      const char* msg = gzerror(static_cast<gzFile>(gz_), &code);
      throwUserError("FILE_READ_ERROR", "Corrupt gzip data in " + qualifiedPath(path_) + ": " +
                                            (msg != nullptr ? msg : "unknown error"));
    }
    return static_cast<size_t>(got);
  }
  while (true) {
    ssize_t got = ::read(fd_, out, n);
    if (got >= 0) {
      return static_cast<size_t>(got);
    }
    if (errno != EINTR) {
      throwExternalError("FILE_READ_ERROR",
                         "Cannot read " + qualifiedPath(path_) + ": " + std::strerror(errno));
    }
  }
}

std::string InputFile::readAll(size_t maxBytes) {
  std::string out;
  constexpr size_t kChunk = 1 << 20;
  while (true) {
    size_t old = out.size();
    out.resize(old + kChunk);
    size_t got = read(out.data() + old, kChunk);
    out.resize(old + got);
    if (got == 0) {
      return out;
    }
    if (out.size() > maxBytes) {
      throwUserError("FILE_TOO_LARGE", "File content exceeds the limit of " +
                                           std::to_string(maxBytes) +
                                           " bytes for a whole-file read: " + qualifiedPath(path_));
    }
  }
}

// ---- OutputFile ----

OutputFile::OutputFile(const std::string& path, bool gzip) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throwExternalError("FILE_WRITE_ERROR",
                       "Cannot create " + qualifiedPath(path) + ": " + std::strerror(errno));
  }
  if (gzip) {
    gzFile gz = gzdopen(fd_, "wb6");
    if (gz == nullptr) {
      ::close(fd_);
      fd_ = -1;
      throwExternalError("FILE_WRITE_ERROR", "Cannot open gzip stream for " + qualifiedPath(path));
    }
    fd_ = -1;
    gzbuffer(gz, 1 << 18);
    gz_ = gz;
  }
}

OutputFile::~OutputFile() {
  if (gz_ != nullptr) {
    gzclose_w(static_cast<gzFile>(gz_));
  }
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

void OutputFile::write(const char* data, size_t n) {
  while (n > 0) {
    size_t step = std::min<size_t>(n, 1 << 30);
    if (gz_ != nullptr) {
      int put = gzwrite(static_cast<gzFile>(gz_), data, static_cast<unsigned>(step));
      if (put <= 0) {
        throwExternalError("FILE_WRITE_ERROR", "Cannot write " + qualifiedPath(path_));
      }
      step = static_cast<size_t>(put);
    } else {
      ssize_t put = ::write(fd_, data, step);
      if (put < 0) {
        if (errno == EINTR) {
          continue;
        }
        throwExternalError("FILE_WRITE_ERROR",
                           "Cannot write " + qualifiedPath(path_) + ": " + std::strerror(errno));
      }
      step = static_cast<size_t>(put);
    }
    data += step;
    n -= step;
  }
}

void OutputFile::close() {
  if (gz_ != nullptr) {
    int rc = gzclose_w(static_cast<gzFile>(gz_));
    gz_ = nullptr;
    if (rc != Z_OK) {
      throwExternalError("FILE_WRITE_ERROR", "Cannot finish gzip stream of " + qualifiedPath(path_));
    }
  }
  if (fd_ >= 0) {
    int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) {
      throwExternalError("FILE_WRITE_ERROR",
                         "Cannot close " + qualifiedPath(path_) + ": " + std::strerror(errno));
    }
  }
}

bool gzipCodecFromOption(const std::string& value) {
  if (strcasecmp(value.c_str(), "gzip") == 0) {
    return true;
  }
  if (value.empty() || strcasecmp(value.c_str(), "none") == 0 ||
      strcasecmp(value.c_str(), "uncompressed") == 0) {
    return false;
  }
  throwUserError("CODEC_NOT_AVAILABLE",
                 "Codec [" + value +
                     "] is not available. Known codecs are none, uncompressed, gzip.");
}

}  // namespace rivulet
