// PINGREQ and PINGRESP: a fixed header and nothing else.
#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"

namespace mm::mqtt {
namespace {

template <class Ping>
DecodeResult<Ping> decode_empty(PacketBytes packet, PacketType type, ProtocolVersion v) {
  auto opened = open_packet(packet, type, v);
  if (!opened) return opened.error();
  MM_TRY(opened.value().body.expect_end("MQTT5-3.12.2"));  // no variable header, no payload
  return Ping{};
}

}  // namespace

DecodeResult<Pingreq> decode_pingreq(PacketBytes packet, ProtocolVersion v) {
  return decode_empty<Pingreq>(packet, PacketType::pingreq, v);
}
DecodeResult<Pingresp> decode_pingresp(PacketBytes packet, ProtocolVersion v) {
  return decode_empty<Pingresp>(packet, PacketType::pingresp, v);
}

}  // namespace mm::mqtt
