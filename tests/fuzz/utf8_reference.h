#pragma once
// A slow, obviously correct UTF-8 checker for differential tests of mm::mqtt::validate_utf8:
// it decodes one code point at a time by the bit patterns of RFC 3629 section 3 and then
// rejects by value, where the real one works from the byte ranges of Unicode Table 3-7.

#include <cstddef>
#include <cstdint>
#include <span>

#include "common/mqtt/utf8.h"

namespace mm::fuzz {

inline mqtt::Utf8Status reference_utf8(std::span<const uint8_t> s) {
  using mqtt::Utf8Status;
  size_t i = 0;
  while (i < s.size()) {
    const uint8_t b = s[i];
    size_t length = 0;
    uint32_t cp = 0;
    if (b < 0x80) {
      length = 1, cp = b;  // 0xxxxxxx
    } else if ((b & 0xE0) == 0xC0) {
      length = 2, cp = b & 0x1Fu;  // 110xxxxx
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, cp = b & 0x0Fu;  // 1110xxxx
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, cp = b & 0x07u;  // 11110xxx
    } else {
      return Utf8Status::ill_formed;  // a continuation byte, or 11111xxx
    }
    if (s.size() - i < length) return Utf8Status::ill_formed;  // truncated
    for (size_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return Utf8Status::ill_formed;  // 10xxxxxx expected
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    constexpr uint32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};  // smallest per length
    if (cp < kShortest[length]) return Utf8Status::ill_formed;      // overlong
    if (cp > 0x10FFFF) return Utf8Status::ill_formed;
    if (cp >= 0xD800 && cp <= 0xDFFF) return Utf8Status::ill_formed;  // surrogate
    if (cp == 0) return Utf8Status::null_character;
    i += length;
  }
  return Utf8Status::ok;
}

}  // namespace mm::fuzz
