#pragma once
// A vector that is one pointer: its size and capacity live at the start of its buffer, so an
// empty one costs 8 bytes where std::vector costs 24, and it allocates nothing until its first
// element. For vectors that are members of something numerous and usually short (a topic
// trie's nodes, a filter's subscribers): the 16 bytes saved are per node. Contiguous; only
// appends and removals at the end, like the uses it serves.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <span>
#include <utility>

#include "common/headed_buffer.h"

namespace mm::common {

template <typename T>
class CompactVector {
 public:
  CompactVector() = default;
  CompactVector(const CompactVector&) = delete;
  CompactVector& operator=(const CompactVector&) = delete;
  CompactVector(CompactVector&& o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
  CompactVector& operator=(CompactVector&& o) noexcept {
    CompactVector(std::move(o)).swap(*this);
    return *this;
  }
  ~CompactVector() {
    clear();
    release();
  }

  size_t size() const { return h_ == nullptr ? 0 : h_->size; }
  size_t capacity() const { return h_ == nullptr ? 0 : h_->cap; }
  bool empty() const { return size() == 0; }

  T* data() { return h_ == nullptr ? nullptr : slots(); }
  const T* data() const { return h_ == nullptr ? nullptr : slots(); }
  T* begin() { return data(); }
  T* end() { return data() + size(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  T& operator[](size_t i) { return slots()[i]; }
  const T& operator[](size_t i) const { return slots()[i]; }
  T& back() { return slots()[h_->size - 1]; }
  const T& back() const { return slots()[h_->size - 1]; }
  operator std::span<const T>() const { return {data(), size()}; }  // NOLINT: implicit

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size() == capacity()) grow();
    T* slot = slots() + h_->size;
    ::new (static_cast<void*>(slot)) T(std::forward<Args>(args)...);
    ++h_->size;
    return *slot;
  }
  void push_back(T&& v) { emplace_back(std::move(v)); }
  void push_back(const T& v) { emplace_back(v); }
  void pop_back() {
    std::destroy_at(&back());
    --h_->size;
  }
  // Destroys the elements, keeping the storage (as std::vector does).
  void clear() {
    while (!empty()) pop_back();
  }
  // Gives the storage back when empty.
  void shrink_to_fit() {
    if (empty()) release();
  }
  void swap(CompactVector& o) noexcept { std::swap(h_, o.h_); }

 private:
  struct Header {
    uint32_t size;
    uint32_t cap;
  };
  using Buffer = HeadedBuffer<Header, T>;

  T* slots() const { return Buffer::slots(h_); }

  // Doubles from one element, as libstdc++'s vector does.
  void grow() {
    uint32_t size = h_ == nullptr ? 0 : h_->size;
    uint32_t cap = h_ == nullptr ? 1 : h_->cap * 2;
    Header* h = Buffer::allocate(cap);
    *h = Header{size, cap};
    Buffer::relocate(Buffer::slots(h), size, [this](uint32_t i) -> T& { return slots()[i]; });
    release();
    h_ = h;
  }
  void release() {
    Buffer::free(h_);
    h_ = nullptr;
  }

  Header* h_ = nullptr;  // and the elements after it; nullptr until the first one
};

}  // namespace mm::common
