// FilterTrie::match and RetainedStore::match against mm::mqtt::topic_matches, the tested
// reference, over random filters and names from a small alphabet of levels ('', '+', '#',
// '$SYS', '$'), before and after erasing half of the keys. Fixed seed, printed.

#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "common/mqtt/topic.h"
#include "tests/unit/broker_index/topic_cases.h"
#include "worker/broker/retained_store.h"
#include "worker/broker/topic_trie.h"

using mm::broker::FilterTrie;
using mm::broker::RetainedStore;
using mm::broker::test::kFilterLevels;
using mm::broker::test::kNameLevels;
using mm::broker::test::random_topic;
using mm::broker::test::sorted;
using mm::mqtt::topic_matches;

namespace {

constexpr uint64_t kSeed = 0x7472'6965'2D64'6966;  // fixed: a failure replays exactly

std::set<std::string> random_set(std::mt19937_64& rng, const std::vector<std::string_view>& levels,
                                 size_t count) {
  std::set<std::string> out;
  while (out.size() < count) out.insert(random_topic(rng, levels));
  return out;
}

// Removes about half of `keys` from `erase` (a trie or a store) and from the set.
template <typename Erase>
void erase_half(std::mt19937_64& rng, std::set<std::string>& keys, Erase&& erase) {
  for (auto it = keys.begin(); it != keys.end();) {
    if (rng() % 2 == 0) {
      ++it;
      continue;
    }
    CHECK(erase(*it));
    it = keys.erase(it);
  }
}

// `probe` is matched and its results compared with the reference applied to every key.
template <typename Match, typename Reference>
size_t compare(const std::set<std::string>& keys, const std::string& probe, Match&& match,
               Reference&& reference) {
  std::vector<std::string> got;
  match(probe, got);
  std::vector<std::string> expected;
  for (const std::string& key : keys) {
    if (reference(key, probe)) expected.push_back(key);
  }
  if (sorted(got) != expected) {
    CAPTURE(kSeed);
    CAPTURE(probe);
    FAIL("the trie disagrees with mm::mqtt::topic_matches");
  }
  return expected.size();
}

}  // namespace

TEST_CASE("differential: FilterTrie::match agrees with topic_matches (fixed seed)") {
  MESSAGE("seed " << kSeed);
  std::mt19937_64 rng(kSeed);
  FilterTrie<int> trie;
  std::set<std::string> filters = random_set(rng, kFilterLevels, 600);
  for (const std::string& f : filters) trie.at(f) = 1;
  auto match = [&](const std::string& topic, std::vector<std::string>& out) {
    trie.match(topic, [&](std::string_view filter, int&) { out.emplace_back(filter); });
  };
  auto reference = [](const std::string& filter, const std::string& name) {
    return topic_matches(filter, name);
  };
  size_t matched = 0;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 3'000; ++i) {
      matched += compare(filters, random_topic(rng, kNameLevels), match, reference);
    }
    erase_half(rng, filters, [&](const std::string& f) { return trie.erase(f); });
  }
  CHECK(matched > 20'000);  // both outcomes are reached often
  erase_half(rng, filters, [&](const std::string& f) { return trie.erase(f); });
  for (const std::string& f : filters) CHECK(trie.erase(f));
  CHECK(trie.size() == 0);
  CHECK(trie.node_count() == 0);
}

TEST_CASE("differential: RetainedStore::match agrees with topic_matches (fixed seed)") {
  MESSAGE("seed " << kSeed + 1);
  std::mt19937_64 rng(kSeed + 1);
  RetainedStore<int> store;
  std::set<std::string> names = random_set(rng, kNameLevels, 600);
  for (const std::string& n : names) store.set(n, 1, 1);
  auto match = [&](const std::string& filter, std::vector<std::string>& out) {
    store.match(filter, [&](std::string_view topic, int&) { out.emplace_back(topic); });
  };
  auto reference = [](const std::string& name, const std::string& filter) {
    return topic_matches(filter, name);
  };
  size_t matched = 0;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 3'000; ++i) {
      matched += compare(names, random_topic(rng, kFilterLevels), match, reference);
    }
    erase_half(rng, names, [&](const std::string& n) { return store.erase(n); });
  }
  CHECK(matched > 20'000);
  for (const std::string& n : names) CHECK(store.erase(n));
  CHECK(store.size() == 0);
  CHECK(store.bytes() == 0);
  CHECK(store.node_count() == 0);
}
