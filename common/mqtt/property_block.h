#pragma once
// A view over an already validated property block, for the properties a PUBLISH may repeat
// (User Property, Subscription Identifier): iterating it allocates nothing.

#include <cstdint>
#include <iterator>
#include <span>
#include <string_view>
#include <vector>

#include "common/mqtt/property.h"

namespace mm::mqtt {

// A set of property identifiers (all are below 64).
constexpr uint64_t property_mask(PropertyId id) noexcept {
  return uint64_t(1) << uint8_t(id);
}

// Walks the properties of a block whose identifiers are in a mask, in wire order. Each one
// is a Property (views into the block) and its raw encoding, identifier included.
class PropertyIterator {
 public:
  using value_type = Property;
  using difference_type = std::ptrdiff_t;

  PropertyIterator() = default;
  PropertyIterator(std::span<const uint8_t> block, uint64_t mask) noexcept
      : p_(block.data()), end_(block.data() + block.size()), mask_(mask) {
    if (p_ != end_) advance();  // most blocks are empty: no call (done_ starts true)
  }

  const Property& operator*() const noexcept { return current_; }
  const Property* operator->() const noexcept { return &current_; }
  std::span<const uint8_t> raw() const noexcept { return raw_; }
  PropertyIterator& operator++() noexcept {
    advance();
    return *this;
  }
  void operator++(int) noexcept { advance(); }
  bool operator==(std::default_sentinel_t) const noexcept { return done_; }

 private:
  void advance() noexcept;

  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
  uint64_t mask_ = 0;
  Property current_{};
  std::span<const uint8_t> raw_{};
  bool done_ = true;
};

class PropertyRange {
 public:
  PropertyRange(std::span<const uint8_t> block, uint64_t mask) noexcept
      : block_(block), mask_(mask) {}
  PropertyIterator begin() const noexcept { return {block_, mask_}; }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  std::span<const uint8_t> block_;
  uint64_t mask_;
};

class PropertyBlock {
 public:
  PropertyBlock() = default;
  // `bytes` must be a valid property block (without its length prefix).
  explicit PropertyBlock(std::span<const uint8_t> bytes) noexcept : bytes_(bytes) {}

  std::span<const uint8_t> bytes() const noexcept { return bytes_; }

  // The properties with these identifiers: for (const Property& p : block.all(mask)).
  PropertyRange all(uint64_t mask) const noexcept { return {bytes_, mask}; }
  PropertyRange all(PropertyId id) const noexcept { return all(property_mask(id)); }
  size_t count(PropertyId id) const noexcept;

  // Builders for a block made by hand (e.g. a PUBLISH the broker originates).
  static void append_user_property(std::vector<uint8_t>& block, std::string_view name,
                                   std::string_view value);
  static void append_subscription_identifier(std::vector<uint8_t>& block, uint32_t id);

 private:
  std::span<const uint8_t> bytes_;
};

// Whether two blocks hold the same sequence of properties `id`.
bool same_properties(const PropertyBlock& a, const PropertyBlock& b, PropertyId id) noexcept;

}  // namespace mm::mqtt
