// Retained messages: store, replace, delete, delivery on subscribe, retain_available (MQTT
// 3.1.1 section 3.3.1.3, MQTT 5.0 section 3.3.1.3).
#include "tests/broker/harness.h"

namespace mm::test::broker {

MM_BROKER_TEST_BOTH("Retained: stored, replaced, and sent to a new subscriber with RETAIN 1",
                    retain_store_replace) {
  Broker b(s);
  Client pub = b.connected("pub");
  pub.publish({.topic = "r/a", .payload = "first", .qos = 1, .retain = true});
  pub.publish({.topic = "r/a", .payload = "second", .qos = 1, .retain = true});
  pub.publish({.topic = "r/b", .payload = "other", .qos = 0, .retain = true});
  pub.publish({.topic = "r/c", .payload = "not retained", .qos = 1});
  Client sub = b.connected("sub");
  sub.subscribe({{"r/+", {.qos = 1}}});
  auto got = drain(sub);
  REQUIRE(got.size() == 2);
  for (const Incoming& m : got) {
    CHECK(m.retain);
    if (m.topic == "r/a") CHECK(m.payload == "second");
    if (m.topic == "r/b") CHECK(m.payload == "other");
    if (m.topic == "r/b") CHECK(m.qos == 0);  // the lower of the stored and granted QoS
  }
}

MM_BROKER_TEST_BOTH("Retained: an empty retained payload deletes it (and is forwarded)",
                    retain_delete) {
  Broker b(s);
  Client pub = b.connected("pub");
  pub.publish({.topic = "r/a", .payload = "x", .qos = 1, .retain = true});
  Client live = b.connected("live");
  live.subscribe({{"r/a", {.qos = 1}}});
  CHECK(expect_message(live, "r/a", "x").retain);
  pub.publish({.topic = "r/a", .payload = "", .qos = 1, .retain = true});
  // A live subscriber still gets the empty message, with RETAIN 0 (not from a subscribe).
  CHECK_FALSE(expect_message(live, "r/a", "").retain);
  pub.publish({.topic = "r/m", .payload = "marker", .qos = 1, .retain = true});
  Client sub = b.connected("sub");
  sub.subscribe({{"r/#", {.qos = 1}}});
  auto got = drain(sub);
  REQUIRE(got.size() == 1);
  CHECK(got[0].topic == "r/m");
}

MM_BROKER_TEST_BOTH("Retained: a live message is forwarded with RETAIN 0", retain_live_flag) {
  Broker b(s);
  Client sub = b.connected("sub");
  sub.subscribe({{"r", {.qos = 1}}});
  Client pub = b.connected("pub");
  pub.publish({.topic = "r", .payload = "x", .qos = 1, .retain = true});
  CHECK_FALSE(expect_message(sub, "r", "x").retain);
}

MM_BROKER_TEST("Retained: retain_available false: 5.0 announces it; a retained PUBLISH is 0x9A",
               retain_unavailable_v5) {
  Broker b(s, {{"retain_available", false}});
  Client c = b.client("c", v5);
  CHECK(c.connect({.client_id = "c"}).props.number(prop::retain_available) == 0u);
  c.send(publish(v5, {.topic = "r", .payload = "x", .qos = 1, .retain = true, .packet_id = 1}));
  auto before = c.expect_closed(kWait);
  REQUIRE(before.size() == 1);
  CHECK(before[0].is(Type::disconnect));
  CHECK(before[0].reason == 0x9A);  // Retain not supported
}

MM_BROKER_TEST("Retained: retain_available false: 3.1.1 stores nothing", retain_unavailable_311) {
  Broker b(s, {{"retain_available", false}});
  Client pub = b.connected("pub", {}, v311);
  pub.send(publish(v311, {.topic = "r", .payload = "x", .qos = 1, .retain = true, .packet_id = 1}));
  Next n = pub.next(kWait);  // PUBACK, or a close: 3.1.1 has no code to refuse it with
  if (n.is_packet()) CHECK(n.packet.is(Type::puback));
  Client sub = b.connected("sub", {}, v311);
  sub.subscribe({{"r", {.qos = 1}}});
  CHECK(drain(sub).empty());
}

}  // namespace mm::test::broker
