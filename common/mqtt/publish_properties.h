#pragma once
// PUBLISH properties as views into the packet: typed scalars, string views, and the block
// itself for the properties that may repeat. Decoding them allocates nothing.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "common/mqtt/property_block.h"
#include "common/mqtt/reader.h"
#include "common/mqtt/writer.h"

namespace mm::mqtt {

struct PublishProperties {
  std::optional<uint8_t> payload_format_indicator;
  std::optional<uint32_t> message_expiry_interval;
  std::optional<std::string_view> content_type{};
  std::optional<std::string_view> response_topic{};
  std::optional<std::string_view> correlation_data{};  // binary data
  std::optional<uint16_t> topic_alias;
  // User Properties and Subscription Identifiers, in wire order. A decoded packet's block is
  // its whole property block; other identifiers in it are ignored (they are in the fields).
  PropertyBlock repeated{};

  // for (const Property& u : p.user_properties()): u.text is the name, u.value the value.
  PropertyRange user_properties() const noexcept { return repeated.all(PropertyId::user_property); }
  // for (const Property& s : p.subscription_identifiers()): s.number is the identifier.
  PropertyRange subscription_identifiers() const noexcept {
    return repeated.all(PropertyId::subscription_identifier);
  }

  // Compares values, not byte layout: the order of different identifiers does not matter.
  bool operator==(const PublishProperties& o) const;
};

Status read_publish_properties(Reader& r, PublishProperties& out) noexcept;

// Property Length and the properties. Subscription Identifiers in `p.repeated` are written
// unless `subscription_ids` is given, which replaces them (a per-subscriber variant).
void write_publish_properties(Writer& w, const PublishProperties& p,
                              const std::span<const uint32_t>* subscription_ids = nullptr);

}  // namespace mm::mqtt
