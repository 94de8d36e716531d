#include "rivulet/common/fs/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rivulet/common/error.h"

namespace rivulet::fs {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throwExternalError("FILE_WRITE_ERROR", what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

void syncDirectory(const std::string& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

void syncFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return;
    }
    fail("Cannot open", path);
  }
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    errno = err;
    fail("Cannot sync", path);
  }
  ::close(fd);
}

bool writeFileAtomically(const std::string& path,
                         const std::string& content,
                         bool overwrite,
                         Durability durability) {
  const bool sync = durability == Durability::kSynced;
  static std::atomic<uint64_t> counter{0};
  std::filesystem::path target(path);
  std::string dir = target.parent_path().string();
  std::error_code ec;
  if (!dir.empty()) {
    std::filesystem::create_directories(dir, ec);
  }
  std::string tmp = (target.parent_path() / ("." + target.filename().string() + "." + std::to_string(::getpid()) + "." +
                                             std::to_string(counter.fetch_add(1)) + ".tmp"))
                        .string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fail("Cannot create", tmp);
  }
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      ::close(fd);
      ::unlink(tmp.c_str());
      fail("Cannot write", tmp);
    }
    written += static_cast<size_t>(n);
  }
  if ((sync && ::fsync(fd) != 0) || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    fail("Cannot sync", tmp);
  }
  if (overwrite) {
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      ::unlink(tmp.c_str());
      fail("Cannot rename into", path);
    }
  } else {
    // link() fails when the target exists: the first writer wins.
    if (::link(tmp.c_str(), path.c_str()) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      if (err == EEXIST) {
        return false;
      }
      errno = err;
      fail("Cannot create", path);
    }
    ::unlink(tmp.c_str());
  }
  if (sync) {
    syncDirectory(dir);
  }
  return true;
}

std::string readWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throwExternalError("FILE_READ_ERROR", "Cannot read " + path + ": " + std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace rivulet::fs
