// The per-session structures that every connected client pays for: the inbound QoS 2 ids, the
// set of sessions by client id, and what an idle session costs.
#include "worker/broker/session.h"

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/unit/broker_bus/allocation_probe.h"

namespace mm::broker::test {
namespace {

std::vector<uint16_t> ids_of(const PacketIdSet& s) {
  return {s.ascending().begin(), s.ascending().end()};
}

std::unique_ptr<Session> session_named(const std::string& id) {
  auto s = std::make_unique<Session>();
  s->client_id = id;
  return s;
}

}  // namespace

TEST_CASE("PacketIdSet: insert, contains and erase, kept ascending") {
  PacketIdSet s;
  CHECK(s.empty());
  CHECK(s.insert(300));
  CHECK(s.insert(2));
  CHECK(s.insert(65535));
  CHECK_FALSE(s.insert(2));  // already there
  CHECK(s.size() == 3);
  CHECK(s.contains(300));
  CHECK_FALSE(s.contains(301));
  CHECK(ids_of(s) == std::vector<uint16_t>{2, 300, 65535});
  CHECK(s.erase(300));
  CHECK_FALSE(s.erase(300));
  CHECK(ids_of(s) == std::vector<uint16_t>{2, 65535});
  CHECK(s == PacketIdSet{65535, 2});
}

TEST_CASE("PacketIdSet: behaves as std::set under random operations") {
  std::mt19937 rng(7);
  PacketIdSet s;
  std::set<uint16_t> model;
  for (int i = 0; i < 20000; ++i) {
    uint16_t id = static_cast<uint16_t>(1 + rng() % 200);
    if (rng() % 2 == 0) {
      CHECK(s.insert(id) == model.insert(id).second);
    } else {
      CHECK(s.erase(id) == (model.erase(id) == 1));
    }
    CHECK(s.contains(id) == (model.count(id) == 1));
  }
  CHECK(ids_of(s) == std::vector<uint16_t>(model.begin(), model.end()));
}

TEST_CASE("PacketIdSet: allocates nothing while empty, and keeps its storage once used") {
  Allocations a = allocations_during([] {
    PacketIdSet s;
    CHECK(s.empty());
  });
  CHECK(a.calls == 0);
  PacketIdSet s;
  s.insert(1);
  s.erase(1);
  CHECK(allocations_during([&] { s.insert(3); }).calls == 0);  // no allocation per message
}

TEST_CASE("SessionMap: finds a session by its own client id, with no copy of the key") {
  SessionMap m;
  Session& a = **m.insert(session_named("alpha")).first;
  m.insert(session_named("beta"));
  CHECK_FALSE(m.insert(session_named("alpha")).second);  // one session per client id
  CHECK(m.size() == 2);
  auto it = m.find(std::string_view("alpha"));
  REQUIRE(it != m.end());
  CHECK(it->get() == &a);
  CHECK(m.find(std::string("gamma")) == m.end());
  // Looking up allocates nothing (the key is a view), nor does erasing.
  CHECK(allocations_during([&] { CHECK(m.find(std::string_view("beta")) != m.end()); }).calls == 0);
  m.erase(m.find(std::string_view("alpha")));
  CHECK(m.find(std::string_view("alpha")) == m.end());
  CHECK(m.size() == 1);
}

std::vector<std::pair<std::string, uint32_t>> entries_of(const SubscriptionMap& m) {
  std::vector<std::pair<std::string, uint32_t>> out;
  for (const auto& [filter, o] : m) out.emplace_back(filter, o.subscription_id);
  return out;
}

TEST_CASE("SubscriptionMap: behaves as std::map across the flat/map boundary, both ways") {
  std::mt19937 rng(11);
  SubscriptionMap m;
  std::map<std::string, uint32_t> model;
  bool was_big = false;
  for (int i = 0; i < 20000; ++i) {
    // Grow past kFlatMax for a while, then shrink back: inserts only among a few filters,
    // erases among them all.
    bool growing = (i / 2000) % 2 == 0;
    size_t wide = 3 * SubscriptionMap::kFlatMax;
    size_t op = rng() % 3;
    size_t span = growing || op == 2 ? wide : SubscriptionMap::kFlatMax / 4;
    if (!growing && op == 1) op = 2;
    std::string filter = "t/" + std::to_string(rng() % span);
    uint32_t id = static_cast<uint32_t>(rng() % 1000) + 1;
    switch (op) {
      case 0: {
        bool added = !model.contains(filter);
        model[filter] = id;
        CHECK(m.insert_or_assign(filter, SubOptions{.subscription_id = id}) == added);
        break;
      }
      case 1: {
        bool added = model.emplace(filter, id).second;
        CHECK(m.insert(filter, SubOptions{.subscription_id = id}) == added);
        break;
      }
      default:
        CHECK(m.erase(filter) == (model.erase(filter) == 1));
    }
    was_big = was_big || !m.is_flat();
    const SubOptions* o = m.find(filter);
    REQUIRE((o != nullptr) == model.contains(filter));
    if (o != nullptr) CHECK(o->subscription_id == model[filter]);
    CHECK(m.size() == model.size());
    if (m.size() > SubscriptionMap::kFlatMax) CHECK_FALSE(m.is_flat());
  }
  CHECK(was_big);
  CHECK(m.is_flat());  // shrunk back
  CHECK(entries_of(m) == std::vector<std::pair<std::string, uint32_t>>(model.begin(), model.end()));
}

TEST_CASE("SubscriptionMap: nothing allocated while empty, one allocation for a first filter") {
  CHECK(allocations_during([] { SubscriptionMap m; }).calls == 0);
  SubscriptionMap m;
  // A short filter fits the string itself: the vector's storage is the only allocation.
  CHECK(allocations_during([&] { m.insert_or_assign("a/b", SubOptions{}); }).calls == 1);
  m.erase("a/b");
  CHECK(m.empty());
  CHECK(allocations_during([&] { m.insert_or_assign("a/b", SubOptions{}); }).calls == 1);
}

TEST_CASE("an idle session: one allocation, and small") {
  // Every connected client has a session: this bounds what an idle connection pays for it
  // (ARCHITECTURE.md, memory per connection). Raise it only knowingly.
  CHECK(sizeof(Session) <= 120);
  Allocations a = allocations_during([] { auto s = std::make_unique<Session>(); });
  CHECK(a.calls == 1);
}

TEST_CASE("Session::Rare: made at first use, read without making it, given back when empty") {
  Session s;
  CHECK(s.rare_ == nullptr);
  CHECK(s.rare_or_none().inbound_qos2.empty());
  CHECK(s.rare_ == nullptr);  // reading made nothing
  s.rare().inbound_qos2.insert(7);
  s.trim_rare();
  CHECK(s.rare_ != nullptr);  // still holds an id
  s.rare().inbound_qos2.erase(7);
  s.rare().expires_at = 1000;
  s.trim_rare();
  CHECK(s.rare_ != nullptr);  // still due to expire
  s.rare().expires_at = 0;
  s.trim_rare();
  CHECK(s.rare_ == nullptr);
}

}  // namespace mm::broker::test
