#pragma once
// What operator new was asked for in this test program (see allocation_probe.cpp), so a test
// can bound what a decode allocates, not just how often.

#include <cstddef>

namespace mm::broker::test {

struct Allocations {
  std::size_t calls = 0;
  std::size_t bytes = 0;    // the sum of the sizes asked for
  std::size_t largest = 0;  // the largest single size asked for
};

// Starts a fresh record and returns the previous one.
Allocations take_allocations() noexcept;

template <typename F>
Allocations allocations_during(F&& f) {
  take_allocations();
  f();
  return take_allocations();
}

}  // namespace mm::broker::test
