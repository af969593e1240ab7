#include "common/mqtt/varint.h"

namespace mm::mqtt {

VarintStatus read_varint(const uint8_t*& p, const uint8_t* end, uint32_t& value) noexcept {
  uint32_t result = 0;
  for (int i = 0; i < 4; ++i) {
    if (p == end) return VarintStatus::truncated;
    uint8_t b = *p++;
    result |= uint32_t(b & 0x7Fu) << (7 * i);
    if ((b & 0x80u) == 0) {
      // A last byte of 0 after the first means a shorter encoding existed.
      if (i > 0 && b == 0) return VarintStatus::malformed;
      value = result;
      return VarintStatus::ok;
    }
  }
  return VarintStatus::malformed;
}

size_t write_varint(uint32_t value, uint8_t* out) noexcept {
  size_t n = 0;
  do {
    uint8_t b = value & 0x7Fu;
    value >>= 7;
    if (value != 0) b |= 0x80u;
    out[n++] = b;
  } while (value != 0);
  return n;
}

}  // namespace mm::mqtt
