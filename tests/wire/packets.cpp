#include "tests/wire/packets.h"

namespace mm::test::wire {
namespace {

uint8_t connect_flags(const ConnectOptions& o) {
  uint8_t f = o.clean ? 0x02 : 0x00;
  if (o.will) f |= uint8_t(0x04 | (o.will->qos & 3) << 3 | (o.will->retain ? 0x20 : 0));
  if (o.password) f |= 0x40;
  if (o.username) f |= 0x80;
  return f;
}

}  // namespace

Bytes connect(uint8_t version, const ConnectOptions& o) {
  Packet p(Type::connect);
  p.str(version == v31 ? "MQIsdp" : "MQTT").u8(version).u8(connect_flags(o)).u16(o.keep_alive);
  if (version >= v5) p.props(o.props);
  p.str(o.client_id);
  if (o.will) {
    if (version >= v5) p.props(o.will->props);
    p.str(o.will->topic).str(o.will->payload);
  }
  if (o.username) p.str(*o.username);
  if (o.password) p.str(*o.password);
  return p;
}

Bytes subscribe(uint8_t version, uint16_t packet_id, const std::vector<Subscription>& subs,
                const Props& props) {
  Packet p(Type::subscribe, 0x02);
  p.u16(packet_id);
  if (version >= v5) p.props(props);
  for (const Subscription& s : subs) {
    p.str(s.filter).u8(version >= v5 ? s.options.byte() : s.options.qos);
  }
  return p;
}

Bytes unsubscribe(uint8_t version, uint16_t packet_id, const std::vector<std::string>& filters,
                  const Props& props) {
  Packet p(Type::unsubscribe, 0x02);
  p.u16(packet_id);
  if (version >= v5) p.props(props);
  for (const std::string& f : filters) p.str(f);
  return p;
}

Bytes publish(uint8_t version, const Message& m) {
  uint8_t flags = uint8_t((m.dup ? 0x08 : 0) | (m.qos & 3) << 1 | (m.retain ? 1 : 0));
  Packet p(Type::publish, flags);
  p.str(m.topic);
  if (m.qos > 0) p.u16(m.packet_id);
  if (version >= v5) p.props(m.props);
  return p.raw(m.payload);
}

Bytes ack(uint8_t version, Type type, uint16_t packet_id, uint8_t reason, const Props& props) {
  Packet p(type, type == Type::pubrel ? 0x02 : 0x00);
  p.u16(packet_id);
  if (version >= v5 && (reason != 0 || !props.empty())) {
    p.u8(reason);
    if (!props.empty()) p.props(props);
  }
  return p;
}

Bytes pingreq() {
  return Packet(Type::pingreq);
}

Bytes disconnect(uint8_t version, uint8_t reason, const Props& props) {
  Packet p(Type::disconnect);
  if (version >= v5 && (reason != 0 || !props.empty())) {
    p.u8(reason);
    if (!props.empty()) p.props(props);
  }
  return p;
}

Bytes auth(uint8_t reason, const Props& props) {
  return Packet(Type::auth).u8(reason).props(props);
}

}  // namespace mm::test::wire
