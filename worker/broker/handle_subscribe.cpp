// SUBSCRIBE (MQTT 3.8 / 5.0 3.8): each filter is granted or refused with its own reason code;
// SUBACK goes out first, then the retained messages the Retain Handling option asks for.

#include "common/mqtt/topic.h"
#include "worker/broker/broker.h"

namespace mm::broker {
namespace {

using mqtt::ReasonCode;

// 3.1.1 has a single failure code, 0x80.
ReasonCode for_version(ReasonCode code, mqtt::ProtocolVersion v) {
  return mqtt::is_v5(v) || static_cast<uint8_t>(code) < 0x80 ? code : ReasonCode::unspecified_error;
}

}  // namespace

Outcome Broker::handle_subscribe(Client& c, const mqtt::Subscribe& p) {
  Session& s = *c.session;
  uint32_t sub_id = 0;
  if (!p.properties.subscription_identifiers.empty()) {
    sub_id = p.properties.subscription_identifiers.front();
  }
  mqtt::Suback ack;
  ack.packet_id = p.packet_id;
  struct Retained {
    std::string filter;
    SubOptions options;
  };
  uint64_t announced = route_changes_;
  std::vector<Retained> to_send;
  for (const mqtt::Subscription& sub : p.subscriptions) {
    auto shared = mqtt::parse_shared(sub.filter);
    std::string_view filter = shared ? shared->filter : std::string_view(sub.filter);
    bool known = s.subscriptions.contains(sub.filter);
    ReasonCode code = static_cast<ReasonCode>(sub.max_qos);
    if (filter.size() > settings_.max_topic_length ||
        mqtt::topic_levels(filter) > settings_.max_topic_levels) {
      code = ReasonCode::topic_filter_invalid;
    } else if (!known && s.subscriptions.size() >= settings_.max_subscriptions_per_client) {
      code = ReasonCode::quota_exceeded;
    }
    ack.reason_codes.push_back(for_version(code, c.version));
    if (static_cast<uint8_t>(code) >= 0x80) continue;
    SubOptions o;
    o.max_qos = static_cast<uint8_t>(sub.max_qos);
    o.no_local = sub.no_local;
    o.retain_as_published = sub.retain_as_published;
    o.retain_handling = static_cast<uint8_t>(sub.retain_handling);
    o.subscription_id = sub_id;
    bool is_new = add_subscription(s, sub.filter, o);
    // Retained messages are not sent for a shared subscription [MQTT-4.8.2-?: 5.0 4.8.2].
    bool wanted = o.retain_handling == 0 || (o.retain_handling == 1 && is_new);
    if (!shared && wanted) to_send.push_back({sub.filter, o});
  }
  auto answer = [this, ack = std::move(ack), to_send = std::move(to_send)](Client& client) {
    send(client, ack);
    for (const Retained& r : to_send) send_retained(*client.session, r.filter, r.options);
  };
  if (route_changes_ == announced) {
    answer(c);
  } else {
    after_peers_know(c, std::move(answer));
  }
  return Outcome::fine();
}

}  // namespace mm::broker
