#pragma once
// The vocabulary every packet shares: protocol levels, packet types, QoS.

#include <cstdint>

namespace mm::mqtt {

// The Protocol Level byte of CONNECT. It is negotiated once and drives the whole connection.
enum class ProtocolVersion : uint8_t {
  v3_1 = 3,    // MQTT 3.1, protocol name "MQIsdp"
  v3_1_1 = 4,  // MQTT 3.1.1, protocol name "MQTT"
  v5 = 5,      // MQTT 5.0, protocol name "MQTT"
};

enum class PacketType : uint8_t {
  connect = 1,
  connack = 2,
  publish = 3,
  puback = 4,
  pubrec = 5,
  pubrel = 6,
  pubcomp = 7,
  subscribe = 8,
  suback = 9,
  unsubscribe = 10,
  unsuback = 11,
  pingreq = 12,
  pingresp = 13,
  disconnect = 14,
  auth = 15,  // MQTT 5.0 only
};

enum class QoS : uint8_t { at_most_once = 0, at_least_once = 1, exactly_once = 2 };

const char* packet_type_name(PacketType type) noexcept;

inline bool is_v5(ProtocolVersion v) noexcept {
  return v == ProtocolVersion::v5;
}

// Largest value of a Variable Byte Integer (and so of the Remaining Length) [MQTT-1.5.5].
inline constexpr uint32_t kMaxVarint = 268'435'455;

}  // namespace mm::mqtt
