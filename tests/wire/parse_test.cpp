// The parser against hand-written server packets of each type and level, valid and malformed.
#include <doctest/doctest.h>

#include "tests/wire/incoming.h"
#include "tests/wire/packets.h"

namespace mm::test::wire {
namespace {

// Parses a whole packet given as bytes (fixed header included; Remaining Length < 128).
Incoming parse_all(uint8_t version, std::initializer_list<int> xs) {
  Bytes all;
  for (int x : xs) all.push_back(uint8_t(x));
  REQUIRE(all.size() >= 2);
  REQUIRE(all[1] == all.size() - 2);
  return parse(version, all[0], Bytes(all.begin() + 2, all.end()));
}

Incoming parse_built(uint8_t version, const Bytes& all) {
  Reader r(all, 1);
  uint32_t len = r.varint("remaining length");
  REQUIRE(r.left() == len);
  return parse(version, all[0], Bytes(all.begin() + long(r.pos()), all.end()));
}

}  // namespace

TEST_CASE("CONNACK 3.1.1: session present and return codes") {
  Incoming a = parse_all(v311, {0x20, 0x02, 0x01, 0x00});
  CHECK(a.is(Type::connack));
  CHECK(a.session_present);
  CHECK(a.reason == 0x00);
  Incoming r = parse_all(v311, {0x20, 0x02, 0x00, 0x02});
  CHECK_FALSE(r.session_present);
  CHECK(r.reason == 0x02);
  CHECK_THROWS_AS(parse_all(v311, {0x20, 0x02, 0x02, 0x00}), WireError);  // reserved flag
  CHECK_THROWS_AS(parse_all(v311, {0x20, 0x03, 0x00, 0x00, 0x00}), WireError);
  CHECK_THROWS_AS(parse_all(v311, {0x21, 0x02, 0x00, 0x00}), WireError);  // header flags
}

TEST_CASE("CONNACK 5.0 with Assigned Client Identifier and Server Keep Alive") {
  Incoming a =
      parse_all(v5, {0x20, 0x0B, 0x00, 0x00, 0x08, 0x12, 0x00, 0x02, 'a', 'b', 0x13, 0x00, 0x1E});
  CHECK(a.reason == 0);
  CHECK(a.props.text(prop::assigned_client_identifier) == "ab");
  CHECK(a.props.number(prop::server_keep_alive) == 30u);
  CHECK_FALSE(a.props.has(prop::topic_alias_maximum));
  Incoming bad = parse_all(v5, {0x20, 0x03, 0x00, 0x84, 0x00});
  CHECK(bad.reason == 0x84);
  CHECK(bad.props.empty());
  // Property length past the end; an identifier the spec does not define.
  CHECK_THROWS_AS(parse_all(v5, {0x20, 0x04, 0x00, 0x00, 0x05, 0x13}), WireError);
  CHECK_THROWS_AS(parse_all(v5, {0x20, 0x05, 0x00, 0x00, 0x02, 0x7F, 0x00}), WireError);
  // A property that runs past the property length.
  CHECK_THROWS_AS(parse_all(v5, {0x20, 0x06, 0x00, 0x00, 0x02, 0x13, 0x00, 0x1E}), WireError);
}

TEST_CASE("PUBLISH 3.1.1 at each QoS, retain and DUP") {
  Incoming q0 = parse_all(v311, {0x31, 0x05, 0x00, 0x01, 't', 'h', 'i'});
  CHECK(q0.qos == 0);
  CHECK(q0.retain);
  CHECK(q0.topic == "t");
  CHECK(q0.payload == "hi");
  CHECK(q0.packet_id == 0);
  Incoming q2 = parse_all(v311, {0x3C, 0x06, 0x00, 0x01, 't', 0x12, 0x34, 'x'});
  CHECK(q2.qos == 2);
  CHECK(q2.dup);
  CHECK_FALSE(q2.retain);
  CHECK(q2.packet_id == 0x1234);
  CHECK(q2.payload == "x");
  CHECK_THROWS_AS(parse_all(v311, {0x36, 0x05, 0x00, 0x01, 't', 0x00, 0x01}), WireError);  // QoS 3
  CHECK_THROWS_AS(parse_all(v311, {0x32, 0x05, 0x00, 0x01, 't', 0x00, 0x00}), WireError);  // id 0
}

TEST_CASE("PUBLISH 5.0 with topic alias, subscription identifiers and user properties") {
  Message m{.topic = "a/b", .payload = "pl", .qos = 1, .packet_id = 7};
  m.props = {topic_alias(3),        subscription_id(1), subscription_id(200), user("k", "v"),
             user("k", "w"),        message_expiry(9),  content_type("text"), response_topic("r"),
             correlation_data("c"), payload_format(1)};
  Incoming p = parse_built(v5, publish(v5, m));
  CHECK(p.topic == "a/b");
  CHECK(p.payload == "pl");
  CHECK(p.packet_id == 7);
  CHECK(p.props.number(prop::topic_alias) == 3u);
  CHECK(p.props.numbers(prop::subscription_identifier) == std::vector<uint32_t>{1, 200});
  CHECK(p.props.user() == std::vector<std::pair<std::string, std::string>>{{"k", "v"}, {"k", "w"}});
  CHECK(p.props.number(prop::message_expiry_interval) == 9u);
  CHECK(p.props.text(prop::content_type) == "text");
  CHECK(p.props.text(prop::response_topic) == "r");
  CHECK(p.props.text(prop::correlation_data) == "c");
  CHECK(p.props.number(prop::payload_format_indicator) == 1u);
  CHECK(p.props == m.props);
}

TEST_CASE("PUBACK, PUBREC, PUBREL, PUBCOMP: short and long forms") {
  Incoming s = parse_all(v5, {0x40, 0x02, 0x00, 0x05});
  CHECK(s.is(Type::puback));
  CHECK(s.packet_id == 5);
  CHECK(s.reason == 0);
  Incoming r = parse_all(v5, {0x50, 0x03, 0x00, 0x05, 0x10});
  CHECK(r.is(Type::pubrec));
  CHECK(r.reason == 0x10);
  Incoming c = parse_all(v5, {0x70, 0x09, 0x00, 0x05, 0x92, 0x05, 0x1F, 0x00, 0x02, 'n', 'o'});
  CHECK(c.reason == 0x92);
  CHECK(c.props.text(prop::reason_string) == "no");
  CHECK(parse_all(v311, {0x62, 0x02, 0x00, 0x01}).is(Type::pubrel));
  CHECK_THROWS_AS(parse_all(v311, {0x60, 0x02, 0x00, 0x01}), WireError);  // PUBREL flags 0
  CHECK_THROWS_AS(parse_all(v311, {0x40, 0x03, 0x00, 0x01, 0x00}), WireError);
}

TEST_CASE("SUBACK: the 3.1.1 payload example of figure 3.26, 5.0 with a reason string") {
  Incoming a = parse_all(v311, {0x90, 0x06, 0x00, 0x0A, 0x00, 0x01, 0x02, 0x80});
  CHECK(a.packet_id == 10);
  CHECK(a.reasons == std::vector<uint8_t>{0x00, 0x01, 0x02, 0x80});
  Incoming b = parse_all(v5, {0x90, 0x09, 0x00, 0x01, 0x04, 0x1F, 0x00, 0x01, 'x', 0x97, 0x9E});
  CHECK(b.reasons == std::vector<uint8_t>{0x97, 0x9E});
  CHECK(b.props.text(prop::reason_string) == "x");
  CHECK_THROWS_AS(parse_all(v311, {0x90, 0x02, 0x00, 0x01}), WireError);  // no codes
}

TEST_CASE("UNSUBACK: no payload in 3.1.1, reason codes in 5.0") {
  CHECK(parse_all(v311, {0xB0, 0x02, 0x00, 0x03}).packet_id == 3);
  Incoming b = parse_all(v5, {0xB0, 0x05, 0x00, 0x03, 0x00, 0x00, 0x11});
  CHECK(b.reasons == std::vector<uint8_t>{0x00, 0x11});
  CHECK_THROWS_AS(parse_all(v5, {0xB0, 0x03, 0x00, 0x03, 0x00}), WireError);
}

TEST_CASE("PINGRESP, DISCONNECT with reason code and reason string, AUTH") {
  CHECK(parse_all(v311, {0xD0, 0x00}).is(Type::pingresp));
  CHECK_THROWS_AS(parse_all(v311, {0xD0, 0x01, 0x00}), WireError);
  Incoming d = parse_all(v5, {0xE0, 0x08, 0x8E, 0x06, 0x1F, 0x00, 0x03, 't', 'k', 'o'});
  CHECK(d.is(Type::disconnect));
  CHECK(d.reason == 0x8E);
  CHECK(d.props.text(prop::reason_string) == "tko");
  CHECK(parse_all(v5, {0xE0, 0x00}).reason == 0x00);
  CHECK(parse_all(v5, {0xE0, 0x01, 0x8B}).reason == 0x8B);
  CHECK(parse_all(v5, {0xF0, 0x02, 0x18, 0x00}).reason == 0x18);
}

TEST_CASE("Packets only a client sends are malformed from a server") {
  CHECK_THROWS_AS(parse_all(v311, {0xC0, 0x00}), WireError);  // PINGREQ
  CHECK_THROWS_AS(parse_all(v311, {0x82, 0x02, 0x00, 0x01}), WireError);
  CHECK_THROWS_AS(parse_all(v311, {0x00, 0x00}), WireError);  // reserved type 0
}

TEST_CASE("describe() names the packet and its fields") {
  Incoming p = parse_all(v311, {0x33, 0x06, 0x00, 0x01, 't', 0x00, 0x02, 'x'});
  CHECK(p.describe() == "PUBLISH qos=1 retain topic=t payload=x id=2 (6 bytes)");
}

}  // namespace mm::test::wire
