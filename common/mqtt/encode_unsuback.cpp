#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"

namespace mm::mqtt {
namespace {

// Before 5.0 an UNSUBACK is the packet identifier alone.
size_t emit(const Unsuback& u, ProtocolVersion v, Buffer* out) {
  return emit_packet(out, first_byte(PacketType::unsuback), [&](Writer& w) {
    w.u16(u.packet_id);
    if (!is_v5(v)) return;
    write_properties(w, u.properties);
    for (ReasonCode c : u.reason_codes) w.u8(uint8_t(c));
  });
}

}  // namespace

size_t encode(const Unsuback& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out);
}
size_t encoded_size(const Unsuback& p, ProtocolVersion v) {
  return emit(p, v, nullptr);
}

}  // namespace mm::mqtt
