// LevelTable (the wide children of a trie node) against a std::map model: random inserts and
// removals with every level looked up after each step, so that a removal that breaks a probe
// run (a node no longer reachable from its home slot) or a resize that loses a node fails.

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "worker/broker/level_table.h"

namespace {

struct Node {
  explicit Node(std::string l) : level(std::move(l)) {}
  std::string level;
};

using Table = mm::broker::detail::LevelTable<Node>;

void check_same(const Table& t, const std::map<std::string, Node*>& model,
                const std::vector<std::string>& universe) {
  REQUIRE(t.size() == model.size());
  for (const std::string& level : universe) {
    auto it = model.find(level);
    CHECK(t.find(level) == (it == model.end() ? nullptr : it->second));
  }
  size_t seen = 0;
  t.for_each([&](Node& n) {
    ++seen;
    CHECK(model.count(n.level) == 1);
  });
  CHECK(seen == model.size());
}

}  // namespace

TEST_CASE("level table: random inserts and removals agree with a map") {
  std::mt19937 rng(7);
  std::vector<std::string> universe;
  for (int i = 0; i < 300; ++i) universe.push_back("dev-" + std::to_string(i * 7919 % 1000));
  universe.push_back("");                     // an empty level is a level
  universe.push_back("a-level-of-17-bytes");  // more than one word
  Table t;
  std::map<std::string, Node*> model;
  for (int step = 0; step < 3000; ++step) {
    const std::string& level = universe[rng() % universe.size()];
    auto it = model.find(level);
    if (it == model.end()) {
      auto node = std::make_unique<Node>(level);
      model[level] = node.get();
      t.insert(std::move(node));
    } else {
      std::unique_ptr<Node> out = t.remove(*it->second);
      CHECK(out.get() == it->second);
      model.erase(it);
    }
    if (step % 50 == 0) check_same(t, model, universe);
  }
  check_same(t, model, universe);
}

TEST_CASE("level table: grows to 20,000 children and shrinks back as they go") {
  Table t;
  std::vector<Node*> nodes;
  for (int i = 0; i < 20000; ++i) {
    auto node = std::make_unique<Node>(std::to_string(i));
    nodes.push_back(node.get());
    t.insert(std::move(node));
  }
  CHECK(t.size() == 20000);
  CHECK(t.capacity() * 3 >= t.size() * 4);  // at most 3/4 full
  for (int i = 0; i < 20000; ++i) REQUIRE(t.find(std::to_string(i)) == nodes[i]);
  CHECK(t.find("20000") == nullptr);
  for (int i = 0; i < 19990; ++i) CHECK(t.remove(*nodes[i]) != nullptr);
  CHECK(t.size() == 10);
  CHECK(t.capacity() <= 128);  // memory returns: at least 1/8 full past 16 slots
  for (int i = 19990; i < 20000; ++i) CHECK(t.find(std::to_string(i)) == nodes[i]);
  Node stranger("19990");  // same level, another node: not in the table
  CHECK(t.remove(stranger) == nullptr);
  std::vector<std::unique_ptr<Node>> drained;
  t.drain_into(drained);
  CHECK(drained.size() == 10);
  CHECK(t.empty());
  CHECK(t.find("19995") == nullptr);
}
