// SubscriptionIndex: ordinary and shared subscriptions in one walk, re-subscribe, overlapping
// filters of one session, counts, and every node returned after the last unsubscribe.

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tests/unit/broker_index/counting_new.h"
#include "worker/broker/subscription_index.h"

using mm::broker::SessionId;
using mm::broker::SharedGroup;
using mm::broker::SubOptions;
using mm::broker::SubscriptionIndex;
using mm::broker::test::news_during;

namespace {

SubOptions qos(uint8_t q, uint32_t subscription_id = 0) {
  SubOptions o;
  o.max_qos = q;
  o.subscription_id = subscription_id;
  return o;
}

struct Delivery {
  std::vector<std::pair<SessionId, uint8_t>> each;  // (session, max_qos), sorted
  std::vector<std::string> groups;                  // "name filter", sorted
};

Delivery deliver(SubscriptionIndex& index, std::string_view topic) {
  Delivery d;
  index.match(
      topic, [&](SessionId id, const SubOptions& o) { d.each.emplace_back(id, o.max_qos); },
      [&](SharedGroup& g) {
        d.groups.push_back(std::string(g.name()) + " " + std::string(g.filter()));
      });
  std::sort(d.each.begin(), d.each.end());
  std::sort(d.groups.begin(), d.groups.end());
  return d;
}

using Each = std::vector<std::pair<SessionId, uint8_t>>;
using Groups = std::vector<std::string>;

}  // namespace

TEST_CASE("subscription index: subscribe, re-subscribe replaces options, unsubscribe") {
  SubscriptionIndex index;
  CHECK(index.subscribe("a/+", 1, qos(0)));
  CHECK_FALSE(index.subscribe("a/+", 1, qos(2)));  // MQTT-3.8.4-3
  CHECK(index.subscription_count() == 1);
  CHECK(deliver(index, "a/b").each == Each{{1, 2}});
  CHECK_FALSE(index.unsubscribe("a/+", 2));
  CHECK_FALSE(index.unsubscribe("a/#", 1));
  CHECK(index.unsubscribe("a/+", 1));
  CHECK_FALSE(index.unsubscribe("a/+", 1));
  CHECK(deliver(index, "a/b").each.empty());
  CHECK(index.subscription_count() == 0);
}

TEST_CASE("subscription index: a session's overlapping filters are each reported") {
  // MQTT-3.3.4-2: the broker delivers once, at the highest QoS; merging is the broker's.
  SubscriptionIndex index;
  index.subscribe("a/#", 1, qos(0));
  index.subscribe("a/+", 1, qos(1));
  index.subscribe("a/b", 1, qos(2));
  index.subscribe("a/b", 2, qos(1));
  index.subscribe("#", 3, qos(0));
  CHECK(deliver(index, "a/b").each == Each{{1, 0}, {1, 1}, {1, 2}, {2, 1}, {3, 0}});
  CHECK(deliver(index, "a").each == Each{{1, 0}, {3, 0}});
  CHECK(deliver(index, "$SYS/a").each.empty());  // MQTT-4.7.2-1
  CHECK(index.subscription_count() == 5);
  CHECK(index.filter_count() == 4);
}

TEST_CASE("subscription index: MQTT-4.8.2 one group per filter, reported once per message") {
  SubscriptionIndex index;
  CHECK(index.subscribe_shared("g1", "jobs/+", 1, qos(1)));
  CHECK(index.subscribe_shared("g1", "jobs/+", 2, qos(1)));
  CHECK_FALSE(index.subscribe_shared("g1", "jobs/+", 2, qos(2)));
  CHECK(index.subscribe_shared("g2", "jobs/+", 1, qos(1)));  // another group, same filter
  CHECK(index.subscribe_shared("g1", "jobs/#", 3, qos(1)));  // same name, another filter
  CHECK(index.subscribe("jobs/+", 4, qos(0)));               // and an ordinary subscription
  CHECK(index.subscription_count() == 5);
  CHECK(index.shared_group_count() == 3);
  const Delivery d = deliver(index, "jobs/7");
  CHECK(d.each == Each{{4, 0}});
  CHECK(d.groups == Groups{"g1 jobs/#", "g1 jobs/+", "g2 jobs/+"});
  CHECK(deliver(index, "jobs").groups == Groups{"g1 jobs/#"});
}

TEST_CASE("subscription index: a shared group goes away with its last member") {
  SubscriptionIndex index;
  index.subscribe_shared("g", "t", 1, qos(0));
  index.subscribe_shared("g", "t", 2, qos(0));
  CHECK_FALSE(index.unsubscribe_shared("g", "t", 3));
  CHECK_FALSE(index.unsubscribe_shared("h", "t", 1));
  CHECK_FALSE(index.unsubscribe("t", 1));  // shared and ordinary are different subscriptions
  CHECK(index.unsubscribe_shared("g", "t", 1));
  CHECK(deliver(index, "t").groups == Groups{"g t"});
  CHECK(index.unsubscribe_shared("g", "t", 2));
  CHECK(deliver(index, "t").groups.empty());
  CHECK(index.shared_group_count() == 0);
  CHECK(index.subscription_count() == 0);
  CHECK(index.filter_count() == 0);
  CHECK(index.node_count() == 0);
}

