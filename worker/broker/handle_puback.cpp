// PUBACK (QoS 1 delivery to a client completed).
#include "worker/broker/broker.h"

namespace mm::broker {

Outcome Broker::handle_puback(Client& c, const mqtt::Puback& p) {
  Session& s = *c.session;
  Inflight* f = s.find_inflight(p.packet_id);
  // An id we do not know (e.g. acknowledged twice) is ignored.
  if (f != nullptr && f->qos == 1) {
    s.erase_inflight(*f);
    pump(s);
  }
  return Outcome::fine();
}

}  // namespace mm::broker
