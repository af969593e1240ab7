// The route table between workers (worker/broker/route_table.h) and a client id's home slot
// (worker/broker/home.h).

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "worker/broker/home.h"
#include "worker/broker/route_table.h"

namespace mm::broker {
namespace {

struct Routed {
  std::vector<unsigned> slots;
  std::vector<std::pair<unsigned, std::string>> picks;  // (slot, "group filter")
};

Routed route(RouteTable& t, std::string_view topic) {
  Routed r;
  const SlotSet& slots =
      t.match(topic, nullptr, [&](unsigned slot, std::string_view group, std::string_view f) {
        r.picks.emplace_back(slot, std::string(group) + " " + std::string(f));
      });
  for (unsigned s = 0; s < kBusMaxSlots; ++s) {
    if (slots.contains(s)) r.slots.push_back(s);
  }
  return r;
}

TEST_CASE("route table: each matching slot once, whatever the number of its filters") {
  RouteTable t;
  CHECK(t.add(0, "a/+"));
  CHECK(t.add(2, "a/b"));
  CHECK(t.add(2, "#"));
  CHECK_FALSE(t.add(2, "a/b"));  // already there
  CHECK(route(t, "a/b").slots == std::vector<unsigned>{0, 2});
  CHECK(route(t, "x").slots == std::vector<unsigned>{2});
  CHECK(route(t, "$SYS/x").slots.empty());  // wildcards do not match $ topics
  CHECK(t.remove(2, "#"));
  CHECK_FALSE(t.remove(2, "#"));
  CHECK(route(t, "x").slots.empty());
  CHECK(route(t, "a/b").slots == std::vector<unsigned>{0, 2});
}

TEST_CASE("route table: a shared group gets one slot per message, in turn over its slots") {
  RouteTable t;
  t.add(1, "$share/g/s/+");
  t.add(3, "$share/g/s/+");
  t.add(1, "$share/h/s/+");
  std::map<unsigned, int> g_slots;
  for (int i = 0; i < 10; ++i) {
    Routed r = route(t, "s/x");
    CHECK(r.slots.empty());  // shared only: no ordinary route
    REQUIRE(r.picks.size() == 2);
    for (auto& [slot, what] : r.picks) {
      if (what == "g s/+") g_slots[slot]++;
      if (what == "h s/+") CHECK(slot == 1);
    }
  }
  CHECK(g_slots[1] == 5);
  CHECK(g_slots[3] == 5);
  t.remove(3, "$share/g/s/+");
  for (auto& [slot, what] : route(t, "s/x").picks) CHECK(slot == 1);
}

TEST_CASE("route table: a slot that is gone loses every route, the table is empty again") {
  RouteTable t;
  t.add(1, "a/#");
  t.add(1, "$share/g/b");
  t.add(2, "a/#");
  t.drop_slot(1);
  CHECK(route(t, "a/x").slots == std::vector<unsigned>{2});
  CHECK(route(t, "b").picks.empty());
  t.drop_slot(2);
  CHECK(t.size() == 0);
}

TEST_CASE("route table: a repeated topic is answered from the cache until the table changes") {
  RouteTable t;
  t.add(1, "a/+");
  CHECK(route(t, "a/b").slots == std::vector<unsigned>{1});
  const uint64_t hits = t.cache_hits();
  CHECK(route(t, "a/b").slots == std::vector<unsigned>{1});
  CHECK(t.cache_hits() == hits + 1);
  // Every kind of change is seen at once by a topic answered from the cache before.
  t.add(2, "a/b");
  CHECK(route(t, "a/b").slots == std::vector<unsigned>{1, 2});
  CHECK(route(t, "a/b").slots == std::vector<unsigned>{1, 2});
  t.remove(1, "a/+");
  CHECK(route(t, "a/b").slots == std::vector<unsigned>{2});
  CHECK(route(t, "a/b").slots == std::vector<unsigned>{2});
  t.drop_slot(2);
  CHECK(route(t, "a/b").slots.empty());
  // A topic with no route is cached too, and learns of a new one.
  CHECK(route(t, "a/b").slots.empty());
  t.add(3, "#");
  CHECK(route(t, "a/b").slots == std::vector<unsigned>{3});
  // Topics that share a cache place each get their own answer.
  t.add(4, "x/+");
  for (int i = 0; i < 2000; ++i) {
    const std::string topic = "x/" + std::to_string(i);
    REQUIRE(route(t, topic).slots == std::vector<unsigned>{3, 4});
  }
  CHECK(route(t, "a/b").slots == std::vector<unsigned>{3});
  CHECK(route(t, "$SYS/x").slots.empty());
}

TEST_CASE("route table: the caller's hash picks the cache place; another hash never errs") {
  RouteTable t;
  t.add(5, "a/+");
  t.add(1023, "a/b");  // the highest slot a worker can have
  auto slots_of = [](const SlotSet& s) {
    std::vector<unsigned> v;
    for (unsigned i = 0; i < kBusMaxSlots; ++i) {
      if (s.contains(i)) v.push_back(i);
    }
    return v;
  };
  auto no_pick = [](unsigned, std::string_view, std::string_view) { FAIL("no group"); };
  const std::vector<unsigned> both{5, 1023};
  CHECK(slots_of(t.match("a/b", string_hash("a/b"), nullptr, no_pick)) == both);
  uint64_t hits = t.cache_hits();
  CHECK(slots_of(t.match("a/b", string_hash("a/b"), nullptr, no_pick)) == both);
  CHECK(t.cache_hits() == hits + 1);
  // Another place (the hash off by one): no answer there for "a/b", so a walk, and the same.
  hits = t.cache_hits();
  CHECK(slots_of(t.match("a/b", string_hash("a/b") + 1, nullptr, no_pick)) == both);
  CHECK(t.cache_hits() == hits);
  // "a/c" sent to the place that holds "a/b": its own answer, not the one cached there.
  for (int i = 0; i < 2; ++i) {
    CHECK(slots_of(t.match("a/c", string_hash("a/b"), nullptr, no_pick)) ==
          std::vector<unsigned>{5});
    CHECK(slots_of(t.match("a/b", string_hash("a/b"), nullptr, no_pick)) == both);
  }
  CHECK(slots_of(t.match("a/c", nullptr, no_pick)) == std::vector<unsigned>{5});
}

TEST_CASE("route table: a topic that matches a shared group is picked per message, not cached") {
  RouteTable t;
  t.add(1, "$share/g/s/+");
  t.add(3, "$share/g/s/+");
  t.add(2, "s/x");
  std::map<unsigned, int> picked;
  for (int i = 0; i < 10; ++i) {
    Routed r = route(t, "s/x");
    CHECK(r.slots == std::vector<unsigned>{2});
    REQUIRE(r.picks.size() == 1);
    picked[r.picks[0].first]++;
  }
  CHECK(picked[1] == 5);
  CHECK(picked[3] == 5);
}

TEST_CASE("home slot: one of the slots, and a slot leaving moves only the ids it held") {
  std::vector<unsigned> four{0, 1, 2, 3};
  std::vector<unsigned> three{0, 1, 3};  // slot 2 left
  std::map<unsigned, int> per_slot;
  int moved = 0;
  for (int i = 0; i < 4000; ++i) {
    std::string id = "device-" + std::to_string(i);
    unsigned before = home_slot(id, four, 99);
    unsigned after = home_slot(id, three, 99);
    per_slot[before]++;
    CHECK(before < 4);
    if (before != 2) CHECK(after == before);  // rendezvous: the others stay
    if (before != after) ++moved;
  }
  CHECK(moved == per_slot[2]);
  for (unsigned s : four) CHECK(per_slot[s] > 800);  // about a quarter each
  CHECK(home_slot("x", std::vector<unsigned>{}, 7) == 7);
  CHECK(home_slot("x", four, 0) == home_slot("x", std::vector<unsigned>{3, 2, 1, 0}, 0));
}

}  // namespace
}  // namespace mm::broker
