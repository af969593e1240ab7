// PUBREL (QoS 2 from a client, second half): the packet id is forgotten, PUBCOMP answers.
#include "worker/broker/broker.h"

namespace mm::broker {

Outcome Broker::handle_pubrel(Client& c, const mqtt::Pubrel& p) {
  Session& s = *c.session;
  const bool known = s.rare_ && s.rare_->inbound_qos2.erase(p.packet_id);
  send_ack<mqtt::Pubcomp>(
      c, p.packet_id,
      known ? mqtt::ReasonCode::success : mqtt::ReasonCode::packet_identifier_not_found);
  return Outcome::fine();
}

}  // namespace mm::broker
