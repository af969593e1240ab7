#include "worker/framer.h"

namespace mm::worker {

Frame frame(std::span<const uint8_t> bytes, size_t limit) noexcept {
  Frame f;
  uint32_t length = 0;
  uint32_t multiplier = 1;
  for (size_t i = 1;; ++i) {
    if (i == 5) {  // the fourth length byte said another follows
      f.status = FrameStatus::malformed;
      return f;
    }
    if (i >= bytes.size()) return f;  // need_more, header incomplete
    uint8_t b = bytes[i];
    length += (b & 0x7Fu) * multiplier;
    multiplier *= 128;
    if ((b & 0x80u) == 0) {
      f.header = i + 1;
      break;
    }
  }
  f.total = f.header + length;
  if (f.total > limit) {
    f.status = FrameStatus::too_large;
  } else if (bytes.size() >= f.total) {
    f.status = FrameStatus::packet;
  }
  return f;
}

}  // namespace mm::worker
