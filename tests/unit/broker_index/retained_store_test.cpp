// RetainedStore: the spec table read the other way round (a stored name, a subscribing
// filter), replacement, byte accounting, erase and pruning, and a match that allocates nothing.

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/unit/broker_index/counting_new.h"
#include "tests/unit/broker_index/topic_cases.h"
#include "worker/broker/retained_store.h"

using mm::broker::RetainedStore;
using mm::broker::test::match_cases;
using mm::broker::test::MatchCase;
using mm::broker::test::news_during;
using mm::broker::test::sorted;

namespace {

using Store = RetainedStore<std::string>;

std::vector<std::string> matches(Store& store, std::string_view filter) {
  std::vector<std::string> out;
  store.match(filter, [&](std::string_view topic, std::string&) { out.emplace_back(topic); });
  return sorted(out);
}

}  // namespace

TEST_CASE("retained store: the spec table, one stored name at a time") {
  for (const MatchCase& c : match_cases()) {
    CAPTURE(c.rule);
    CAPTURE(c.filter);
    CAPTURE(c.name);
    Store store;
    store.set(c.name, "payload");
    const std::vector<std::string> expected =
        c.matches ? std::vector<std::string>{std::string(c.name)} : std::vector<std::string>{};
    CHECK(matches(store, c.filter) == expected);
  }
}

TEST_CASE("retained store: MQTT-4.7.2-1 on a store holding $ and ordinary names") {
  Store store;
  for (const char* t : {"$SYS/broker/load", "$SYS", "$x/y", "a", "a/$SYS", "/"}) store.set(t, t);
  CHECK(matches(store, "#") == sorted({"a", "a/$SYS", "/"}));
  CHECK(matches(store, "+") == sorted({"a"}));
  CHECK(matches(store, "+/+") == sorted({"a/$SYS", "/"}));
  CHECK(matches(store, "+/#") == sorted({"a", "a/$SYS", "/"}));
  CHECK(matches(store, "$SYS/#") == sorted({"$SYS", "$SYS/broker/load"}));
  CHECK(matches(store, "$SYS/+/load") == sorted({"$SYS/broker/load"}));
  CHECK(matches(store, "$x/+") == sorted({"$x/y"}));
}

TEST_CASE("retained store: set replaces, find, erase, size and bytes") {
  Store store;
  store.set("a/b", "one", 3);
  store.set("a", "two", 10);
  CHECK(store.size() == 2);
  CHECK(store.bytes() == 3 + 3 + 1 + 10);  // topic lengths + value bytes
  store.set("a/b", "three", 5);
  CHECK(store.size() == 2);
  CHECK(store.bytes() == 3 + 5 + 1 + 10);
  REQUIRE(store.find("a/b") != nullptr);
  CHECK(*store.find("a/b") == "three");
  CHECK(store.find("a/c") == nullptr);
  CHECK_FALSE(store.erase("a/c"));
  CHECK(store.erase("a"));
  CHECK(store.bytes() == 3 + 5);
  CHECK(store.find("a") == nullptr);
  CHECK(*store.find("a/b") == "three");  // the node of "a" stays: "a/b" needs it
  CHECK(store.node_count() == 2);
  CHECK(store.erase("a/b"));
  CHECK(store.size() == 0);
  CHECK(store.bytes() == 0);
  CHECK(store.node_count() == 0);
}

TEST_CASE("retained store: values can be shared pointers to immutable messages") {
  RetainedStore<std::shared_ptr<const std::string>> store;
  auto message = std::make_shared<const std::string>("on");
  store.set("lamp/1", message, message->size());
  store.set("lamp/2", message, message->size());
  CHECK(message.use_count() == 3);
  size_t seen = 0;
  store.match("lamp/+", [&](std::string_view, const auto& m) { seen += m == message ? 1 : 0; });
  CHECK(seen == 2);
  store.clear();
  CHECK(message.use_count() == 1);
  CHECK(store.node_count() == 0);
}

TEST_CASE("retained store: '#' over a wide level returns each name once") {
  Store store;
  for (int i = 0; i < 5'000; ++i) store.set("dev/" + std::to_string(i) + "/state", "x");
  store.set("dev", "parent");
  size_t count = 0;
  store.match("dev/#", [&](std::string_view, std::string&) { ++count; });
  CHECK(count == 5'001);
  count = 0;
  store.match("dev/+/state", [&](std::string_view, std::string&) { ++count; });
  CHECK(count == 5'000);
  CHECK(matches(store, "dev/4711/state") == sorted({"dev/4711/state"}));
}

TEST_CASE("retained store: match allocates nothing once warm") {
  Store store;
  for (int i = 0; i < 100; ++i) store.set("site/" + std::to_string(i) + "/temp", "21");
  size_t found = 0;
  auto run = [&] { store.match("site/+/#", [&](std::string_view, std::string&) { ++found; }); };
  run();
  found = 0;
  CHECK(news_during(run) == 0);
  CHECK(found == 100);
}
