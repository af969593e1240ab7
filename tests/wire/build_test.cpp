// The builder against golden bytes: the non-normative examples of the MQTT 3.1.1 and 5.0
// specifications where they give bytes, hand-written bytes elsewhere.
#include <doctest/doctest.h>

#include "tests/wire/packets.h"

namespace mm::test::wire {
namespace {

Bytes b(std::initializer_list<int> xs) {
  Bytes out;
  for (int x : xs) out.push_back(uint8_t(x));
  return out;
}

Bytes varint(uint32_t v) {
  Bytes out;
  put_varint(out, v);
  return out;
}

// The bytes of `all` from `from`, `n` of them.
Bytes slice(const Bytes& all, size_t from, size_t n) {
  REQUIRE(all.size() >= from + n);
  return Bytes(all.begin() + long(from), all.begin() + long(from + n));
}

}  // namespace

TEST_CASE("Variable Byte Integer: the table of section 1.5.5 (5.0) / 2.2.3 (3.1.1)") {
  CHECK(varint(0) == b({0x00}));
  CHECK(varint(127) == b({0x7F}));
  CHECK(varint(128) == b({0x80, 0x01}));
  CHECK(varint(16383) == b({0xFF, 0x7F}));
  CHECK(varint(16384) == b({0x80, 0x80, 0x01}));
  CHECK(varint(2097151) == b({0xFF, 0xFF, 0x7F}));
  CHECK(varint(2097152) == b({0x80, 0x80, 0x80, 0x01}));
  CHECK(varint(268435455) == b({0xFF, 0xFF, 0xFF, 0x7F}));
  // Beyond the maximum, for tests of bad input: a fifth byte.
  CHECK(varint(268435456) == b({0x80, 0x80, 0x80, 0x80, 0x01}));
}

TEST_CASE("UTF-8 string: the example of section 1.5.3 (U+0041, U+2A6D4)") {
  Bytes out;
  put_lstring(out, "A\xF0\xAA\x9B\x94");
  CHECK(out == b({0x00, 0x05, 0x41, 0xF0, 0xAA, 0x9B, 0x94}));
}

TEST_CASE("Reader reads back every field and throws past the end") {
  Bytes in = b({0x01, 0x02, 0x03, 0x00, 0x00, 0x01, 0x00, 0x80, 0x01, 0x00, 0x01, 'x', 'y'});
  Reader r(in);
  CHECK(r.u8("a") == 0x01);
  CHECK(r.u16("b") == 0x0203);
  CHECK(r.u32("c") == 0x00000100);
  CHECK(r.varint("d") == 128);
  CHECK(r.lstring("e") == "x");
  CHECK(r.rest() == "y");
  CHECK(r.done());
  CHECK_THROWS_AS(r.u8("f"), WireError);
  Bytes five = b({0x80, 0x80, 0x80, 0x80, 0x01});
  Reader r5(five);
  CHECK_THROWS_AS(r5.varint("too long"), WireError);
}

TEST_CASE("CONNECT 3.1.1: the variable header example of figure 3.6") {
  ConnectOptions o{.client_id = "c", .clean = true, .keep_alive = 10};
  o.will = Will{.topic = "w", .payload = "p", .qos = 1};
  o.username = "u";
  o.password = "pw";
  Bytes p = connect(v311, o);
  CHECK(slice(p, 2, 10) == b({0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0xCE, 0x00, 0x0A}));
  // Payload order: client id, will topic, will message, user name, password.
  CHECK(slice(p, 12, 3) == b({0x00, 0x01, 'c'}));
  CHECK(slice(p, 15, 6) == b({0x00, 0x01, 'w', 0x00, 0x01, 'p'}));
  CHECK(slice(p, 21, 7) == b({0x00, 0x01, 'u', 0x00, 0x02, 'p', 'w'}));
  CHECK(p[0] == 0x10);
  CHECK(p[1] == p.size() - 2);
}

TEST_CASE("CONNECT 5.0: the variable header example of figure 3-5, will properties") {
  ConnectOptions o{.client_id = "", .clean = true, .keep_alive = 10, .props = {session_expiry(10)}};
  o.will = Will{.topic = "w", .payload = "", .qos = 1, .props = {will_delay(5)}};
  o.username = "u";
  o.password = "";
  Bytes p = connect(v5, o);
  CHECK(slice(p, 2, 15) ==
        b({0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0xCE, 0x00, 0x0A, 0x05, 0x11, 0x00, 0x00, 0x00}));
  CHECK(p[17] == 0x0A);
  // Empty client id, will properties (length 5: Will Delay Interval 5), will topic, payload.
  CHECK(slice(p, 18, 2) == b({0x00, 0x00}));
  CHECK(slice(p, 20, 6) == b({0x05, 0x18, 0x00, 0x00, 0x00, 0x05}));
  CHECK(slice(p, 26, 5) == b({0x00, 0x01, 'w', 0x00, 0x00}));
}

TEST_CASE("CONNECT 3.1 uses protocol name MQIsdp, level 3") {
  Bytes p = connect(v31, {.client_id = "a", .clean = false, .keep_alive = 0});
  CHECK(p == b({0x10, 0x0F, 0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03, 0x00, 0x00, 0x00, 0x00,
                0x01, 'a'}));
}

TEST_CASE("PUBLISH: the variable header examples (3.1.1 figure 3.11, 5.0 figure 3-9)") {
  Message m{.topic = "a/b", .payload = "", .qos = 1, .packet_id = 10};
  CHECK(publish(v311, m) == b({0x32, 0x07, 0x00, 0x03, 'a', '/', 'b', 0x00, 0x0A}));
  CHECK(publish(v5, m) == b({0x32, 0x08, 0x00, 0x03, 'a', '/', 'b', 0x00, 0x0A, 0x00}));
  Message q0{.topic = "t", .payload = "hi", .retain = true, .dup = false};
  CHECK(publish(v311, q0) == b({0x31, 0x05, 0x00, 0x01, 't', 'h', 'i'}));
  Message q2{.topic = "t",
             .payload = "",
             .qos = 2,
             .dup = true,
             .packet_id = 1,
             .props = {topic_alias(1)}};
  CHECK(publish(v5, q2) == b({0x3C, 0x09, 0x00, 0x01, 't', 0x00, 0x01, 0x03, 0x23, 0x00, 0x01}));
}

TEST_CASE("SUBSCRIBE 3.1.1: the payload example of figure 3.21, packet id 10") {
  Bytes p = subscribe(v311, 10, {{"a/b", {.qos = 1}}, {"c/d", {.qos = 2}}});
  CHECK(p == b({0x82, 0x0E, 0x00, 0x0A, 0x00, 0x03, 'a', '/', 'b', 0x01, 0x00, 0x03, 'c', '/', 'd',
                0x02}));
}

TEST_CASE("SUBSCRIBE 5.0: subscription options byte and a Subscription Identifier") {
  SubOptions o{.qos = 2, .no_local = true, .retain_as_published = true, .retain_handling = 2};
  CHECK(o.byte() == 0x2E);
  Bytes p = subscribe(v5, 1, {{"x", o}}, {subscription_id(300)});
  CHECK(p == b({0x82, 0x0A, 0x00, 0x01, 0x03, 0x0B, 0xAC, 0x02, 0x00, 0x01, 'x', 0x2E}));
}

TEST_CASE("UNSUBSCRIBE: the payload example (3.1.1 figure 3.30), and 5.0 with properties") {
  CHECK(unsubscribe(v311, 2, {"a/b", "c/d"}) ==
        b({0xA2, 0x0C, 0x00, 0x02, 0x00, 0x03, 'a', '/', 'b', 0x00, 0x03, 'c', '/', 'd'}));
  CHECK(unsubscribe(v5, 2, {"a"}) == b({0xA2, 0x06, 0x00, 0x02, 0x00, 0x00, 0x01, 'a'}));
}

TEST_CASE("Acks, PINGREQ, DISCONNECT, AUTH") {
  CHECK(ack(v311, Type::puback, 5) == b({0x40, 0x02, 0x00, 0x05}));
  CHECK(ack(v311, Type::pubrel, 5) == b({0x62, 0x02, 0x00, 0x05}));
  CHECK(ack(v5, Type::pubrec, 5) == b({0x50, 0x02, 0x00, 0x05}));
  CHECK(ack(v5, Type::pubrec, 5, 0x10) == b({0x50, 0x03, 0x00, 0x05, 0x10}));
  CHECK(ack(v5, Type::pubcomp, 5, 0x92, {reason_string("no")}) ==
        b({0x70, 0x09, 0x00, 0x05, 0x92, 0x05, 0x1F, 0x00, 0x02, 'n', 'o'}));
  CHECK(pingreq() == b({0xC0, 0x00}));
  CHECK(disconnect(v311) == b({0xE0, 0x00}));
  CHECK(disconnect(v5, 0x04) == b({0xE0, 0x01, 0x04}));
  CHECK(disconnect(v5, 0, {session_expiry(0)}) ==
        b({0xE0, 0x07, 0x00, 0x05, 0x11, 0x00, 0x00, 0x00, 0x00}));
  CHECK(auth(0x18) == b({0xF0, 0x02, 0x18, 0x00}));
}

TEST_CASE("Packet builds anything: overridden length, invalid flags and properties") {
  CHECK(Packet(0x30).length(200).str("t").bytes() == b({0x30, 0xC8, 0x01, 0x00, 0x01, 't'}));
  CHECK(Packet(Type::pingreq, 0x0F).bytes() == b({0xCF, 0x00}));
  // A Topic Alias written as four bytes, an unknown identifier 0x7F, a raw property block.
  Props bad{Property::four(prop::topic_alias, 1), Property::raw(0x7F, "\x01")};
  CHECK(Packet(0x30).props(bad).bytes() ==
        b({0x30, 0x08, 0x07, 0x23, 0x00, 0x00, 0x00, 0x01, 0x7F, 0x01}));
  CHECK(Packet(0x10).varint(268435456).bytes() == b({0x10, 0x05, 0x80, 0x80, 0x80, 0x80, 0x01}));
  Bytes big = Packet(0x30).raw(std::string(200, 'x'));
  CHECK(slice(big, 0, 3) == b({0x30, 0xC8, 0x01}));
  CHECK(big.size() == 203);
}

TEST_CASE("Properties of every layout encode as table 2-4 lays them out") {
  Props p{payload_format(1),  message_expiry(0x01020304),
          content_type("c"),  correlation_data(std::string("\x00\x01", 2)),
          subscription_id(1), receive_maximum(9),
          user("k", "v")};
  Bytes e = p.encode();
  CHECK(e ==
        b({0x1C, 0x01, 0x01, 0x02, 0x01, 0x02, 0x03, 0x04, 0x03, 0x00, 0x01, 'c',  0x09, 0x00, 0x02,
           0x00, 0x01, 0x0B, 0x01, 0x21, 0x00, 0x09, 0x26, 0x00, 0x01, 'k',  0x00, 0x01, 'v'}));
}

}  // namespace mm::test::wire
