// SharedGroup [MQTT-4.8.2]: members in the order they joined, round robin that skips the
// unavailable ones and keeps its place when members leave, and a uniform random pick.

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>
#include <vector>

#include "worker/broker/shared_groups.h"

using mm::broker::SessionId;
using mm::broker::SharedGroup;
using mm::broker::SubOptions;
using mm::broker::Subscriber;

namespace {

SharedGroup group_of(std::initializer_list<SessionId> ids) {
  SharedGroup g("workers", "jobs/+");
  for (SessionId id : ids) g.add(id, SubOptions{});
  return g;
}

template <typename Available>
std::vector<SessionId> round_robin(SharedGroup& g, size_t picks, Available&& available) {
  std::vector<SessionId> out;
  for (size_t i = 0; i < picks; ++i) {
    const Subscriber* s = g.pick_round_robin(available);
    out.push_back(s == nullptr ? 0 : s->id);
  }
  return out;
}

const auto kEveryone = [](SessionId) { return true; };

}  // namespace

TEST_CASE("shared group: members keep the order they joined; a re-join replaces options") {
  SharedGroup g = group_of({3, 1, 2});
  CHECK(g.name() == "workers");
  CHECK(g.filter() == "jobs/+");
  SubOptions qos2;
  qos2.max_qos = 2;
  CHECK_FALSE(g.add(1, qos2));  // MQTT-3.8.4-3: the new options replace the old
  REQUIRE(g.find(1) != nullptr);
  CHECK(g.find(1)->max_qos == 2);
  std::vector<SessionId> order;
  for (const Subscriber& s : g.members()) order.push_back(s.id);
  CHECK(order == std::vector<SessionId>{3, 1, 2});
}

TEST_CASE("shared group: MQTT-4.8.2 round robin, one member per message, in order") {
  SharedGroup g = group_of({10, 20, 30});
  CHECK(round_robin(g, 7, kEveryone) == std::vector<SessionId>{10, 20, 30, 10, 20, 30, 10});
  CHECK(g.pick_round_robin()->id == 20);  // the overload without a predicate takes its turn too
}

TEST_CASE("shared group: round robin skips unavailable members; none available gives null") {
  SharedGroup g = group_of({1, 2, 3, 4});
  std::set<SessionId> offline = {2, 3};
  auto online = [&](SessionId id) { return offline.count(id) == 0; };
  CHECK(round_robin(g, 4, online) == std::vector<SessionId>{1, 4, 1, 4});
  offline = {1, 2, 3, 4};
  CHECK(g.pick_round_robin(online) == nullptr);
  offline = {};
  CHECK(g.pick_round_robin(online)->id == 1);  // after 4, whose turn it was
}

TEST_CASE("shared group: a member leaving keeps whose turn it is") {
  SharedGroup g = group_of({1, 2, 3, 4});
  CHECK(round_robin(g, 2, kEveryone) == std::vector<SessionId>{1, 2});  // 3 is next
  CHECK(g.remove(1));                                                   // before the turn
  CHECK(g.pick_round_robin()->id == 3);
  CHECK(g.remove(4));  // the next in turn leaves: wrap to the first
  CHECK(g.pick_round_robin()->id == 2);
  CHECK_FALSE(g.remove(4));
  CHECK(g.remove(2));
  CHECK(g.remove(3));
  CHECK(g.empty());
  CHECK(g.pick_round_robin() == nullptr);
}

TEST_CASE("shared group: random pick is uniform over the available members (fixed seed)") {
  SharedGroup g = group_of({1, 2, 3, 4, 5});
  std::mt19937_64 rng(20260101);
  auto not_three = [](SessionId id) { return id != 3; };
  std::map<SessionId, int> counts;
  for (int i = 0; i < 40'000; ++i) ++counts[g.pick_random(rng, not_three)->id];
  CHECK(counts.count(3) == 0);
  for (SessionId id : {1, 2, 4, 5}) {
    CAPTURE(id);
    CHECK(counts[id] > 9'400);  // 10,000 expected; 6 standard deviations is about 520
    CHECK(counts[id] < 10'600);
  }
  CHECK(g.pick_random(rng, [](SessionId) { return false; }) == nullptr);
  CHECK(g.pick_random(rng) != nullptr);
}
