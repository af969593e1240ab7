// Replaces the global operator new/delete of this test program with versions that count
// allocations, so a test can assert that a call allocated nothing.
#include <cstdlib>
#include <new>

#include "tests/unit/mqtt/alloc/counting_allocator.h"

namespace mm::mqtt::test {
std::size_t g_allocations = 0;
}

namespace {

void* counted(std::size_t n) {
  ++mm::mqtt::test::g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t n) {
  return counted(n);
}
void* operator new[](std::size_t n) {
  return counted(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  ++mm::mqtt::test::g_allocations;
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  ++mm::mqtt::test::g_allocations;
  return std::malloc(n ? n : 1);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
