#pragma once
// Variable Byte Integer [MQTT-1.5.5]: the Remaining Length, Property Length and Subscription
// Identifier encoding. The framer (worker/framer.h) only finds packet boundaries; this is the
// codec's reader and writer.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mm::mqtt {

enum class VarintStatus { ok, truncated, malformed };

// Reads one Variable Byte Integer at `p` (advanced past it). `malformed` for a fifth byte or a
// non-minimal encoding [MQTT-1.5.5-1].
VarintStatus read_varint(const uint8_t*& p, const uint8_t* end, uint32_t& value) noexcept;

// Bytes needed for `value` (at most kMaxVarint): 1..4.
inline size_t varint_size(uint32_t value) noexcept {
  return value < 128u ? 1 : value < 16'384u ? 2 : value < 2'097'152u ? 3 : 4;
}

// Writes `value` at `out` (room for 4 bytes) and returns the byte count.
size_t write_varint(uint32_t value, uint8_t* out) noexcept;

}  // namespace mm::mqtt
