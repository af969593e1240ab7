#pragma once
// The subscriptions of one worker's sessions, by Topic Filter: ordinary subscriptions and
// shared ones ("$share/{group}/{filter}", MQTT 5.0 section 4.8.2), in one FilterTrie so that a
// PUBLISH walks the trie once for both. Filters arrive validated (common/mqtt/topic.h).
//
// Removing all of a session's subscriptions is the session's job (it knows its filters):
// each unsubscribe is O(levels) plus O(1) in the filter's subscriber list.
//
// Recent topics' matches are cached: 256 topics, direct-mapped by a hash of the topic, each
// with a copy of its matching subscribers, all invalidated at once (a counter) by any change
// to the index. A publisher's repeated topic then costs a hash and a comparison instead of a
// walk of the trie (in pairs QoS 0, a dependent load per level). Topics that match a shared
// group are not cached (the group picks a member per message), nor topics over 256 bytes or
// with more than 64 subscribers (a walk is little next to their deliveries), so the cache
// holds at most 256 x (256 bytes + 64 subscribers): under 0.5 MiB. A match started from inside
// another (a will published by a delivery) neither reads nor fills the cache, so the outer
// one's cached list stays as it was while it is being read.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/ring.h"
#include "worker/broker/shared_groups.h"
#include "worker/broker/string_hash.h"
#include "worker/broker/subscriber_list.h"
#include "worker/broker/topic_trie.h"

namespace mm::broker {

// What a Topic Filter node holds.
struct FilterSubscriptions {
  SubscriberList plain;
  // Few per filter, searched linearly; a Ring is one pointer (nearly every filter has none).
  common::Ring<std::unique_ptr<SharedGroup>> groups;

  SharedGroup* group(std::string_view name) const noexcept;
  bool empty() const noexcept { return plain.empty() && groups.empty(); }
};

class SubscriptionIndex {
 public:
  // A re-subscribe replaces the options [MQTT-3.8.4-3]; true when the subscription is new.
  bool subscribe(std::string_view filter, SessionId id, const SubOptions& options);
  // True when the subscription existed.
  bool unsubscribe(std::string_view filter, SessionId id);

  // `group` is the ShareName and `filter` the Topic Filter after it (mqtt::parse_shared).
  bool subscribe_shared(std::string_view group, std::string_view filter, SessionId id,
                        const SubOptions& options);
  // The group goes away with its last member.
  bool unsubscribe_shared(std::string_view group, std::string_view filter, SessionId id);

  // For the Topic Name `topic`: each(SessionId, const SubOptions&) once per matching ordinary
  // subscription (a session with overlapping filters is called once per filter: merging is
  // the broker's), and group(SharedGroup&) once per matching shared group. Neither may
  // subscribe or unsubscribe. `hash` is string_hash(topic) (a caller that has it already
  // passes it; another value costs a cache miss, never a wrong answer).
  template <typename Each, typename Group>
  void match(std::string_view topic, uint64_t hash, Each&& each, Group&& group);
  template <typename Each, typename Group>
  void match(std::string_view topic, Each&& each, Group&& group) {
    match(topic, string_hash(topic), each, group);
  }

  // Ordinary subscriptions plus shared-group memberships ($SYS/broker/subscriptions/count).
  size_t subscription_count() const noexcept { return subscriptions_; }
  size_t shared_group_count() const noexcept { return groups_; }
  // Distinct filters with at least one subscription of either kind: the route table between
  // workers changes when this goes 0 → 1 or 1 → 0 for a filter.
  size_t filter_count() const noexcept { return trie_.size(); }
  size_t node_count() const noexcept { return trie_.node_count(); }

 private:
  struct CachedMatch {
    uint64_t version = 0;  // the index's version when filled; 0: never
    std::string topic;
    std::vector<Subscriber> subscribers;
  };
  static constexpr size_t kCacheSlots = 256;
  static constexpr size_t kCacheTopicBytes = 256;
  static constexpr size_t kCacheSubscribers = 64;

  void drop_if_empty(std::string_view filter, const FilterSubscriptions& subs);
  void changed() noexcept { ++version_; }

  FilterTrie<FilterSubscriptions> trie_;
  size_t subscriptions_ = 0;
  size_t groups_ = 0;
  uint64_t version_ = 1;
  std::unique_ptr<std::array<CachedMatch, kCacheSlots>> cache_;  // made at the first match
  std::vector<Subscriber> walked_;  // what a trie walk matched, for the cache
  bool matching_ = false;           // a match is running: a nested one bypasses the cache
};

template <typename Each, typename Group>
void SubscriptionIndex::match(std::string_view topic, uint64_t hash, Each&& each, Group&& group) {
  if (matching_) {  // nested: the outer match owns the cache and walked_
    trie_.match(topic, [&](std::string_view, FilterSubscriptions& subs) {
      for (const Subscriber& s : subs.plain.items()) each(s.id, s.options);
      for (const auto& g : subs.groups) group(*g);
    });
    return;
  }
  matching_ = true;
  struct Done {
    bool& flag;
    ~Done() { flag = false; }
  } done{matching_};
  if (!cache_) cache_ = std::make_unique<std::array<CachedMatch, kCacheSlots>>();
  CachedMatch& slot = (*cache_)[hash % kCacheSlots];
  if (slot.version == version_ && slot.topic == topic) {
    for (const Subscriber& s : slot.subscribers) each(s.id, s.options);
    return;
  }
  walked_.clear();
  bool cacheable = topic.size() <= kCacheTopicBytes;
  trie_.match(topic, [&](std::string_view, FilterSubscriptions& subs) {
    for (const Subscriber& s : subs.plain.items()) {
      if (cacheable && walked_.size() < kCacheSubscribers) {
        walked_.push_back(s);
      } else {
        cacheable = false;
      }
      each(s.id, s.options);
    }
    for (const auto& g : subs.groups) {
      cacheable = false;
      group(*g);
    }
  });
  if (!cacheable) return;
  slot.version = version_;
  slot.topic.assign(topic);
  slot.subscribers.assign(walked_.begin(), walked_.end());
}

}  // namespace mm::broker
