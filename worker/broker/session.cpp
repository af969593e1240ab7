#include "worker/broker/session.h"

#include <algorithm>

namespace mm::broker {

Inflight* Session::find_inflight(uint16_t packet_id) {
  for (Inflight& f : inflight) {
    if (f.packet_id == packet_id) return &f;
  }
  return nullptr;
}

bool Session::erase_inflight(uint16_t packet_id) {
  auto it = std::find_if(inflight.begin(), inflight.end(),
                         [&](const Inflight& f) { return f.packet_id == packet_id; });
  if (it == inflight.end()) return false;
  inflight.erase(it);
  return true;
}

uint16_t Session::allocate_packet_id() {
  for (;;) {
    uint16_t id = next_packet_id++;
    if (next_packet_id == 0) next_packet_id = 1;
    if (id != 0 && find_inflight(id) == nullptr) return id;
  }
}

}  // namespace mm::broker
