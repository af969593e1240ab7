#include "common/mqtt/protocol.h"

namespace mm::mqtt {

const char* packet_type_name(PacketType type) noexcept {
  static constexpr const char* kNames[] = {"Reserved",  "CONNECT",  "CONNACK",     "PUBLISH",
                                           "PUBACK",    "PUBREC",   "PUBREL",      "PUBCOMP",
                                           "SUBSCRIBE", "SUBACK",   "UNSUBSCRIBE", "UNSUBACK",
                                           "PINGREQ",   "PINGRESP", "DISCONNECT",  "AUTH"};
  auto i = uint8_t(type);
  return i < 16 ? kNames[i] : "Unknown";
}

}  // namespace mm::mqtt
