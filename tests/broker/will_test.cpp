// Will messages (MQTT 3.1.1 section 3.1.2.5, MQTT 5.0 sections 3.1.2.5 and 3.1.3.2): published
// on an abnormal disconnect, a keep-alive timeout or a takeover, never after DISCONNECT 0x00;
// 5.0 Will Delay Interval and DISCONNECT 0x04; will properties reach the subscribers.
#include "tests/broker/harness.h"

namespace mm::test::broker {
namespace {

ConnectOptions with_will(const std::string& id, Will w, uint16_t keep_alive = 60) {
  return {.client_id = id, .keep_alive = keep_alive, .will = std::move(w)};
}

// 5.0 client "w" with a persistent session (`expiry` s) and a will on "will/w" delayed `delay` s.
ConnectOptions delayed_will(const std::string& payload, uint32_t delay, uint32_t expiry) {
  ConnectOptions o =
      with_will("w", {.topic = "will/w", .payload = payload, .props = {will_delay(delay)}});
  o.clean = false;
  o.props = {session_expiry(expiry)};
  return o;
}

// A subscriber to "will/#" and "marker".
Client will_watcher(Broker& b, uint8_t version = 0) {
  Client w = b.connected("watcher", {}, version);
  w.subscribe({{"will/#", {.qos = 2}}, {"marker", {.qos = 1}}});
  return w;
}

}  // namespace

MM_BROKER_TEST_BOTH("Will: published when the connection drops without DISCONNECT", will_on_drop) {
  Broker b(s);
  Client watcher = will_watcher(b);
  Client c = b.client("dying");
  c.connect_ok(with_will("dying", {.topic = "will/dying", .payload = "gone", .qos = 1}));
  c.drop();
  Incoming m = expect_message(watcher, "will/dying", "gone");
  CHECK(m.qos == 1);
  CHECK_FALSE(m.retain);
}

MM_BROKER_TEST_BOTH("Will: not published after a normal DISCONNECT", will_not_on_disconnect) {
  Broker b(s);
  Client watcher = will_watcher(b);
  Client c = b.client("leaving");
  c.connect_ok(with_will("leaving", {.topic = "will/leaving", .payload = "no"}));
  c.disconnect();
  Client pub = b.connected("pub");
  expect_only_marker(pub, watcher, "marker");
}

MM_BROKER_TEST_BOTH("Will: published on a keep-alive timeout", will_on_keepalive) {
  Broker b(s);
  Client watcher = will_watcher(b);
  Client c = b.client("silent");
  c.connect_ok(with_will("silent", {.topic = "will/silent", .payload = "timeout"}, 1));
  expect_message(watcher, "will/silent", "timeout");
  c.expect_closed(kWait);
}

MM_BROKER_TEST_BOTH("Will: published on a session takeover", will_on_takeover) {
  Broker b(s);
  Client watcher = will_watcher(b);
  Client first = b.client("first");
  first.connect_ok(with_will("same", {.topic = "will/same", .payload = "taken over"}));
  Client second = b.connected("same");
  expect_message(watcher, "will/same", "taken over");
  first.expect_closed(kWait);
}

MM_BROKER_TEST_BOTH("Will: a retained will is stored as a retained message", will_retained) {
  Broker b(s);
  Client watcher = will_watcher(b);
  Client c = b.client("r");
  c.connect_ok(with_will("r", {.topic = "will/r", .payload = "last", .qos = 1, .retain = true}));
  c.drop();
  expect_message(watcher, "will/r", "last");  // published: now it must be retained
  Client later = b.connected("later");
  later.subscribe({{"will/#", {.qos = 1}}});
  CHECK(expect_message(later, "will/r", "last").retain);
}

MM_BROKER_TEST("Will: 5.0 DISCONNECT 0x04 publishes the will", will_disconnect_with_will) {
  Broker b(s);
  Client watcher = will_watcher(b, v5);
  Client c = b.client("w", v5);
  c.connect_ok(with_will("w", {.topic = "will/w", .payload = "asked"}));
  c.disconnect(0x04);
  expect_message(watcher, "will/w", "asked");
}

MM_BROKER_TEST("Will: 5.0 will properties reach the subscriber", will_properties) {
  Broker b(s);
  Client watcher = will_watcher(b, v5);
  Props props{user("a", "1"),
              user("b", "2"),
              content_type("text/plain"),
              response_topic("resp"),
              correlation_data(std::string("\x00\x01", 2)),
              payload_format(1),
              message_expiry(600)};
  Client c = b.client("w", v5);
  c.connect_ok(with_will("w", {.topic = "will/w", .payload = "p", .props = props}));
  c.drop();
  Incoming m = expect_message(watcher, "will/w", "p");
  CHECK(m.props.user() == Props{user("a", "1"), user("b", "2")}.user());
  CHECK(m.props.text(prop::content_type) == "text/plain");
  CHECK(m.props.text(prop::response_topic) == "resp");
  CHECK(m.props.text(prop::correlation_data) == std::string("\x00\x01", 2));
  CHECK(m.props.number(prop::payload_format_indicator) == 1u);
  auto expiry = m.props.number(prop::message_expiry_interval);
  REQUIRE(expiry.has_value());
  CHECK(*expiry <= 600u);
  CHECK(*expiry >= 590u);
  CHECK_FALSE(m.props.has(prop::will_delay_interval));  // not a PUBLISH property
}

MM_BROKER_TEST("Will: 5.0 Will Delay Interval delays the will", will_delayed) {
  Broker b(s);
  Client watcher = will_watcher(b, v5);
  Client c = b.client("w", v5);
  ConnectOptions o = delayed_will("late", 1, 600);
  c.connect_ok(o);
  auto start = Clock::now();
  c.drop();
  expect_message(watcher, "will/w", "late");
  CHECK(elapsed_ms(start) >= 900);
}

MM_BROKER_TEST("Will: 5.0 a session resumed within the Will Delay Interval cancels the will",
               will_delay_cancelled) {
  Broker b(s);
  Client watcher = will_watcher(b, v5);
  ConnectOptions o = delayed_will("cancelled", 1, 600);
  {
    Client c = b.client("w", v5);
    c.connect_ok(o);
    c.drop();
  }
  Client again = b.client("w", v5);
  CHECK(again.connect(o).session_present);
  REQUIRE(watcher.quiet(Ms(2500)));  // well past the 1 s delay: no will
}

MM_BROKER_TEST("Will: 5.0 the will is published when the session ends before the delay",
               will_delay_session_ends) {
  Broker b(s);
  Client watcher = will_watcher(b, v5);
  ConnectOptions o = delayed_will("session over", 600, 1);
  Client c = b.client("w", v5);
  c.connect_ok(o);
  auto start = Clock::now();
  c.drop();
  expect_message(watcher, "will/w", "session over");
  CHECK(elapsed_ms(start) >= 900);
}

}  // namespace mm::test::broker
