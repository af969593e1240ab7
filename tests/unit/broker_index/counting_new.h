#pragma once
// Counts the calls to operator new made by this test program (see counting_new.cpp).

#include <cstddef>

namespace mm::broker::test {

std::size_t new_calls() noexcept;

// How many times operator new ran during f().
template <typename F>
std::size_t news_during(F&& f) {
  const std::size_t before = new_calls();
  f();
  return new_calls() - before;
}

}  // namespace mm::broker::test
