#include "common/mqtt/property_block.h"

#include "common/mqtt/writer.h"

namespace mm::mqtt {

namespace {

// A two-byte length and that many bytes at q, or false when they run past `left`.
bool take_string(const uint8_t*& q, size_t& left, std::string_view& out) noexcept {
  if (left < 2) return false;
  size_t n = size_t(q[0]) << 8 | q[1];
  if (left - 2 < n) return false;
  out = {reinterpret_cast<const char*>(q + 2), n};
  q += 2 + n;
  left -= 2 + n;
  return true;
}

bool take_number(const uint8_t*& q, size_t& left, size_t width, uint32_t& out) noexcept {
  if (left < width) return false;
  for (size_t i = 0; i < width; ++i) out = out << 8 | q[i];
  q += width;
  left -= width;
  return true;
}

// One property at p (advanced past it); false at a truncated or unknown one. The block was
// checked when it was decoded or built: this walk is fast and only keeps in bounds.
bool next_property(const uint8_t*& p, const uint8_t* end, Property& out) noexcept {
  if (p == end) return false;
  out = Property{};
  uint8_t id = *p;
  out.id = PropertyId(id);
  const uint8_t* q = p + 1;
  size_t left = size_t(end - q);
  bool ok = false;
  switch (property_type(id)) {
    case PropertyType::byte:
      ok = take_number(q, left, 1, out.number);
      break;
    case PropertyType::two_byte:
      ok = take_number(q, left, 2, out.number);
      break;
    case PropertyType::four_byte:
      ok = take_number(q, left, 4, out.number);
      break;
    case PropertyType::varint:
      ok = read_varint(q, end, out.number) == VarintStatus::ok;
      break;
    case PropertyType::utf8:
    case PropertyType::binary:
      ok = take_string(q, left, out.text);
      break;
    case PropertyType::pair:
      ok = take_string(q, left, out.text) && take_string(q, left, out.value);
      break;
    case PropertyType::none:
      break;
  }
  if (ok) p = q;
  return ok;
}

}  // namespace

void PropertyIterator::advance() noexcept {
  while (p_ != end_) {
    const uint8_t* start = p_;
    if (!next_property(p_, end_, current_)) break;
    if (mask_ & property_mask(current_.id)) {
      raw_ = {start, size_t(p_ - start)};
      done_ = false;
      return;
    }
  }
  p_ = end_;
  done_ = true;
}

size_t PropertyBlock::count(PropertyId id) const noexcept {
  size_t n = 0;
  for (auto it = all(id).begin(); it != std::default_sentinel; ++it) ++n;
  return n;
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

bool same_properties(const PropertyBlock& a, const PropertyBlock& b, PropertyId id) noexcept {
  auto x = a.all(id).begin();
  auto y = b.all(id).begin();
  for (; x != std::default_sentinel && y != std::default_sentinel; ++x, ++y) {
    if (x->number != y->number || x->text != y->text || x->value != y->value) return false;
  }
  return x == std::default_sentinel && y == std::default_sentinel;
}

}  // namespace mm::mqtt
