#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"
#include "common/mqtt/reason_sets.h"

namespace mm::mqtt {

DecodeResult<Unsuback> decode_unsuback(PacketBytes packet, ProtocolVersion v) {
  auto opened = open_packet(packet, PacketType::unsuback, v);
  if (!opened) return opened.error();
  Reader& r = opened.value().body;
  Unsuback u;
  MM_TRY(r.packet_id(u.packet_id));
  if (!is_v5(v)) {
    MM_TRY(r.expect_end("MQTT311-3.11.1"));  // Remaining Length 2
    return u;
  }
  MM_TRY(read_properties(r, PropertyContext::unsuback, u.properties));
  if (r.empty()) return protocol_error("MQTT5-3.11.3", "UNSUBACK without reason codes");
  while (!r.empty()) {
    uint8_t code = 0;
    MM_TRY(r.u8(code));
    if (!reason_allowed(PacketType::unsuback, code))
      return protocol_error("MQTT5-3.11.3", "reason code not allowed in UNSUBACK");
    u.reason_codes.push_back(ReasonCode(code));
  }
  return u;
}

}  // namespace mm::mqtt
