#pragma once
// The harnesses' assertion: a broken invariant must crash, so that libFuzzer saves the input
// and the corpus replay test fails. Active in every build type (no NDEBUG dependence).

#include <cstdio>
#include <cstdlib>

namespace mm::fuzz {

inline void require(bool ok, const char* invariant) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", invariant);
  std::abort();
}

}  // namespace mm::fuzz
