#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"
#include "common/mqtt/reason_sets.h"

namespace mm::mqtt {
namespace {

Status read_code(Reader& r, ProtocolVersion v, Connack& c) {
  uint8_t code = 0;
  MM_TRY(r.u8(code));
  if (is_v5(v)) {
    if (!reason_allowed(PacketType::connack, code))
      return protocol_error("MQTT5-3.2.2.2", "reason code not allowed in CONNACK");
    c.reason_code = ReasonCode(code);
  } else {
    if (code > 5) return malformed("MQTT311-3.2.2.3", "CONNACK return code above 5");
    c.return_code = ConnackCode311(code);
  }
  bool failed = is_v5(v) ? code >= 0x80 : code != 0;
  if (failed && c.session_present)
    return protocol_error(is_v5(v) ? "MQTT-3.2.2-6" : "MQTT-3.2.2-4",
                          "Session Present with a refused connection");
  return {};
}

}  // namespace

DecodeResult<Connack> decode_connack(PacketBytes packet, ProtocolVersion v) {
  auto opened = open_packet(packet, PacketType::connack, v);
  if (!opened) return opened.error();
  Reader& r = opened.value().body;
  Connack c;
  uint8_t flags = 0;
  MM_TRY(r.u8(flags));
  if (flags & 0xFE) return malformed("MQTT-3.2.2-1", "reserved CONNACK flags set");
  c.session_present = flags & 0x01;
  MM_TRY(read_code(r, v, c));
  if (is_v5(v)) MM_TRY(read_properties(r, PropertyContext::connack, c.properties));
  MM_TRY(r.expect_end("MQTT5-3.2.2"));
  return c;
}

}  // namespace mm::mqtt
