// UNSUBSCRIBE (MQTT 3.10 / 5.0 3.10): 5.0 gets a reason code per filter.
#include "common/mqtt/topic.h"
#include "worker/broker/broker.h"

namespace mm::broker {

Outcome Broker::handle_unsubscribe(Client& c, const mqtt::Unsubscribe& p) {
  Session& s = *c.session;
  mqtt::Unsuback ack;
  ack.packet_id = p.packet_id;
  for (const std::string& filter : p.filters) {
    bool existed = s.subscriptions.contains(filter);
    if (existed) {
      unindex(s, filter);
      s.subscriptions.erase(filter);
    }
    ack.reason_codes.push_back(existed ? mqtt::ReasonCode::success
                                       : mqtt::ReasonCode::no_subscription_existed);
  }
  send(c, ack);
  return Outcome::fine();
}

}  // namespace mm::broker
