#include "common/mqtt/property_block.h"

#include "common/mqtt/writer.h"

namespace mm::mqtt {

bool PropertyBlock::next(const uint8_t*& p, const uint8_t* end, Property& out) noexcept {
  // The block was checked when it was decoded or built; this only keeps a walk in bounds.
  Reader r({p, size_t(end - p)});
  uint8_t id = 0;
  if (r.u8(id)) return false;
  out = Property{};
  out.id = PropertyId(id);
  std::span<const uint8_t> a, b;
  bool ok = false;
  switch (property_type(id)) {
    case PropertyType::byte:
      ok = r.bytes(1, a) == std::nullopt;
      break;
    case PropertyType::two_byte:
      ok = r.bytes(2, a) == std::nullopt;
      break;
    case PropertyType::four_byte:
      ok = r.bytes(4, a) == std::nullopt;
      break;
    case PropertyType::varint:
      ok = r.varint(out.number) == std::nullopt;
      break;
    case PropertyType::utf8:
    case PropertyType::binary:
      ok = r.binary(a) == std::nullopt;
      break;
    case PropertyType::pair:
      ok = !r.binary(a) && !r.binary(b);
      break;
    case PropertyType::none:
      return false;
  }
  if (!ok) return false;
  out.text = {reinterpret_cast<const char*>(a.data()), a.size()};
  out.value = {reinterpret_cast<const char*>(b.data()), b.size()};
  p = end - r.remaining();
  return true;
}

void PropertyBlock::append_user_property(std::vector<uint8_t>& block, std::string_view name,
                                         std::string_view value) {
  size_t at = block.size();
  block.resize(at + 5 + name.size() + value.size());
  Writer w(block.data() + at);
  w.u8(uint8_t(PropertyId::user_property));
  w.utf8(name);
  w.utf8(value);
}

void PropertyBlock::append_subscription_identifier(std::vector<uint8_t>& block, uint32_t id) {
  size_t at = block.size();
  block.resize(at + 1 + varint_size(id));
  Writer w(block.data() + at);
  w.u8(uint8_t(PropertyId::subscription_identifier));
  w.varint(id);
}

bool same_properties(const PropertyBlock& a, const PropertyBlock& b, PropertyId id) {
  std::vector<Property> left;  // tests and logs only: not on the decode path
  a.for_each(id, [&](const Property& p, std::span<const uint8_t>) { left.push_back(p); });
  size_t i = 0;
  bool same = true;
  b.for_each(id, [&](const Property& p, std::span<const uint8_t>) {
    same = same && i < left.size() && left[i].number == p.number && left[i].text == p.text &&
           left[i].value == p.value;
    ++i;
  });
  return same && i == left.size();
}

}  // namespace mm::mqtt
