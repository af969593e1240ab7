// PUBACK, PUBREC, PUBREL and PUBCOMP: one layout, so one encoder with four entry points.
#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"

namespace mm::mqtt {
namespace {

template <class Ack>
size_t emit(const Ack& a, ProtocolVersion v, Buffer* out) {
  uint8_t flags = Ack::type == PacketType::pubrel ? 0x02 : 0x00;
  return emit_packet(out, first_byte(Ack::type, flags), [&](Writer& w) {
    w.u16(a.packet_id);
    if (is_v5(v)) write_reason_tail(w, a.reason_code, a.properties);
  });
}

}  // namespace

size_t encode(const Puback& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out);
}
size_t encoded_size(const Puback& p, ProtocolVersion v) {
  return emit(p, v, nullptr);
}
size_t encode(const Pubrec& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out);
}
size_t encoded_size(const Pubrec& p, ProtocolVersion v) {
  return emit(p, v, nullptr);
}
size_t encode(const Pubrel& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out);
}
size_t encoded_size(const Pubrel& p, ProtocolVersion v) {
  return emit(p, v, nullptr);
}
size_t encode(const Pubcomp& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out);
}
size_t encoded_size(const Pubcomp& p, ProtocolVersion v) {
  return emit(p, v, nullptr);
}

}  // namespace mm::mqtt
