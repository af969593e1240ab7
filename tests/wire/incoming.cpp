#include "tests/wire/incoming.h"

namespace mm::test::wire {
namespace {

[[noreturn]] void bad(const Incoming& p, const std::string& why) {
  throw WireError(std::string("malformed ") + type_name(p.type()) + " from the server: " + why +
                  " [" + hex(p.body) + "]");
}

void expect_flags(const Incoming& p, uint8_t flags) {
  if (p.flags() != flags) bad(p, "fixed header flags " + std::to_string(p.flags()));
}

void expect_end(const Incoming& p, const Reader& r) {
  if (!r.done()) bad(p, std::to_string(r.left()) + " bytes left over");
}

void parse_connack(uint8_t version, Incoming& p, Reader& r) {
  expect_flags(p, 0);
  uint8_t ack_flags = r.u8("connect acknowledge flags");
  if ((ack_flags & 0xFE) != 0) bad(p, "reserved connect acknowledge flags set");
  p.session_present = ack_flags & 1;
  p.reason = r.u8("connect reason code");
  if (version >= v5) p.props = Props::parse(r);
}

void parse_publish(uint8_t version, Incoming& p, Reader& r) {
  p.dup = p.flags() & 0x08;
  p.qos = (p.flags() >> 1) & 3;
  p.retain = p.flags() & 1;
  if (p.qos == 3) bad(p, "QoS 3");
  p.topic = r.lstring("topic name");
  if (p.qos > 0) p.packet_id = r.u16("packet identifier");
  if (p.qos > 0 && p.packet_id == 0) bad(p, "packet identifier 0");
  if (version >= v5) p.props = Props::parse(r);
  p.payload = r.rest();
}

// PUBACK, PUBREC, PUBREL, PUBCOMP; 5.0 allows leaving out the reason code and the properties.
void parse_ack(uint8_t version, Incoming& p, Reader& r) {
  expect_flags(p, p.is(Type::pubrel) ? 0x02 : 0x00);
  p.packet_id = r.u16("packet identifier");
  if (version >= v5 && !r.done()) p.reason = r.u8("reason code");
  if (version >= v5 && !r.done()) p.props = Props::parse(r);
}

void parse_sub_ack(uint8_t version, Incoming& p, Reader& r) {
  expect_flags(p, 0);
  p.packet_id = r.u16("packet identifier");
  if (version >= v5) p.props = Props::parse(r);
  while (!r.done()) p.reasons.push_back(r.u8("reason code"));
  bool codes_required = p.is(Type::suback) || version >= v5;
  if (codes_required && p.reasons.empty()) bad(p, "no reason codes");
}

void parse_disconnect_or_auth(uint8_t version, Incoming& p, Reader& r) {
  expect_flags(p, 0);
  if (version < v5) {
    if (p.is(Type::auth)) bad(p, "AUTH before MQTT 5.0");
    return;  // a server never sends DISCONNECT before 5.0; tests assert on it
  }
  if (!r.done()) p.reason = r.u8("reason code");
  if (!r.done()) p.props = Props::parse(r);
}

}  // namespace

Incoming parse(uint8_t version, uint8_t first, Bytes body) {
  Incoming p;
  p.first = first;
  p.body = std::move(body);
  Reader r(p.body);
  switch (p.type()) {
    case Type::connack:
      parse_connack(version, p, r);
      break;
    case Type::publish:
      parse_publish(version, p, r);
      break;
    case Type::puback:
    case Type::pubrec:
    case Type::pubrel:
    case Type::pubcomp:
      parse_ack(version, p, r);
      break;
    case Type::suback:
    case Type::unsuback:
      parse_sub_ack(version, p, r);
      break;
    case Type::pingresp:
      expect_flags(p, 0);
      break;
    case Type::disconnect:
    case Type::auth:
      parse_disconnect_or_auth(version, p, r);
      break;
    default:
      bad(p, "a server never sends this packet type");
  }
  expect_end(p, r);
  return p;
}

std::string Incoming::describe() const {
  std::string s = type_name(type());
  auto field = [&s](const char* name, const std::string& v) {
    s += std::string(" ") + name + "=" + v;
  };
  if (is(Type::publish)) {
    field("qos", std::to_string(qos));
    if (dup) s += " dup";
    if (retain) s += " retain";
    field("topic", topic);
    field("payload", payload.size() <= 40 ? payload : payload.substr(0, 40) + "...");
  }
  if (packet_id != 0) field("id", std::to_string(packet_id));
  if (is(Type::connack)) field("session_present", std::to_string(session_present));
  if (reason != 0 || is(Type::connack)) field("reason", hex({reason}));
  if (!reasons.empty()) field("reasons", hex(reasons));
  if (auto rs = props.text(prop::reason_string)) field("reason_string", *rs);
  return s + " (" + std::to_string(body.size()) + " bytes)";
}

}  // namespace mm::test::wire
