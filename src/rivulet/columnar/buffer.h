// Buffer: an owning, growable, 64-byte-aligned byte buffer; new bytes are not initialised.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

namespace rivulet {

class Buffer {
 public:
  Buffer() = default;

  explicit Buffer(size_t size) { resize(size); }

  Buffer(const Buffer& other) { *this = other; }

  Buffer& operator=(const Buffer& other) {
    if (this != &other) {
      resize(other.size_);
      if (size_ > 0) {
        std::memcpy(data_.get(), other.data_.get(), size_);
      }
    }
    return *this;
  }

  Buffer(Buffer&&) noexcept = default;

  Buffer& operator=(Buffer&&) noexcept = default;

  uint8_t* data() { return data_.get(); }

  const uint8_t* data() const { return data_.get(); }

  template <typename T>
  T* as() {
    return reinterpret_cast<T*>(data_.get());
  }

  template <typename T>
  const T* as() const {
    return reinterpret_cast<const T*>(data_.get());
  }

  size_t size() const { return size_; }

  size_t capacity() const { return capacity_; }

  /// Resizes, keeping the first min(old, new) bytes.
  void resize(size_t size) {
    reserve(size);
    size_ = size;
  }

  void reserve(size_t capacity) {
    if (capacity <= capacity_) {
      return;
    }
    size_t newCapacity = capacity_ == 0 ? 64 : capacity_;
    while (newCapacity < capacity) {
      newCapacity *= 2;
    }
    void* p = std::aligned_alloc(64, (newCapacity + 63) / 64 * 64);
    if (p == nullptr) {
      throw std::bad_alloc();
    }
    if (size_ > 0) {
      std::memcpy(p, data_.get(), size_);
    }
    data_.reset(static_cast<uint8_t*>(p));
    capacity_ = newCapacity;
  }

  /// Appends bytes, growing geometrically.
  void append(const void* bytes, size_t n) {
    if (n == 0) {
      return;
    }
    reserve(size_ + n);
    std::memcpy(data_.get() + size_, bytes, n);
    size_ += n;
  }

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };

  std::unique_ptr<uint8_t, Free> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace rivulet
