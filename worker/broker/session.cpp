#include "worker/broker/session.h"

#include <algorithm>

namespace mm::broker {

Inflight* Session::find_inflight(uint16_t packet_id) {
  return inflight.find_if([packet_id](const Inflight& f) { return f.packet_id == packet_id; });
}

void Session::erase_inflight(const Inflight& f) {
  inflight.erase(inflight.begin() + static_cast<std::ptrdiff_t>(inflight.index_of(&f)));
}

uint16_t Session::allocate_packet_id() {
  for (;;) {
    uint16_t id = next_packet_id++;
    if (next_packet_id == 0) next_packet_id = 1;
    if (id != 0 && find_inflight(id) == nullptr) return id;
  }
}

}  // namespace mm::broker
