#pragma once
// The fixed header (spec 2.1) of a whole packet: type, flags and a Remaining Length that must
// cover exactly the rest of the packet.

#include <cstdint>
#include <span>

#include "common/mqtt/decode_error.h"
#include "common/mqtt/protocol.h"
#include "common/mqtt/reader.h"

namespace mm::mqtt {

struct PacketBody {
  uint8_t flags = 0;  // low nibble of the first byte
  Reader body;        // the variable header and payload
};

// Checks that `packet` is one whole packet of `type`, that the type exists at level `v` and
// that the reserved flag bits hold their required values [MQTT-2.1.3-1] (PUBLISH flags are
// its decoder's).
DecodeResult<PacketBody> open_packet(std::span<const uint8_t> packet, PacketType type,
                                     ProtocolVersion v) noexcept;

// The packet type in the first byte; 0 for an empty buffer.
inline uint8_t packet_type_of(std::span<const uint8_t> packet) noexcept {
  return packet.empty() ? 0 : uint8_t(packet[0] >> 4);
}

}  // namespace mm::mqtt
