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

class PropertyBlock {
 public:
  PropertyBlock() = default;
  // `bytes` must be a valid property block (without its length prefix).
  explicit PropertyBlock(std::span<const uint8_t> bytes) noexcept : bytes_(bytes) {}

  std::span<const uint8_t> bytes() const noexcept { return bytes_; }

  // Visits the properties whose identifier satisfies `want(PropertyId)`, in wire order:
  // f(const Property&, raw) where `raw` is the property's encoding, identifier included.
  template <class Want, class F>
  void for_each_if(const Want& want, const F& f) const {
    const uint8_t* p = bytes_.data();
    const uint8_t* end = p + bytes_.size();
    Property prop;
    while (p != end) {
      const uint8_t* start = p;
      if (!next(p, end, prop)) return;
      if (want(prop.id)) f(prop, std::span<const uint8_t>(start, size_t(p - start)));
    }
  }
  template <class F>
  void for_each(PropertyId id, const F& f) const {
    for_each_if([id](PropertyId x) { return x == id; }, f);
  }
  size_t count(PropertyId id) const {
    size_t n = 0;
    for_each(id, [&](const Property&, std::span<const uint8_t>) { ++n; });
    return n;
  }

  // Builders for a block made by hand (e.g. a PUBLISH the broker originates).
  static void append_user_property(std::vector<uint8_t>& block, std::string_view name,
                                   std::string_view value);
  static void append_subscription_identifier(std::vector<uint8_t>& block, uint32_t id);

 private:
  // Reads one property at p (advanced past it); false at a truncated or unknown property.
  static bool next(const uint8_t*& p, const uint8_t* end, Property& out) noexcept;

  std::span<const uint8_t> bytes_;
};

// Whether two blocks hold the same sequence of properties `id`.
bool same_properties(const PropertyBlock& a, const PropertyBlock& b, PropertyId id);

}  // namespace mm::mqtt
