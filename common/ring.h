#pragma once
// A double-ended queue in one ring buffer that allocates nothing until its first element.
// The ring itself is one pointer: its capacity, head and size live at the start of the
// buffer, so an empty ring costs 8 bytes (a session has two).
//
// It replaces std::deque where most instances stay empty: libstdc++'s deque allocates a map
// and a 512-byte node on construction, which for a session's in-flight window and queue was
// over 1 KiB per idle connection. The capacity is a power of two that doubles when full and
// is kept while in use; a ring that grew past kKeepCapacity gives its storage back when it
// empties, so one burst does not pin memory for the life of a session. Elements move when it
// grows, so references are stable only until the next push.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <new>
#include <utility>

#include "common/headed_buffer.h"

namespace mm::common {

template <typename T>
class Ring {
  template <typename R, typename V>
  class Iter {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = V*;
    using reference = V&;

    Iter() = default;
    Iter(R* ring, size_t i) : ring_(ring), i_(i) {}
    operator Iter<const Ring, const T>() const { return {ring_, i_}; }  // NOLINT: implicit

    reference operator*() const { return (*ring_)[i_]; }
    pointer operator->() const { return &(*ring_)[i_]; }
    reference operator[](difference_type n) const { return (*ring_)[i_ + n]; }
    Iter& operator++() { return ++i_, *this; }
    Iter& operator--() { return --i_, *this; }
    Iter operator++(int) { return {ring_, i_++}; }
    Iter operator--(int) { return {ring_, i_--}; }
    Iter& operator+=(difference_type n) { return i_ += n, *this; }
    Iter& operator-=(difference_type n) { return i_ -= n, *this; }
    friend Iter operator+(Iter a, difference_type n) { return a += n; }
    friend Iter operator+(difference_type n, Iter a) { return a += n; }
    friend Iter operator-(Iter a, difference_type n) { return a -= n; }
    friend difference_type operator-(const Iter& a, const Iter& b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const Iter& a, const Iter& b) { return a.i_ == b.i_; }
    friend auto operator<=>(const Iter& a, const Iter& b) { return a.i_ <=> b.i_; }
    size_t index() const { return i_; }

   private:
    R* ring_ = nullptr;
    size_t i_ = 0;
  };

 public:
  using value_type = T;
  using iterator = Iter<Ring, T>;
  using const_iterator = Iter<const Ring, const T>;

  // Storage above this many elements is released when the ring empties.
  static constexpr uint32_t kKeepCapacity = 64;

  Ring() = default;
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;
  Ring(Ring&& o) noexcept { swap(o); }
  Ring& operator=(Ring&& o) noexcept {
    Ring(std::move(o)).swap(*this);
    return *this;
  }
  ~Ring() {
    clear();
    release();
  }

  bool empty() const { return h_ == nullptr || h_->size == 0; }
  size_t size() const { return h_ == nullptr ? 0 : h_->size; }
  size_t capacity() const { return h_ == nullptr ? 0 : h_->cap; }

  T& operator[](size_t i) { return slots()[(h_->head + i) & (h_->cap - 1)]; }
  const T& operator[](size_t i) const { return slots()[(h_->head + i) & (h_->cap - 1)]; }
  T& front() { return (*this)[0]; }
  const T& front() const { return (*this)[0]; }
  T& back() { return (*this)[h_->size - 1]; }
  const T& back() const { return (*this)[h_->size - 1]; }

  iterator begin() { return {this, 0}; }
  iterator end() { return {this, size()}; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size() == capacity()) grow();
    T* slot = &slots()[(h_->head + h_->size) & (h_->cap - 1)];
    ::new (static_cast<void*>(slot)) T(std::forward<Args>(args)...);
    ++h_->size;
    return *slot;
  }
  void push_back(T&& v) { emplace_back(std::move(v)); }
  void push_back(const T& v) { emplace_back(v); }

  void pop_front() {
    std::destroy_at(&front());
    h_->head = (h_->head + 1) & (h_->cap - 1);
    if (--h_->size == 0) emptied();
  }
  void pop_back() {
    std::destroy_at(&back());
    if (--h_->size == 0) emptied();
  }

  // The first element, in order, for which pred(element) is true, or null. Walks the storage's
  // one or two runs directly (a session's in-flight window is searched for every ack).
  template <typename Pred>
  T* find_if(Pred&& pred) {
    if (empty()) return nullptr;
    T* s = slots();
    const size_t head = h_->head;
    const size_t n = h_->size;
    const size_t first = std::min<size_t>(n, h_->cap - head);
    for (size_t i = head; i < head + first; ++i) {
      if (pred(s[i])) return &s[i];
    }
    for (size_t i = 0; i < n - first; ++i) {
      if (pred(s[i])) return &s[i];
    }
    return nullptr;
  }
  // The position of an element of this ring, from its address.
  size_t index_of(const T* element) const {
    return static_cast<size_t>(element - slots() - h_->head) & (h_->cap - 1);
  }

  // Removes one element, keeping the order of the rest; returns the position after it.
  iterator erase(const_iterator pos) {
    size_t i = pos.index();
    if (i < size() / 2) {
      for (size_t k = i; k > 0; --k) (*this)[k] = std::move((*this)[k - 1]);
      pop_front();
      return {this, i};
    }
    for (size_t k = i; k + 1 < size(); ++k) (*this)[k] = std::move((*this)[k + 1]);
    pop_back();
    return {this, i};
  }

  // Default-constructed elements up to n, or the first n kept.
  void resize(size_t n) {
    while (size() > n) pop_back();
    while (size() < n) emplace_back();
  }

  void clear() {
    while (size() > 0) pop_back();
  }

  void swap(Ring& o) noexcept { std::swap(h_, o.h_); }

 private:
  struct Header {
    uint32_t cap;
    uint32_t head;
    uint32_t size;
  };
  using Buffer = HeadedBuffer<Header, T>;

  T* slots() const { return Buffer::slots(h_); }

  void grow() {
    uint32_t size = h_ == nullptr ? 0 : h_->size;
    uint32_t cap = h_ == nullptr ? 4 : h_->cap * 2;
    Header* h = Buffer::allocate(cap);
    *h = Header{cap, 0, size};
    // In logical order, so the new buffer starts at its head.
    Buffer::relocate(Buffer::slots(h), size, [this](uint32_t i) -> T& { return (*this)[i]; });
    release();
    h_ = h;
  }
  void emptied() {
    h_->head = 0;
    if (h_->cap > kKeepCapacity) release();
  }
  void release() {
    Buffer::free(h_);
    h_ = nullptr;
  }

  Header* h_ = nullptr;  // and the slots after it; nullptr until the first element
};

}  // namespace mm::common
