#include "common/mqtt/utf8.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace mm::mqtt {
namespace {

// What a lead byte announces: the sequence length and the allowed range of the second byte
// (Unicode Table 3-7, "Well-Formed UTF-8 Byte Sequences"). The narrowed ranges after E0, ED,
// F0 and F4 are what exclude overlong forms, surrogates and code points beyond U+10FFFF; the
// third and fourth bytes are always 80..BF. Length 0: the byte cannot start a sequence.
struct Lead {
  uint8_t length = 0;
  uint8_t low = 0;
  uint8_t high = 0;
};

constexpr Lead lead_of(unsigned b) {
  if (b < 0xC2) return {};  // ASCII is handled apart; 80..BF continuation; C0, C1 overlong
  if (b < 0xE0) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b < 0xF0) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b < 0xF4) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {};  // F5..FF
}

constexpr std::array<Lead, 256> kLeads = [] {
  std::array<Lead, 256> table{};
  for (unsigned b = 0; b < 256; ++b) table[b] = lead_of(b);
  return table;
}();

// True when all eight bytes are in 01..7F. A byte with its top bit set shows in `w`; a zero
// byte borrows in `w - 0x01..01` and sets that byte's top bit. A borrow can only start at a
// zero byte, so there are false alarms only when the answer is false anyway.
bool eight_plain_ascii(const uint8_t* p) noexcept {
  constexpr uint64_t kOnes = 0x0101010101010101u;
  constexpr uint64_t kHighBits = 0x8080808080808080u;
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return (((w - kOnes) | w) & kHighBits) == 0;
}

// Length of the well-formed multi-byte sequence at p (p[0] >= 0x80), or 0.
size_t sequence_length(const uint8_t* p, size_t left) noexcept {
  const Lead lead = kLeads[p[0]];
  if (lead.length == 0 || lead.length > left) return 0;
  if (p[1] < lead.low || p[1] > lead.high) return 0;
  for (size_t k = 2; k < lead.length; ++k) {
    if ((p[k] & 0xC0u) != 0x80u) return 0;
  }
  return lead.length;
}

}  // namespace

Utf8Status validate_utf8(std::span<const uint8_t> bytes) noexcept {
  const uint8_t* p = bytes.data();
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    if (n - i >= 8 && eight_plain_ascii(p + i)) {
      i += 8;
      continue;
    }
    // Something else in the next eight bytes: go one character at a time past all of them,
    // rather than retrying the eight-byte test at every byte of non-ASCII text.
    const size_t stop = std::min(n, i + 8);
    while (i < stop) {
      if (p[i] >= 0x80) {
        const size_t length = sequence_length(p + i, n - i);
        if (length == 0) return Utf8Status::ill_formed;
        i += length;
      } else if (p[i] == 0) {
        return Utf8Status::null_character;
      } else {
        ++i;
      }
    }
  }
  return Utf8Status::ok;
}

}  // namespace mm::mqtt
