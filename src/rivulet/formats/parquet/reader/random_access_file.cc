#include "rivulet/formats/parquet/reader/random_access_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "rivulet/common/error.h"

namespace rivulet::parquet {

RandomAccessFile::RandomAccessFile(std::string path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    int err = errno;
    if (err == ENOENT) {
      throwUserError("PATH_NOT_FOUND", "Path does not exist: " + path_);
    }
    throwExternalError("FAILED_READ_FILE", "Cannot open " + path_ + ": " + std::strerror(err));
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throwUserError("FAILED_READ_FILE", "Not a regular file: " + path_);
  }
  size_ = static_cast<uint64_t>(st.st_size);
}

RandomAccessFile::~RandomAccessFile() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

void RandomAccessFile::readAt(uint64_t offset, uint64_t n, Buffer& out) const {
  out.resize(n);
  readAt(offset, n, out.data());
}

void RandomAccessFile::readAt(uint64_t offset, uint64_t n, uint8_t* out) const {
  if (offset > size_ || n > size_ - offset) {
    throwUserError("FAILED_READ_FILE",
                   "Read of " + std::to_string(n) + " bytes at offset " + std::to_string(offset) +
                       " is past the end of " + path_ + " (" + std::to_string(size_) + " bytes)");
  }
  uint64_t done = 0;
  while (done < n) {
    ssize_t r = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0) {
      if (errno == EINTR) {
        continue;
      }
      throwExternalError("FAILED_READ_FILE", "Read error in " + path_ + ": " + std::strerror(errno));
    }
    if (r == 0) {
      throwExternalError("FAILED_READ_FILE", "Unexpected end of " + path_);
    }
    done += static_cast<uint64_t>(r);
  }
}

}  // namespace rivulet::parquet
