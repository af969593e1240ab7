// The other packets a connected client sends: the QoS acknowledgements, PINGREQ, DISCONNECT,
// AUTH, the packets only a server sends, reserved types, fixed header flags and lengths
// (MQTT 3.1.1 sections 2 and 3.4-3.14, MQTT 5.0 sections 2 and 3.4-3.15).

#include "tests/badinput/rows.h"
#include "tests/wire/packets.h"

namespace mm::test::badinput {
namespace {

using wire::Packet;

const char* kFlags311 = "MQTT-2.2.2-2: invalid fixed header flags close the connection";
const char* kFlags5 = "MQTT-2.1.3-1 (5.0 2.1.3): invalid flags are a Malformed Packet";
const char* kMalformed = "5.0 4.13.1 / 3.1.1 4.8: a packet that cannot be parsed";
const char* kServerOnly =
    "5.0 4.13.1 / 3.1.1 4.8: a packet only a server sends is a Protocol Error (5.0: 0x82)";

void server_only_rows(uint8_t v, std::vector<Row>& rows) {
  bool v5 = v >= wire::v5;
  auto add = [&](std::string name, Bytes b, std::vector<uint8_t> codes, std::string r) {
    rows.push_back(
        {std::move(name), v, true, std::move(b), violation(v, std::move(codes)), std::move(r)});
  };
  add("CONNACK from a client", v5 ? Bytes{0x20, 0x03, 0x00, 0x00, 0x00} : Bytes{0x20, 0x02, 0, 0},
      {0x82}, kServerOnly);
  add("SUBACK from a client",
      v5 ? Bytes{0x90, 0x04, 0x00, 0x01, 0x00, 0x00} : Bytes{0x90, 0x03, 0, 1, 0}, {0x82},
      kServerOnly);
  add("UNSUBACK from a client",
      v5 ? Bytes{0xB0, 0x04, 0x00, 0x01, 0x00, 0x00} : Bytes{0xB0, 0x02, 0, 1}, {0x82},
      kServerOnly);
  add("PINGRESP from a client", Bytes{0xD0, 0x00}, {0x82}, kServerOnly);
  add("reserved packet type 0", Bytes{0x00, 0x00}, {0x81, 0x82},
      "5.0 2.1.2 / 3.1.1 2.2.1: type 0 is reserved (forbidden)");
  if (!v5) {
    add("reserved packet type 15", Bytes{0xF0, 0x00}, {}, "MQTT 3.1.1 2.2.1: type 15 is reserved");
    return;
  }
  const char* no_method =
      "5.0 4.12: without an Authentication Method in CONNECT, AUTH is a Protocol Error";
  add("AUTH without an Authentication Method", Bytes{0xF0, 0x00}, {0x82}, no_method);
  add("AUTH re-authenticate without a method at CONNECT",
      wire::auth(0x19, {wire::Property::string(wire::prop::authentication_method, "x")}), {0x82},
      no_method);
  add("AUTH with fixed header flags 0001", Packet(0xF1).u8(0x18).props({}), {0x81}, kFlags5);
  add("AUTH with reason code 0x05", Packet(0xF0).u8(0x05).props({}), {0x81, 0x82},
      "MQTT-3.15.2-1: an AUTH reason code from table 3.15.2.1 only");
}

void ack_rows(uint8_t v, std::vector<Row>& rows) {
  bool v5 = v >= wire::v5;
  auto add = [&](std::string name, Bytes b, std::vector<uint8_t> codes, std::string r) {
    rows.push_back(
        {std::move(name), v, true, std::move(b), violation(v, std::move(codes)), std::move(r)});
  };
  const char* flags = v5 ? kFlags5 : kFlags311;
  add("PUBACK with fixed header flags 0010", Bytes{0x42, 0x02, 0x00, 0x01}, {0x81}, flags);
  add("PUBREC with fixed header flags 0001", Bytes{0x51, 0x02, 0x00, 0x01}, {0x81}, flags);
  add("PUBREL with fixed header flags 0000", Bytes{0x60, 0x02, 0x00, 0x01}, {0x81}, flags);
  add("PUBREL with fixed header flags 0110", Bytes{0x66, 0x02, 0x00, 0x01}, {0x81}, flags);
  add("PUBCOMP with fixed header flags 1000", Bytes{0x78, 0x02, 0x00, 0x01}, {0x81}, flags);
  add("PINGREQ with fixed header flags 0001", Bytes{0xC1, 0x00}, {0x81}, flags);
  add("DISCONNECT with fixed header flags 0010", Bytes{0xE2, 0x00}, {0x81}, flags);
  add("UNSUBSCRIBE with fixed header flags 0011",
      Packet(0xA3).u16(1).raw(v5 ? Bytes{0x00} : Bytes{}).str("bad/u"), {0x81}, flags);
  add("SUBSCRIBE with fixed header flags 1010",
      Packet(0x8A).u16(1).raw(v5 ? Bytes{0x00} : Bytes{}).str("bad/s").u8(0), {0x81}, flags);
  add("PUBACK with Remaining Length 1", Bytes{0x40, 0x01, 0x00}, {0x81}, kMalformed);
  add("PUBREL with Remaining Length 0", Bytes{0x62, 0x00}, {0x81}, kMalformed);
  add("PUBACK with packet id 0", Bytes{0x40, 0x02, 0x00, 0x00}, {0x81, 0x82},
      v5 ? "MQTT-2.2.1-3: a non-zero Packet Identifier"
         : "MQTT-2.3.1-1: a non-zero Packet Identifier");
  add("PUBREL with packet id 0", Bytes{0x62, 0x02, 0x00, 0x00}, {0x81, 0x82},
      v5 ? "MQTT-2.2.1-3: a non-zero Packet Identifier"
         : "MQTT-2.3.1-1: a non-zero Packet Identifier");
  add("PINGREQ with a body", Bytes{0xC0, 0x01, 0x00}, {0x81}, kMalformed);
  if (v5) {
    add("PUBACK with a trailing byte", Bytes{0x40, 0x05, 0x00, 0x01, 0x00, 0x00, 0xFF}, {0x81},
        kMalformed);
    add("PUBACK with reason code 0x05", Bytes{0x40, 0x03, 0x00, 0x01, 0x05}, {0x81, 0x82},
        "MQTT-3.4.2-1: a PUBACK reason code from table 3.4.2.1 only");
    add("PUBREL with reason code 0x10", Bytes{0x62, 0x03, 0x00, 0x01, 0x10}, {0x81, 0x82},
        "MQTT-3.6.2-1: a PUBREL reason code from table 3.6.2.1 only");
    add("DISCONNECT with reason code 0x05", Bytes{0xE0, 0x01, 0x05}, {0x81, 0x82},
        "MQTT-3.14.2-1: a DISCONNECT reason code from table 3.14.2.1 only");
    add("DISCONNECT with a trailing byte", Bytes{0xE0, 0x03, 0x00, 0x00, 0xFF}, {0x81}, kMalformed);
    add("DISCONNECT setting Session Expiry after 0 at CONNECT",
        wire::disconnect(v, 0, {wire::session_expiry(60)}), {0x82},
        "MQTT-3.14.2-2 / 5.0 3.14.2.2.2: non-zero after 0 at CONNECT: DISCONNECT 0x82");
  } else {
    add("PUBACK with a trailing byte", Bytes{0x40, 0x03, 0x00, 0x01, 0x00}, {}, kMalformed);
    add("PUBREC with a trailing byte", Bytes{0x50, 0x03, 0x00, 0x01, 0x00}, {}, kMalformed);
  }
  rows.push_back({"PUBREL for an unknown packet id", v, true, wire::ack(v, Type::pubrel, 4242),
                  acks(Type::pubcomp, {uint8_t(v5 ? 0x92 : 0x00)}),
                  v5 ? "5.0 3.7.2.1 / 4.3.3: PUBCOMP 0x92 Packet Identifier not found; stays up"
                     : "MQTT-4.3.3-11: PUBREL is answered with PUBCOMP; the connection stays"});
}

}  // namespace

std::vector<Row> control_rows(uint8_t v) {
  std::vector<Row> rows;
  server_only_rows(v, rows);
  ack_rows(v, rows);
  return rows;
}

std::vector<Row> framing_rows(uint8_t v) {
  std::vector<Row> rows;
  auto add = [&](std::string name, Bytes b, std::vector<uint8_t> codes, std::string r) {
    rows.push_back(
        {std::move(name), v, true, std::move(b), violation(v, std::move(codes)), std::move(r)});
  };
  add("Remaining Length of 5 bytes", Bytes{0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, {0x81},
      "5.0 1.5.5 / 3.1.1 2.2.3: at most 4 bytes: Malformed Packet");
  add("PINGREQ with a 5-byte Remaining Length", Bytes{0xC0, 0x80, 0x80, 0x80, 0x80, 0x00}, {0x81},
      "5.0 1.5.5 / 3.1.1 2.2.3: at most 4 bytes: Malformed Packet");
  add("Remaining Length 268435455 (over package_max_length)", Bytes{0x30, 0xFF, 0xFF, 0xFF, 0x7F},
      {0x95}, "package_max_length 1024: 5.0 DISCONNECT 0x95 Packet too large; 3.1.1 closes");
  add("SUBSCRIBE over package_max_length", wire::subscribe(v, 1, {{std::string(1100, 's'), {}}}),
      {0x95}, "package_max_length 1024: 5.0 DISCONNECT 0x95 Packet too large; 3.1.1 closes");
  // A good packet, then a bad one in the same segment: the good one is answered first.
  Expected after_ping = violation(v, {0x81});
  after_ping.first_count = 1;
  after_ping.first_type = Type::pingresp;
  rows.push_back({"PINGREQ then a QoS 3 PUBLISH in one segment", v, true,
                  cat({wire::pingreq(),
                       Packet(0x36).str("bad/q").u16(1).raw(v >= wire::v5 ? Bytes{0} : Bytes{})}),
                  after_ping, "MQTT-3.12.4-1 then MQTT-3.3.1-4"});
  return rows;
}

}  // namespace mm::test::badinput
