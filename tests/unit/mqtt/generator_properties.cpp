// Random property sets: every property allowed in the context, each present at random, with
// a value inside its range.
#include <type_traits>

#include "common/mqtt/property_block.h"
#include "tests/unit/mqtt/generator.h"

namespace mm::mqtt::test {

Properties PacketGenerator::properties(PropertyContext where) {
  Properties p;
  visit_properties(p, [&](PropertyId id, auto& field) {
    using Field = std::decay_t<decltype(field)>;
    if (!property_allowed(uint8_t(id), where) || below(3) != 0) return;
    if constexpr (std::is_same_v<Field, std::optional<uint8_t>>) {
      field = uint8_t(below(2));  // every byte property is 0 or 1
    } else if constexpr (std::is_same_v<Field, std::optional<uint16_t>>) {
      field = uint16_t(1 + below(65535));
    } else if constexpr (std::is_same_v<Field, std::optional<uint32_t>>) {
      field = 1 + uint32_t(rng_() % 0xFFFFFFFFu);
    } else if constexpr (std::is_same_v<Field, std::optional<std::string>>) {
      field = id == PropertyId::response_topic ? topic_name() : text(6);
    } else if constexpr (std::is_same_v<Field, std::optional<Bytes>>) {
      field = bytes(8);
    } else if constexpr (std::is_same_v<Field, std::vector<uint32_t>>) {
      field.push_back(1 + below(kMaxVarint));  // once: only PUBLISH may repeat it
    } else {
      for (uint32_t i = 0, n = 1 + below(3); i < n; ++i) field.push_back({text(4), text(4)});
    }
  });
  return p;
}

PublishProperties PacketGenerator::publish_properties() {
  PublishProperties p;
  if (coin()) p.payload_format_indicator = uint8_t(below(2));
  if (coin()) p.message_expiry_interval = uint32_t(rng_());
  if (coin()) p.content_type = keep(text(6));
  if (coin()) p.response_topic = keep(topic_name());
  if (coin()) p.correlation_data = keep(std::string(6, char(rng_())));
  if (coin()) p.topic_alias = uint16_t(1 + below(65535));
  block_.clear();
  for (uint32_t i = 0, n = below(3); i < n; ++i)
    PropertyBlock::append_subscription_identifier(block_, 1 + below(kMaxVarint));
  for (uint32_t i = 0, n = below(3); i < n; ++i)
    PropertyBlock::append_user_property(block_, keep(text(4)), keep(text(4)));
  p.repeated = PropertyBlock(block_);
  return p;
}

}  // namespace mm::mqtt::test
