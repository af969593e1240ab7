#include "common/mqtt/publish_properties.h"

#include "common/mqtt/property_writer.h"

namespace mm::mqtt {
namespace {

template <class F>
void visit_scalars(const PublishProperties& p, const F& f) {
  using P = PropertyId;
  f(P::payload_format_indicator, p.payload_format_indicator);
  f(P::message_expiry_interval, p.message_expiry_interval);
  f(P::content_type, p.content_type);
  f(P::response_topic, p.response_topic);
  f(P::correlation_data, p.correlation_data);
  f(P::topic_alias, p.topic_alias);
}

void assign(PublishProperties& out, const Property& p) noexcept {
  using P = PropertyId;
  switch (p.id) {
    case P::payload_format_indicator:
      out.payload_format_indicator = uint8_t(p.number);
      break;
    case P::message_expiry_interval:
      out.message_expiry_interval = p.number;
      break;
    case P::content_type:
      out.content_type = p.text;
      break;
    case P::response_topic:
      out.response_topic = p.text;
      break;
    case P::correlation_data:
      out.correlation_data = p.text;
      break;
    case P::topic_alias:
      out.topic_alias = uint16_t(p.number);
      break;
    default:
      break;  // repeatable ones stay in the block
  }
}

void put_repeated(Writer& w, const PublishProperties& p,
                  const std::span<const uint32_t>* subscription_ids) {
  uint64_t copied = property_mask(PropertyId::user_property);
  if (subscription_ids) {
    for (uint32_t id : *subscription_ids) {
      w.u8(uint8_t(PropertyId::subscription_identifier));
      w.varint(id);
    }
  } else {
    copied |= property_mask(PropertyId::subscription_identifier);
  }
  // One walk copies what is kept, in wire order.
  for (auto it = p.repeated.all(copied).begin(); it != std::default_sentinel; ++it) {
    w.raw(it.raw());
  }
}

}  // namespace

bool PublishProperties::operator==(const PublishProperties& o) const {
  return payload_format_indicator == o.payload_format_indicator &&
         message_expiry_interval == o.message_expiry_interval && content_type == o.content_type &&
         response_topic == o.response_topic && correlation_data == o.correlation_data &&
         topic_alias == o.topic_alias &&
         same_properties(repeated, o.repeated, PropertyId::user_property) &&
         same_properties(repeated, o.repeated, PropertyId::subscription_identifier);
}

Status read_publish_properties(Reader& r, PublishProperties& out) noexcept {
  std::span<const uint8_t> block;
  MM_TRY(read_property_block(r, block));
  out.repeated = PropertyBlock(block);
  return PropertyParser(block, PropertyContext::publish).parse([&](const Property& p) {
    assign(out, p);
  });
}

void write_publish_properties(Writer& w, const PublishProperties& p,
                              const std::span<const uint32_t>* subscription_ids) {
  w.length_prefixed([&](Writer& inner) {
    visit_scalars(p, [&](PropertyId id, const auto& field) { put_property(inner, id, field); });
    put_repeated(inner, p, subscription_ids);
  });
}

}  // namespace mm::mqtt
