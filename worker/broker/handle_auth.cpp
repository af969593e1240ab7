// AUTH (5.0 enhanced authentication). No method is offered (a CONNECT naming one is refused
// with 0x8C), so an AUTH packet is a Protocol Error [MQTT-4.12.0-1].
#include "worker/broker/broker.h"

namespace mm::broker {

Outcome Broker::handle_auth(Client&, const mqtt::Auth&) {
  return {mqtt::ReasonCode::protocol_error, "AUTH without an authentication method"};
}

}  // namespace mm::broker
