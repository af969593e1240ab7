#include "common/mqtt/reason_sets.h"

#include <algorithm>
#include <initializer_list>

namespace mm::mqtt {
namespace {

bool in(uint8_t code, std::initializer_list<uint8_t> set) noexcept {
  return std::find(set.begin(), set.end(), code) != set.end();
}

bool disconnect_allowed(uint8_t c) noexcept {
  return in(
      c, {0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93, 0x94,
          0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2});
}

}  // namespace

bool reason_allowed(PacketType type, uint8_t c) noexcept {
  switch (type) {
    case PacketType::connack:
      return in(c, {0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
                    0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F});
    case PacketType::puback:
    case PacketType::pubrec:
      return in(c, {0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99});
    case PacketType::pubrel:
    case PacketType::pubcomp:
      return in(c, {0x00, 0x92});
    case PacketType::suback:
      return in(c, {0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2});
    case PacketType::unsuback:
      return in(c, {0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91});
    case PacketType::disconnect:
      return disconnect_allowed(c);
    case PacketType::auth:
      return in(c, {0x00, 0x18, 0x19});
    default:
      return false;
  }
}

Status read_reason_tail(Reader& r, PacketType type, PropertyContext where, ReasonCode& code,
                        Properties& props) {
  if (r.empty()) return {};
  uint8_t raw = 0;
  MM_TRY(r.u8(raw));
  if (!reason_allowed(type, raw))
    return protocol_error("MQTT5-2.4", "reason code not allowed in this packet");
  code = ReasonCode(raw);
  if (r.empty()) return {};
  MM_TRY(read_properties(r, where, props));
  return r.expect_end("MQTT5-2.1.4");
}

}  // namespace mm::mqtt
