#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"
#include "common/mqtt/topic_rules.h"

namespace mm::mqtt {

DecodeResult<Unsubscribe> decode_unsubscribe(PacketBytes packet, ProtocolVersion v) {
  auto opened = open_packet(packet, PacketType::unsubscribe, v);
  if (!opened) return opened.error();
  Reader& r = opened.value().body;
  Unsubscribe u;
  MM_TRY(r.packet_id(u.packet_id));
  if (is_v5(v)) MM_TRY(read_properties(r, PropertyContext::unsubscribe, u.properties));
  if (r.empty()) return protocol_error("MQTT-3.10.3-2", "UNSUBSCRIBE without topics");
  while (!r.empty()) {
    std::string_view filter;
    MM_TRY(r.raw_string(filter));
    MM_TRY(check_topic_filter(filter));
    u.filters.emplace_back(filter);
  }
  return u;
}

}  // namespace mm::mqtt
