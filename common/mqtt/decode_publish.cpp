#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"
#include "common/mqtt/topic_rules.h"

namespace mm::mqtt {
namespace {

Status read_flags(uint8_t flags, Publish& p) noexcept {
  uint8_t qos = (flags >> 1) & 0x03;
  if (qos == 3) return malformed("MQTT-3.3.1-4", "PUBLISH with QoS 3");
  p.dup = flags & 0x08;
  p.qos = QoS(qos);
  p.retain = flags & 0x01;
  if (p.dup && p.qos == QoS::at_most_once) return malformed("MQTT-3.3.1-2", "DUP set on QoS 0");
  return {};
}

Status check_topic(const Publish& p, ProtocolVersion v) noexcept {
  if (is_v5(v) && p.topic.empty()) {
    if (p.properties.topic_alias) return {};
    return protocol_error("MQTT5-3.3.2.1", "empty Topic Name without a Topic Alias");
  }
  return check_topic_name(p.topic);
}

}  // namespace

DecodeResult<Publish> decode_publish(PacketBytes packet, ProtocolVersion v) noexcept {
  auto opened = open_packet(packet, PacketType::publish, v);
  if (!opened) return opened.error();
  Reader& r = opened.value().body;
  Publish p;
  MM_TRY(read_flags(opened.value().flags, p));
  MM_TRY(r.raw_string(p.topic));
  if (p.qos != QoS::at_most_once) MM_TRY(r.packet_id(p.packet_id));
  if (is_v5(v)) MM_TRY(read_publish_properties(r, p.properties));
  MM_TRY(check_topic(p, v));
  p.payload = r.rest();
  return p;
}

bool Publish::operator==(const Publish& o) const {
  return dup == o.dup && qos == o.qos && retain == o.retain && topic == o.topic &&
         packet_id == o.packet_id && properties == o.properties &&
         std::equal(payload.begin(), payload.end(), o.payload.begin(), o.payload.end());
}

}  // namespace mm::mqtt
