// Configured limits and the reason codes that answer them: client id length, topic length
// and levels, subscriptions per client (0x97 Quota exceeded, 0x8F / 0x80 in SUBACK).
#include "tests/broker/harness.h"

namespace mm::test::broker {

MM_BROKER_TEST_BOTH("Limits: a client id over max_client_id_length is refused", limit_client_id) {
  Broker b(s, {{"max_client_id_length", 8}});
  Client ok = b.client("ok");
  CHECK(ok.connect({.client_id = "12345678"}).reason == 0);
  Client c = b.client("long");
  CHECK(c.connect({.client_id = "123456789"}).reason == (s.v5() ? 0x85 : 0x02));
  c.expect_closed(kWait);
}

MM_BROKER_TEST_BOTH("Limits: filters over max_topic_length or max_topic_levels are refused",
                    limit_filter) {
  Broker b(s, {{"max_topic_length", 10}, {"max_topic_levels", 3}});
  Client c = b.connected("c");
  Incoming ack =
      c.subscribe({{"0123456789", {}}, {"0123456789a", {}}, {"a/b/c", {}}, {"a/b/c/d", {}}});
  uint8_t bad = s.v5() ? 0x8F : 0x80;
  CHECK(ack.reasons == std::vector<uint8_t>{0x00, bad, 0x00, bad});
}

MM_BROKER_TEST_BOTH("Limits: a PUBLISH over max_topic_length is refused, not delivered",
                    limit_publish_topic) {
  Broker b(s, {{"max_topic_length", 10}});
  Client sub = b.connected("sub");
  sub.subscribe({{"#", {.qos = 1}}});
  Client pub = b.connected("pub");
  pub.send(publish(s.version, {.topic = "0123456789a", .payload = "x", .qos = 1, .packet_id = 1}));
  // 5.0: PUBACK 0x90 Topic Name invalid, or DISCONNECT 0x90 / 0x82. 3.1.1 has no code for
  // it: a close, or a PUBACK for a message that is then dropped.
  Next n = pub.next(kWait);
  CHECK_FALSE(n.timed_out());
  if (n.is_packet() && s.v5()) CHECK(n.packet.reason >= 0x80);
  if (n.is_packet() && !s.v5()) CHECK(n.packet.is(Type::puback));
  Client other = b.connected("other");
  expect_only_marker(other, sub, "m");
}

MM_BROKER_TEST_BOTH("Limits: subscriptions over max_subscriptions_per_client get 0x97 / 0x80",
                    limit_subscriptions) {
  Broker b(s, {{"max_subscriptions_per_client", 2}});
  Client c = b.connected("c");
  CHECK(c.subscribe({{"a", {}}, {"b", {}}}).reasons == std::vector<uint8_t>{0, 0});
  CHECK(c.subscribe({{"a", {.qos = 1}}}).reasons == std::vector<uint8_t>{1});  // not a new one
  CHECK(c.subscribe({{"c", {}}}).reasons == std::vector<uint8_t>{uint8_t(s.v5() ? 0x97 : 0x80)});
  c.unsubscribe({"a"});
  CHECK(c.subscribe({{"c", {}}}).reasons == std::vector<uint8_t>{0});
}

MM_BROKER_TEST("Limits: 3.1.1 a packet over package_max_length closes the connection",
               limit_packet_311) {
  Broker b(s, {{"package_max_length", 1024}});
  Client c = b.connected("c", {}, v311);
  c.send(publish(v311, {.topic = "t", .payload = std::string(2000, 'x')}));
  CHECK(c.expect_closed(kWait).empty());
}

}  // namespace mm::test::broker
