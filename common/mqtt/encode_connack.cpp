#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"

namespace mm::mqtt {
namespace {

size_t emit(const Connack& c, ProtocolVersion v, Buffer* out) {
  return emit_packet(out, first_byte(PacketType::connack), [&](Writer& w) {
    w.u8(c.session_present ? 1 : 0);
    w.u8(is_v5(v) ? uint8_t(c.reason_code) : uint8_t(c.return_code));
    if (is_v5(v)) write_properties(w, c.properties);
  });
}

}  // namespace

size_t encode(const Connack& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out);
}
size_t encoded_size(const Connack& p, ProtocolVersion v) {
  return emit(p, v, nullptr);
}

}  // namespace mm::mqtt
