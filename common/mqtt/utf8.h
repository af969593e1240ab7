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

// Checks the whole string. When it has several faults, the status names the first one from the
// start. Code points the spec says SHOULD NOT appear (U+0001..U+001F, U+007F..U+009F,
// non-characters) are accepted, and U+FEFF is an ordinary character [MQTT-1.5.4-3].
// Length limits (65535 bytes) are the caller's: they belong to the two-byte length prefix, not
// to the characters. Runs of ASCII are checked eight bytes at a time: this is on the path of
// every PUBLISH topic.
Utf8Status validate_utf8(std::span<const uint8_t> bytes) noexcept;
inline Utf8Status validate_utf8(std::string_view s) noexcept {
  return validate_utf8(std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
}

}  // namespace mm::mqtt
