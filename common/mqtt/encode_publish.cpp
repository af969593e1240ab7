#include "common/mqtt/encode.h"
#include "common/mqtt/encode_parts.h"
#include "common/mqtt/reader.h"
#include "common/mqtt/varint.h"

namespace mm::mqtt {
namespace {

uint8_t publish_flags(const Publish& p) {
  return uint8_t((p.dup ? 0x08 : 0) | uint8_t(p.qos) << 1 | (p.retain ? 0x01 : 0));
}

size_t emit(const Publish& p, ProtocolVersion v, Buffer* out,
            const std::span<const uint32_t>* subscription_ids) {
  return emit_packet(out, first_byte(PacketType::publish, publish_flags(p)), [&](Writer& w) {
    w.utf8(p.topic);
    if (p.qos != QoS::at_most_once) w.u16(p.packet_id);
    if (is_v5(v)) write_publish_properties(w, p.properties, subscription_ids);
    w.raw(p.payload);
  });
}

}  // namespace

size_t encode(const Publish& p, ProtocolVersion v, Buffer& out) {
  return emit(p, v, &out, nullptr);
}
size_t encoded_size(const Publish& p, ProtocolVersion v) {
  return emit(p, v, nullptr, nullptr);
}
size_t encode(const Publish& p, ProtocolVersion v, Buffer& out,
              std::span<const uint32_t> subscription_ids) {
  return emit(p, v, &out, &subscription_ids);
}

bool patch_packet_id(std::span<uint8_t> packet, uint16_t packet_id) noexcept {
  if (packet.empty() || (packet[0] >> 4) != uint8_t(PacketType::publish)) return false;
  if (((packet[0] >> 1) & 0x03) == 0) return false;  // QoS 0 has no Packet Identifier
  Reader r(packet.subspan(1));
  uint32_t remaining = 0;
  std::span<const uint8_t> topic;
  if (r.varint(remaining) || r.binary(topic) || r.remaining() < 2) return false;
  size_t at = packet.size() - r.remaining();
  packet[at] = uint8_t(packet_id >> 8);
  packet[at + 1] = uint8_t(packet_id);
  return true;
}

}  // namespace mm::mqtt
