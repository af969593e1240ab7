// PUBLISH from a connected client (MQTT 3.1.1 section 3.3, MQTT 5.0 section 3.3): QoS, DUP,
// packet identifiers, the Topic Name and the size limit.

#include "tests/badinput/rows.h"
#include "tests/wire/packets.h"

namespace mm::test::badinput {
namespace {

using wire::Packet;

// A PUBLISH with `flags` and `topic`, a packet id when QoS > 0, empty properties in 5.0.
Bytes publish_raw(uint8_t v, uint8_t flags, const std::string& topic, uint16_t id = 1) {
  Packet p(Type::publish, flags);
  p.str(topic);
  if (flags & 0x06) p.u16(id);
  if (v >= wire::v5) p.props({});
  return p.raw("x");
}

void qos_rows(uint8_t v, std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b, std::vector<uint8_t> codes, std::string r) {
    rows.push_back(
        {"PUBLISH " + name, v, true, std::move(b), violation(v, std::move(codes)), std::move(r)});
  };
  add("QoS 3", publish_raw(v, 0x06, "bad/q"), {0x81},
      "MQTT-3.3.1-4: QoS 3 is a Malformed Packet / closes");
  add("QoS 3 with DUP and RETAIN", publish_raw(v, 0x0F, "bad/q"), {0x81},
      "MQTT-3.3.1-4: QoS 3 is a Malformed Packet / closes");
  add("QoS 0 with DUP", publish_raw(v, 0x08, "bad/q"), {0x81, 0x82},
      "MQTT-3.3.1-2: DUP must be 0 at QoS 0 (no specific code: 0x81/0x82)");
  add("QoS 1 with packet id 0", publish_raw(v, 0x02, "bad/q", 0), {0x81, 0x82},
      rule(v, "MQTT-2.3.1-1: a non-zero Packet Identifier",
           "MQTT-2.2.1-3: a non-zero Packet Identifier"));
  add("QoS 2 with packet id 0", publish_raw(v, 0x04, "bad/q", 0), {0x81, 0x82},
      rule(v, "MQTT-2.3.1-1: a non-zero Packet Identifier",
           "MQTT-2.2.1-3: a non-zero Packet Identifier"));
}

void topic_rows(uint8_t v, std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b, std::vector<uint8_t> codes, std::string r) {
    rows.push_back(
        {"PUBLISH " + name, v, true, std::move(b), violation(v, std::move(codes)), std::move(r)});
  };
  const char* wildcard = "MQTT-3.3.2-2: no wildcards in a Topic Name (5.0: DISCONNECT 0x90)";
  add("topic '#'", publish_raw(v, 0x00, "#"), {0x90}, wildcard);
  add("topic 'bad/#' at QoS 2", publish_raw(v, 0x04, "bad/#"), {0x90}, wildcard);
  add("topic 'bad/+/x' at QoS 1", publish_raw(v, 0x02, "bad/+/x"), {0x90}, wildcard);
  add("topic 'bad+'", publish_raw(v, 0x00, "bad+"), {0x90}, wildcard);
  add("empty topic (no alias)", publish_raw(v, 0x00, ""), {0x82},
      rule(v, "MQTT-4.7.3-1: a Topic Name is at least one character",
           "5.0 3.3.2.1: an empty Topic Name without a Topic Alias is a Protocol Error"));
  const char* utf8 = v >= wire::v5 ? "MQTT-1.5.4-1: ill-formed UTF-8 is a Malformed Packet"
                                   : "MQTT-1.5.3-1: ill-formed UTF-8 closes";
  add("topic with an overlong encoding", publish_raw(v, 0x00, kOverlong), {0x81}, utf8);
  add("topic with a surrogate", publish_raw(v, 0x02, kSurrogate), {0x81}, utf8);
  add("topic with byte 0xFF", publish_raw(v, 0x00, kBadByte), {0x81}, utf8);
  add("topic with U+0000", publish_raw(v, 0x00, "bad/" + kNullChar), {0x81},
      rule(v, "MQTT-1.5.3-2: U+0000 closes", "MQTT-1.5.4-2: U+0000 is a Malformed Packet"));
}

void layout_rows(uint8_t v, std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b, std::vector<uint8_t> codes, std::string r) {
    rows.push_back(
        {"PUBLISH " + name, v, true, std::move(b), violation(v, std::move(codes)), std::move(r)});
  };
  const char* malformed = "5.0 4.13.1 / 3.1.1 4.8: a packet that cannot be parsed";
  add("topic length past the packet", Packet(0x30).u16(50).raw("bad/t"), {0x81}, malformed);
  add("with Remaining Length 0", Packet(0x30), {0x81}, malformed);
  add("QoS 1 with half a packet id", Packet(0x32).str("bad/t").u8(0), {0x81}, malformed);
  add("QoS 2 without a packet id", Packet(0x34).str("bad/t"), {0x81}, malformed);
  // The limit counts the whole packet: 1 + 2 length bytes + Remaining Length.
  uint32_t body = kPackageMaxLength - 3 + 1;
  std::string payload(body - 7 - (v >= wire::v5 ? 1 : 0), 'p');
  add("one byte over package_max_length", wire::publish(v, {.topic = "bad/l", .payload = payload}),
      {0x95},
      "package_max_length 1024 = CONNACK Maximum Packet Size; 5.0 3.2.2.3.6 / 4.13: "
      "DISCONNECT 0x95 Packet too large; 3.1.1 closes");
  std::string fits(body - 1 - 9 - (v >= wire::v5 ? 1 : 0), 'p');
  rows.push_back({"PUBLISH of exactly package_max_length at QoS 1", v, true,
                  wire::publish(v, {.topic = "bad/l", .payload = fits, .qos = 1, .packet_id = 7}),
                  acks(Type::puback, {0x00, 0x10}),
                  "the limit is inclusive: PUBACK (5.0 0x10 No matching subscribers allowed)"});
}

}  // namespace

std::vector<Row> publish_rows(uint8_t v) {
  std::vector<Row> rows;
  qos_rows(v, rows);
  topic_rows(v, rows);
  layout_rows(v, rows);
  return rows;
}

}  // namespace mm::test::badinput
