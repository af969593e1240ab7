// PUBREC (QoS 2 delivery to a client, first half): answered with PUBREL.
#include "worker/broker/broker.h"

namespace mm::broker {

Outcome Broker::handle_pubrec(Client& c, const mqtt::Pubrec& p) {
  Session& s = *c.session;
  Inflight* f = s.find_inflight(p.packet_id);
  if (f == nullptr || f->qos != 2) {
    send_ack<mqtt::Pubrel>(c, p.packet_id, mqtt::ReasonCode::packet_identifier_not_found);
    return Outcome::fine();
  }
  if (static_cast<uint8_t>(p.reason_code) >= 0x80) {
    // The client refused the message: the flow ends here [MQTT-4.3.3-*], no PUBREL.
    s.erase_inflight(*f);
    pump(s);
    return Outcome::fine();
  }
  f->released = true;
  send_ack<mqtt::Pubrel>(c, p.packet_id, mqtt::ReasonCode::success);
  return Outcome::fine();
}

}  // namespace mm::broker
