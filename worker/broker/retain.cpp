// Retained messages (MQTT 3.3.1.3): stored per topic, replaced by the next, deleted by an
// empty payload; sent to a new subscription as its Retain Handling says.

#include <algorithm>
#include <vector>

#include "worker/broker/broker.h"

namespace mm::broker {

void Broker::retain(const MessagePtr& msg) {
  if (msg->payload.empty()) {
    retained_.erase(msg->topic);  // [MQTT-3.3.1-6], [MQTT-3.3.1-7]
    return;
  }
  retained_.set(msg->topic, msg, msg->weight());
}

void Broker::send_retained(Session& s, std::string_view filter, const SubOptions& o) {
  uint64_t t = now();
  std::vector<MessagePtr> found;
  std::vector<std::string> stale;
  retained_.match(filter, [&](std::string_view topic, MessagePtr& m) {
    if (expired(*m, t)) {
      stale.emplace_back(topic);
    } else {
      found.push_back(m);
    }
  });
  for (const std::string& topic : stale) retained_.erase(topic);
  uint32_t id = o.subscription_id;
  std::span<const uint32_t> ids =
      id != 0 ? std::span<const uint32_t>(&id, 1) : std::span<const uint32_t>();
  // Retained messages go out with RETAIN set whatever Retain As Published says [MQTT-3.3.1-9].
  for (const MessagePtr& m : found) deliver(s, m, std::min(m->qos, o.max_qos), true, ids);
}

}  // namespace mm::broker
