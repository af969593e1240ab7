// SUBSCRIBE / UNSUBSCRIBE: wildcards, $ topics, granted QoS, reason codes, overlapping
// subscriptions and the 5.0 subscription options (MQTT 3.1.1 sections 3.8-3.11 and 4.7,
// MQTT 5.0 sections 3.8-3.11 and 4.7-4.8).
#include <algorithm>
#include <set>

#include "tests/broker/harness.h"

namespace mm::test::broker {
namespace {

// Topics of `msgs`, sorted: which topics reached a subscriber, whatever the order.
std::multiset<std::string> topics(const std::vector<Incoming>& msgs) {
  std::multiset<std::string> out;
  for (const Incoming& m : msgs) out.insert(m.topic);
  return out;
}

}  // namespace

MM_BROKER_TEST_BOTH("SUBSCRIBE: + and # match by levels; $ topics only by a literal first level",
                    subscribe_wildcards) {
  Broker b(s);
  Client sub = b.connected("sub");
  Incoming ack = sub.subscribe(
      {{"sport/tennis/+", {}}, {"sport/#", {}}, {"+/+", {}}, {"$x/#", {}}, {"#", {}}});
  CHECK(ack.reasons == std::vector<uint8_t>{0, 0, 0, 0, 0});
  Client filt = b.connected("filt");
  filt.subscribe({{"sport/tennis/+", {}}, {"+/+", {}}, {"marker", {}}});
  Client pub = b.connected("pub");
  for (const char* t : {"sport/tennis/player1", "sport/tennis/player1/ranking", "sport", "/finance",
                        "$x/mine", "$other/y", "a/b/c"}) {
    pub.publish({.topic = t, .payload = t, .qos = 1});
  }
  // One copy each for "sub" (overlaps give one message): "#" takes all but $ topics.
  auto got = topics(before_marker(pub, sub, "marker"));
  CHECK(got == std::multiset<std::string>{"sport/tennis/player1", "sport/tennis/player1/ranking",
                                          "sport", "/finance", "$x/mine", "a/b/c"});
  auto narrow = topics(before_marker(pub, filt, "marker"));
  CHECK(narrow == std::multiset<std::string>{"sport/tennis/player1", "/finance"});
}

MM_BROKER_TEST_BOTH("SUBSCRIBE: SUBACK grants the QoS asked for", subscribe_granted_qos) {
  Broker b(s);
  Client sub = b.connected("sub");
  Incoming ack = sub.subscribe({{"a", {.qos = 0}}, {"b", {.qos = 1}}, {"c", {.qos = 2}}});
  CHECK(ack.reasons == std::vector<uint8_t>{0, 1, 2});
}

// A malformed filter breaks a MUST of 4.7.1: a protocol violation, which 3.1.1 answers with the
// close [MQTT-4.8.0-1] and 5.0 with DISCONNECT (5.0 reserves SUBACK 0x8F for filters that are
// correctly formed but not allowed). A filter over a server limit is refused in SUBACK.
MM_BROKER_TEST_BOTH("SUBSCRIBE: a malformed filter closes; one over a limit is refused in SUBACK",
                    subscribe_invalid_filter) {
  Broker b(s, {{"max_topic_levels", 3}});
  Client sub = b.connected("sub");
  Incoming ack = sub.subscribe({{"ok", {}}, {"a/b/c/d", {}}});
  uint8_t refused = s.v5() ? 0x8F : 0x80;  // Topic Filter invalid / Failure
  CHECK(ack.reasons == std::vector<uint8_t>{0x00, refused});
  sub.send(subscribe(s.version, 2, {{"ok", {}}, {"a/#/b", {}}}));
  Next n = sub.next(kWait);
  if (s.v5()) {
    REQUIRE(n.is_packet());
    REQUIRE(n.packet.is(Type::disconnect));
    CHECK((n.packet.reason == 0x8F || n.packet.reason == 0x82));
    n = sub.next(kWait);
  }
  CHECK(n.closed());
}

MM_BROKER_TEST_BOTH("UNSUBSCRIBE: stops delivery; UNSUBACK 0x00 or 0x11", unsubscribe) {
  Broker b(s);
  Client sub = b.connected("sub");
  sub.subscribe({{"t/+", {.qos = 1}}, {"marker", {.qos = 1}}});
  Incoming ack = sub.unsubscribe({"t/+", "never"});
  if (s.v5()) CHECK(ack.reasons == std::vector<uint8_t>{0x00, 0x11});  // No subscription existed
  if (!s.v5()) CHECK(ack.body.size() == 2);
  Client pub = b.connected("pub");
  pub.publish({.topic = "t/1", .payload = "x", .qos = 1});
  expect_only_marker(pub, sub, "marker");
}

MM_BROKER_TEST_BOTH("SUBSCRIBE: the same filter again replaces the subscription's QoS",
                    subscribe_replace) {
  Broker b(s);
  Client sub = b.connected("sub");
  sub.subscribe({{"t", {.qos = 2}}});
  sub.subscribe({{"t", {.qos = 0}}});
  Client pub = b.connected("pub");
  pub.publish({.topic = "t", .payload = "x", .qos = 2});
  Incoming m = expect_message(sub, "t", "x");
  CHECK(m.qos == 0);
  expect_only_marker(pub, sub, "t");  // one copy, not two
}

MM_BROKER_TEST("SUBSCRIBE: 3.1.1 overlapping subscriptions give one copy at the highest QoS",
               subscribe_overlap_311) {
  Broker b(s);
  Client sub = b.connected("sub", {}, v311);
  sub.subscribe({{"a/+", {.qos = 0}}, {"a/#", {.qos = 2}}, {"+/b", {.qos = 1}}});
  Client pub = b.connected("pub", {}, v311);
  pub.publish({.topic = "a/b", .payload = "x", .qos = 2});
  CHECK(expect_message(sub, "a/b", "x").qos == 2);
  expect_only_marker(pub, sub, "a/m");
}

MM_BROKER_TEST(
    "SUBSCRIBE: 5.0 overlapping subscriptions: one copy with every Subscription Identifier",
    subscribe_overlap_v5) {
  Broker b(s);
  Client sub = b.connected("sub", {}, v5);
  sub.subscribe({{"a/+", {.qos = 1}}}, {subscription_id(1)});
  sub.subscribe({{"a/#", {.qos = 2}}}, {subscription_id(268435455)});
  sub.subscribe({{"+/b", {.qos = 0}}});  // no identifier
  Client pub = b.connected("pub", {}, v5);
  pub.publish({.topic = "a/b", .payload = "x", .qos = 2});
  Incoming m = expect_message(sub, "a/b", "x");
  CHECK(m.qos == 2);
  auto ids = m.props.numbers(prop::subscription_identifier);
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<uint32_t>{1, 268435455});
  expect_only_marker(pub, sub, "a/m");
  // A topic matched by one subscription carries only its identifier.
  pub.publish({.topic = "a/b/c", .payload = "y", .qos = 1});
  CHECK(expect_message(sub, "a/b/c", "y").props.numbers(prop::subscription_identifier) ==
        std::vector<uint32_t>{268435455});
}

