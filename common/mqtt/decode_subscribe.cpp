#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"
#include "common/mqtt/topic.h"
#include "common/mqtt/topic_rules.h"

namespace mm::mqtt {
namespace {

// 3.1 and 3.1.1: a Requested QoS byte, upper six bits reserved.
Status read_qos_byte(uint8_t b, Subscription& s) {
  if ((b & 0xFC) || (b & 0x03) == 3)
    return malformed("MQTT-3-8.3-4", "reserved Requested QoS bits or QoS 3");
  s.max_qos = QoS(b);
  return {};
}

// 5.0: Subscription Options (3.8.3.1).
Status read_options(uint8_t b, Subscription& s) {
  if (b & 0xC0) return malformed("MQTT-3.8.3-5", "reserved Subscription Options bits set");
  if ((b & 0x03) == 3) return protocol_error("MQTT5-3.8.3.1", "Maximum QoS 3");
  if (((b >> 4) & 0x03) == 3) return protocol_error("MQTT5-3.8.3.1", "Retain Handling 3");
  s.max_qos = QoS(b & 0x03);
  s.no_local = b & 0x04;
  s.retain_as_published = b & 0x08;
  s.retain_handling = RetainHandling((b >> 4) & 0x03);
  if (s.no_local && parse_shared(s.filter))
    return protocol_error("MQTT-3.8.3-4", "No Local on a shared subscription");
  return {};
}

Status read_subscription(Reader& r, ProtocolVersion v, Subscription& s) {
  std::string_view filter;
  uint8_t options = 0;
  MM_TRY(r.utf8(filter));
  MM_TRY(check_topic_filter(filter));
  MM_TRY(r.u8(options));
  s.filter = filter;
  return is_v5(v) ? read_options(options, s) : read_qos_byte(options, s);
}

}  // namespace

DecodeResult<Subscribe> decode_subscribe(PacketBytes packet, ProtocolVersion v) {
  auto opened = open_packet(packet, PacketType::subscribe, v);
  if (!opened) return opened.error();
  Reader& r = opened.value().body;
  Subscribe s;
  MM_TRY(r.packet_id(s.packet_id));
  if (is_v5(v)) MM_TRY(read_properties(r, PropertyContext::subscribe, s.properties));
  if (r.empty())
    return protocol_error(is_v5(v) ? "MQTT-3.8.3-2" : "MQTT-3.8.3-3", "SUBSCRIBE without topics");
  while (!r.empty()) MM_TRY(read_subscription(r, v, s.subscriptions.emplace_back()));
  return s;
}

}  // namespace mm::mqtt
