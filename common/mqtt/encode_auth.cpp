#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"

namespace mm::mqtt {
namespace {

size_t emit(const Auth& a, Buffer* out) {
  return emit_packet(out, first_byte(PacketType::auth),
                     [&](Writer& w) { write_reason_tail(w, a.reason_code, a.properties); });
}

}  // namespace

size_t encode(const Auth& p, ProtocolVersion, Buffer& out) {
  return emit(p, &out);
}
size_t encoded_size(const Auth& p, ProtocolVersion) {
  return emit(p, nullptr);
}

}  // namespace mm::mqtt
