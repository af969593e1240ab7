#pragma once
// The encoders' output cursor. A Writer without a buffer only counts, so one description of a
// packet's layout gives both its encoded size and its bytes.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "common/mqtt/varint.h"

namespace mm::mqtt {

class Writer {
 public:
  Writer() = default;  // counts only
  explicit Writer(uint8_t* out) noexcept : p_(out) {}

  size_t size() const noexcept { return n_; }

  void u8(uint8_t v) noexcept {
    if (p_) p_[n_] = v;
    ++n_;
  }
  void u16(uint16_t v) noexcept {
    u8(uint8_t(v >> 8));
    u8(uint8_t(v));
  }
  void u32(uint32_t v) noexcept {
    u16(uint16_t(v >> 16));
    u16(uint16_t(v));
  }
  void varint(uint32_t v) noexcept { n_ += p_ ? write_varint(v, p_ + n_) : varint_size(v); }
  void raw(const void* data, size_t len) noexcept {
    if (p_ && len) std::memcpy(p_ + n_, data, len);
    n_ += len;
  }
  void raw(std::span<const uint8_t> b) noexcept { raw(b.data(), b.size()); }
  // Two-byte length prefix then the bytes; callers keep strings at most 65535 bytes.
  void utf8(std::string_view s) noexcept {
    u16(uint16_t(s.size()));
    raw(s.data(), s.size());
  }
  void binary(std::span<const uint8_t> b) noexcept {
    u16(uint16_t(b.size()));
    raw(b);
  }
  // A Variable Byte Integer length then the bytes `body(Writer&)` writes (a property block).
  // Under emit_packet the counting pass records each section's size and the writing pass
  // reuses it, so a property block is walked twice (count, write), not three times.
  template <class Body>
  void length_prefixed(const Body& body) {
    size_t slot = next_section_++;
    size_t inner = 0;
    if (p_ && slot < section_count_) {
      inner = sections_[slot];
    } else {
      Writer counter;
      body(counter);
      inner = counter.size();
      if (!p_ && sections_ && slot < kMaxSections) {
        sections_[slot] = inner;
        section_count_ = slot + 1;
      }
    }
    varint(uint32_t(inner));
    if (p_) {
      Writer w(p_ + n_);
      body(w);
    }
    n_ += inner;
  }

  static constexpr size_t kMaxSections = 4;  // CONNECT has two property blocks, others one
  // A counting writer that records section sizes into `sections`.
  static Writer recording(size_t* sections) noexcept {
    Writer w;
    w.sections_ = sections;
    return w;
  }
  // A writer that replays the section sizes `counted` recorded.
  static Writer replaying(uint8_t* out, const Writer& counted) noexcept {
    Writer w(out);
    w.sections_ = counted.sections_;
    w.section_count_ = counted.section_count_;
    return w;
  }

 private:
  uint8_t* p_ = nullptr;
  size_t n_ = 0;
  size_t* sections_ = nullptr;
  size_t section_count_ = 0;
  size_t next_section_ = 0;
};

// Appends one packet (fixed header, then what `body` writes) to `out` when it is not null and
// returns the packet's encoded size in both cases.
template <class Body>
size_t emit_packet(std::vector<uint8_t>* out, uint8_t first_byte, const Body& body) {
  size_t sections[Writer::kMaxSections];
  Writer counter = Writer::recording(sections);
  body(counter);
  size_t remaining = counter.size();
  size_t total = 1 + varint_size(uint32_t(remaining)) + remaining;
  if (out) {
    size_t at = out->size();
    out->resize(at + total);
    uint8_t* p = out->data() + at;
    p[0] = first_byte;
    size_t header = 1 + write_varint(uint32_t(remaining), p + 1);
    Writer w = Writer::replaying(p + header, counter);
    body(w);
  }
  return total;
}

}  // namespace mm::mqtt
