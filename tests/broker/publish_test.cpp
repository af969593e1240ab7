// PUBLISH flows while connected: QoS 0, 1 and 2 as specified (MQTT 3.1.1 section 4.3, MQTT
// 5.0 section 4.3), exactly-once inbound, outbound packet ids, the in-flight window, order.
#include <set>

#include "tests/broker/harness.h"

namespace mm::test::broker {

MM_BROKER_TEST_BOTH("PUBLISH: QoS 0 1 and 2 reach a subscriber at the lower of the two QoS",
                    publish_qos_levels) {
  Broker b(s);
  Client sub0 = b.connected("sub0");
  Client sub2 = b.connected("sub2");
  sub0.subscribe({{"t", {.qos = 0}}});
  sub2.subscribe({{"t", {.qos = 2}}});
  Client pub = b.connected("pub");
  for (uint8_t q : {0, 1, 2}) {
    CAPTURE(int(q));
    std::string payload = "q" + std::to_string(q);
    Incoming ack = pub.publish({.topic = "t", .payload = payload, .qos = q});
    if (q > 0) CHECK(ack.reason == 0);
    CHECK(expect_message(sub0, "t", payload).qos == 0);
    Incoming m = expect_message(sub2, "t", payload);
    CHECK(m.qos == q);
    CHECK_FALSE(m.dup);
    CHECK_FALSE(m.retain);
    if (q > 0) CHECK(m.packet_id != 0);
  }
}

MM_BROKER_TEST_BOTH("PUBLISH: QoS 1 PUBACK and QoS 2 PUBREC PUBCOMP carry the packet id",
                    publish_acks) {
  Broker b(s);
  Client pub = b.connected("pub");
  pub.send(publish(s.version, {.topic = "t", .payload = "a", .qos = 1, .packet_id = 0x1234}));
  CHECK(pub.expect(Type::puback).packet_id == 0x1234);
  pub.send(publish(s.version, {.topic = "t", .payload = "b", .qos = 2, .packet_id = 0xFFFF}));
  Incoming rec = pub.expect(Type::pubrec);
  CHECK(rec.packet_id == 0xFFFF);
  CHECK(rec.reason < 0x80);  // 0x00, or 5.0's 0x10 No matching subscribers
  pub.send(ack(s.version, Type::pubrel, 0xFFFF));
  Incoming comp = pub.expect(Type::pubcomp);
  CHECK(comp.packet_id == 0xFFFF);
  CHECK(comp.reason == 0);
}

MM_BROKER_TEST_BOTH("PUBLISH: QoS 2 inbound is delivered exactly once until PUBREL",
                    publish_qos2_exactly_once) {
  Broker b(s);
  Client sub = b.connected("sub");
  sub.subscribe({{"t", {.qos = 2}}, {"marker", {.qos = 1}}});
  Client pub = b.connected("pub");
  Message m{.topic = "t", .payload = "once", .qos = 2, .packet_id = 5};
  pub.send(publish(s.version, m));
  CHECK(pub.expect(Type::pubrec).packet_id == 5);
  // The same packet again (DUP) before PUBREL: acknowledged again, not delivered again.
  m.dup = true;
  pub.send(publish(s.version, m));
  CHECK(pub.expect(Type::pubrec).packet_id == 5);
  pub.send(ack(s.version, Type::pubrel, 5));
  CHECK(pub.expect(Type::pubcomp).packet_id == 5);
  auto got = before_marker(pub, sub, "marker");
  CHECK(payloads(got) == std::vector<std::string>{"once"});
  // After PUBCOMP the id is free: the same id carries a new message.
  pub.publish({.topic = "t", .payload = "again", .qos = 2, .packet_id = 5});
  expect_message(sub, "t", "again");
}

MM_BROKER_TEST_BOTH("PUBLISH: QoS 2 outbound: PUBREC gets PUBREL; PUBCOMP ends it",
                    publish_qos2_outbound) {
  Broker b(s);
  Client sub = b.connected("sub");
  sub.subscribe({{"t", {.qos = 2}}});
  Client pub = b.connected("pub");
  pub.publish({.topic = "t", .payload = "x", .qos = 2});
  Incoming m = sub.expect(Type::publish);
  CHECK(m.qos == 2);
  sub.send(ack(s.version, Type::pubrec, m.packet_id));
  CHECK(sub.expect(Type::pubrel).packet_id == m.packet_id);
  sub.send(ack(s.version, Type::pubcomp, m.packet_id));
  sub.ping();  // nothing else comes: no redelivery of a completed flow
}

MM_BROKER_TEST_BOTH("PUBLISH: outbound packet ids are distinct while in flight",
                    publish_outbound_ids) {
  Broker b(s, {{"max_inflight_messages", 20}});
  Client sub = b.connected("sub");
  sub.subscribe({{"t", {.qos = 1}}});
  Client pub = b.connected("pub");
  for (int i = 0; i < 10; ++i) pub.publish({.topic = "t", .payload = std::to_string(i), .qos = 1});
  std::set<uint16_t> ids;
  std::vector<Incoming> held;
  for (int i = 0; i < 10; ++i) {
    Incoming m = sub.expect(Type::publish);
    CHECK(m.packet_id != 0);
    CHECK(ids.insert(m.packet_id).second);
    held.push_back(m);
  }
  for (const Incoming& m : held) sub.ack(m);
}

MM_BROKER_TEST_BOTH("PUBLISH: in-flight window bounded by max_inflight_messages",
                    publish_inflight_window) {
  Broker b(s, {{"max_inflight_messages", 2}});
  Client sub = b.connected("sub");
  sub.subscribe({{"t", {.qos = 1}}});
  Client pub = b.connected("pub");
  for (int i = 0; i < 5; ++i) pub.publish({.topic = "t", .payload = std::to_string(i), .qos = 1});
  Incoming m0 = sub.expect(Type::publish);
  Incoming m1 = sub.expect(Type::publish);
  CHECK(sub.quiet(kQuiet));  // a third is not sent before an ack
  sub.ack(m0);
  Incoming m2 = sub.expect(Type::publish);
  CHECK(m2.payload == "2");
  CHECK(sub.quiet(kQuiet));
  sub.ack(m1);
  sub.ack(m2);
  CHECK(payloads({sub.receive(), sub.receive()}) == std::vector<std::string>{"3", "4"});
}

MM_BROKER_TEST("PUBLISH: 5.0 the client's Receive Maximum bounds the in-flight window",
               publish_client_receive_maximum) {
  Broker b(s, {{"max_inflight_messages", 20}});
  Client sub = b.connected("sub", {.props = {receive_maximum(1)}}, v5);
  sub.subscribe({{"t", {.qos = 2}}});
  Client pub = b.connected("pub", {}, v5);
  for (int i = 0; i < 3; ++i) pub.publish({.topic = "t", .payload = std::to_string(i), .qos = 2});
  Incoming m0 = sub.expect(Type::publish);
  CHECK(sub.quiet(kQuiet));
  // A QoS 2 message stays in flight until PUBCOMP, not PUBREC (5.0 section 4.9).
  sub.send(ack(v5, Type::pubrec, m0.packet_id));
  sub.expect(Type::pubrel);
  CHECK(sub.quiet(kQuiet));
  sub.send(ack(v5, Type::pubcomp, m0.packet_id));
  CHECK(sub.receive().payload == "1");
  CHECK(sub.receive().payload == "2");
}

// Per QoS: a QoS 0 message may overtake QoS 1 and 2 messages that wait for a full in-flight
// window (5.0 section 4.9 lets a server keep sending QoS 0 then), so QoS levels are not mixed.
MM_BROKER_TEST_BOTH("PUBLISH: order per topic from one publisher is kept at each QoS",
                    publish_order) {
  // The outbound window to the subscriber is 5; the publisher may have up to 100 QoS 2
  // messages awaiting PUBREL (MQTT 5.0 enforces our Receive Maximum: 0x93 beyond it).
  Broker b(s, {{"max_inflight_messages", 100}});
  Client sub = b.connected("sub", {.props = {receive_maximum(5)}}, s.version);
  sub.subscribe({{"o/#", {.qos = 2}}});
  Client pub = b.connected("pub");
  constexpr int kCount = 60;
  for (uint8_t q : {0, 1, 2}) {
    CAPTURE(int(q));
    // Sent back to back without waiting for acks (packet ids 1..60 are all free).
    for (int i = 0; i < kCount; ++i) {
      pub.send(publish(s.version, {.topic = "o/t",
                                   .payload = std::to_string(i),
                                   .qos = q,
                                   .packet_id = uint16_t(q ? i + 1 : 0)}));
    }
    std::vector<std::string> want;
    std::vector<std::string> got;
    for (int i = 0; i < kCount; ++i) want.push_back(std::to_string(i));
    for (int i = 0; i < kCount; ++i) got.push_back(sub.receive().payload);
    CHECK(got == want);
    for (int i = 0; q > 0 && i < kCount; ++i) {  // the publisher's acks, in order
      if (q == 1) CHECK(pub.await(Type::puback).packet_id == i + 1);
      if (q == 2) {
        CHECK(pub.await(Type::pubrec).packet_id == i + 1);
        pub.send(ack(s.version, Type::pubrel, uint16_t(i + 1)));
        CHECK(pub.await(Type::pubcomp).packet_id == i + 1);
      }
    }
  }
}

MM_BROKER_TEST("PUBLISH: 5.0 PUBACK says 0x10 or 0x00 when nobody subscribes",
               publish_no_subscribers) {
  Broker b(s);
  Client pub = b.connected("pub", {}, v5);
  uint8_t r = pub.publish({.topic = "nobody", .payload = "x", .qos = 1}).reason;
  CHECK((r == 0x00 || r == 0x10));
}

// One QoS 0 message to subscribers that each need different bytes: the broker encodes the
// PUBLISH once per form (3.1.1 or 5.0, RETAIN or not) and shares it; what differs per
// subscriber (Subscription Identifier, topic alias) must still be each one's own.
MM_BROKER_TEST("PUBLISH: one message to subscribers of every form, each gets its own bytes",
               publish_every_form) {
  Broker b(s);
  Client old = b.connected("old", {}, v311);
  Client keep = b.connected("keep", {}, v5);
  Client clear = b.connected("clear", {}, v5);
  Client id = b.connected("id", {}, v5);
  Client alias = b.connected("alias", {.props = {topic_alias_maximum(5)}}, v5);
  old.subscribe({{"f/#", {.qos = 0}}});
  keep.subscribe({{"f/#", {.qos = 0, .retain_as_published = true}}});
  clear.subscribe({{"f/#", {.qos = 0}}});
  id.subscribe({{"f/#", {.qos = 0}}}, {subscription_id(9)});
  alias.subscribe({{"f/#", {.qos = 0}}});
  Client pub = b.connected("pub", {}, v5);
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    const std::string payload = "p" + std::to_string(round);
    pub.publish({.topic = "f/x",
                 .payload = payload,
                 .qos = 0,
                 .retain = true,
                 .props = {content_type("text/plain")}});
    Incoming o = expect_message(old, "f/x", payload);
    CHECK_FALSE(o.retain);  // an established subscription in 3.1.1 [MQTT-3.3.1-9]
    Incoming k = expect_message(keep, "f/x", payload);
    CHECK(k.retain);
    CHECK(k.props.text(prop::content_type) == std::optional<std::string>("text/plain"));
    CHECK(k.props.numbers(prop::subscription_identifier).empty());
    Incoming c = expect_message(clear, "f/x", payload);
    CHECK_FALSE(c.retain);
    CHECK(c.props.text(prop::content_type) == std::optional<std::string>("text/plain"));
    CHECK(c.props.numbers(prop::subscription_identifier).empty());
    Incoming i = expect_message(id, "f/x", payload);
    CHECK(i.props.numbers(prop::subscription_identifier) == std::vector<uint32_t>{9});
    Incoming a = expect_message(alias, "f/x", payload);
    CHECK(a.props.number(prop::topic_alias).has_value());
    CHECK(a.topic_from_alias == (round == 1));  // the second time, the alias alone
  }
}

