#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"

namespace mm::mqtt {
namespace {

uint8_t connect_flags(const Connect& c) {
  uint8_t f = c.clean_start ? 0x02 : 0x00;
  if (c.will) f |= uint8_t(0x04 | uint8_t(c.will->qos) << 3 | (c.will->retain ? 0x20 : 0));
  if (c.password) f |= 0x40;
  if (c.username) f |= 0x80;
  return f;
}

void write_body(Writer& w, const Connect& c) {
  bool v5 = is_v5(c.version);
  w.utf8(c.version == ProtocolVersion::v3_1 ? "MQIsdp" : "MQTT");
  w.u8(uint8_t(c.version));
  w.u8(connect_flags(c));
  w.u16(c.keep_alive);
  if (v5) write_properties(w, c.properties);
  w.utf8(c.client_id);
  if (c.will) {
    if (v5) write_properties(w, c.will->properties);
    w.utf8(c.will->topic);
    w.binary(c.will->payload);
  }
  if (c.username) w.utf8(*c.username);
  if (c.password) w.binary(*c.password);
}

size_t emit(const Connect& c, Buffer* out) {
  return emit_packet(out, first_byte(PacketType::connect), [&](Writer& w) { write_body(w, c); });
}

}  // namespace

size_t encode(const Connect& p, Buffer& out) {
  return emit(p, &out);
}
size_t encoded_size(const Connect& p) {
  return emit(p, nullptr);
}

}  // namespace mm::mqtt
