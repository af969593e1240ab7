#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"

namespace mm::mqtt {
namespace {

size_t emit(const Disconnect& d, ProtocolVersion v, Buffer* out) {
  return emit_packet(out, first_byte(PacketType::disconnect), [&](Writer& w) {
    if (is_v5(v)) write_reason_tail(w, d.reason_code, d.properties);
  });
}

}  // namespace

size_t encode(const Disconnect& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out);
}
size_t encoded_size(const Disconnect& p, ProtocolVersion v) {
  return emit(p, v, nullptr);
}

}  // namespace mm::mqtt
