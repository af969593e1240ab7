#pragma once
// A packet built byte by byte: the first byte (type and flags) as given, then fields in the
// order the test writes them; the Remaining Length is worked out from them unless the test
// overrides it. Nothing is checked, so a test can build any packet, valid or not:
//
//   Packet(0x32).str("a/b").u16(7).props({user("k", "v")}).raw("payload").bytes()
//   Packet(0x30).length(200).str("t").bytes()     // claims 200 bytes, carries 3

#include <cstdint>
#include <optional>
#include <string_view>

#include "tests/wire/bytes.h"
#include "tests/wire/property.h"

namespace mm::test::wire {

// Protocol levels: MQTT 3.1, 3.1.1 and 5.0.
inline constexpr uint8_t v31 = 3;
inline constexpr uint8_t v311 = 4;
inline constexpr uint8_t v5 = 5;

// Control packet types (first byte >> 4), MQTT 3.1.1 table 2.1 / MQTT 5.0 table 2-1.
enum class Type : uint8_t {
  connect = 1,
  connack,
  publish,
  puback,
  pubrec,
  pubrel,
  pubcomp,
  subscribe,
  suback,
  unsubscribe,
  unsuback,
  pingreq,
  pingresp,
  disconnect,
  auth,
};

const char* type_name(Type t);  // "PUBACK"; "RESERVED" for 0

// The first byte of a packet of type `t` with `flags` in the low four bits.
inline constexpr uint8_t first_byte(Type t, uint8_t flags = 0) {
  return uint8_t(uint8_t(t) << 4 | (flags & 0x0F));
}

class Packet {
 public:
  explicit Packet(uint8_t first_byte) : first_(first_byte) {}
  explicit Packet(Type t, uint8_t flags = 0) : first_(first_byte(t, flags)) {}

  Packet& u8(uint8_t v);
  Packet& u16(uint16_t v);
  Packet& u32(uint32_t v);
  Packet& varint(uint32_t v);
  Packet& str(std::string_view s);  // 2-byte length, then the bytes (also binary data)
  Packet& props(const Props& p);    // Property Length, then the properties
  Packet& raw(std::string_view bytes);
  Packet& raw(const Bytes& bytes);
  // Writes `n` as the Remaining Length whatever the body holds.
  Packet& length(uint32_t n);

  const Bytes& body() const { return body_; }
  Bytes bytes() const;
  operator Bytes() const { return bytes(); }

 private:
  uint8_t first_;
  Bytes body_;
  std::optional<uint32_t> length_;
};

}  // namespace mm::test::wire
