#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"

namespace mm::mqtt {
namespace {

size_t emit(const Suback& s, ProtocolVersion v, Buffer* out) {
  return emit_packet(out, first_byte(PacketType::suback), [&](Writer& w) {
    w.u16(s.packet_id);
    if (is_v5(v)) write_properties(w, s.properties);
    for (ReasonCode c : s.reason_codes) w.u8(uint8_t(c));
  });
}

}  // namespace

size_t encode(const Suback& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out);
}
size_t encoded_size(const Suback& p, ProtocolVersion v) {
  return emit(p, v, nullptr);
}

}  // namespace mm::mqtt
