// PUBREL (QoS 2 from a client, second half): the packet id is forgotten, PUBCOMP answers.
#include "worker/broker/broker.h"

namespace mm::broker {

Outcome Broker::handle_pubrel(Client& c, const mqtt::Pubrel& p) {
  Session& s = *c.session;
  mqtt::Pubcomp comp;
  comp.packet_id = p.packet_id;
  if (!s.rare_ || !s.rare_->inbound_qos2.erase(p.packet_id)) {
    comp.reason_code = mqtt::ReasonCode::packet_identifier_not_found;
  }
  send(c, comp);
  return Outcome::fine();
}

}  // namespace mm::broker
