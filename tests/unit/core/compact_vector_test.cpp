#include "common/compact_vector.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

using mm::common::CompactVector;

TEST_CASE("CompactVector: one pointer, nothing allocated until the first element") {
  static_assert(sizeof(CompactVector<std::string>) == sizeof(void*));
  CompactVector<std::string> v;
  CHECK(v.empty());
  CHECK(v.capacity() == 0);
  CHECK(v.begin() == v.end());
  v.emplace_back("a");
  CHECK(v.capacity() == 1);
  CHECK(v.back() == "a");
}

TEST_CASE("CompactVector: behaves as std::vector under appends and removals at the end") {
  std::mt19937 rng(3);
  CompactVector<std::string> v;
  std::vector<std::string> model;
  for (int i = 0; i < 20000; ++i) {
    if (model.empty() || rng() % 3 != 0) {
      std::string s = "value that does not fit in place " + std::to_string(i);
      v.push_back(s);
      model.push_back(s);
    } else {
      size_t at = rng() % model.size();  // swap-with-back removal, as the users do
      if (at + 1 != model.size()) {
        v[at] = std::move(v.back());
        model[at] = std::move(model.back());
      }
      v.pop_back();
      model.pop_back();
    }
    REQUIRE(v.size() == model.size());
  }
  CHECK(std::vector<std::string>(v.begin(), v.end()) == model);
  std::span<const std::string> s = v;
  CHECK(s.size() == model.size());
}

TEST_CASE("CompactVector: owns move-only elements, destroys them, gives storage back") {
  auto counter = std::make_shared<int>(0);
  {
    CompactVector<std::shared_ptr<int>> v;
    for (int i = 0; i < 9; ++i) v.push_back(counter);
    CHECK(counter.use_count() == 10);
    CompactVector<std::shared_ptr<int>> moved(std::move(v));
    CHECK(v.empty());
    CHECK(moved.size() == 9);
    moved.pop_back();
    CHECK(counter.use_count() == 9);
    moved.clear();
    CHECK(counter.use_count() == 1);
    CHECK(moved.capacity() > 0);  // clear keeps the storage
    moved.shrink_to_fit();
    CHECK(moved.capacity() == 0);
    for (int i = 0; i < 3; ++i) moved.push_back(counter);
  }
  CHECK(counter.use_count() == 1);  // the destructor released the rest
  CompactVector<std::unique_ptr<int>> owners;
  for (int i = 0; i < 5; ++i) owners.push_back(std::make_unique<int>(i));
  for (int i = 0; i < 5; ++i) CHECK(*owners[i] == i);
}

TEST_CASE("CompactVector: over-aligned elements are aligned after the header") {
  struct alignas(32) Wide {
    int v = 0;
  };
  CompactVector<Wide> v;
  for (int i = 0; i < 20; ++i) {
    v.emplace_back().v = i;
    CHECK(reinterpret_cast<uintptr_t>(v.data()) % 32 == 0);
  }
  for (int i = 0; i < 20; ++i) CHECK(v[i].v == i);
}
