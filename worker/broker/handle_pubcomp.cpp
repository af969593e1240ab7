// PUBCOMP (QoS 2 delivery to a client completed).
#include "worker/broker/broker.h"

namespace mm::broker {

Outcome Broker::handle_pubcomp(Client& c, const mqtt::Pubcomp& p) {
  Session& s = *c.session;
  Inflight* f = s.find_inflight(p.packet_id);
  if (f != nullptr && f->qos == 2 && f->released) {
    s.erase_inflight(*f);
    pump(s);
  }
  return Outcome::fine();
}

}  // namespace mm::broker
