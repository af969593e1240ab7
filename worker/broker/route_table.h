#pragma once
// The route table between workers: Topic Filter → the slots with at least one subscriber to
// it, this slot included. Each worker announces a filter when its local count goes 0 → 1 and
// withdraws it at 1 → 0; a PUBLISH is matched here once and sent once to each slot found (not
// once per subscriber), which matches it against its own subscriptions. A shared filter
// ("$share/{group}/{filter}") routes per group: the publishing worker picks one slot of the
// group for each message, and only that slot delivers it to one member.

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "worker/broker/topic_trie.h"

namespace mm::broker {

// A few slots, sorted; most filters have one.
class SlotList {
 public:
  bool add(unsigned slot);
  bool remove(unsigned slot);
  bool contains(unsigned slot) const;
  bool empty() const noexcept { return slots_.empty(); }
  size_t size() const noexcept { return slots_.size(); }
  unsigned operator[](size_t i) const { return slots_[i]; }

 private:
  std::vector<unsigned> slots_;
};

struct GroupRoute {
  std::string name;
  SlotList slots;
  size_t next = 0;  // round robin over the slots
};

struct RouteEntry {
  SlotList plain;
  std::vector<GroupRoute> groups;
  bool empty() const noexcept { return plain.empty() && groups.empty(); }
};

class RouteTable {
 public:
  // `filter` as subscribed: "a/+/b", or "$share/g/a/+/b". True when it changed the table.
  bool add(unsigned slot, std::string_view filter);
  bool remove(unsigned slot, std::string_view filter);
  // A slot is gone: every route through it goes.
  void drop_slot(unsigned slot);

  // For the Topic Name `topic`: every slot with a matching ordinary subscription, once each,
  // into `slots` (cleared first); and pick(slot, group, filter) for every matching shared
  // group, with the slot chosen for this message (round robin, or random when `rng` is set).
  template <typename Pick>
  void match(std::string_view topic, std::vector<unsigned>& slots, std::mt19937_64* rng,
             Pick&& pick);

  size_t size() const noexcept { return trie_.size(); }

 private:
  FilterTrie<RouteEntry> trie_;
};

template <typename Pick>
void RouteTable::match(std::string_view topic, std::vector<unsigned>& slots, std::mt19937_64* rng,
                       Pick&& pick) {
  slots.clear();
  trie_.match(topic, [&](std::string_view filter, RouteEntry& e) {
    for (size_t i = 0; i < e.plain.size(); ++i) {
      unsigned s = e.plain[i];
      bool seen = false;
      for (unsigned have : slots) seen = seen || have == s;
      if (!seen) slots.push_back(s);
    }
    for (GroupRoute& g : e.groups) {
      size_t n = g.slots.size();
      size_t at =
          rng != nullptr ? std::uniform_int_distribution<size_t>(0, n - 1)(*rng) : g.next++ % n;
      pick(g.slots[at], std::string_view(g.name), filter);
    }
  });
}

}  // namespace mm::broker
