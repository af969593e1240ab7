#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"

namespace mm::mqtt {
namespace {

uint8_t options(const Subscription& s, ProtocolVersion v) {
  uint8_t b = uint8_t(s.max_qos);
  if (!is_v5(v)) return b;
  if (s.no_local) b |= 0x04;
  if (s.retain_as_published) b |= 0x08;
  return uint8_t(b | uint8_t(s.retain_handling) << 4);
}

size_t emit(const Subscribe& s, ProtocolVersion v, Buffer* out) {
  return emit_packet(out, first_byte(PacketType::subscribe, 0x02), [&](Writer& w) {
    w.u16(s.packet_id);
    if (is_v5(v)) write_properties(w, s.properties);
    for (const auto& sub : s.subscriptions) {
      w.utf8(sub.filter);
      w.u8(options(sub, v));
    }
  });
}

}  // namespace

size_t encode(const Subscribe& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out);
}
size_t encoded_size(const Subscribe& p, ProtocolVersion v) {
  return emit(p, v, nullptr);
}

}  // namespace mm::mqtt
