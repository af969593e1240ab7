// PUBLISH from a client (MQTT 3.3 / 5.0 3.3): topic aliases, limits, retained, the QoS 1 and 2
// acknowledgements, and exactly-once delivery inbound (the packet id is kept until PUBREL).

#include "common/log.h"
#include "common/mqtt/topic.h"
#include "worker/broker/broker.h"

namespace mm::broker {
namespace {

using mqtt::ReasonCode;

// The index into Broker::wire_ of the form whose bytes `packet` already is, or -1. A QoS 0
// PUBLISH without RETAIN or DUP goes out at QoS 0 with RETAIN 0 to every subscriber, and its
// bytes then carry nothing that is the publisher's alone: 3.1 and 3.1.1 share one form; a 5.0
// one is that form too unless it names its topic by a Topic Alias (a Subscription Identifier
// from a client is refused before this). Its properties go out as they came, which keeps the
// User Properties in order [MQTT-3.3.2-18]; its Message Expiry Interval is still whole, for
// nothing has waited.
int wire_seed(const mqtt::Publish& p, mqtt::ProtocolVersion v, std::span<const uint8_t> packet) {
  if (packet[0] != 0x30) return -1;  // QoS 0, no DUP, no RETAIN
  if (!mqtt::is_v5(v)) return 0;
  return p.properties.topic_alias ? -1 : 2;
}

}  // namespace

Outcome Broker::handle_publish(Client& c, const mqtt::Publish& p, std::span<const uint8_t> packet) {
  // Subscription Identifiers are the server's to send [MQTT-3.3.4-6].
  for ([[maybe_unused]] const mqtt::Property& id :
       p.properties.repeated.all(mqtt::PropertyId::subscription_identifier)) {
    return {ReasonCode::protocol_error, "Subscription Identifier from a client"};
  }
  std::string_view topic = p.topic;
  if (auto alias = p.properties.topic_alias) {
    if (*alias == 0 || *alias > c.aliases_in_maximum) {
      return {ReasonCode::topic_alias_invalid, "Topic Alias out of range"};  // [MQTT-3.3.2-9]
    }
    std::string& known = c.topic_aliases().in[*alias - 1];
    if (!topic.empty()) {
      known.assign(topic);
    } else if (known.empty()) {
      return {ReasonCode::protocol_error, "unknown Topic Alias"};
    }
    topic = known;
  } else if (topic.empty()) {
    return {ReasonCode::protocol_error, "empty topic without alias"};
  }
  uint8_t qos = static_cast<uint8_t>(p.qos);
  ReasonCode refusal = ReasonCode::success;
  // A topic has at most one level more than it has bytes: most need no count.
  if (topic.size() > settings_.max_topic_length ||
      (topic.size() >= settings_.max_topic_levels &&
       mqtt::topic_levels(topic) > settings_.max_topic_levels)) {
    refusal = ReasonCode::topic_name_invalid;
  } else if (p.retain && !settings_.retain_available) {
    return {ReasonCode::retain_not_supported, "retain is not available"};  // [MQTT-3.3.1-19]
  }
  Session& s = *c.session;
  bool duplicate = false;
  if (qos == 2 && refusal == ReasonCode::success) {
    const PacketIdSet& inbound = s.rare_or_none().inbound_qos2;
    duplicate = inbound.contains(p.packet_id);
    // 5.0 announced our Receive Maximum; 3.1.1 has none (its 65535 ids bound the state).
    if (!duplicate && mqtt::is_v5(c.version) && inbound.size() >= settings_.max_inflight_messages) {
      return {ReasonCode::receive_maximum_exceeded, "too many QoS 2 messages in flight"};
    }
  }
  if (refusal != ReasonCode::success) {
    // A 5.0 QoS 1/2 publisher learns it in the acknowledgement; the others are disconnected.
    if (!mqtt::is_v5(c.version) || qos == 0) return {refusal, "topic over the limits"};
    common::log_peer(common::LogLevel::info, "%s (%s): PUBLISH refused: topic over the limits",
                     c.conn->peer().c_str(), c.client_id().c_str());
  }
  ReasonCode result = refusal;
  if (refusal == ReasonCode::success && !duplicate) {
    size_t receivers = 0;
    if (p.retain) {
      MessagePtr msg = make_message(p, topic, c.client_id(), now());
      retain(msg);
      receivers = route(msg, true);
    } else {
      wire_seed_ = {packet, wire_seed(p, c.version, packet)};
      receivers = route_publish(p, topic, c.client_id());
      wire_seed_ = {};
    }
    if (receivers == 0 && mqtt::is_v5(c.version)) result = ReasonCode::no_matching_subscribers;
  }
  if (qos == 1) {
    send_ack<mqtt::Puback>(c, p.packet_id, result);
  } else if (qos == 2) {
    // Delivered once now; the id is remembered until PUBREL so that a resent PUBLISH
    // (DUP) is acknowledged again but not delivered twice [MQTT-4.3.3-*].
    if (refusal == ReasonCode::success) s.rare().inbound_qos2.insert(p.packet_id);
    send_ack<mqtt::Pubrec>(c, p.packet_id, duplicate ? ReasonCode::success : result);
  }
  return Outcome::fine();
}

}  // namespace mm::broker
