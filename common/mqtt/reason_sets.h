#pragma once
// Which reason codes each MQTT 5.0 packet may carry (spec 2.4, table 2-6), and the check that
// the packets sharing "reason code, then optional properties" go through.

#include <cstdint>

#include "common/mqtt/decode_error.h"
#include "common/mqtt/properties.h"
#include "common/mqtt/property.h"
#include "common/mqtt/protocol.h"
#include "common/mqtt/reader.h"

namespace mm::mqtt {

bool reason_allowed(PacketType type, uint8_t code) noexcept;

// The tail of PUBACK, PUBREC, PUBREL, PUBCOMP (after the packet id), DISCONNECT and AUTH in
// 5.0: nothing (Success, no properties), a reason code, or a reason code and properties.
Status read_reason_tail(Reader& r, PacketType type, PropertyContext where, ReasonCode& code,
                        Properties& props);

}  // namespace mm::mqtt
