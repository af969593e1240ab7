#pragma once
// Writes one property (identifier, then value in its data type) when it is set.

#include <optional>
#include <span>
#include <string_view>

#include "common/mqtt/property.h"
#include "common/mqtt/writer.h"

namespace mm::mqtt {

inline void put_property(Writer& w, PropertyId id, uint8_t v) {
  w.u8(uint8_t(id));
  w.u8(v);
}
inline void put_property(Writer& w, PropertyId id, uint16_t v) {
  w.u8(uint8_t(id));
  w.u16(v);
}
inline void put_property(Writer& w, PropertyId id, uint32_t v) {
  w.u8(uint8_t(id));
  w.u32(v);
}
// UTF-8 strings and Binary Data share their encoding: two-byte length, then the bytes.
inline void put_property(Writer& w, PropertyId id, std::string_view v) {
  w.u8(uint8_t(id));
  w.utf8(v);
}
inline void put_property(Writer& w, PropertyId id, std::span<const uint8_t> v) {
  w.u8(uint8_t(id));
  w.binary(v);
}
template <class T>
void put_property(Writer& w, PropertyId id, const std::optional<T>& v) {
  if (v) put_property(w, id, *v);
}

}  // namespace mm::mqtt
