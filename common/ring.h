#pragma once
// A double-ended queue in one ring buffer that allocates nothing until its first element.
//
// It replaces std::deque where most instances stay empty: libstdc++'s deque allocates a map
// and a 512-byte node on construction, which for a session's in-flight window and queue was
// over 1 KiB per idle connection. The capacity is a power of two that doubles when full and
// is kept while in use; a ring that grew past kKeepCapacity gives its storage back when it
// empties, so one burst does not pin memory for the life of a session. Elements move when it
// grows, so references are stable only until the next push.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <new>
#include <utility>

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

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  size_t capacity() const { return cap_; }

  T& operator[](size_t i) { return slots_[(head_ + i) & (cap_ - 1)]; }
  const T& operator[](size_t i) const { return slots_[(head_ + i) & (cap_ - 1)]; }
  T& front() { return (*this)[0]; }
  const T& front() const { return (*this)[0]; }
  T& back() { return (*this)[size_ - 1]; }
  const T& back() const { return (*this)[size_ - 1]; }

  iterator begin() { return {this, 0}; }
  iterator end() { return {this, size_}; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == cap_) grow();
    T* slot = &slots_[(head_ + size_) & (cap_ - 1)];
    ::new (static_cast<void*>(slot)) T(std::forward<Args>(args)...);
    ++size_;
    return *slot;
  }
  void push_back(T&& v) { emplace_back(std::move(v)); }
  void push_back(const T& v) { emplace_back(v); }

  void pop_front() {
    std::destroy_at(&front());
    head_ = (head_ + 1) & (cap_ - 1);
    if (--size_ == 0) emptied();
  }
  void pop_back() {
    std::destroy_at(&back());
    if (--size_ == 0) emptied();
  }

  // Removes one element, keeping the order of the rest; returns the position after it.
  iterator erase(const_iterator pos) {
    size_t i = pos.index();
    if (i < size_ / 2) {
      for (size_t k = i; k > 0; --k) (*this)[k] = std::move((*this)[k - 1]);
      pop_front();
      return {this, i};
    }
    for (size_t k = i; k + 1 < size_; ++k) (*this)[k] = std::move((*this)[k + 1]);
    pop_back();
    return {this, i};
  }

  // Default-constructed elements up to n, or the first n kept.
  void resize(size_t n) {
    while (size_ > n) pop_back();
    while (size_ < n) emplace_back();
  }

  void clear() {
    while (size_ > 0) pop_back();
  }

  void swap(Ring& o) noexcept {
    std::swap(slots_, o.slots_);
    std::swap(cap_, o.cap_);
    std::swap(head_, o.head_);
    std::swap(size_, o.size_);
  }

 private:
  void grow() {
    uint32_t cap = cap_ == 0 ? 4 : cap_ * 2;
    T* slots = static_cast<T*>(::operator new(sizeof(T) * cap, std::align_val_t(alignof(T))));
    for (uint32_t i = 0; i < size_; ++i) {
      ::new (static_cast<void*>(&slots[i])) T(std::move((*this)[i]));
      std::destroy_at(&(*this)[i]);
    }
    release();
    slots_ = slots;
    cap_ = cap;
    head_ = 0;
  }
  void emptied() {
    head_ = 0;
    if (cap_ > kKeepCapacity) release();
  }
  void release() {
    if (slots_ != nullptr) ::operator delete(slots_, std::align_val_t(alignof(T)));
    slots_ = nullptr;
    cap_ = 0;
    head_ = 0;
  }

  T* slots_ = nullptr;
  uint32_t cap_ = 0;
  uint32_t head_ = 0;
  uint32_t size_ = 0;
};

}  // namespace mm::common
