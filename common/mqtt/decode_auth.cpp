#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"
#include "common/mqtt/reason_sets.h"

namespace mm::mqtt {

// AUTH exists only in 5.0; open_packet refuses type 15 at lower levels.
DecodeResult<Auth> decode_auth(PacketBytes packet, ProtocolVersion v) {
  auto opened = open_packet(packet, PacketType::auth, v);
  if (!opened) return opened.error();
  Auth a;
  MM_TRY(read_reason_tail(opened.value().body, PacketType::auth, PropertyContext::auth,
                          a.reason_code, a.properties));
  return a;
}

}  // namespace mm::mqtt
