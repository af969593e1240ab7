#pragma once
// Allocation counter of the test program that links counting_allocator.cpp.

#include <cstddef>

namespace mm::mqtt::test {

extern std::size_t g_allocations;

// Number of operator new calls made while running f().
template <class F>
std::size_t allocations_during(F&& f) {
  std::size_t before = g_allocations;
  f();
  return g_allocations - before;
}

}  // namespace mm::mqtt::test
