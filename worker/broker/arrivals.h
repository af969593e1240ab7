#pragma once
// Sessions that arrived lately from their old home, and what tells the publishes they had
// here from the ones their old home sends after them. Pure data: no I/O, no libuv.
//
// For a while after a session moves, its old home sends it (deliver_to) what other workers
// still route to the old home. A worker that sent the same publish here too (it knew of the
// move, or routes here for another session) had it matched here against every session of
// this worker, the moved one included, unless the publish came before the session did: the
// links are ordered per pair of workers, but the session (old home → here) and the publish
// (its worker → here) travel on different links. So every worker numbers the publishes it
// routes, increasing, and this worker notes, when a session arrives, the number of the last
// publish it had from each worker (itself included): a publish numbered above that came
// after the session (or is still on its way here) and was matched against it; one at or below
// it was not.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace mm::broker {

class Arrivals {
 public:
  // The publish numbered `seq` by `slot` is here (for this worker's slot: it was routed here).
  void heard(unsigned slot, uint64_t seq) {
    if (slot >= heard_.size()) heard_.resize(slot + 1, 0);
    heard_[slot] = seq;
  }

  // The session `client_id` arrived; it is remembered until `until` (loop time, ms).
  void arrived(const std::string& client_id, uint64_t until);

  // Whether the session `client_id` had, through this worker's own matching, the publish
  // numbered `seq` by `slot`, which `slot` sent here too (or is this worker's own): yes when it
  // came after the session did, or has not come yet; also yes for a session not remembered
  // (it has been here longer than the old home sends after it).
  bool matched_here(const std::string& client_id, unsigned slot, uint64_t seq) const;

  // Forgets the sessions remembered until `now` or before.
  void expire(uint64_t now);

  size_t size() const noexcept { return sessions_.size(); }

 private:
  struct Arrival {
    uint64_t until = 0;
    std::vector<uint64_t> heard;  // heard_ when the session arrived
  };
  std::vector<uint64_t> heard_;  // by slot: the number of the last publish here from it
  std::unordered_map<std::string, Arrival> sessions_;
};

}  // namespace mm::broker
