#include "worker/broker/arrivals.h"

namespace mm::broker {

void Arrivals::arrived(const std::string& client_id, uint64_t until) {
  Arrival& a = sessions_[client_id];
  a.until = until;
  a.heard = heard_;
}

bool Arrivals::matched_here(const std::string& client_id, unsigned slot, uint64_t seq) const {
  auto it = sessions_.find(client_id);
  if (it == sessions_.end()) return true;
  const std::vector<uint64_t>& before = it->second.heard;
  return seq > (slot < before.size() ? before[slot] : 0);
}

void Arrivals::expire(uint64_t now) {
  std::erase_if(sessions_, [&](const auto& entry) { return entry.second.until <= now; });
}

}  // namespace mm::broker
