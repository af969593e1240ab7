#include "common/mqtt/properties.h"

#include "common/mqtt/property_writer.h"

namespace mm::mqtt {
namespace {

template <class Int>
void assign(std::optional<Int>& field, const Property& p) {
  field = Int(p.number);
}
void assign(std::optional<std::string>& field, const Property& p) {
  field = std::string(p.text);
}
void assign(std::optional<Bytes>& field, const Property& p) {
  field = Bytes(p.text.begin(), p.text.end());
}
void assign(std::vector<uint32_t>& field, const Property& p) {
  field.push_back(p.number);
}
void assign(std::vector<UserProperty>& field, const Property& p) {
  field.push_back({std::string(p.text), std::string(p.value)});
}

void put_property(Writer& w, PropertyId id, const std::vector<uint32_t>& v) {
  for (uint32_t n : v) {
    w.u8(uint8_t(id));
    w.varint(n);
  }
}
void put_property(Writer& w, PropertyId id, const std::vector<UserProperty>& v) {
  for (const auto& u : v) {
    w.u8(uint8_t(id));
    w.utf8(u.name);
    w.utf8(u.value);
  }
}

}  // namespace

Status read_properties(Reader& r, PropertyContext where, Properties& out) {
  std::span<const uint8_t> block;
  MM_TRY(read_property_block(r, block));
  return PropertyParser(block, where).parse([&](const Property& p) {
    visit_properties(out, [&](PropertyId id, auto& field) {
      if (id == p.id) assign(field, p);
    });
  });
}

void write_properties(Writer& w, const Properties& p) {
  w.length_prefixed([&](Writer& inner) {
    visit_properties(p, [&](PropertyId id, const auto& field) { put_property(inner, id, field); });
  });
}

}  // namespace mm::mqtt
