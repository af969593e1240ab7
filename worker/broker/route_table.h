#pragma once
// The route table between workers: Topic Filter → the slots with at least one subscriber to
// it, this slot included. Each worker announces a filter when its local count goes 0 → 1 and
// withdraws it at 1 → 0; a PUBLISH is matched here once and sent once to each slot found (not
// once per subscriber), which matches it against its own subscriptions. A shared filter
// ("$share/{group}/{filter}") routes per group: the publishing worker picks one slot of the
// group for each message, and only that slot delivers it to one member.

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "worker/broker/slot_set.h"
#include "worker/broker/string_hash.h"
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

  // For the Topic Name `topic`: every slot with a matching ordinary subscription, and
  // pick(slot, group, filter) for every matching shared group, with the slot chosen for this
  // message (round robin, or random when `rng` is set). The slots returned are valid until the
  // next match or change. `hash` is string_hash(topic) (a caller that has it already passes
  // it; another value costs a cache miss, never a wrong answer).
  template <typename Pick>
  const SlotSet& match(std::string_view topic, uint64_t hash, std::mt19937_64* rng, Pick&& pick);
  template <typename Pick>
  const SlotSet& match(std::string_view topic, std::mt19937_64* rng, Pick&& pick) {
    return match(topic, string_hash(topic), rng, pick);
  }

  size_t size() const noexcept { return trie_.size(); }

  // How many match() calls were answered by the cache (for the tests).
  uint64_t cache_hits() const noexcept { return cache_hits_; }

 private:
  // The answers of recent matches without a shared group, by Topic Name: a publisher sends
  // on a few topics over and over, and a trie walk costs about as much as the rest of
  // forwarding a message. Direct-mapped (a topic's hash picks its one place), so it is bounded
  // and a miss costs a hash and a compare; any change to the table invalidates every entry
  // (generation_). A topic that matches a shared group is never cached: its slot is picked
  // per message. Made at the first match (a lone worker never matches): 256 x about 300
  // bytes.
  struct Cached {
    uint64_t generation = 0;  // 0: empty
    std::string topic;
    SlotSet slots;
  };
  static constexpr size_t kCacheSize = 256;
  void changed() noexcept { ++generation_; }

  FilterTrie<RouteEntry> trie_;
  std::unique_ptr<std::array<Cached, kCacheSize>> cache_;  // made at the first match
  SlotSet walked_;  // the answer of a match that is not cached
  uint64_t generation_ = 1;
  uint64_t cache_hits_ = 0;
};

template <typename Pick>
const SlotSet& RouteTable::match(std::string_view topic, uint64_t hash, std::mt19937_64* rng,
                                 Pick&& pick) {
  if (!cache_) cache_ = std::make_unique<std::array<Cached, kCacheSize>>();
  Cached& c = (*cache_)[hash % kCacheSize];
  if (c.generation == generation_ && c.topic == topic) {
    ++cache_hits_;
    return c.slots;
  }
  walked_.clear();
  bool grouped = false;
  trie_.match(topic, [&](std::string_view filter, RouteEntry& e) {
    for (size_t i = 0; i < e.plain.size(); ++i) walked_.add(e.plain[i]);
    for (GroupRoute& g : e.groups) {
      grouped = true;
      size_t n = g.slots.size();
      size_t at =
          rng != nullptr ? std::uniform_int_distribution<size_t>(0, n - 1)(*rng) : g.next++ % n;
      pick(g.slots[at], std::string_view(g.name), filter);
    }
  });
  if (grouped) return walked_;
  c.generation = generation_;
  c.topic.assign(topic);
  c.slots = walked_;
  return c.slots;
}

}  // namespace mm::broker
