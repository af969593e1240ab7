#include "tests/bench/mqtt_bench/packets.h"

#include <cstring>

namespace mm::bench {
namespace {

uint8_t first_byte(PacketType type, uint8_t flags) {
  return static_cast<uint8_t>((type << 4) | flags);
}

void put_u16(Bytes& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v & 0xff));
}

void put_u64(Bytes& out, uint64_t v) {
  size_t at = out.size();
  out.resize(at + sizeof v);
  std::memcpy(out.data() + at, &v, sizeof v);
}

void put_string(Bytes& out, std::string_view s) {
  put_u16(out, static_cast<uint16_t>(s.size()));
  out.insert(out.end(), s.begin(), s.end());
}

// Fixed header: the first byte, then Remaining Length as a variable byte integer.
void put_header(Bytes& out, uint8_t first, size_t remaining) {
  out.push_back(first);
  do {
    auto digit = static_cast<uint8_t>(remaining % 128);
    remaining /= 128;
    if (remaining > 0) digit |= 0x80;
    out.push_back(digit);
  } while (remaining > 0);
}

uint16_t get_u16(const uint8_t* p) {
  return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

}  // namespace

void append_connect(Bytes& out, std::string_view client_id, uint16_t keep_alive) {
  // Protocol Name, Level 4, flags (Clean Session), Keep Alive; then the Client Identifier.
  put_header(out, first_byte(kConnect, 0), 10 + 2 + client_id.size());
  put_string(out, "MQTT");
  out.push_back(4);
  out.push_back(0x02);
  put_u16(out, keep_alive);
  put_string(out, client_id);
}

void append_subscribe(Bytes& out, uint16_t packet_id, std::string_view filter, uint8_t qos) {
  put_header(out, first_byte(kSubscribe, 0x2), 2 + 2 + filter.size() + 1);
  put_u16(out, packet_id);
  put_string(out, filter);
  out.push_back(qos);
}

void append_publish(Bytes& out, std::string_view topic, uint8_t qos, uint16_t packet_id,
                    uint64_t send_ns, uint64_t seq, size_t payload_size) {
  if (payload_size < kStampSize) payload_size = kStampSize;
  size_t remaining = 2 + topic.size() + (qos > 0 ? 2 : 0) + payload_size;
  put_header(out, first_byte(kPublish, static_cast<uint8_t>(qos << 1)), remaining);
  put_string(out, topic);
  if (qos > 0) put_u16(out, packet_id);
  put_u64(out, send_ns);
  put_u64(out, seq);
  out.resize(out.size() + payload_size - kStampSize, 0);
}

void append_ack(Bytes& out, PacketType type, uint16_t packet_id) {
  put_header(out, first_byte(type, type == kPubrel ? 0x2 : 0), 2);
  put_u16(out, packet_id);
}

void append_disconnect(Bytes& out) {
  put_header(out, first_byte(kDisconnect, 0), 0);
}

void append_pingreq(Bytes& out) {
  put_header(out, first_byte(kPingreq, 0), 0);
}

FrameResult take_frame(const uint8_t* data, size_t size, Frame& frame) {
  size_t remaining = 0;
  size_t at = 1;
  for (unsigned shift = 0;; shift += 7) {
    if (shift > 21) return FrameResult::malformed;
    if (at >= size) return FrameResult::need_more;
    uint8_t digit = data[at++];
    remaining |= static_cast<size_t>(digit & 0x7f) << shift;
    if ((digit & 0x80) == 0) break;
  }
  if (size - at < remaining) return FrameResult::need_more;
  frame =
      Frame{.first = data[0], .body = data + at, .body_size = remaining, .total = at + remaining};
  return FrameResult::packet;
}

bool parse_publish(const Frame& frame, PublishView& out) {
  out = PublishView{.qos = static_cast<uint8_t>((frame.first >> 1) & 0x3)};
  if (frame.body_size < 2) return false;
  size_t at = 2 + get_u16(frame.body);
  if (out.qos > 0) {
    if (frame.body_size < at + 2) return false;
    out.packet_id = get_u16(frame.body + at);
    at += 2;
  }
  if (frame.body_size < at) return false;
  if (frame.body_size - at >= kStampSize) {
    out.stamped = true;
    std::memcpy(&out.send_ns, frame.body + at, 8);
    std::memcpy(&out.seq, frame.body + at + 8, 8);
  }
  return true;
}

uint16_t ack_packet_id(const Frame& frame) {
  return frame.body_size >= 2 ? get_u16(frame.body) : 0;
}

}  // namespace mm::bench
