// The Client's convenience flows: CONNECT, SUBSCRIBE, UNSUBSCRIBE, the PUBLISH exchanges of
// each QoS (MQTT 3.1.1 section 4.3, MQTT 5.0 section 4.3), PING and DISCONNECT.
#include "tests/wire/client.h"

namespace mm::test::wire {

Incoming Client::connect(const ConnectOptions& o, Ms timeout) {
  send(wire::connect(version_, o));
  return expect(Type::connack, timeout);
}

Incoming Client::connect_ok(const ConnectOptions& o) {
  Incoming ack = connect(o);
  if (ack.reason != 0) fail("CONNECT refused: " + ack.describe());
  return ack;
}

Incoming Client::subscribe(const std::vector<Subscription>& subs, const Props& props) {
  uint16_t id = next_packet_id();
  send(wire::subscribe(version_, id, subs, props));
  Incoming ack = await(Type::suback);
  if (ack.packet_id != id) fail("SUBACK for packet id " + std::to_string(ack.packet_id));
  if (ack.reasons.size() != subs.size()) fail("SUBACK with a code count unlike the filters'");
  return ack;
}

Incoming Client::unsubscribe(const std::vector<std::string>& filters, const Props& props) {
  uint16_t id = next_packet_id();
  send(wire::unsubscribe(version_, id, filters, props));
  Incoming ack = await(Type::unsuback);
  if (ack.packet_id != id) fail("UNSUBACK for packet id " + std::to_string(ack.packet_id));
  return ack;
}

Incoming Client::publish(Message m) {
  if (m.qos > 0 && m.packet_id == 0) m.packet_id = next_packet_id();
  send(wire::publish(version_, m));
  if (m.qos == 0) return {};
  Incoming ack = await(m.qos == 1 ? Type::puback : Type::pubrec);
  if (ack.packet_id != m.packet_id) fail("ack for the wrong packet id: " + ack.describe());
  if (m.qos == 1 || ack.reason >= 0x80) return ack;
  send(wire::ack(version_, Type::pubrel, m.packet_id));
  Incoming comp = await(Type::pubcomp);
  if (comp.packet_id != m.packet_id || comp.reason != 0) fail("bad PUBCOMP: " + comp.describe());
  return ack;
}

void Client::ack(const Incoming& p) {
  if (p.qos == 1) send(wire::ack(version_, Type::puback, p.packet_id));
  if (p.qos != 2) return;
  send(wire::ack(version_, Type::pubrec, p.packet_id));
  Incoming rel = await(Type::pubrel);
  if (rel.packet_id != p.packet_id) fail("PUBREL for the wrong packet id: " + rel.describe());
  send(wire::ack(version_, Type::pubcomp, p.packet_id));
}

Incoming Client::receive(Ms timeout) {
  Incoming p = await(Type::publish, timeout);
  ack(p);
  return p;
}

void Client::ping(Ms timeout) {
  send(pingreq());
  await(Type::pingresp, timeout);
}

void Client::disconnect(uint8_t reason, const Props& props) {
  send(wire::disconnect(version_, reason, props));
  expect_closed();
}

}  // namespace mm::test::wire
