#include "rivulet/formats/file_listing.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <string_view>
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

// ---- file sink log ----

namespace {

// One flat JSON object of a log line: keys to raw values (strings unescaped, other scalars as
// written). nullopt when the line is not such an object.
std::optional<std::vector<std::pair<std::string, std::string>>> parseFlatObject(
    std::string_view s) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  auto skipSpace = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) {
      ++i;
    }
  };
  auto parseString = [&](std::string& into) -> bool {
    if (i >= s.size() || s[i] != '"') {
      return false;
    }
    for (++i; i < s.size(); ++i) {
      char c = s[i];
      if (c == '"') {
        ++i;
        return true;
      }
      if (c != '\\') {
        into += c;
        continue;
      }
      if (++i >= s.size()) {
        return false;
      }
      switch (s[i]) {
        case 'n':
          into += '\n';
          break;
        case 't':
          into += '\t';
          break;
        case 'r':
          into += '\r';
          break;
        case 'b':
          into += '\b';
          break;
        case 'f':
          into += '\f';
          break;
        case 'u': {
          if (i + 4 >= s.size()) {
            return false;
          }
          unsigned cp = 0;
          for (int k = 1; k <= 4; ++k) {
            char h = s[i + k];
            cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(h))
                                ? h - '0'
                                : (std::tolower(h) - 'a' + 10));
          }
          i += 4;
          if (cp < 0x80) {
            into += static_cast<char>(cp);
          } else if (cp < 0x800) {
            into += static_cast<char>(0xC0 | (cp >> 6));
            into += static_cast<char>(0x80 | (cp & 0x3F));
          } else {
            into += static_cast<char>(0xE0 | (cp >> 12));
            into += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            into += static_cast<char>(0x80 | (cp & 0x3F));
          }
          break;
        }
        default:
          into += s[i];
      }
    }
    return false;
  };
  skipSpace();
  if (i >= s.size() || s[i++] != '{') {
    return std::nullopt;
  }
  skipSpace();
  if (i < s.size() && s[i] == '}') {
    return out;
  }
  while (true) {
    skipSpace();
    std::string key;
    std::string value;
    if (!parseString(key)) {
      return std::nullopt;
    }
    skipSpace();
    if (i >= s.size() || s[i++] != ':') {
      return std::nullopt;
    }
    skipSpace();
    if (i < s.size() && s[i] == '"') {
      if (!parseString(value)) {
        return std::nullopt;
      }
    } else {
      size_t start = i;
      while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ' ') {
        ++i;
      }
      value = std::string(s.substr(start, i - start));
      if (value.empty()) {
        return std::nullopt;
      }
    }
    out.emplace_back(std::move(key), std::move(value));
    skipSpace();
    if (i >= s.size()) {
      return std::nullopt;
    }
    if (s[i] == '}') {
      return out;
    }
    if (s[i++] != ',') {
      return std::nullopt;
    }
  }
}

const std::string* findField(const std::vector<std::pair<std::string, std::string>>& fields,
                             const char* key) {
  for (const auto& [k, v] : fields) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

int64_t toInt64(const std::string* text) {
  if (text == nullptr || text->empty() || text->size() > 19) {
    return 0;
  }
  int64_t v = 0;
  bool negative = (*text)[0] == '-';
  for (size_t k = negative ? 1 : 0; k < text->size(); ++k) {
    char c = (*text)[k];
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return 0;
    }
    v = v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

struct LogEntryName {
  int64_t id;
  std::string name;
  bool compact;
};

std::vector<LogEntryName> logEntries(const fs::path& dir) {
  std::vector<LogEntryName> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    std::string digits = name;
    bool compact = digits.size() > 8 && digits.compare(digits.size() - 8, 8, ".compact") == 0;
    if (compact) {
      digits.resize(digits.size() - 8);
    }
    if (digits.empty() || digits.size() > 18 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        })) {
      continue;
    }
    out.push_back({std::stoll(digits), name, compact});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

}  // namespace

