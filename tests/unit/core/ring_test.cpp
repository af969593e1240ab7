#include "common/ring.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

using mm::common::Ring;

namespace {

template <typename T>
std::vector<T> items(const Ring<T>& r) {
  return std::vector<T>(r.begin(), r.end());
}

}  // namespace

TEST_CASE("Ring: an empty ring holds no storage, and its first element allocates it") {
  // One pointer: the capacity, head and size live in the buffer (a session has two rings).
  static_assert(sizeof(Ring<std::string>) == sizeof(void*));
  static_assert(sizeof(Ring<uint16_t>) == sizeof(void*));
  Ring<std::string> r;
  CHECK(r.empty());
  CHECK(r.capacity() == 0);
  CHECK(r.begin() == r.end());
  r.emplace_back("a");
  CHECK(r.capacity() > 0);
  CHECK(r.front() == "a");
}

TEST_CASE("Ring: first in, first out across wrap-around and growth") {
  Ring<int> r;
  int next_in = 0, next_out = 0;
  // Keep 3 in the ring while cycling, so head wraps around the 4-slot storage many times.
  for (int i = 0; i < 3; ++i) r.push_back(next_in++);
  for (int i = 0; i < 50; ++i) {
    r.push_back(next_in++);
    CHECK(r.front() == next_out);
    r.pop_front();
    ++next_out;
  }
  CHECK(r.capacity() == 4);
  // Grow while the contents wrap: order must survive the move to new storage.
  for (int i = 0; i < 10; ++i) r.push_back(next_in++);
  std::vector<int> expected;
  for (int v = next_out; v < next_in; ++v) expected.push_back(v);
  CHECK(items(r) == expected);
  CHECK(r.back() == next_in - 1);
  CHECK(r[2] == next_out + 2);
}

TEST_CASE("Ring: erase keeps the order of the rest, near either end") {
  Ring<int> r;
  for (int i = 0; i < 8; ++i) r.push_back(i);
  r.pop_front();
  r.push_back(8);                    // wrapped: 1..8
  auto it = r.erase(r.begin() + 1);  // front half
  CHECK(*it == 3);
  it = r.erase(r.begin() + 5);  // back half
  CHECK(*it == 8);
  CHECK(items(r) == std::vector<int>{1, 3, 4, 5, 6, 8});
  it = r.erase(r.end() - 1);
  CHECK(it == r.end());
  it = r.erase(r.begin());
  CHECK(*it == 3);
  CHECK(items(r) == std::vector<int>{3, 4, 5, 6});
}

TEST_CASE("Ring: behaves as std::deque under random operations") {
  std::mt19937 rng(7);
  Ring<std::string> r;
  std::deque<std::string> d;
  for (int step = 0; step < 20000; ++step) {
    switch (rng() % 5) {
      case 0:
      case 1: {
        std::string v = "value-" + std::to_string(step) + std::string(step % 40, 'x');
        r.push_back(v);
        d.push_back(v);
        break;
      }
      case 2:
        if (!d.empty()) r.pop_front(), d.pop_front();
        break;
      case 3:
        if (!d.empty()) r.pop_back(), d.pop_back();
        break;
      case 4:
        if (!d.empty()) {
          size_t i = rng() % d.size();
          r.erase(r.begin() + static_cast<long>(i));
          d.erase(d.begin() + static_cast<long>(i));
        }
        break;
    }
    REQUIRE(r.size() == d.size());
    if (!d.empty() && step % 7 == 0) {
      // find_if walks the storage's runs in order: the first match, at the deque's position.
      const std::string& want = d[rng() % d.size()];
      const auto at = std::find(d.begin(), d.end(), want) - d.begin();
      std::string* found = r.find_if([&](const std::string& v) { return v == want; });
      REQUIRE(found != nullptr);
      CHECK(*found == want);
      CHECK(r.index_of(found) == static_cast<size_t>(at));
      CHECK(r.find_if([](const std::string& v) { return v.empty(); }) == nullptr);
    }
  }
  CHECK(std::equal(r.begin(), r.end(), d.begin(), d.end()));
}

TEST_CASE("Ring: destroys what it holds, and gives back a large storage when emptied") {
  auto token = std::make_shared<int>(1);
  {
    Ring<std::shared_ptr<int>> r;
    for (int i = 0; i < 100; ++i) r.push_back(token);
    CHECK(token.use_count() == 101);
    CHECK(r.capacity() == 128);
    r.erase(r.begin() + 10);
    CHECK(token.use_count() == 100);
    while (r.size() > 1) r.pop_front();
    CHECK(r.capacity() == 128);
    r.pop_back();
    CHECK(token.use_count() == 1);
    CHECK(r.capacity() == 0);  // over kKeepCapacity: released
    for (int i = 0; i < 5; ++i) r.push_back(token);
    r.clear();
    CHECK(r.capacity() == 8);  // small: kept for the next burst
    for (int i = 0; i < 5; ++i) r.push_back(token);
  }
  CHECK(token.use_count() == 1);  // the destructor released the last five
}

TEST_CASE("Ring: moves leave the source empty, resize fills with default values") {
  Ring<std::string> a;
  a.push_back("x");
  a.push_back("y");
  Ring<std::string> b(std::move(a));
  CHECK(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is specified
  CHECK(a.capacity() == 0);
  CHECK(items(b) == std::vector<std::string>{"x", "y"});
  a = std::move(b);
  CHECK(items(a) == std::vector<std::string>{"x", "y"});
  a.resize(4);
  CHECK(items(a) == std::vector<std::string>{"x", "y", "", ""});
  a.resize(1);
  CHECK(items(a) == std::vector<std::string>{"x"});
}

TEST_CASE("Ring: over-aligned elements are aligned after the header in the buffer") {
  struct alignas(32) Wide {
    int v = 0;
  };
  Ring<Wide> r;
  for (int i = 0; i < 40; ++i) {
    r.emplace_back().v = i;
    CHECK(reinterpret_cast<uintptr_t>(&r.back()) % 32 == 0);
  }
  for (int i = 0; i < 40; ++i) {
    CHECK(r.front().v == i);
    r.pop_front();
  }
  CHECK(r.empty());
}
