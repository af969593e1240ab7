#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"
#include "common/mqtt/reason_sets.h"

namespace mm::mqtt {

DecodeResult<Disconnect> decode_disconnect(PacketBytes packet, ProtocolVersion v) {
  auto opened = open_packet(packet, PacketType::disconnect, v);
  if (!opened) return opened.error();
  Reader& r = opened.value().body;
  Disconnect d;
  if (!is_v5(v)) {
    MM_TRY(r.expect_end("MQTT311-3.14.1"));  // Remaining Length 0
    return d;
  }
  MM_TRY(read_reason_tail(r, PacketType::disconnect, PropertyContext::disconnect, d.reason_code,
                          d.properties));
  return d;
}

}  // namespace mm::mqtt
