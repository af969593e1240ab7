#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"
#include "common/mqtt/reason_sets.h"

namespace mm::mqtt {

DecodeResult<Suback> decode_suback(PacketBytes packet, ProtocolVersion v) {
  auto opened = open_packet(packet, PacketType::suback, v);
  if (!opened) return opened.error();
  Reader& r = opened.value().body;
  Suback s;
  MM_TRY(r.packet_id(s.packet_id));
  if (is_v5(v)) MM_TRY(read_properties(r, PropertyContext::suback, s.properties));
  if (r.empty()) return protocol_error("MQTT5-3.9.3", "SUBACK without return codes");
  while (!r.empty()) {
    uint8_t code = 0;
    MM_TRY(r.u8(code));
    bool ok = is_v5(v) ? reason_allowed(PacketType::suback, code) : (code <= 2 || code == 0x80);
    if (!ok) return protocol_error("MQTT5-3.9.3", "return code not allowed in SUBACK");
    s.reason_codes.push_back(ReasonCode(code));
  }
  return s;
}

}  // namespace mm::mqtt
