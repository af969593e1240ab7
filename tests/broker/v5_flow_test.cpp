// MQTT 5.0 flow and size limits, expiry, pass-through properties, problem/response
// information, shared subscriptions and server-initiated DISCONNECT.
#include <csignal>

#include "tests/broker/harness.h"

namespace mm::test::broker {

MM_BROKER_TEST("5.0 Message Expiry Interval: the remaining time is forwarded", expiry_forwarded) {
  Broker b(s);
  {
    Client sub = b.client("sub", v5);
    sub.connect_ok(persistent(s, "sub"));
    sub.subscribe({{"e", {.qos = 1}}});
    sub.disconnect();
  }
  Client pub = b.connected("pub", {}, v5);
  pub.publish({.topic = "e", .payload = "x", .qos = 1, .props = {message_expiry(100)}});
  Client watcher = b.connected("watcher", {}, v5);
  REQUIRE(watcher.quiet(Ms(1200)));  // let at least a second pass while it waits in the queue
  Client sub = b.client("sub", v5);
  sub.connect_ok(persistent(s, "sub"));
  Incoming m = expect_message(sub, "e", "x");
  auto left = m.props.number(prop::message_expiry_interval);
  REQUIRE(left.has_value());
  CHECK(*left < 100u);
  CHECK(*left >= 80u);
}

MM_BROKER_TEST("5.0 Message Expiry Interval: an expired message is never delivered",
               expiry_dropped) {
  Broker b(s);
  {
    Client sub = b.client("sub", v5);
    sub.connect_ok(persistent(s, "sub"));
    sub.subscribe({{"e/#", {.qos = 1}}});
    sub.disconnect();
  }
  Client pub = b.connected("pub", {}, v5);
  pub.publish({.topic = "e/1", .payload = "expires", .qos = 1, .props = {message_expiry(1)}});
  pub.publish({.topic = "e/1",
               .payload = "retained expires",
               .qos = 1,
               .retain = true,
               .props = {message_expiry(1)}});
  Client watcher = b.connected("watcher", {}, v5);
  REQUIRE(watcher.quiet(Ms(2500)));
  pub.publish({.topic = "e/1", .payload = "stays", .qos = 1});
  Client sub = b.client("sub", v5);
  sub.connect_ok(persistent(s, "sub"));
  expect_message(sub, "e/1", "stays");
  Client fresh = b.connected("fresh", {}, v5);
  fresh.subscribe({{"e/#", {.qos = 1}}});
  CHECK(drain(fresh).empty());  // the expired retained message is gone too
}

MM_BROKER_TEST("5.0 Receive Maximum: more QoS 2 in flight than the server allows is 0x93",
               receive_maximum_exceeded) {
  Broker b(s, {{"max_inflight_messages", 2}});
  Client pub = b.client("pub", v5);
  CHECK(pub.connect({.client_id = "pub"}).props.number(prop::receive_maximum) == 2u);
  for (uint16_t id = 1; id <= 3; ++id) {
    pub.send(publish(v5, {.topic = "t", .payload = "x", .qos = 2, .packet_id = id}));
  }
  auto before = pub.expect_closed(kWait);
  REQUIRE(!before.empty());
  CHECK(before.back().is(Type::disconnect));
  CHECK(before.back().reason == 0x93);
}

MM_BROKER_TEST("5.0 Maximum Packet Size: the server refuses larger packets with 0x95",
               max_packet_size_server) {
  Broker b(s, {{"package_max_length", 1024}});
  Client pub = b.client("pub", v5);
  CHECK(pub.connect({.client_id = "pub"}).props.number(prop::maximum_packet_size) == 1024u);
  pub.send(publish(v5, {.topic = "t", .payload = std::string(2000, 'x')}));
  auto before = pub.expect_closed(kWait);
  if (!before.empty()) CHECK(before.back().reason == 0x95);  // Packet too large
}

MM_BROKER_TEST("5.0 Maximum Packet Size: a packet larger than the client accepts is not sent",
               max_packet_size_client) {
  Broker b(s);
  Client sub = b.connected("sub", {.props = {maximum_packet_size(128)}}, v5);
  sub.subscribe({{"t", {.qos = 1}}});
  Client pub = b.connected("pub", {}, v5);
  pub.publish({.topic = "t", .payload = std::string(200, 'x'), .qos = 1});
  pub.publish({.topic = "t", .payload = "small", .qos = 1});
  expect_message(sub, "t", "small");
}

MM_BROKER_TEST("5.0 properties pass through unchanged", passthrough) {
  Broker b(s);
  Client sub = b.connected("sub", {}, v5);
  sub.subscribe({{"p", {.qos = 1}}});
  Client pub = b.connected("pub", {}, v5);
  Props props{user("z", "1"),
              user("a", "2"),
              user("z", "3"),
              payload_format(1),
              content_type("application/json"),
              response_topic("reply/me"),
              correlation_data(std::string("\x00\xFF\x01", 3))};
  pub.publish({.topic = "p", .payload = "{}", .qos = 1, .props = props});
  Incoming m = expect_message(sub, "p", "{}");
  CHECK(m.props.user() == props.user());  // order kept, duplicates kept
  CHECK(m.props.number(prop::payload_format_indicator) == 1u);
  CHECK(m.props.text(prop::content_type) == "application/json");
  CHECK(m.props.text(prop::response_topic) == "reply/me");
  CHECK(m.props.text(prop::correlation_data) == std::string("\x00\xFF\x01", 3));
}

MM_BROKER_TEST(
    "5.0 Request Problem Information 0: no Reason String outside PUBLISH CONNACK DISCONNECT",
    problem_information_off) {
  Broker b(s, {{"max_topic_levels", 2}});
  Client c = b.connected("c", {.props = {request_problem_information(0)}}, v5);
  Incoming ack = c.subscribe({{"a/b/c", {}}});  // refused (0x8F): over max_topic_levels
  CHECK(ack.reasons == std::vector<uint8_t>{0x8F});
  CHECK_FALSE(ack.props.has(prop::reason_string));
  CHECK(ack.props.user().empty());
}

MM_BROKER_TEST("5.0 Request Response Information 0: no Response Information",
               response_information_off) {
  Broker b(s);
  Client c = b.client("c", v5);
  CHECK_FALSE(c.connect({.client_id = "c", .props = {request_response_information(0)}})
                  .props.has(prop::response_information));
  Client d = b.client("d", v5);
  Incoming ack = d.connect({.client_id = "d", .props = {request_response_information(1)}});
  CHECK(ack.reason == 0);  // Response Information is optional even when asked for
}

MM_BROKER_TEST_BOTH("Shared subscriptions: each message to one member, round robin",
                    shared_round_robin) {
  Broker b(s, {{"shared_subscription_strategy", "round_robin"}});
  Client m1 = b.connected("m1");
  Client m2 = b.connected("m2");
  Client all = b.connected("all");
  m1.subscribe({{"$share/g/s/#", {.qos = 1}}});
  m2.subscribe({{"$share/g/s/#", {.qos = 1}}});
  all.subscribe({{"s/#", {.qos = 1}}});
  Client pub = b.connected("pub");
  constexpr int kCount = 10;
  for (int i = 0; i < kCount; ++i) {
    pub.publish({.topic = "s/t", .payload = std::to_string(i), .qos = 1});
  }
  for (int i = 0; i < kCount; ++i) expect_message(all, "s/t", std::to_string(i));
  auto a = drain(m1);
  auto c = drain(m2);
  CHECK(a.size() + c.size() == kCount);
  CHECK(a.size() == kCount / 2);  // round robin over two members
  CHECK(c.size() == kCount / 2);
}

MM_BROKER_TEST("Shared subscriptions: 5.0 no retained messages on subscribe; No Local is 0x82",
               shared_rules) {
  Broker b(s);
  Client pub = b.connected("pub", {}, v5);
  pub.publish({.topic = "s/r", .payload = "kept", .qos = 1, .retain = true});
  Client m = b.connected("m", {}, v5);
  m.subscribe({{"$share/g/s/#", {.qos = 1}}});
  CHECK(drain(m).empty());
  m.send(subscribe(v5, 77, {{"$share/g/x", {.qos = 1, .no_local = true}}}));
  auto before = m.expect_closed(kWait);
  REQUIRE(!before.empty());
  CHECK(before.back().reason == 0x82);
}

MM_BROKER_TEST("5.0 a graceful stop sends DISCONNECT 0x8B", shutdown_disconnect) {
  Broker b(s);
  Client c = b.connected("c", {}, v5);
  REQUIRE(b.server().signal(SIGTERM));
  auto before = c.expect_closed(kWait);
  REQUIRE(before.size() == 1);
  CHECK(before[0].reason == 0x8B);  // Server shutting down
}

}  // namespace mm::test::broker
