#include "tests/wire/packet.h"

namespace mm::test::wire {

const char* type_name(Type t) {
  static const char* const names[16] = {"RESERVED",  "CONNECT",  "CONNACK",     "PUBLISH",
                                        "PUBACK",    "PUBREC",   "PUBREL",      "PUBCOMP",
                                        "SUBSCRIBE", "SUBACK",   "UNSUBSCRIBE", "UNSUBACK",
                                        "PINGREQ",   "PINGRESP", "DISCONNECT",  "AUTH"};
  return names[uint8_t(t) & 0x0F];
}

Packet& Packet::u8(uint8_t v) {
  body_.push_back(v);
  return *this;
}

Packet& Packet::u16(uint16_t v) {
  put_u16(body_, v);
  return *this;
}

Packet& Packet::u32(uint32_t v) {
  put_u32(body_, v);
  return *this;
}

Packet& Packet::varint(uint32_t v) {
  put_varint(body_, v);
  return *this;
}

Packet& Packet::str(std::string_view s) {
  put_lstring(body_, s);
  return *this;
}

Packet& Packet::props(const Props& p) {
  put_bytes(body_, p.encode());
  return *this;
}

Packet& Packet::raw(std::string_view bytes) {
  body_.insert(body_.end(), bytes.begin(), bytes.end());
  return *this;
}

Packet& Packet::raw(const Bytes& bytes) {
  put_bytes(body_, bytes);
  return *this;
}

Packet& Packet::length(uint32_t n) {
  length_ = n;
  return *this;
}

Bytes Packet::bytes() const {
  Bytes out{first_};
  put_varint(out, length_.value_or(uint32_t(body_.size())));
  put_bytes(out, body_);
  return out;
}

}  // namespace mm::test::wire
