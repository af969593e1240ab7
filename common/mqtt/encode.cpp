#include "common/mqtt/encode.h"

#include <type_traits>

namespace mm::mqtt {

size_t encode(const Packet& p, ProtocolVersion v, Buffer& out) {
  return std::visit(
      [&](const auto& packet) -> size_t {
        if constexpr (std::is_same_v<std::decay_t<decltype(packet)>, Connect>) {
          return encode(packet, out);
        } else {
          return encode(packet, v, out);
        }
      },
      p);
}

}  // namespace mm::mqtt
