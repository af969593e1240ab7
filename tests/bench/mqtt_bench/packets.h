#pragma once
// The MQTT 3.1.1 packets the load client sends and reads, built byte by byte from the
// specification. Independent of common/mqtt on purpose: a benchmark that shared the broker's
// codec could share its bugs.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace mm::bench {

using Bytes = std::vector<uint8_t>;

// Control packet types (the high nibble of the first byte).
enum PacketType : uint8_t {
  kConnect = 1,
  kConnack = 2,
  kPublish = 3,
  kPuback = 4,
  kPubrec = 5,
  kPubrel = 6,
  kPubcomp = 7,
  kSubscribe = 8,
  kSuback = 9,
  kPingreq = 12,
  kPingresp = 13,
  kDisconnect = 14,
};

// The payload of every benchmark PUBLISH starts with these 16 bytes (host byte order; both
// ends are this process): the send time (uv_hrtime, ns) and the sequence number, whose top
// 24 bits are the publisher's stream and low 40 bits the message's number in that stream.
inline constexpr size_t kStampSize = 16;
inline constexpr unsigned kStreamShift = 40;
inline constexpr uint64_t kNumberMask = (uint64_t{1} << kStreamShift) - 1;

void append_connect(Bytes& out, std::string_view client_id, uint16_t keep_alive);
void append_subscribe(Bytes& out, uint16_t packet_id, std::string_view filter, uint8_t qos);
// payload_size is at least kStampSize; the bytes after the stamp are zeros.
void append_publish(Bytes& out, std::string_view topic, uint8_t qos, uint16_t packet_id,
                    uint64_t send_ns, uint64_t seq, size_t payload_size);
// PUBACK, PUBREC, PUBREL (its required flags 0b0010 are added here) or PUBCOMP.
void append_ack(Bytes& out, PacketType type, uint16_t packet_id);
void append_disconnect(Bytes& out);
void append_pingreq(Bytes& out);

// One whole packet at the front of a byte range.
struct Frame {
  uint8_t first = 0;              // type and flags
  const uint8_t* body = nullptr;  // variable header and payload
  size_t body_size = 0;
  size_t total = 0;  // bytes the whole packet takes
  PacketType type() const { return static_cast<PacketType>(first >> 4); }
};
enum class FrameResult { need_more, packet, malformed };
FrameResult take_frame(const uint8_t* data, size_t size, Frame& frame);

// What the benchmark reads from a PUBLISH.
struct PublishView {
  uint8_t qos = 0;
  uint16_t packet_id = 0;
  bool stamped = false;  // the payload holds a stamp
  uint64_t send_ns = 0;
  uint64_t seq = 0;
};
bool parse_publish(const Frame& frame, PublishView& out);
// The packet identifier that starts an ack's body (0 when the body is too short).
uint16_t ack_packet_id(const Frame& frame);

}  // namespace mm::bench
