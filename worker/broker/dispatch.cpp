// The one dispatch point: decodes each packet at the connection's protocol level, calls its
// handler, and maps every failure to what the spec requires: MQTT 5.0 peers get CONNACK or
// DISCONNECT with the reason code before the close; 3.1 and 3.1.1 peers get the close (or the
// CONNACK return code where one exists).

#include <variant>

#include "common/log.h"
#include "common/mqtt/decode.h"
#include "worker/broker/broker.h"

namespace mm::broker {
namespace {

using mqtt::ReasonCode;

// What a CONNECT claims, read without trusting the rest of the packet: its Protocol Level (3
// for "MQIsdp", 4 or 5 for "MQTT"; 0 when it cannot be told) and whether the protocol name
// is one of MQTT's.
struct Claimed {
  uint8_t level = 0;
  bool mqtt_name = false;
};

Claimed claimed(std::span<const uint8_t> p) {
  size_t at = 1;
  while (at < p.size() && (p[at] & 0x80)) ++at;
  ++at;  // past the Remaining Length
  if (at + 2 > p.size()) return {};
  size_t name_len = static_cast<size_t>(p[at] << 8 | p[at + 1]);
  if (at + 2 + name_len + 1 > p.size()) return {};
  std::string_view name(reinterpret_cast<const char*>(&p[at + 2]), name_len);
  return {p[at + 2 + name_len], name == "MQTT" || name == "MQIsdp"};
}

}  // namespace

Outcome Broker::dispatch(Client& c, std::span<const uint8_t> packet) {
  auto type = static_cast<mqtt::PacketType>(packet[0] >> 4);
  if (!c.connected) {
    // The first packet must be CONNECT [MQTT-3.1.0-1]: anything else is closed unanswered.
    if (type != mqtt::PacketType::connect) return {ReasonCode::protocol_error, "no CONNECT"};
    auto r = mqtt::decode_connect(packet);
    if (!r) {
      refuse_connect(c, packet, r.error());
      return Outcome::fine();
    }
    return handle_connect(c, r.value());
  }
  if (type == mqtt::PacketType::connect) return {ReasonCode::protocol_error, "second CONNECT"};
  if (type == mqtt::PacketType::publish) {
    // The hot path: decoded into views, no allocation.
    auto r = mqtt::decode_publish(packet, c.version);
    if (!r) return {r.error().code, r.error().what};
    stats_.publish_received++;
    return handle_publish(c, r.value(), packet);
  }
  if (packet.size() == 4 && packet[1] == 2) {
    // PUBACK, PUBREC, PUBREL or PUBCOMP in the short form (Remaining Length 2: reason Success,
    // no properties [MQTT-3.4.2-1]), the bulk of QoS 1 and 2 traffic: read in place into a
    // reused packet, for the generic decode costs more than the handling. Anything else about
    // them (packet id 0, wrong flags) goes to the decoder for its error.
    auto id = static_cast<uint16_t>(packet[2] << 8 | packet[3]);
    auto in_place = [&](auto& ack, auto handle) {
      ack.packet_id = id;
      return (this->*handle)(c, ack);
    };
    if (id != 0) {
      switch (packet[0]) {
        case 0x40:
          return in_place(acks_.puback, &Broker::handle_puback);
        case 0x50:
          return in_place(acks_.pubrec, &Broker::handle_pubrec);
        case 0x62:
          return in_place(acks_.pubrel, &Broker::handle_pubrel);
        case 0x70:
          return in_place(acks_.pubcomp, &Broker::handle_pubcomp);
        default:
          break;
      }
    }
  }
  auto r = mqtt::decode(packet, c.version);
  if (!r) return {r.error().code, r.error().what};
  return std::visit(
      [&](auto& p) -> Outcome {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, mqtt::Puback>)
          return handle_puback(c, p);
        else if constexpr (std::is_same_v<T, mqtt::Pubrec>)
          return handle_pubrec(c, p);
        else if constexpr (std::is_same_v<T, mqtt::Pubrel>)
          return handle_pubrel(c, p);
        else if constexpr (std::is_same_v<T, mqtt::Pubcomp>)
          return handle_pubcomp(c, p);
        else if constexpr (std::is_same_v<T, mqtt::Subscribe>)
          return handle_subscribe(c, p);
        else if constexpr (std::is_same_v<T, mqtt::Unsubscribe>)
          return handle_unsubscribe(c, p);
        else if constexpr (std::is_same_v<T, mqtt::Pingreq>)
          return handle_pingreq(c);
        else if constexpr (std::is_same_v<T, mqtt::Disconnect>)
          return handle_disconnect(c, p);
        else if constexpr (std::is_same_v<T, mqtt::Auth>)
          return handle_auth(c, p);
        // CONNACK, SUBACK, UNSUBACK, PINGRESP: only a server sends these.
        else
          return {ReasonCode::protocol_error, "a packet only a server sends"};
      },
      r.value());
}

void Broker::fail(Client& c, const Outcome& o) {
  common::log_peer(common::LogLevel::info, "%s (%s): closing: %s (0x%02X) %s",
                   c.conn->peer().c_str(), c.client_id().c_str(), mqtt::reason_name(o.code),
                   static_cast<unsigned>(o.code), o.reason ? o.reason : "");
  if (c.connected && mqtt::is_v5(c.version)) {
    mqtt::Disconnect d;
    d.reason_code = o.code;
    if (o.reason != nullptr) d.properties.reason_string = o.reason;
    send(c, d);
  }
  c.gone = true;
  c.conn->close();
}

// A CONNECT that cannot be accepted as sent: 5.0 peers get CONNACK with the reason code, 3.1
// and 3.1.1 peers the return code for an unsupported level, then the close [MQTT-3.2.2-*].
void Broker::refuse_connect(Client& c, std::span<const uint8_t> packet,
                            const mqtt::DecodeError& e) {
  Claimed claim = claimed(packet);
  uint8_t level = claim.level;
  common::log_peer(common::LogLevel::info, "%s: CONNECT refused: %s [%s]", c.conn->peer().c_str(),
                   e.what, e.rule);
  // 5.0 (or a newer level, which understands a 5.0 CONNACK) gets the reason code; 3.1 and
  // 3.1.1 the return code where their table has one (0x01 for an unknown level); others the
  // close alone.
  if (level >= 5) {
    c.version = mqtt::ProtocolVersion::v5;
  } else if (level == 3) {
    c.version = mqtt::ProtocolVersion::v3_1;
  } else {
    c.version = mqtt::ProtocolVersion::v3_1_1;
  }
  // Another protocol's name: not ours to answer beyond 0x84 / 0x01 and the close
  // [MQTT-3.1.2-1].
  mqtt::ReasonCode code = claim.mqtt_name ? e.code : ReasonCode::unsupported_protocol_version;
  connack_refused(c, code, e.what);
}

}  // namespace mm::broker
