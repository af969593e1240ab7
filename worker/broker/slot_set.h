#pragma once
// A set of worker slots: the slots a forwarded publish went to (bus_codec.h), the slots the
// route table finds for a topic (route_table.h).

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace mm::broker {

// A set of worker slots below kBusMaxSlots, held as its encoding: a bitmap (slot i is bit
// i % 8 of byte i / 8) as long as its highest slot needs. Fixed storage: never allocates.
class SlotSet {
 public:
  static constexpr size_t kMaxBytes = 255;

  void add(unsigned slot) {  // slot < kBusMaxSlots
    const size_t at = slot / 8;
    if (at >= size_) size_ = static_cast<uint8_t>(at + 1);
    bytes_[at] = static_cast<uint8_t>(bytes_[at] | (1u << (slot % 8)));
  }
  bool contains(unsigned slot) const {
    return slot / 8 < size_ && (bytes_[slot / 8] & (1u << (slot % 8))) != 0;
  }
  bool empty() const noexcept { return size_ == 0; }
  void clear() noexcept {
    for (size_t i = 0; i < size_; ++i) bytes_[i] = 0;
    size_ = 0;
  }
  std::span<const uint8_t> bytes() const noexcept { return {bytes_.data(), size_}; }
  // The set whose bitmap is `b`; false (and the set empty) unless `b` is the shortest form of
  // a set: at most kMaxBytes, and not ending in a zero byte.
  bool assign(std::span<const uint8_t> b) {
    clear();
    if (b.size() > kMaxBytes || (!b.empty() && b.back() == 0)) return false;
    for (size_t i = 0; i < b.size(); ++i) bytes_[i] = b[i];
    size_ = static_cast<uint8_t>(b.size());
    return true;
  }
  bool operator==(const SlotSet&) const = default;

 private:
  std::array<uint8_t, kMaxBytes> bytes_{};  // zero beyond size_
  uint8_t size_ = 0;
};

inline constexpr unsigned kBusMaxSlots = SlotSet::kMaxBytes * 8;

}  // namespace mm::broker
