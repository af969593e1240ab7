// DISCONNECT from a client: the will is discarded unless 5.0 reason 0x04 asks for it; 5.0 may
// change the Session Expiry Interval, but not from 0 [MQTT-3.14.2-2].
#include "worker/broker/broker.h"

namespace mm::broker {

Outcome Broker::handle_disconnect(Client& c, const mqtt::Disconnect& p) {
  Session& s = *c.session;
  if (auto expiry = p.properties.session_expiry_interval) {
    if (s.expiry_interval == 0 && *expiry != 0) {
      return {mqtt::ReasonCode::protocol_error, "Session Expiry Interval was 0"};
    }
    s.expiry_interval = *expiry;
  }
  if (p.reason_code != mqtt::ReasonCode::disconnect_with_will) c.will.reset();
  c.gone = true;
  // The client has said its last word and sends nothing more, and nothing may follow its
  // DISCONNECT from us: close at once. A lingering close would cost a shutdown(), a wait for
  // its FIN and two more system calls for nothing to protect.
  c.conn->abort();
  return Outcome::fine();
}

}  // namespace mm::broker
