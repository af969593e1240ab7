#include "common/mqtt/property.h"

#include <array>

#include "common/mqtt/topic.h"

namespace mm::mqtt {
namespace {

using C = PropertyContext;
using T = PropertyType;

constexpr uint16_t bit(C c) {
  return uint16_t(1u << unsigned(c));
}
constexpr uint16_t kAcks = bit(C::puback) | bit(C::pubrec) | bit(C::pubrel) | bit(C::pubcomp);
constexpr uint16_t kAll = 0x3FFF;

struct Info {
  T type = T::none;
  uint16_t where = 0;
  const char* name = "Unknown";
};

// Spec 2.2.2.2, table 2-4.
constexpr std::array<Info, kMaxPropertyId + 1> make_table() {
  std::array<Info, kMaxPropertyId + 1> t{};
  const uint16_t pub_will = bit(C::publish) | bit(C::will);
  t[0x01] = {T::byte, pub_will, "Payload Format Indicator"};
  t[0x02] = {T::four_byte, pub_will, "Message Expiry Interval"};
  t[0x03] = {T::utf8, pub_will, "Content Type"};
  t[0x08] = {T::utf8, pub_will, "Response Topic"};
  t[0x09] = {T::binary, pub_will, "Correlation Data"};
  t[0x0B] = {T::varint, bit(C::publish) | bit(C::subscribe), "Subscription Identifier"};
  t[0x11] = {T::four_byte, bit(C::connect) | bit(C::connack) | bit(C::disconnect),
             "Session Expiry Interval"};
  t[0x12] = {T::utf8, bit(C::connack), "Assigned Client Identifier"};
  t[0x13] = {T::two_byte, bit(C::connack), "Server Keep Alive"};
  const uint16_t auth = bit(C::connect) | bit(C::connack) | bit(C::auth);
  t[0x15] = {T::utf8, auth, "Authentication Method"};
  t[0x16] = {T::binary, auth, "Authentication Data"};
  t[0x17] = {T::byte, bit(C::connect), "Request Problem Information"};
  t[0x18] = {T::four_byte, bit(C::will), "Will Delay Interval"};
  t[0x19] = {T::byte, bit(C::connect), "Request Response Information"};
  t[0x1A] = {T::utf8, bit(C::connack), "Response Information"};
  t[0x1C] = {T::utf8, bit(C::connack) | bit(C::disconnect), "Server Reference"};
  t[0x1F] = {T::utf8,
             uint16_t(bit(C::connack) | kAcks | bit(C::suback) | bit(C::unsuback) |
                      bit(C::disconnect) | bit(C::auth)),
             "Reason String"};
  const uint16_t conn = bit(C::connect) | bit(C::connack);
  t[0x21] = {T::two_byte, conn, "Receive Maximum"};
  t[0x22] = {T::two_byte, conn, "Topic Alias Maximum"};
  t[0x23] = {T::two_byte, bit(C::publish), "Topic Alias"};
  t[0x24] = {T::byte, bit(C::connack), "Maximum QoS"};
  t[0x25] = {T::byte, bit(C::connack), "Retain Available"};
  t[0x26] = {T::pair, kAll, "User Property"};
  t[0x27] = {T::four_byte, conn, "Maximum Packet Size"};
  t[0x28] = {T::byte, bit(C::connack), "Wildcard Subscription Available"};
  t[0x29] = {T::byte, bit(C::connack), "Subscription Identifier Available"};
  t[0x2A] = {T::byte, bit(C::connack), "Shared Subscription Available"};
  return t;
}
constexpr auto kTable = make_table();

// The spec statement that bounds a property's value, or nullptr when any value is allowed.
Status check_range(const Property& p) noexcept {
  using P = PropertyId;
  switch (p.id) {
    case P::payload_format_indicator:
      if (p.number > 1) return protocol_error("MQTT5-3.3.2.3.2", "Payload Format Indicator > 1");
      break;
    case P::subscription_identifier:
      if (p.number == 0) return protocol_error("MQTT5-3.3.2.3.8", "Subscription Identifier 0");
      break;
    case P::request_problem_information:
      if (p.number > 1) return protocol_error("MQTT5-3.1.2.11.7", "Request Problem Info > 1");
      break;
    case P::request_response_information:
      if (p.number > 1) return protocol_error("MQTT5-3.1.2.11.6", "Request Response Info > 1");
      break;
    case P::receive_maximum:
      if (p.number == 0) return protocol_error("MQTT5-3.1.2.11.3", "Receive Maximum 0");
      break;
    case P::maximum_packet_size:
      if (p.number == 0) return protocol_error("MQTT5-3.1.2.11.4", "Maximum Packet Size 0");
      break;
    case P::topic_alias:
      if (p.number == 0)
        return DecodeError{ReasonCode::topic_alias_invalid, "MQTT-3.3.2-8", "Topic Alias 0"};
      break;
    case P::maximum_qos:
      if (p.number > 1) return protocol_error("MQTT5-3.2.2.3.4", "Maximum QoS > 1");
      break;
    case P::retain_available:
    case P::wildcard_subscription_available:
    case P::subscription_identifier_available:
    case P::shared_subscription_available:
      if (p.number > 1) return protocol_error("MQTT5-3.2.2.3", "availability flag > 1");
      break;
    case P::response_topic:
      if (validate_topic_name(p.text) != ReasonCode::success)
        return protocol_error("MQTT-3.3.2-14", "Response Topic is not a valid Topic Name");
      break;
    default:
      break;
  }
  return {};
}

bool may_repeat(PropertyId id, PropertyContext where) noexcept {
  return id == PropertyId::user_property ||
         (id == PropertyId::subscription_identifier && where == C::publish);
}

}  // namespace

PropertyType property_type(uint8_t id) noexcept {
  return id <= kMaxPropertyId ? kTable[id].type : T::none;
}

bool property_allowed(uint8_t id, PropertyContext where) noexcept {
  return id <= kMaxPropertyId && (kTable[id].where & bit(where)) != 0;
}

const char* property_name(PropertyId id) noexcept {
  auto i = uint8_t(id);
  return i <= kMaxPropertyId ? kTable[i].name : "Unknown";
}

Status read_property_block(Reader& r, std::span<const uint8_t>& block) noexcept {
  uint32_t length = 0;
  MM_TRY(r.varint(length));
  return r.bytes(length, block);
}

Status PropertyParser::next(Property& p) noexcept {
  uint32_t id = 0;
  MM_TRY(r_.varint(id));
  if (id > kMaxPropertyId || kTable[id].type == T::none)
    return malformed("MQTT5-2.2.2.2", "unknown property identifier");
  if (!property_allowed(uint8_t(id), where_))
    return malformed("MQTT5-2.2.2.2", "property not allowed in this packet");
  p = Property{};
  p.id = PropertyId(id);
  MM_TRY(read_value(kTable[id].type, p));
  uint64_t mask = uint64_t(1) << id;
  if ((seen_ & mask) && !may_repeat(p.id, where_))
    return protocol_error("MQTT5-2.2.2.2", "property included more than once");
  seen_ |= mask;
  return check_range(p);
}

Status PropertyParser::read_value(PropertyType type, Property& p) noexcept {
  switch (type) {
    case T::byte: {
      uint8_t v = 0;
      MM_TRY(r_.u8(v));
      p.number = v;
      return {};
    }
    case T::two_byte: {
      uint16_t v = 0;
      MM_TRY(r_.u16(v));
      p.number = v;
      return {};
    }
    case T::four_byte:
      return r_.u32(p.number);
    case T::varint:
      return r_.varint(p.number);
    case T::utf8:
      return r_.utf8(p.text);
    case T::pair:
      MM_TRY(r_.utf8(p.text));
      return r_.utf8(p.value);
    case T::binary: {
      std::span<const uint8_t> b;
      MM_TRY(r_.binary(b));
      p.text = {reinterpret_cast<const char*>(b.data()), b.size()};
      return {};
    }
    case T::none:
      break;
  }
  return malformed("MQTT5-2.2.2.2", "unknown property identifier");
}

}  // namespace mm::mqtt