MM_BROKER_TEST("SUBSCRIBE: 5.0 No Local: no copy of one's own messages", subscribe_no_local) {
  Broker b(s);
  Client c = b.connected("c", {}, v5);
  c.subscribe({{"nl", {.qos = 1, .no_local = true}}, {"own", {.qos = 1}}});
  c.publish({.topic = "nl", .payload = "mine", .qos = 1});
  CHECK(payloads(before_marker(c, c, "own")).empty());
  // Another client's message on the same topic is delivered.
  Client other = b.connected("other", {}, v5);
  other.publish({.topic = "nl", .payload = "theirs", .qos = 1});
  expect_message(c, "nl", "theirs");
}

MM_BROKER_TEST("SUBSCRIBE: 5.0 Retain As Published keeps the RETAIN flag on forwarded messages",
               subscribe_retain_as_published) {
  Broker b(s);
  Client keep = b.connected("keep", {}, v5);
  Client clear = b.connected("clear", {}, v5);
  keep.subscribe({{"r", {.qos = 1, .retain_as_published = true}}});
  clear.subscribe({{"r", {.qos = 1}}});
  Client pub = b.connected("pub", {}, v5);
  pub.publish({.topic = "r", .payload = "x", .qos = 1, .retain = true});
  CHECK(expect_message(keep, "r", "x").retain);
  CHECK_FALSE(expect_message(clear, "r", "x").retain);
}

MM_BROKER_TEST("SUBSCRIBE: 5.0 Retain Handling 0 1 and 2", subscribe_retain_handling) {
  Broker b(s);
  Client pub = b.connected("pub", {}, v5);
  pub.publish({.topic = "rh", .payload = "kept", .qos = 1, .retain = true});
  Client sub = b.connected("sub", {}, v5);
  // 0: sent at every subscribe, including a repeated one.
  sub.subscribe({{"rh", {.qos = 1, .retain_handling = 0}}});
  CHECK(expect_message(sub, "rh", "kept").retain);
  sub.subscribe({{"rh", {.qos = 1, .retain_handling = 0}}});
  CHECK(expect_message(sub, "rh", "kept").retain);
  // 1: only when the subscription did not exist.
  sub.subscribe({{"rh", {.qos = 1, .retain_handling = 1}}});
  sub.subscribe({{"m1", {.qos = 1}}});
  expect_only_marker(pub, sub, "m1");
  Client fresh = b.connected("fresh", {}, v5);
  fresh.subscribe({{"rh", {.qos = 1, .retain_handling = 1}}});
  CHECK(expect_message(fresh, "rh", "kept").retain);
  // 2: never.
  Client never = b.connected("never", {}, v5);
  never.subscribe({{"rh", {.qos = 1, .retain_handling = 2}}, {"m2", {.qos = 1}}});
  expect_only_marker(pub, never, "m2");
}

}  // namespace mm::test::broker
