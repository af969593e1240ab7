#pragma once
// MQTT 5.0 properties (section 2.2.2): an identifier, then a value whose layout the identifier
// decides. Any identifier can be built with any layout, so tests can send invalid ones; parsing
// uses the specification's table (kind_of).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/wire/bytes.h"

namespace mm::test::wire {

// Property identifiers, MQTT 5.0 table 2-4.
namespace prop {
inline constexpr uint8_t payload_format_indicator = 0x01;
inline constexpr uint8_t message_expiry_interval = 0x02;
inline constexpr uint8_t content_type = 0x03;
inline constexpr uint8_t response_topic = 0x08;
inline constexpr uint8_t correlation_data = 0x09;
inline constexpr uint8_t subscription_identifier = 0x0B;
inline constexpr uint8_t session_expiry_interval = 0x11;
inline constexpr uint8_t assigned_client_identifier = 0x12;
inline constexpr uint8_t server_keep_alive = 0x13;
inline constexpr uint8_t authentication_method = 0x15;
inline constexpr uint8_t authentication_data = 0x16;
inline constexpr uint8_t request_problem_information = 0x17;
inline constexpr uint8_t will_delay_interval = 0x18;
inline constexpr uint8_t request_response_information = 0x19;
inline constexpr uint8_t response_information = 0x1A;
inline constexpr uint8_t server_reference = 0x1C;
inline constexpr uint8_t reason_string = 0x1F;
inline constexpr uint8_t receive_maximum = 0x21;
inline constexpr uint8_t topic_alias_maximum = 0x22;
inline constexpr uint8_t topic_alias = 0x23;
inline constexpr uint8_t maximum_qos = 0x24;
inline constexpr uint8_t retain_available = 0x25;
inline constexpr uint8_t user_property = 0x26;
inline constexpr uint8_t maximum_packet_size = 0x27;
inline constexpr uint8_t wildcard_subscription_available = 0x28;
inline constexpr uint8_t subscription_identifier_available = 0x29;
inline constexpr uint8_t shared_subscription_available = 0x2A;
}  // namespace prop

// How a property's value is laid out (MQTT 5.0 section 1.5).
enum class Kind { byte, two, four, varint, string, binary, pair, raw };

// The layout the specification gives `id`; nullopt for an identifier it does not define.
std::optional<Kind> kind_of(uint8_t id);

struct Property {
  uint8_t id = 0;
  Kind kind = Kind::raw;
  uint32_t number = 0;  // byte, two, four, varint
  std::string text;     // string, binary, the name of a pair, the bytes of raw
  std::string value;    // the value of a pair

  // Any identifier with any layout (valid or not).
  static Property byte(uint8_t id, uint8_t v) { return {id, Kind::byte, v, {}, {}}; }
  static Property two(uint8_t id, uint16_t v) { return {id, Kind::two, v, {}, {}}; }
  static Property four(uint8_t id, uint32_t v) { return {id, Kind::four, v, {}, {}}; }
  static Property varint(uint8_t id, uint32_t v) { return {id, Kind::varint, v, {}, {}}; }
  static Property string(uint8_t id, std::string s) { return {id, Kind::string, 0, s, {}}; }
  static Property binary(uint8_t id, std::string b) { return {id, Kind::binary, 0, b, {}}; }
  static Property pair(uint8_t id, std::string k, std::string v) {
    return {id, Kind::pair, 0, std::move(k), std::move(v)};
  }
  // The identifier then `bytes` exactly as given.
  static Property raw(uint8_t id, std::string bytes) { return {id, Kind::raw, 0, bytes, {}}; }

  bool operator==(const Property&) const = default;
};

// Named constructors for the common ones, with the layout of the specification.
Property user(std::string name, std::string value);
Property session_expiry(uint32_t seconds);
Property receive_maximum(uint16_t n);
Property maximum_packet_size(uint32_t bytes);
Property topic_alias_maximum(uint16_t n);
Property topic_alias(uint16_t alias);
Property message_expiry(uint32_t seconds);
Property will_delay(uint32_t seconds);
Property subscription_id(uint32_t id);
Property reason_string(std::string s);
Property content_type(std::string s);
Property response_topic(std::string s);
Property correlation_data(std::string bytes);
Property payload_format(uint8_t indicator);
Property request_problem_information(uint8_t v);
Property request_response_information(uint8_t v);

// A list of properties in wire order, with lookups for parsed ones.
class Props {
 public:
  Props() = default;
  Props(std::initializer_list<Property> list) : list_(list) {}
  explicit Props(std::vector<Property> list) : list_(std::move(list)) {}

  const std::vector<Property>& list() const { return list_; }
  void add(Property p) { list_.push_back(std::move(p)); }
  bool empty() const { return list_.empty(); }
  size_t count(uint8_t id) const;
  bool has(uint8_t id) const { return count(id) > 0; }
  // The first property `id`: its number, or its string/binary value.
  std::optional<uint32_t> number(uint8_t id) const;
  std::optional<std::string> text(uint8_t id) const;
  // Every value of a repeatable property.
  std::vector<uint32_t> numbers(uint8_t id) const;  // Subscription Identifier
  std::vector<std::pair<std::string, std::string>> user() const;

  // The encoding: Property Length (a Variable Byte Integer) then each property.
  Bytes encode() const;
  Bytes encode_body() const;  // without the length in front
  // Parses a property block (its length in front) starting at r; throws WireError on an
  // unknown identifier or a value that runs past the block.
  static Props parse(Reader& r);

  bool operator==(const Props&) const = default;

 private:
  std::vector<Property> list_;
};

}  // namespace mm::test::wire
