#pragma once
// MQTT 5.0 properties (spec 2.2.2.2): identifiers, data types, the packets each may appear in,
// and the checked reader that every decoder's property block goes through.

#include <cstdint>
#include <span>
#include <string_view>

#include "common/mqtt/decode_error.h"
#include "common/mqtt/reader.h"

namespace mm::mqtt {

enum class PropertyId : uint8_t {
  payload_format_indicator = 0x01,
  message_expiry_interval = 0x02,
  content_type = 0x03,
  response_topic = 0x08,
  correlation_data = 0x09,
  subscription_identifier = 0x0B,
  session_expiry_interval = 0x11,
  assigned_client_identifier = 0x12,
  server_keep_alive = 0x13,
  authentication_method = 0x15,
  authentication_data = 0x16,
  request_problem_information = 0x17,
  will_delay_interval = 0x18,
  request_response_information = 0x19,
  response_information = 0x1A,
  server_reference = 0x1C,
  reason_string = 0x1F,
  receive_maximum = 0x21,
  topic_alias_maximum = 0x22,
  topic_alias = 0x23,
  maximum_qos = 0x24,
  retain_available = 0x25,
  user_property = 0x26,
  maximum_packet_size = 0x27,
  wildcard_subscription_available = 0x28,
  subscription_identifier_available = 0x29,
  shared_subscription_available = 0x2A,
};
inline constexpr uint8_t kMaxPropertyId = 0x2A;

enum class PropertyType : uint8_t { none, byte, two_byte, four_byte, varint, utf8, binary, pair };

// Where a property block sits; "will" is the Will Properties of CONNECT.
enum class PropertyContext : uint8_t {
  connect,
  connack,
  publish,
  will,
  puback,
  pubrec,
  pubrel,
  pubcomp,
  subscribe,
  suback,
  unsubscribe,
  unsuback,
  disconnect,
  auth,
};

// PropertyType::none for an identifier the spec does not define.
PropertyType property_type(uint8_t id) noexcept;
bool property_allowed(uint8_t id, PropertyContext where) noexcept;
const char* property_name(PropertyId id) noexcept;

// One property as read from the wire: `number` for integer types, `text` for strings and
// binary data, `text` and `value` for a User Property. Views into the packet.
struct Property {
  PropertyId id{};
  uint32_t number = 0;
  std::string_view text{};
  std::string_view value{};
};

// Reads the Property Length and returns the block it covers (not yet checked).
Status read_property_block(Reader& r, std::span<const uint8_t>& block) noexcept;

// Walks a property block, checking each property's identifier against `where`, its type,
// its value range and repetitions, and hands each one to `apply(const Property&)`.
class PropertyParser {
 public:
  PropertyParser(std::span<const uint8_t> block, PropertyContext where) noexcept
      : r_(block), where_(where) {}
  template <class Apply>
  Status parse(const Apply& apply) {
    Property p{};
    while (!r_.empty()) {
      MM_TRY(next(p));
      apply(p);
    }
    return {};
  }

 private:
  Status next(Property& p) noexcept;
  Status read_value(PropertyType type, Property& p) noexcept;

  Reader r_{};
  PropertyContext where_{};
  uint64_t seen_ = 0;
};

}  // namespace mm::mqtt
