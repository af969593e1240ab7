#pragma once
// UTF-8 Encoded String rules of MQTT (3.1.1 section 1.5.3, 5.0 section 1.5.4).

#include <cstdint>
#include <span>
#include <string_view>

namespace mm::mqtt {

enum class Utf8Status {
  ok,
  ill_formed,      // not well-formed UTF-8 (RFC 3629): bad lead/continuation, truncated,
                   // overlong form, beyond U+10FFFF, or a surrogate U+D800..U+DFFF [MQTT-1.5.4-1]
  null_character,  // contains U+0000 [MQTT-1.5.4-2]
};

// Checks the whole string. Length limits (65535 bytes) are the caller's: they belong to the
// two-byte length prefix, not to the characters.
Utf8Status validate_utf8(std::span<const uint8_t> bytes) noexcept;
inline Utf8Status validate_utf8(std::string_view s) noexcept {
  return validate_utf8(std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
}

}  // namespace mm::mqtt
