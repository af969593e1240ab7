#include "common/mqtt/fixed_header.h"

namespace mm::mqtt {
namespace {

// The flags the spec fixes for each type (table 2-2); PUBLISH is checked by its decoder.
bool flags_valid(PacketType type, uint8_t flags, ProtocolVersion v) noexcept {
  switch (type) {
    case PacketType::publish:
      return true;
    case PacketType::pubrel:
    case PacketType::subscribe:
    case PacketType::unsubscribe:
      // MQTT 3.1 sent these at QoS 1 and set DUP on a retry.
      return flags == 0x02 || (v == ProtocolVersion::v3_1 && flags == 0x0A);
    default:
      return flags == 0;
  }
}

}  // namespace

DecodeResult<PacketBody> open_packet(std::span<const uint8_t> packet, PacketType type,
                                     ProtocolVersion v) noexcept {
  if (packet.empty()) return malformed("MQTT5-2.1.1", "empty packet");
  uint8_t raw_type = packet[0] >> 4;
  if (raw_type == 0 || (raw_type == uint8_t(PacketType::auth) && !is_v5(v)))
    return malformed("MQTT5-2.1.2", "reserved packet type");
  if (raw_type != uint8_t(type)) return malformed("MQTT5-2.1.2", "unexpected packet type");
  PacketBody out;
  out.flags = packet[0] & 0x0F;
  if (!flags_valid(type, out.flags, v))
    return malformed("MQTT-2.1.3-1", "reserved fixed header flags have the wrong value");
  Reader header(packet.subspan(1));
  uint32_t remaining = 0;
  MM_TRY(header.varint(remaining));
  if (header.remaining() != remaining)
    return malformed("MQTT5-2.1.4", "Remaining Length does not match the packet size");
  out.body = header;
  return out;
}

}  // namespace mm::mqtt