// A QoS 0 PUBLISH without RETAIN reaches the subscribers of its own form as the bytes it came
// in; every other form is encoded. So: a 5.0 publisher's Topic Alias must not reach anyone,
// its properties must, User Properties in order [MQTT-3.3.2-18]; a 3.1.1 subscriber gets no
// properties, and a 3.1.1 publisher's message reaches a 5.0 subscriber with a property length.
MM_BROKER_TEST("PUBLISH: QoS 0 as it came to its own form, encoded for the other",
               publish_as_received) {
  Broker b(s, {{"topic_alias_maximum", 4}});
  Client old = b.connected("old", {}, v311);
  Client fresh = b.connected("fresh", {}, v5);
  old.subscribe({{"t/#", {.qos = 0}}});
  fresh.subscribe({{"t/#", {.qos = 0}}});
  Client pub5 = b.connected("pub5", {}, v5);
  const Props sent = {user("k", "2"), user("a", "1"), message_expiry(600),
                      content_type("text/plain"), topic_alias(3)};
  pub5.publish({.topic = "t/five", .payload = "first", .qos = 0, .props = sent});
  pub5.publish({.topic = "", .payload = "second", .qos = 0, .props = {topic_alias(3)}});
  for (const char* payload : {"first", "second"}) {
    CAPTURE(payload);
    expect_message(old, "t/five", payload);
    Incoming m = expect_message(fresh, "t/five", payload);
    CHECK_FALSE(m.props.has(prop::topic_alias));  // "fresh" allowed none
    CHECK_FALSE(m.topic_from_alias);
    if (std::string(payload) == "first") {
      using Pairs = std::vector<std::pair<std::string, std::string>>;
      CHECK(m.props.user() == Pairs{{"k", "2"}, {"a", "1"}});
      CHECK(m.props.text(prop::content_type) == std::optional<std::string>("text/plain"));
      const std::optional<uint32_t> expiry = m.props.number(prop::message_expiry_interval);
      REQUIRE(expiry.has_value());
      CHECK(*expiry > 590);
      CHECK(*expiry <= 600);
    }
  }
  Client pub3 = b.connected("pub3", {}, v311);
  pub3.publish({.topic = "t/three", .payload = "third", .qos = 0});
  expect_message(old, "t/three", "third");
  Incoming m = expect_message(fresh, "t/three", "third");
  CHECK(m.props.user().empty());
}

}  // namespace mm::test::broker
