// Flows across a disconnect and a resume (MQTT 3.1.1 section 4.4, MQTT 5.0 section 4.4):
// QoS 1 and 2 redelivery with DUP, PUBREL re-sent, exactly-once QoS 2 when PUBREL comes after
// a reconnect, and the offline queue of a persistent session.
#include "tests/broker/harness.h"

namespace mm::test::broker {
namespace {

// A persistent session `id` subscribed to `filter`.
Client subscribed(Broker& b, const Setup& s, const std::string& id, const std::string& filter,
                  uint8_t qos) {
  Client c = b.client(id);
  c.connect_ok(persistent(s, id));
  c.subscribe({{filter, {.qos = qos}}});
  return c;
}

// The session `id` resumed on a new connection.
Client resumed(Broker& b, const Setup& s, const std::string& id) {
  Client c = b.client(id);
  CHECK(c.connect(persistent(s, id)).session_present);
  return c;
}

}  // namespace

MM_BROKER_TEST_BOTH("Resume: unacknowledged QoS 1 is re-sent with DUP and the same packet id",
                    resume_qos1_dup) {
  Broker b(s);
  Client pub = b.connected("pub");
  uint16_t id = 0;
  {
    Client sub = subscribed(b, s, "sub", "t", 1);
    pub.publish({.topic = "t", .payload = "x", .qos = 1});
    Incoming m = sub.expect(Type::publish);
    CHECK_FALSE(m.dup);
    id = m.packet_id;
    sub.drop();  // no PUBACK
  }
  Client sub = resumed(b, s, "sub");
  Incoming again = sub.expect(Type::publish);
  CHECK(again.dup);
  CHECK(again.qos == 1);
  CHECK(again.packet_id == id);
  CHECK(again.payload == "x");
  sub.ack(again);
  expect_only_marker(pub, sub, "t");  // nothing more was on its way (the marker is on t)
}

MM_BROKER_TEST_BOTH("Resume: QoS 2 before PUBREC is re-sent as PUBLISH with DUP",
                    resume_qos2_publish) {
  Broker b(s);
  Client pub = b.connected("pub");
  {
    Client sub = subscribed(b, s, "sub", "t", 2);
    pub.publish({.topic = "t", .payload = "x", .qos = 2});
    sub.expect(Type::publish);
    sub.drop();
  }
  Client sub = resumed(b, s, "sub");
  Incoming again = sub.expect(Type::publish);
  CHECK(again.dup);
  CHECK(again.qos == 2);
  sub.ack(again);
}

MM_BROKER_TEST_BOTH("Resume: QoS 2 after PUBREC is resumed with PUBREL, not PUBLISH",
                    resume_qos2_pubrel) {
  Broker b(s);
  Client pub = b.connected("pub");
  uint16_t id = 0;
  {
    Client sub = subscribed(b, s, "sub", "t", 2);
    pub.publish({.topic = "t", .payload = "x", .qos = 2});
    id = sub.expect(Type::publish).packet_id;
    sub.send(ack(s.version, Type::pubrec, id));
    sub.expect(Type::pubrel);
    sub.drop();  // no PUBCOMP
  }
  Client sub = resumed(b, s, "sub");
  CHECK(sub.expect(Type::pubrel).packet_id == id);
  sub.send(ack(s.version, Type::pubcomp, id));
  expect_only_marker(pub, sub, "t");
}

MM_BROKER_TEST_BOTH("Resume: inbound QoS 2 is delivered once when PUBREL comes after a reconnect",
                    resume_inbound_pubrel) {
  Broker b(s);
  Client sub = b.connected("sub");
  sub.subscribe({{"t", {.qos = 2}}, {"marker", {.qos = 1}}});
  {
    Client pub = b.client("pub");
    pub.connect_ok(persistent(s, "pub"));
    pub.send(publish(s.version, {.topic = "t", .payload = "once", .qos = 2, .packet_id = 9}));
    CHECK(pub.expect(Type::pubrec).packet_id == 9);
    pub.drop();
  }
  Client pub = resumed(b, s, "pub");
  // The publisher may re-send the PUBLISH (DUP) before its PUBREL: still one copy.
  pub.send(
      publish(s.version, {.topic = "t", .payload = "once", .qos = 2, .dup = true, .packet_id = 9}));
  CHECK(pub.expect(Type::pubrec).packet_id == 9);
  pub.send(ack(s.version, Type::pubrel, 9));
  CHECK(pub.expect(Type::pubcomp).packet_id == 9);
  auto got = before_marker(pub, sub, "marker");
  CHECK(payloads(got) == std::vector<std::string>{"once"});
}

MM_BROKER_TEST_BOTH("Resume: a persistent session queues messages while offline, in order",
                    resume_offline_queue) {
  Broker b(s);
  {
    Client sub = subscribed(b, s, "sub", "q/#", 1);
    sub.disconnect();
  }
  Client pub = b.connected("pub");
  for (int i = 0; i < 5; ++i) {
    pub.publish({.topic = "q/t", .payload = std::to_string(i), .qos = 1});
  }
  Client sub = resumed(b, s, "sub");
  std::vector<std::string> got;
  for (int i = 0; i < 5; ++i) got.push_back(sub.receive().payload);
  CHECK(got == std::vector<std::string>{"0", "1", "2", "3", "4"});
}

}  // namespace mm::test::broker