namespace {

// One listing and reading of the log; `vanished` when a listed entry was gone when read (a
// compaction deleted it meanwhile).
std::vector<SinkLogFile> readSinkLogOnce(const fs::path& logDir, bool& vanished) {
  std::vector<LogEntryName> entries = logEntries(logDir);
  size_t first = 0;
  for (size_t k = 0; k < entries.size(); ++k) {
    if (entries[k].compact) {
      first = k;
    }
  }
  std::vector<SinkLogFile> files;
  std::vector<std::string> deleted;
  for (size_t k = first; k < entries.size(); ++k) {
    std::string file = (logDir / entries[k].name).string();
    std::string content;
    try {
      content = InputFile(file).readAll(size_t{1} << 32);
    } catch (const Error&) {
      std::error_code gone;
      if (!fs::exists(file, gone)) {
        vanished = true;
        return {};
      }
      throw;
    }
    size_t newline = content.find('\n');
    std::string version = content.substr(0, newline);
    std::string_view rest = newline == std::string::npos
                                ? std::string_view()
                                : std::string_view(content).substr(newline + 1);
    std::string versionDigits = version.size() > 1 ? version.substr(1) : "";
    int64_t v = toInt64(&versionDigits);
    if (version.empty() || version[0] != 'v' || v <= 0) {
      throwUserError(
          "MALFORMED_LOG_FILE",
          "Log file was malformed: failed to read correct log version from " + qualifiedPath(file));
    }
    if (v > 1) {
      throwUserError("UNSUPPORTED_LOG_VERSION",
                     "The log file " + qualifiedPath(file) + " was produced by a newer version (v" +
                         std::to_string(v) + "); this version reads up to v1.");
    }
    size_t lineNo = 1;
    while (!rest.empty()) {
      size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      ++lineNo;
      if (line.empty()) {
        continue;
      }
      auto fields = parseFlatObject(line);
      const std::string* path = fields ? findField(*fields, "path") : nullptr;
      if (path == nullptr) {
        throwUserError("MALFORMED_LOG_FILE",
                       "Malformed entry in the file sink log " + qualifiedPath(file) + ", line " +
                           std::to_string(lineNo) +
                           ": expected a JSON object with a \"path\", found '" +
                           std::string(line.substr(0, 80)) + "'");
      }
      const std::string* action = findField(*fields, "action");
      const std::string* isDir = findField(*fields, "isDir");
      if (action != nullptr && *action == "delete") {
        deleted.push_back(localPathOfUri(*path));
        continue;
      }
      if (isDir != nullptr && *isDir == "true") {
        continue;
      }
      files.push_back({localPathOfUri(*path),
                       toInt64(findField(*fields, "size")),
                       toInt64(findField(*fields, "modificationTime"))});
    }
  }
  if (!deleted.empty()) {
    std::sort(deleted.begin(), deleted.end());
    files.erase(std::remove_if(files.begin(),
                               files.end(),
                               [&](const SinkLogFile& f) {
                                 return std::binary_search(deleted.begin(), deleted.end(), f.path);
                               }),
                files.end());
  }
  return files;
}

}  // namespace

std::optional<std::vector<SinkLogFile>> readFileSinkLog(const std::string& dir) {
  std::error_code ec;
  fs::path logDir = fs::path(dir) / "_spark_metadata";
  if (!fs::is_directory(dir, ec) || !fs::is_directory(logDir, ec)) {
    return std::nullopt;
  }
  // The sink may compact and delete entries while this reads: list again, as Spark's readers do.
  for (int attempt = 0; attempt < 10; ++attempt) {
    bool vanished = false;
    std::vector<SinkLogFile> files = readSinkLogOnce(logDir, vanished);
    if (!vanished) {
      return files;
    }
  }
  throwExternalError("FILE_LOG_CHANGED", "The log " + qualifiedPath(logDir.string()) +
                                             " kept changing while it was read (entries deleted by a compaction)");
}

std::string fileUri(const std::string& absolutePath) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "file:";
  for (unsigned char c : absolutePath) {
    bool keep = std::isalnum(c) || c >= 0x80 || std::strchr("/-_.!~*'(),;:$&+=@", c) != nullptr;
    if (keep && c != 0) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string localPathOfUri(const std::string& uri) {
  std::string p = uri;
  if (p.rfind("file://", 0) == 0) {
    p = p.substr(7);
  } else if (p.rfind("file:", 0) == 0) {
    p = p.substr(5);
  }
  std::string out;
  for (size_t k = 0; k < p.size(); ++k) {
    if (p[k] == '%' && k + 2 < p.size() && std::isxdigit(static_cast<unsigned char>(p[k + 1])) &&
        std::isxdigit(static_cast<unsigned char>(p[k + 2]))) {
      out += static_cast<char>(std::stoi(p.substr(k + 1, 2), nullptr, 16));
      k += 2;
    } else {
      out += p[k];
    }
  }
  return out;
}

bool isHiddenFileName(const std::string& name) {
  bool underscore = !name.empty() && name[0] == '_' && name.find('=') == std::string::npos;
  bool dot = !name.empty() && name[0] == '.';
  bool copying = name.size() >= 10 && name.compare(name.size() - 10, 10, "._COPYING_") == 0;
  return underscore || dot || copying;
}

std::vector<std::string> listDataFiles(const std::vector<std::string>& paths, bool recursive) {
  std::vector<std::string> out;
  if (paths.size() == 1 && !hasGlob(paths[0])) {
    if (auto logged = readFileSinkLog(absolutePath(paths[0]))) {
      for (auto& f : *logged) {
        out.push_back(std::move(f.path));
      }
      return out;
    }
  }
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