TEST_CASE("subscription index: 100 sessions × 3 filters, all removed, no node left") {
  SubscriptionIndex index;
  auto filters_of = [](SessionId id) {
    const std::string dev = "dev/" + std::to_string(id);
    return std::vector<std::string>{dev + "/cmd", dev + "/#", "broadcast/+"};
  };
  for (SessionId id = 1; id <= 100; ++id) {
    for (const std::string& f : filters_of(id)) index.subscribe(f, id, qos(1));
    index.subscribe_shared("pool", "jobs/#", id, qos(1));
  }
  CHECK(index.subscription_count() == 400);
  CHECK(deliver(index, "broadcast/x").each.size() == 100);
  CHECK(deliver(index, "dev/42/cmd").each == Each{{42, 1}, {42, 1}});
  for (SessionId id = 100; id >= 1; --id) {  // a session closing removes what it holds
    for (const std::string& f : filters_of(id)) CHECK(index.unsubscribe(f, id));
    CHECK(index.unsubscribe_shared("pool", "jobs/#", id));
  }
  CHECK(index.subscription_count() == 0);
  CHECK(index.node_count() == 0);
}

TEST_CASE("subscription index: match allocates nothing") {
  SubscriptionIndex index;
  for (SessionId id = 1; id <= 50; ++id) index.subscribe("dev/" + std::to_string(id), id, qos(1));
  for (SessionId id = 1; id <= 50; ++id) index.subscribe("dev/+", 1000 + id, qos(0));
  index.subscribe_shared("g", "dev/#", 7, qos(0));
  size_t each = 0, groups = 0;
  auto run = [&] {
    index.match(
        "dev/9", [&](SessionId, const SubOptions&) { ++each; }, [&](SharedGroup&) { ++groups; });
  };
  run();
  each = groups = 0;
  CHECK(news_during(run) == 0);
  CHECK(each == 51);
  CHECK(groups == 1);
}

// The cache of recent topics' matches: every change to the index must show in the next match
// of a topic matched (and cached) before it.
TEST_CASE("subscription index: a cached topic sees every later change") {
  SubscriptionIndex index;
  index.subscribe("t/1", 1, qos(0));
  CHECK(deliver(index, "t/1").each == Each{{1, 0}});
  CHECK(deliver(index, "t/1").each == Each{{1, 0}});  // from the cache
  index.subscribe("t/+", 2, qos(1));
  CHECK(deliver(index, "t/1").each == Each{{1, 0}, {2, 1}});
  index.subscribe("t/+", 2, qos(2));  // new options for the same subscription
  CHECK(deliver(index, "t/1").each == Each{{1, 0}, {2, 2}});
  index.unsubscribe("t/1", 1);
  CHECK(deliver(index, "t/1").each == Each{{2, 2}});
  index.subscribe_shared("g", "t/#", 3, qos(0));  // a group: matched anew every time
  CHECK(deliver(index, "t/1").groups == Groups{"g t/#"});
  CHECK(deliver(index, "t/1").groups == Groups{"g t/#"});
  index.unsubscribe_shared("g", "t/#", 3);
  CHECK(deliver(index, "t/1").groups.empty());
  index.unsubscribe("t/+", 2);
  CHECK(deliver(index, "t/1").each.empty());
}

TEST_CASE("subscription index: more than 64 subscribers, long topics, the same answer each time") {
  SubscriptionIndex index;
  for (SessionId id = 1; id <= 100; ++id) index.subscribe("wide/#", id, qos(0));
  const std::string long_topic = "wide/" + std::string(300, 'x');
  for (int round = 0; round < 3; ++round) {
    CHECK(deliver(index, "wide/a").each.size() == 100);
    CHECK(deliver(index, long_topic).each.size() == 100);
  }
  index.unsubscribe("wide/#", 50);
  CHECK(deliver(index, "wide/a").each.size() == 99);
}

// A delivery may publish a will, which matches from inside the outer match: the nested one
// must get its own answer, and the outer one must still report all of its own.
TEST_CASE("subscription index: a match inside a match, on a cached topic") {
  SubscriptionIndex index;
  for (SessionId id = 1; id <= 5; ++id) index.subscribe("outer", id, qos(0));
  index.subscribe("inner", 9, qos(1));
  for (int round = 0; round < 3; ++round) {  // the first fills the cache, the next read it
    Each outer;
    Each inner;
    index.match(
        "outer",
        [&](SessionId id, const SubOptions& o) {
          outer.emplace_back(id, o.max_qos);
          index.match(
              "inner",
              [&](SessionId i, const SubOptions& io) { inner.emplace_back(i, io.max_qos); },
              [](SharedGroup&) {});
        },
        [](SharedGroup&) {});
    std::sort(outer.begin(), outer.end());
    CHECK(outer == Each{{1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}});
    CHECK(inner == Each(5, {9, 1}));
  }
}

// Random subscribes and unsubscribes between matches of a few topics, each answer compared
// with a fresh index built from the same subscriptions (which has never cached anything).
TEST_CASE("subscription index: cached answers agree with a fresh index under churn") {
  std::mt19937 rng(11);
  const std::vector<std::string> filters = {"a/b", "a/+", "a/#", "#", "+/b", "c", "c/d"};
  const std::vector<std::string> topics = {"a/b", "a/c", "c", "c/d", "x/b"};
  std::map<std::pair<std::string, SessionId>, uint8_t> model;
  SubscriptionIndex index;
  for (int step = 0; step < 2000; ++step) {
    const std::string& f = filters[rng() % filters.size()];
    const SessionId id = 1 + rng() % 6;
    if (rng() % 3 == 0) {
      index.unsubscribe(f, id);
      model.erase({f, id});
    } else {
      const auto q = static_cast<uint8_t>(rng() % 3);
      index.subscribe(f, id, qos(q));
      model[{f, id}] = q;
    }
    for (int k = 0; k < 3; ++k) {
      const std::string& t = topics[rng() % topics.size()];
      SubscriptionIndex fresh;
      for (const auto& [key, q] : model) fresh.subscribe(key.first, key.second, qos(q));
      REQUIRE(deliver(index, t).each == deliver(fresh, t).each);
    }
  }
}
