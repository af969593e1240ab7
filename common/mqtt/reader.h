#pragma once
// A bounds-checked cursor over the bytes of one packet. Every read either fills its output
// and advances, or returns the DecodeError that the short or bad field deserves.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/mqtt/decode_error.h"

namespace mm::mqtt {

class Reader {
 public:
  Reader() = default;
  explicit Reader(std::span<const uint8_t> bytes) noexcept
      : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  size_t remaining() const noexcept { return size_t(end_ - p_); }
  bool empty() const noexcept { return p_ == end_; }

  Status u8(uint8_t& v) noexcept;
  Status u16(uint16_t& v) noexcept;
  Status u32(uint32_t& v) noexcept;
  Status varint(uint32_t& v) noexcept;
  Status bytes(size_t n, std::span<const uint8_t>& v) noexcept;
  // Two-byte length then that many bytes (Binary Data, 1.5.6).
  Status binary(std::span<const uint8_t>& v) noexcept;
  // Two-byte length then well-formed UTF-8 without U+0000 [MQTT-1.5.4-1], [MQTT-1.5.4-2].
  Status utf8(std::string_view& v) noexcept;
  // Two-byte length then that many bytes, not checked for UTF-8: for topics, whose checks
  // (topic_rules.h) include it.
  Status raw_string(std::string_view& v) noexcept;
  // A non-zero Packet Identifier [MQTT-2.2.1-3].
  Status packet_id(uint16_t& v) noexcept;
  // Everything left.
  std::span<const uint8_t> rest() noexcept;
  // An error unless the packet is fully consumed.
  Status expect_end(const char* rule) const noexcept;

 private:
  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
};

// Checks a string already read for UTF-8 rules (used where the caller reads raw bytes).
Status check_utf8(std::string_view s) noexcept;

}  // namespace mm::mqtt
