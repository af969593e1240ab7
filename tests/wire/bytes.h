#pragma once
// Bytes as the MQTT specifications lay them out (MQTT 3.1.1 section 1.5, MQTT 5.0 section
// 1.5): big-endian integers, Variable Byte Integers, length-prefixed strings and binary data.
// Written from the specifications, never from common/mqtt, so that a bug in the server's codec
// cannot be mirrored here and cancel out.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mm::test::wire {

using Bytes = std::vector<uint8_t>;

// Anything a test did not expect: a malformed packet from the server, a packet of the wrong
// type, a timeout or a close where a packet was required. doctest reports the message.
class WireError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Bytes to_bytes(std::string_view s);
std::string to_string(const Bytes& b);
std::string hex(const Bytes& b);  // "30 05 00 ..." for messages

void put_u16(Bytes& out, uint16_t v);
void put_u32(Bytes& out, uint32_t v);
// Variable Byte Integer: 7 bits per byte, least significant group first, bit 7 = "more".
// Any value up to 2^32-1 is written (5 bytes above 268435455), so tests can send bad ones.
void put_varint(Bytes& out, uint32_t v);
// A 2-byte length then the bytes (UTF-8 strings and binary data are laid out the same way).
void put_lstring(Bytes& out, std::string_view s);
void put_bytes(Bytes& out, const Bytes& b);

// Reads the fields above from a packet body, front to back; every read checks the bounds and
// throws WireError naming `what` when the bytes run out.
class Reader {
 public:
  explicit Reader(const Bytes& b, size_t from = 0, size_t to = SIZE_MAX)
      : b_(b), pos_(from), end_(to < b.size() ? to : b.size()) {}
  uint8_t u8(const char* what);
  uint16_t u16(const char* what);
  uint32_t u32(const char* what);
  uint32_t varint(const char* what);  // at most 4 bytes, as the spec allows
  std::string lstring(const char* what);
  std::string rest();  // everything left
  size_t left() const { return end_ - pos_; }
  size_t pos() const { return pos_; }
  bool done() const { return pos_ == end_; }

 private:
  void need(size_t n, const char* what) const;
  const Bytes& b_;
  size_t pos_;
  size_t end_;
};

}  // namespace mm::test::wire
