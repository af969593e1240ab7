// The global operator new of unit_broker_index, counted. The array and nothrow forms of the
// standard library call this one, and every delete form ends in free().
#include <cstdlib>
#include <new>

#include "tests/unit/broker_index/counting_new.h"

namespace {
std::size_t g_new_calls = 0;
}

std::size_t mm::broker::test::new_calls() noexcept {
  return g_new_calls;
}

void* operator new(std::size_t size) {
  ++g_new_calls;
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void operator delete(void* p) noexcept {
  std::free(p);
}

void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
