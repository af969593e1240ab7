// FilterTrie: the spec table, each filter reported once, erase and pruning, wide levels,
// very deep filters, and a match that allocates nothing.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/mqtt/topic.h"
#include "tests/unit/broker_index/counting_new.h"
#include "tests/unit/broker_index/topic_cases.h"
#include "worker/broker/topic_trie.h"

using mm::broker::FilterTrie;
using mm::broker::test::match_cases;
using mm::broker::test::MatchCase;
using mm::broker::test::news_during;
using mm::broker::test::sorted;

namespace {

std::vector<std::string> matches(FilterTrie<int>& trie, std::string_view topic) {
  std::vector<std::string> out;
  trie.match(topic, [&](std::string_view filter, int&) { out.emplace_back(filter); });
  return sorted(out);
}

}  // namespace

TEST_CASE("filter trie: the spec table, one filter at a time") {
  for (const MatchCase& c : match_cases()) {
    CAPTURE(c.rule);
    CAPTURE(c.filter);
    CAPTURE(c.name);
    REQUIRE(mm::mqtt::topic_matches(c.filter, c.name) == c.matches);  // the table is right
    FilterTrie<int> trie;
    trie.at(c.filter) = 7;
    const std::vector<std::string> expected =
        c.matches ? std::vector<std::string>{std::string(c.filter)} : std::vector<std::string>{};
    CHECK(matches(trie, c.name) == expected);
  }
}

TEST_CASE("filter trie: the spec table, every filter at once, each reported once") {
  FilterTrie<int> trie;
  for (const MatchCase& c : match_cases()) trie.at(c.filter) += 1;
  for (const MatchCase& c : match_cases()) {
    CAPTURE(c.name);
    std::vector<std::string> expected;
    trie.for_each([&](std::string_view filter, int&) {
      if (mm::mqtt::topic_matches(filter, c.name)) expected.emplace_back(filter);
    });
    CHECK(matches(trie, c.name) == sorted(expected));
  }
}

TEST_CASE("filter trie: at, find, emplace, erase, size") {
  FilterTrie<int> trie;
  CHECK(trie.find("a/+") == nullptr);
  trie.at("a/+") = 1;
  CHECK(trie.emplace("a/+").second == false);
  CHECK(*trie.emplace("a/+").first == 1);
  CHECK(trie.emplace("a/#").second == true);
  CHECK(trie.size() == 2);
  REQUIRE(trie.find("a/+") != nullptr);
  CHECK(*trie.find("a/+") == 1);
  CHECK(trie.find("a") == nullptr);  // an inner node holds no value
  CHECK_FALSE(trie.erase("a"));
  CHECK(trie.erase("a/+"));
  CHECK_FALSE(trie.erase("a/+"));
  CHECK(trie.find("a/+") == nullptr);
  CHECK(trie.size() == 1);
}

TEST_CASE("filter trie: erase prunes the nodes nothing else needs") {
  FilterTrie<int> trie;
  trie.at("a/b/c/d");
  CHECK(trie.node_count() == 4);
  trie.at("a/b");
  CHECK(trie.node_count() == 4);
  trie.at("a/+/#");
  CHECK(trie.node_count() == 6);
  CHECK(trie.erase("a/b/c/d"));
  CHECK(trie.node_count() == 4);  // a, b (holds "a/b"), +, #
  CHECK(trie.erase("a/b"));
  CHECK(trie.node_count() == 3);
  CHECK(trie.erase("a/+/#"));
  CHECK(trie.node_count() == 0);
  CHECK(trie.size() == 0);
}

TEST_CASE("filter trie: a wide level (10,000 device ids) grows and shrinks back") {
  FilterTrie<int> trie;
  for (int i = 0; i < 10'000; ++i) trie.at("dev/" + std::to_string(i) + "/up") = i;
  trie.at("dev/+/up") = -1;
  CHECK(trie.size() == 10'001);
  CHECK(trie.node_count() == 1 + 2 * 10'001);
  for (int i = 0; i < 10'000; i += 997) {
    const std::string topic = "dev/" + std::to_string(i) + "/up";
    CHECK(matches(trie, topic) == sorted({topic, "dev/+/up"}));
  }
  // Down through the narrow threshold and back up: lookups keep working.
  for (int i = 3; i < 10'000; ++i) CHECK(trie.erase("dev/" + std::to_string(i) + "/up"));
  CHECK(matches(trie, "dev/2/up") == sorted({"dev/2/up", "dev/+/up"}));
  for (int i = 3; i < 20; ++i) trie.at("dev/" + std::to_string(i) + "/up") = i;
  CHECK(*trie.find("dev/19/up") == 19);
  CHECK(matches(trie, "dev/17/up") == sorted({"dev/17/up", "dev/+/up"}));
  for (int i = 0; i < 20; ++i) CHECK(trie.erase("dev/" + std::to_string(i) + "/up"));
  CHECK(trie.erase("dev/+/up"));
  CHECK(trie.node_count() == 0);
}

TEST_CASE("filter trie: the deepest filters (65,535 levels) do not overflow the stack") {
  // The longest Topic Filter, 65,535 bytes [MQTT-4.7.3-3], all separators: one level per byte.
  const std::string deep_filter = std::string(65'534, '/') + "#";
  const std::string deep_plus = std::string(65'534, '/') + "+";
  FilterTrie<int> trie;
  trie.at(deep_filter) = 1;
  trie.at(deep_plus) = 2;
  CHECK(trie.node_count() == 65'536);
  // 65,535 empty levels; 65,534 (the parent level of '#'); 65,536.
  CHECK(matches(trie, std::string(65'534, '/')) == sorted({deep_filter, deep_plus}));
  CHECK(matches(trie, std::string(65'533, '/')) == sorted({deep_filter}));
  CHECK(matches(trie, std::string(65'535, '/')) == sorted({deep_filter}));
  CHECK(trie.erase(deep_filter));
  CHECK(trie.node_count() == 65'535);
  // The destructor of the rest must not recurse either: under ASan that overflows the stack.
}

TEST_CASE("filter trie: a callback may start another match on the same trie") {
  FilterTrie<int> trie;
  trie.at("a/#");
  trie.at("a/b");
  trie.at("+/b");
  size_t outer = 0, inner = 0;
  trie.match("a/b", [&](std::string_view, int&) {
    ++outer;
    trie.match("a/c", [&](std::string_view, int&) { ++inner; });
  });
  CHECK(outer == 3);
  CHECK(inner == 3);  // "a/#" once per outer call
}

TEST_CASE("filter trie: match allocates nothing once warm") {
  FilterTrie<int> trie;
  for (int i = 0; i < 1000; ++i) trie.at("site/" + std::to_string(i) + "/temp");
  for (const char* f : {"site/+/temp", "site/#", "#", "+/+/+", "site/7/+"}) trie.at(f);
  const std::string topic = "site/7/temp";
  size_t found = 0;
  auto run = [&] { trie.match(topic, [&](std::string_view, int&) { ++found; }); };
  run();
  found = 0;
  CHECK(news_during(run) == 0);
  CHECK(found == 6);
}
