// PUBACK, PUBREC, PUBREL and PUBCOMP: one layout, so one decoder with four entry points.
#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"
#include "common/mqtt/reason_sets.h"

namespace mm::mqtt {
namespace {

constexpr PropertyContext context_of(PacketType t) {
  switch (t) {
    case PacketType::puback:
      return PropertyContext::puback;
    case PacketType::pubrec:
      return PropertyContext::pubrec;
    case PacketType::pubrel:
      return PropertyContext::pubrel;
    default:
      return PropertyContext::pubcomp;
  }
}

template <class Ack>
DecodeResult<Ack> decode_ack(PacketBytes packet, ProtocolVersion v) {
  auto opened = open_packet(packet, Ack::type, v);
  if (!opened) return opened.error();
  Reader& r = opened.value().body;
  Ack a;
  MM_TRY(r.packet_id(a.packet_id));
  if (is_v5(v)) {
    MM_TRY(read_reason_tail(r, Ack::type, context_of(Ack::type), a.reason_code, a.properties));
  } else {
    MM_TRY(r.expect_end("MQTT311-3.4.1"));  // Remaining Length 2 (3.4.1, 3.5.1, 3.6.1, 3.7.1)
  }
  return a;
}

}  // namespace

DecodeResult<Puback> decode_puback(PacketBytes packet, ProtocolVersion v) {
  return decode_ack<Puback>(packet, v);
}
DecodeResult<Pubrec> decode_pubrec(PacketBytes packet, ProtocolVersion v) {
  return decode_ack<Pubrec>(packet, v);
}
DecodeResult<Pubrel> decode_pubrel(PacketBytes packet, ProtocolVersion v) {
  return decode_ack<Pubrel>(packet, v);
}
DecodeResult<Pubcomp> decode_pubcomp(PacketBytes packet, ProtocolVersion v) {
  return decode_ack<Pubcomp>(packet, v);
}

}  // namespace mm::mqtt
