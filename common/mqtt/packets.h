#pragma once
// Typed structs for the 15 MQTT control packets. One struct serves every protocol level;
// fields a level does not have (properties, reason codes before 5.0) keep their defaults.
// Publish is views into the packet it was decoded from; the others own their data.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/mqtt/properties.h"
#include "common/mqtt/protocol.h"
#include "common/mqtt/publish_properties.h"
#include "common/mqtt/reason_code.h"

namespace mm::mqtt {

struct Will {
  QoS qos = QoS::at_most_once;
  bool retain = false;
  Properties properties{};  // Will Properties, 5.0
  std::string topic{};
  Bytes payload{};
  bool operator==(const Will&) const = default;
};

struct Connect {
  ProtocolVersion version = ProtocolVersion::v3_1_1;
  bool clean_start = true;  // Clean Session before 5.0
  uint16_t keep_alive = 0;
  Properties properties{};
  std::string client_id{};
  std::optional<Will> will{};
  std::optional<std::string> username{};
  std::optional<Bytes> password{};
  bool operator==(const Connect&) const = default;
};

struct Connack {
  bool session_present = false;                           // not in 3.1
  ReasonCode reason_code = ReasonCode::success;           // 5.0
  ConnackCode311 return_code = ConnackCode311::accepted;  // 3.1, 3.1.1
  Properties properties{};
  bool operator==(const Connack&) const = default;
};

struct Publish {
  bool dup = false;
  QoS qos = QoS::at_most_once;
  bool retain = false;
  std::string_view topic{};  // empty in 5.0 when a Topic Alias stands for it
  uint16_t packet_id = 0;    // QoS 1 and 2 only
  PublishProperties properties{};
  std::span<const uint8_t> payload{};
  bool operator==(const Publish& o) const;
};

// PUBACK, PUBREC, PUBREL and PUBCOMP share their layout; the type tells them apart.
template <PacketType kType>
struct PubAck {
  static constexpr PacketType type = kType;
  uint16_t packet_id = 0;
  ReasonCode reason_code = ReasonCode::success;  // 5.0
  Properties properties{};
  bool operator==(const PubAck&) const = default;
};
using Puback = PubAck<PacketType::puback>;
using Pubrec = PubAck<PacketType::pubrec>;
using Pubrel = PubAck<PacketType::pubrel>;
using Pubcomp = PubAck<PacketType::pubcomp>;

enum class RetainHandling : uint8_t { send = 0, send_if_new = 1, dont_send = 2 };

struct Subscription {
  std::string filter{};
  QoS max_qos = QoS::at_most_once;
  bool no_local = false;                                  // 5.0
  bool retain_as_published = false;                       // 5.0
  RetainHandling retain_handling = RetainHandling::send;  // 5.0
  bool operator==(const Subscription&) const = default;
};

struct Subscribe {
  uint16_t packet_id = 0;
  Properties properties{};
  std::vector<Subscription> subscriptions{};
  bool operator==(const Subscribe&) const = default;
};

// SUBACK return codes before 5.0 are 0x00..0x02 and 0x80, the same values as reason codes.
struct Suback {
  uint16_t packet_id = 0;
  Properties properties{};
  std::vector<ReasonCode> reason_codes{};
  bool operator==(const Suback&) const = default;
};

struct Unsubscribe {
  uint16_t packet_id = 0;
  Properties properties{};
  std::vector<std::string> filters{};
  bool operator==(const Unsubscribe&) const = default;
};

struct Unsuback {
  uint16_t packet_id = 0;
  Properties properties{};
  std::vector<ReasonCode> reason_codes{};  // 5.0
  bool operator==(const Unsuback&) const = default;
};

struct Pingreq {
  bool operator==(const Pingreq&) const = default;
};
struct Pingresp {
  bool operator==(const Pingresp&) const = default;
};

struct Disconnect {
  ReasonCode reason_code = ReasonCode::success;  // 5.0
  Properties properties{};
  bool operator==(const Disconnect&) const = default;
};

struct Auth {
  ReasonCode reason_code = ReasonCode::success;
  Properties properties{};
  bool operator==(const Auth&) const = default;
};

using Packet = std::variant<Connect, Connack, Publish, Puback, Pubrec, Pubrel, Pubcomp, Subscribe,
                            Suback, Unsubscribe, Unsuback, Pingreq, Pingresp, Disconnect, Auth>;

}  // namespace mm::mqtt
