#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"

namespace mm::mqtt {
namespace {

size_t emit(const Unsubscribe& u, ProtocolVersion v, Buffer* out) {
  return emit_packet(out, first_byte(PacketType::unsubscribe, 0x02), [&](Writer& w) {
    w.u16(u.packet_id);
    if (is_v5(v)) write_properties(w, u.properties);
    for (const auto& f : u.filters) w.utf8(f);
  });
}

}  // namespace

size_t encode(const Unsubscribe& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out);
}
size_t encoded_size(const Unsubscribe& p, ProtocolVersion v) {
  return emit(p, v, nullptr);
}

}  // namespace mm::mqtt
