// The framer, mm::worker::frame(): each input is a byte stream from a peer. Checks the
// documented result against an independent reading of the fixed header, under several
// limits, and that the packet boundaries do not depend on how the stream arrives.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tests/fuzz/check.h"
#include "worker/framer.h"

namespace {

using mm::fuzz::require;
using mm::worker::Frame;
using mm::worker::FrameStatus;

constexpr size_t kLimits[] = {2, 5, 130, 16'384, mm::worker::kMaxRemainingLength + 5, SIZE_MAX};

// The fixed header read the spec's way (1.5.5): length 0 while incomplete, 6 (malformed) once
// the fourth Remaining Length byte says that another follows.
struct Header {
  size_t length = 0;
  size_t remaining = 0;
};

Header read_header(std::span<const uint8_t> bytes) {
  Header h;
  for (size_t i = 1; i < bytes.size() && h.length == 0; ++i) {
    h.remaining += static_cast<size_t>(bytes[i] & 0x7F) << (7 * (i - 1));
    if ((bytes[i] & 0x80) == 0) {
      h.length = i + 1;
    } else if (i == 4) {
      h.length = 6;
    }
  }
  return h;
}

void check_frame(std::span<const uint8_t> bytes, size_t limit) {
  const Frame f = mm::worker::frame(bytes, limit);
  const Header h = read_header(bytes);
  require(f.total >= f.header, "total >= header");
  if (h.length == 6) {
    require(f.status == FrameStatus::malformed,
            "a fourth length byte asking for more is malformed");
    return;
  }
  if (h.length == 0) {
    require(f.status == FrameStatus::need_more && f.header == 0 && f.total == 0,
            "an incomplete header needs more");
    return;
  }
  require(f.header == h.length && f.total == h.length + h.remaining, "header and total");
  const bool fits = f.total <= limit;
  require(fits || f.status == FrameStatus::too_large, "too large exactly above the limit");
  require(!fits || f.status != FrameStatus::too_large, "too large only above the limit");
  if (!fits) return;
  const bool whole = f.total <= bytes.size();
  require(f.status == (whole ? FrameStatus::packet : FrameStatus::need_more),
          "a packet exactly when total <= size and <= limit");
}

// Frames the stream as a connection would when the first `split` bytes arrive in one read
// and the rest in another: takes every whole packet, calling on_packet(end offset), and stops
// at the first refusal, whose status it returns.
template <typename OnPacket>
FrameStatus frame_stream(std::span<const uint8_t> stream, size_t limit, size_t split,
                         OnPacket on_packet) {
  FrameStatus last = FrameStatus::need_more;
  size_t start = 0;
  for (size_t arrived : {split, stream.size()}) {
    for (;;) {
      const Frame f = mm::worker::frame(stream.subspan(start, arrived - start), limit);
      last = f.status;
      if (f.status != FrameStatus::packet) break;
      require(f.total > 0, "a packet has at least one byte");
      start += f.total;
      on_packet(start);
    }
    if (last == FrameStatus::malformed || last == FrameStatus::too_large) break;
  }
  return last;
}

// The split check is quadratic: it looks at the first kSplitBytes of the stream only.
constexpr size_t kSplitBytes = 256;

void check_splits(std::span<const uint8_t> stream, size_t limit) {
  stream = stream.first(std::min(stream.size(), kSplitBytes));
  std::vector<size_t> ends;
  const FrameStatus last =
      frame_stream(stream, limit, stream.size(), [&](size_t end) { ends.push_back(end); });
  for (size_t split = 0; split < stream.size(); ++split) {
    size_t count = 0;
    const FrameStatus split_last = frame_stream(stream, limit, split, [&](size_t end) {
      require(count < ends.size() && ends[count] == end, "the same packet ends at any split");
      ++count;
    });
    require(count == ends.size() && split_last == last, "the same outcome at any split");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> input(data, size);
  for (size_t limit : kLimits) check_frame(input, limit);
  check_splits(input, 130);
  check_splits(input, SIZE_MAX);
  return 0;
}
