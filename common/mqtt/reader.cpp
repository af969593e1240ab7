#include "common/mqtt/reader.h"

#include "common/mqtt/utf8.h"
#include "common/mqtt/varint.h"

namespace mm::mqtt {
namespace {

DecodeError truncated() noexcept {
  return malformed("MQTT5-1.5", "a field runs past the end of the packet");
}

}  // namespace

Status Reader::u8(uint8_t& v) noexcept {
  if (remaining() < 1) return truncated();
  v = *p_++;
  return {};
}

Status Reader::u16(uint16_t& v) noexcept {
  if (remaining() < 2) return truncated();
  v = uint16_t((p_[0] << 8) | p_[1]);
  p_ += 2;
  return {};
}

Status Reader::u32(uint32_t& v) noexcept {
  if (remaining() < 4) return truncated();
  v = (uint32_t(p_[0]) << 24) | (uint32_t(p_[1]) << 16) | (uint32_t(p_[2]) << 8) | p_[3];
  p_ += 4;
  return {};
}

Status Reader::varint(uint32_t& v) noexcept {
  switch (read_varint(p_, end_, v)) {
    case VarintStatus::ok:
      return {};
    case VarintStatus::truncated:
      return truncated();
    case VarintStatus::malformed:
      break;
  }
  return malformed("MQTT-1.5.5-1", "Variable Byte Integer longer than needed or than 4 bytes");
}

Status Reader::bytes(size_t n, std::span<const uint8_t>& v) noexcept {
  if (remaining() < n) return truncated();
  v = {p_, n};
  p_ += n;
  return {};
}

Status Reader::binary(std::span<const uint8_t>& v) noexcept {
  uint16_t n = 0;
  MM_TRY(u16(n));
  return bytes(n, v);
}

Status Reader::raw_string(std::string_view& v) noexcept {
  std::span<const uint8_t> raw;
  MM_TRY(binary(raw));
  v = {reinterpret_cast<const char*>(raw.data()), raw.size()};
  return {};
}

Status Reader::utf8(std::string_view& v) noexcept {
  MM_TRY(raw_string(v));
  return check_utf8(v);
}

Status Reader::packet_id(uint16_t& v) noexcept {
  MM_TRY(u16(v));
  if (v == 0) return protocol_error("MQTT-2.2.1-3", "Packet Identifier 0");
  return {};
}

std::span<const uint8_t> Reader::rest() noexcept {
  std::span<const uint8_t> r{p_, remaining()};
  p_ = end_;
  return r;
}

Status Reader::expect_end(const char* rule) const noexcept {
  if (!empty()) return malformed(rule, "bytes after the end of the packet's fields");
  return {};
}

Status check_utf8(std::string_view s) noexcept {
  switch (validate_utf8(s)) {
    case Utf8Status::ok:
      return {};
    case Utf8Status::ill_formed:
      return malformed("MQTT-1.5.4-1", "string is not well-formed UTF-8");
    case Utf8Status::null_character:
      break;
  }
  return malformed("MQTT-1.5.4-2", "string contains U+0000");
}

}  // namespace mm::mqtt
