#pragma once
// Reassembles whole MQTT packets from the chunks a socket delivers. Packets that arrive whole
// are handed out straight from the chunk (no copy); only the bytes of an incomplete packet are
// kept, and never more than that packet's length, which is checked against the limit from its
// header before any of its body is stored.

#include <cstdint>
#include <span>
#include <vector>

#include "worker/framer.h"

namespace mm::worker {

class PacketAssembler {
 public:
  explicit PacketAssembler(size_t limit) : limit_(clamp(limit)) {}

  // The largest packet accepted from now on (e.g. raised once CONNECT has arrived).
  void set_limit(size_t limit) { limit_ = clamp(limit); }
  size_t limit() const { return limit_; }
  size_t buffered() const { return partial_.size(); }
  // Size of the packet being refused, after feed() returned malformed or too_large.
  size_t refused_size() const { return refused_; }

  // Calls sink(std::span<const uint8_t> packet) for each whole packet; the sink returns false
  // to stop (e.g. the connection is closing). Returns need_more when every byte was used,
  // packet when the sink stopped early, or malformed / too_large when the stream cannot go on.
  template <typename Sink>
  FrameStatus feed(std::span<const uint8_t> data, Sink&& sink) {
    if (!partial_.empty()) {
      FrameStatus s = complete(data);
      if (s != FrameStatus::packet) return s;
      bool go_on = sink(std::span<const uint8_t>(partial_));
      release();
      if (!go_on) return FrameStatus::packet;
    }
    while (!data.empty()) {
      Frame f = frame(data, limit_);
      if (f.status == FrameStatus::need_more) {
        keep(data, f.total);
        return FrameStatus::need_more;
      }
      if (f.status != FrameStatus::packet) return refuse(f);
      bool go_on = sink(data.first(f.total));
      data = data.subspan(f.total);
      if (!go_on) return FrameStatus::packet;
    }
    return FrameStatus::need_more;
  }

 private:
  // Moves bytes of `data` into the incomplete packet; packet when it became whole.
  FrameStatus complete(std::span<const uint8_t>& data);
  void keep(std::span<const uint8_t> data, size_t total);
  FrameStatus refuse(const Frame& f);
  void release();

  // 32 bits are enough (no MQTT packet is over 268,435,460 bytes) and save 8 bytes in every
  // connection.
  static uint32_t clamp(size_t n) { return n > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(n); }

  std::vector<uint8_t> partial_;
  uint32_t limit_;
  uint32_t refused_ = 0;
};

}  // namespace mm::worker
