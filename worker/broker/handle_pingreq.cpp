// PINGREQ: PINGRESP [MQTT-3.12.4-1]. Any packet already counts as keep-alive input.
#include "worker/broker/broker.h"

namespace mm::broker {

Outcome Broker::handle_pingreq(Client& c) {
  send(c, mqtt::Pingresp{});
  return Outcome::fine();
}

}  // namespace mm::broker
