// CONNECT / CONNACK: version negotiation, client identifiers, clean session and Session
// Present, session expiry, session takeover, keep alive (MQTT 3.1.1 section 3.1-3.2, MQTT 5.0
// section 3.1-3.2).
#include "tests/broker/harness.h"

namespace mm::test::broker {

MM_BROKER_TEST("CONNECT: levels 3 (MQIsdp) 4 and 5 are accepted", connect_versions) {
  Broker b(s);
  for (uint8_t v : {v31, v311, v5}) {
    CAPTURE(int(v));
    Client c = b.client("c" + std::to_string(v), v);
    Incoming ack = c.connect({.client_id = "c" + std::to_string(v)});
    CHECK(ack.reason == 0);
    CHECK_FALSE(ack.session_present);
    if (v < v5) CHECK(ack.body.size() == 2);  // no properties before 5.0
    c.ping();
  }
}

MM_BROKER_TEST("CONNECT: an unsupported protocol level gets CONNACK 0x01 or 0x84 then close",
               connect_unsupported_level) {
  Broker b(s);
  for (uint8_t level : {2, 6, 0xFF}) {
    CAPTURE(int(level));
    Client c = b.client("bad");
    c.send(Packet(Type::connect).str("MQTT").u8(level).u8(0x02).u16(60).str("bad"));
    Next n = c.next_unparsed(kWait);
    if (n.is_packet()) {
      CHECK(n.packet.is(Type::connack));
      // 3.1.1 section 3.1.2.2: 0x01 in a 3.1.1 CONNACK; 5.0 section 3.1.2.2: 0x84 in a 5.0 one.
      bool v311_form = n.packet.body == Bytes{0x00, 0x01};
      bool v5_form = n.packet.body.size() >= 3 && n.packet.body[1] == 0x84;
      CHECK_MESSAGE((v311_form || v5_form), hex(n.packet.body));
      c.expect_closed(kWait);
    } else {
      CHECK(n.closed());
    }
  }
}

MM_BROKER_TEST("CONNECT: 3.1.1 empty client id with clean session 1 is accepted",
               connect_empty_id_311) {
  Broker b(s);
  Client c = b.client("anon", v311);
  CHECK(c.connect({.client_id = "", .clean = true}).reason == 0);
  c.ping();
}

MM_BROKER_TEST("CONNECT: 3.1.1 empty client id with clean session 0 gets 0x02 and a close",
               connect_empty_id_persistent_311) {
  Broker b(s);
  Client c = b.client("anon", v311);
  Incoming ack = c.connect({.client_id = "", .clean = false});
  CHECK(ack.reason == 0x02);
  CHECK_FALSE(ack.session_present);
  c.expect_closed(kWait);
}

MM_BROKER_TEST("CONNECT: 3.1 empty client id gets 0x02 (3.1 requires 1 to 23 characters)",
               connect_empty_id_31) {
  Broker b(s);
  Client c = b.client("anon", v31);
  CHECK(c.connect({.client_id = "", .clean = true}).reason == 0x02);
  c.expect_closed(kWait);
}

MM_BROKER_TEST("CONNECT: 5.0 empty client id gets an Assigned Client Identifier",
               connect_assigned_id) {
  Broker b(s);
  std::string first;
  for (bool clean : {true, false}) {
    CAPTURE(clean);
    Client c = b.client("anon", v5);
    Incoming ack = c.connect({.client_id = "", .clean = clean});
    CHECK(ack.reason == 0);
    auto id = ack.props.text(prop::assigned_client_identifier);
    REQUIRE(id.has_value());
    CHECK_FALSE(id->empty());
    CHECK(*id != first);  // unique
    first = *id;
    c.ping();
  }
  Client named = b.client("named", v5);
  CHECK_FALSE(named.connect({.client_id = "named"}).props.has(prop::assigned_client_identifier));
}

MM_BROKER_TEST_BOTH("CONNECT: a persistent session is resumed with Session Present 1",
                    connect_session_present) {
  Broker b(s);
  ConnectOptions keep = persistent(s, "p");
  {
    Client c = b.client("p");
    CHECK_FALSE(c.connect(keep).session_present);
    CHECK(c.subscribe({{"t/#", {.qos = 1}}}).reasons == std::vector<uint8_t>{1});
    c.disconnect();
  }
  Client c = b.client("p");
  CHECK(c.connect(keep).session_present);
  // The subscription came back with the session.
  Client pub = b.connected("pub");
  pub.publish({.topic = "t/1", .payload = "x", .qos = 1});
  CHECK(expect_message(c, "t/1", "x").qos == 1);
}

MM_BROKER_TEST_BOTH("CONNECT: clean session / Clean Start 1 discards the old session",
                    connect_clean_discards) {
  Broker b(s);
  ConnectOptions keep = persistent(s, "p");
  {
    Client c = b.client("p");
    c.connect_ok(keep);
    c.subscribe({{"t", {.qos = 1}}});
    c.disconnect();
  }
  Client c = b.client("p");
  Incoming ack = c.connect({.client_id = "p", .clean = true});
  CHECK_FALSE(ack.session_present);
  c.subscribe({{"marker", {.qos = 1}}});
  Client pub = b.connected("pub");
  pub.publish({.topic = "t", .payload = "old subscription", .qos = 1});
  expect_only_marker(pub, c, "marker");
}

MM_BROKER_TEST("CONNECT: 5.0 Session Expiry Interval 0 ends the session at disconnect",
               connect_expiry_zero) {
  Broker b(s);
  ConnectOptions o{.client_id = "e", .clean = false};  // no property: expiry 0
  {
    Client c = b.client("e", v5);
    c.connect_ok(o);
    c.subscribe({{"t", {.qos = 1}}});
    c.disconnect();
  }
  Client c = b.client("e", v5);
  CHECK_FALSE(c.connect(o).session_present);
}

MM_BROKER_TEST("CONNECT: 5.0 session expires after its Session Expiry Interval",
               connect_session_expires) {
  Broker b(s);
  ConnectOptions o{.client_id = "e", .clean = false, .props = {session_expiry(1)}};
  {
    Client c = b.client("e", v5);
    c.connect_ok(o);
    c.subscribe({{"t", {.qos = 1}}});
    c.drop();
  }
  // The session outlives the connection for 1 s (checked every 100 ms by the broker).
  Client watcher = b.connected("watcher", {}, v5);
  REQUIRE(watcher.quiet(Ms(2500)));
  Client c = b.client("e", v5);
  CHECK_FALSE(c.connect(o).session_present);
}

MM_BROKER_TEST("CONNECT: 5.0 DISCONNECT may change the Session Expiry Interval",
               connect_expiry_set_on_disconnect) {
  Broker b(s);
  {
    Client c = b.client("e", v5);
    c.connect_ok({.client_id = "e", .clean = false, .props = {session_expiry(600)}});
    c.disconnect(0, {session_expiry(0)});
  }
  Client c = b.client("e", v5);
  CHECK_FALSE(c.connect({.client_id = "e", .clean = false}).session_present);
}

MM_BROKER_TEST("CONNECT: 5.0 DISCONNECT setting an expiry after CONNECT's 0 is a protocol error",
               connect_expiry_protocol_error) {
  Broker b(s);
  Client c = b.connected("e", {.client_id = "e", .clean = false}, v5);
  c.send(disconnect(v5, 0, {session_expiry(60)}));
  auto before = c.expect_closed(kWait);
  REQUIRE(before.size() == 1);
  CHECK(before[0].is(Type::disconnect));
  CHECK(before[0].reason == 0x82);
}

MM_BROKER_TEST("CONNECT: 3.1.1 persistent session expires after persistent_client_expiration",
               connect_persistent_expiration) {
  Broker b(s, {{"persistent_client_expiration", 1}});
  ConnectOptions o{.client_id = "p", .clean = false};
  {
    Client c = b.client("p", v311);
    c.connect_ok(o);
    c.disconnect();
  }
  Client watcher = b.connected("watcher", {}, v311);
  REQUIRE(watcher.quiet(Ms(2500)));
  Client c = b.client("p", v311);
  CHECK_FALSE(c.connect(o).session_present);
}

MM_BROKER_TEST_BOTH("CONNECT: a second connection with the same client id takes the session over",
                    connect_takeover) {
  Broker b(s);
  ConnectOptions keep = persistent(s, "dup");
  Client first = b.client("first");
  first.connect_ok(keep);
  first.subscribe({{"t", {.qos = 1}}});
  Client second = b.client("second");
  CHECK(second.connect(keep).session_present);
  auto before = first.expect_closed(kWait);
  if (s.v5()) {
    REQUIRE(before.size() == 1);
    CHECK(before[0].is(Type::disconnect));
    CHECK(before[0].reason == 0x8E);  // Session taken over
  } else {
    CHECK(before.empty());
  }
  Client pub = b.connected("pub");
  pub.publish({.topic = "t", .payload = "inherited", .qos = 1});
  expect_message(second, "t", "inherited");
}

MM_BROKER_TEST_BOTH("CONNECT: a second CONNECT on a connection is a protocol error",
                    connect_twice) {
  Broker b(s);
  Client c = b.connected("twice");
  c.send(connect(s.version, {.client_id = "twice"}));
  auto before = c.expect_closed(kWait);
  if (s.v5()) {
    REQUIRE(before.size() == 1);
    CHECK(before[0].reason == 0x82);
  } else {
    CHECK(before.empty());
  }
}

MM_BROKER_TEST_BOTH("CONNECT: keep alive is enforced at 1.5 times the interval",
                    connect_keepalive) {
  Broker b(s);
  Client c = b.client("idle");
  c.connect_ok({.client_id = "idle", .keep_alive = 1});
  auto start = Clock::now();
  auto before = c.expect_closed(kWait);
  long long ms = elapsed_ms(start);
  CHECK(ms >= 1400);  // not before 1.5 s (less the time CONNACK took to arrive)
  CHECK(ms <= 1500 + 2000);
  if (s.v5() && !before.empty()) CHECK(before[0].reason == 0x8D);  // Keep Alive timeout
}

MM_BROKER_TEST_BOTH("CONNECT: PINGREQ within the interval keeps the connection", connect_pings) {
  Broker b(s);
  Client c = b.client("pinger");
  c.connect_ok({.client_id = "pinger", .keep_alive = 1});
  for (int i = 0; i < 6; ++i) {
    REQUIRE(c.quiet(Ms(500)));  // nothing but answers comes from the server
    c.ping();
  }
}

MM_BROKER_TEST("CONNECT: 5.0 Server Keep Alive when max_keepalive is lower",
               connect_server_keepalive) {
  Broker b(s, {{"max_keepalive", 1}});
  for (uint16_t asked : {60, 0}) {
    CAPTURE(asked);
    Client c = b.client("k", v5);
    Incoming ack = c.connect({.client_id = "k", .keep_alive = asked});
    CHECK(ack.props.number(prop::server_keep_alive) == 1u);
    auto start = Clock::now();
    c.expect_closed(kWait);  // kept alive at 1.5 s, not at what it asked
    CHECK(elapsed_ms(start) <= 1500 + 2000);
  }
  Client ok = b.client("ok", v5);
  CHECK_FALSE(ok.connect({.client_id = "ok", .keep_alive = 1}).props.has(prop::server_keep_alive));
}

MM_BROKER_TEST("CONNECT: 3.1.1 asking more than max_keepalive is kept alive at max_keepalive",
               connect_max_keepalive_311) {
  Broker b(s, {{"max_keepalive", 1}});
  Client c = b.client("k", v311);
  CHECK(c.connect({.client_id = "k", .keep_alive = 600}).reason == 0);
  auto start = Clock::now();
  c.expect_closed(kWait);
  CHECK(elapsed_ms(start) >= 1400);
  CHECK(elapsed_ms(start) <= 1500 + 2000);
}

MM_BROKER_TEST("CONNACK 5.0 announces the server's limits", connack_properties) {
  Broker b(s, {{"max_inflight_messages", 7},
               {"topic_alias_maximum", 3},
               {"retain_available", false},
               {"package_max_length", 4096}});
  Client c = b.client("c", v5);
  Incoming ack = c.connect({.client_id = "c"});
  CHECK(ack.props.number(prop::receive_maximum) == 7u);
  CHECK(ack.props.number(prop::topic_alias_maximum) == 3u);
  CHECK(ack.props.number(prop::retain_available) == 0u);
  CHECK(ack.props.number(prop::maximum_packet_size) == 4096u);
  // Absent means "available"; when present they must say 1.
  for (uint8_t id : {prop::shared_subscription_available, prop::wildcard_subscription_available,
                     prop::subscription_identifier_available}) {
    CHECK(ack.props.number(id).value_or(1) == 1u);
  }
}

MM_BROKER_TEST_BOTH("CONNECT: allow_anonymous false refuses a client without a user name",
                    connect_anonymous_refused) {
  Broker b(s, {{"allow_anonymous", false}});
  Client c = b.client("anon");
  Incoming ack = c.connect({.client_id = "anon"});
  CHECK(ack.reason == (s.v5() ? 0x87 : 0x05));  // Not authorized
  c.expect_closed(kWait);
}

}  // namespace mm::test::broker
