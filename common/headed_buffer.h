#pragma once
// One allocation holding a small header and then `cap` elements of T, suitably aligned: the
// storage of the containers that are a single pointer (Ring, CompactVector), which keep their
// counters in the header instead of in themselves.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>

namespace mm::common {

template <typename Header, typename T>
struct HeadedBuffer {
  static constexpr size_t kAlign = alignof(T) > alignof(Header) ? alignof(T) : alignof(Header);
  static constexpr size_t kSlotsAt = (sizeof(Header) + alignof(T) - 1) / alignof(T) * alignof(T);

  // Room for the header and `cap` elements; neither is constructed.
  static Header* allocate(uint32_t cap) {
    return static_cast<Header*>(
        ::operator new(kSlotsAt + sizeof(T) * cap, std::align_val_t(kAlign)));
  }
  static void free(Header* h) noexcept {
    if (h != nullptr) ::operator delete(h, std::align_val_t(kAlign));
  }
  static T* slots(Header* h) noexcept {
    return reinterpret_cast<T*>(reinterpret_cast<char*>(h) + kSlotsAt);
  }
  // Moves `n` elements into the unconstructed slots `to`, the i-th from `from(i)`, destroying
  // each source after its move (a container growing into a new buffer).
  template <typename From>
  static void relocate(T* to, uint32_t n, From&& from) {
    for (uint32_t i = 0; i < n; ++i) {
      T& source = from(i);
      ::new (static_cast<void*>(&to[i])) T(std::move(source));
      std::destroy_at(&source);
    }
  }
};

}  // namespace mm::common
