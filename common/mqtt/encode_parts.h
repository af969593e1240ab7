#pragma once
// Pieces several encoders share.

#include "common/mqtt/properties.h"
#include "common/mqtt/protocol.h"
#include "common/mqtt/reason_code.h"
#include "common/mqtt/writer.h"

namespace mm::mqtt {

inline uint8_t first_byte(PacketType type, uint8_t flags = 0) noexcept {
  return uint8_t(uint8_t(type) << 4 | flags);
}

// The 5.0 tail of PUBACK..PUBCOMP, DISCONNECT and AUTH in its shortest form: nothing for
// Success without properties, the reason code alone without properties, else both.
inline void write_reason_tail(Writer& w, ReasonCode code, const Properties& props) {
  bool no_props = props.empty();
  if (code == ReasonCode::success && no_props) return;
  w.u8(uint8_t(code));
  if (!no_props) write_properties(w, props);
}

}  // namespace mm::mqtt
