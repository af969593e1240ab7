// MQTT 5.0 topic aliases in both directions (section 3.3.2.3.4) and server-initiated
// DISCONNECT for alias errors.
#include "tests/broker/harness.h"

namespace mm::test::broker {
namespace {

// The reason code of the DISCONNECT the server sends before closing; fails without one.
uint8_t disconnect_reason(Client& c) {
  auto before = c.expect_closed(kWait);
  REQUIRE(!before.empty());
  REQUIRE(before.back().is(Type::disconnect));
  return before.back().reason;
}

}  // namespace

MM_BROKER_TEST("5.0 topic alias client to server: set, then used with an empty topic",
               alias_inbound) {
  Broker b(s, {{"topic_alias_maximum", 2}});
  Client sub = b.connected("sub", {}, v5);
  sub.subscribe({{"a/long/topic", {.qos = 1}}});
  Client pub = b.connected("pub", {}, v5);
  pub.publish({.topic = "a/long/topic", .payload = "1", .qos = 1, .props = {topic_alias(2)}});
  pub.publish({.topic = "", .payload = "2", .qos = 1, .props = {topic_alias(2)}});
  for (const char* p : {"1", "2"}) {
    Incoming m = expect_message(sub, "a/long/topic", p);
    CHECK_FALSE(m.props.has(prop::topic_alias));  // the subscriber allowed none
  }
}

MM_BROKER_TEST("5.0 topic alias above the server's maximum is DISCONNECT 0x94", alias_too_big) {
  Broker b(s, {{"topic_alias_maximum", 2}});
  for (uint16_t alias : {3, 0}) {
    CAPTURE(alias);
    Client pub = b.connected("pub", {}, v5);
    pub.send(publish(v5, {.topic = "t", .payload = "x", .props = {topic_alias(alias)}}));
    CHECK(disconnect_reason(pub) == 0x94);  // Topic Alias invalid
  }
}

MM_BROKER_TEST("5.0 topic_alias_maximum 0: no aliases; any alias is 0x94", alias_disabled) {
  Broker b(s, {{"topic_alias_maximum", 0}});
  Client pub = b.client("pub", v5);
  CHECK(pub.connect({.client_id = "pub"}).props.number(prop::topic_alias_maximum).value_or(0) == 0);
  pub.send(publish(v5, {.topic = "t", .payload = "x", .props = {topic_alias(1)}}));
  CHECK(disconnect_reason(pub) == 0x94);
}

MM_BROKER_TEST("5.0 an empty topic with an unknown alias is a protocol error", alias_unknown) {
  Broker b(s, {{"topic_alias_maximum", 5}});
  Client pub = b.connected("pub", {}, v5);
  pub.send(publish(v5, {.topic = "", .payload = "x", .props = {topic_alias(4)}}));
  CHECK(disconnect_reason(pub) == 0x82);
}

MM_BROKER_TEST("5.0 topic aliases server to client stay within the client's maximum",
               alias_outbound) {
  Broker b(s);
  Client sub = b.connected("sub", {.props = {topic_alias_maximum(2)}}, v5);
  sub.subscribe({{"o/#", {.qos = 1}}});
  Client pub = b.connected("pub", {}, v5);
  std::vector<std::string> sent;
  for (int round = 0; round < 3; ++round) {
    for (const char* t : {"o/a", "o/b", "o/c"}) {
      pub.publish({.topic = t, .payload = t, .qos = 1});
      sent.push_back(t);
    }
  }
  for (const std::string& t : sent) {
    Incoming m = sub.receive();  // the client resolves aliases (throws on an unset one)
    CHECK(m.topic == t);
    CHECK(m.payload == t);
    auto alias = m.props.number(prop::topic_alias);
    if (alias) CHECK((*alias >= 1 && *alias <= 2));
  }
}

}  // namespace mm::test::broker
