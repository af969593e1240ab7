// PINGREQ and PINGRESP: two bytes each.
#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"

namespace mm::mqtt {
namespace {

size_t emit(PacketType type, Buffer* out) {
  return emit_packet(out, first_byte(type), [](Writer&) {});
}

}  // namespace

size_t encode(const Pingreq&, ProtocolVersion, Buffer& out) {
  return emit(PacketType::pingreq, &out);
}
size_t encoded_size(const Pingreq&, ProtocolVersion) {
  return 2;
}
size_t encode(const Pingresp&, ProtocolVersion, Buffer& out) {
  return emit(PacketType::pingresp, &out);
}
size_t encoded_size(const Pingresp&, ProtocolVersion) {
  return 2;
}

}  // namespace mm::mqtt
