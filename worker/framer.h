#pragma once
// MQTT framing: finds where one whole control packet ends in a byte stream, the way Swoole's
// open_mqtt_protocol does, so that the handler always receives exactly one packet. Pure: it
// reads the bytes it is given and nothing else.

#include <cstddef>
#include <cstdint>
#include <span>

namespace mm::worker {

enum class FrameStatus {
  need_more,  // the packet is not complete yet; `total` is set when the header is complete
  packet,     // one whole packet of `total` bytes starts the buffer
  malformed,  // a fourth Remaining Length byte announces a fifth: cannot be framed [MQTT-1.5.5]
  too_large,  // the packet would exceed the limit: refuse before buffering any of it
};

struct Frame {
  FrameStatus status = FrameStatus::need_more;
  size_t header = 0;  // fixed header length (2..5) once known, else 0
  size_t total = 0;   // fixed header + Remaining Length once known, else 0
};

// Largest Remaining Length that four bytes can encode.
inline constexpr uint32_t kMaxRemainingLength = 268'435'455;

// `limit` bounds the whole packet (fixed header included).
Frame frame(std::span<const uint8_t> bytes, size_t limit) noexcept;

}  // namespace mm::worker
