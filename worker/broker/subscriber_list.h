#pragma once
// The subscribers of one Topic Filter in one worker, and the options of each subscription.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "common/compact_vector.h"

namespace mm::broker {

using SessionId = uint64_t;

// The Subscription Options of MQTT 5.0 section 3.8.3.1, and the Subscription Identifier.
struct SubOptions {
  uint8_t max_qos = 0;
  bool no_local = false;
  bool retain_as_published = false;
  uint8_t retain_handling = 0;
  uint32_t subscription_id = 0;  // 0 = none
};

struct Subscriber {
  SessionId id;
  SubOptions options;
};

// Unordered. Up to kIndexFrom subscribers (nearly every filter: one device, one topic) it is a
// plain vector searched linearly; from there on an id → position index makes remove O(1), so
// unsubscribing from "#" with 100,000 subscribers is as cheap as from a device topic.
class SubscriberList {
 public:
  SubscriberList() = default;
  SubscriberList(SubscriberList&&) noexcept = default;
  SubscriberList& operator=(SubscriberList&&) noexcept = default;

  // Adds `id`, or replaces its options; true when it was not there.
  bool upsert(SessionId id, const SubOptions& options);
  // Removes `id`; false when it was not there.
  bool remove(SessionId id);
  const SubOptions* find(SessionId id) const noexcept;

  std::span<const Subscriber> items() const noexcept { return items_; }
  size_t size() const noexcept { return items_.size(); }
  bool empty() const noexcept { return items_.empty(); }

 private:
  static constexpr size_t kIndexFrom = 16;
  static constexpr size_t kNotFound = static_cast<size_t>(-1);

  size_t position(SessionId id) const noexcept;
  void build_index();

  common::CompactVector<Subscriber> items_;  // one pointer: a filter's entry is 16 bytes less
  std::unique_ptr<std::unordered_map<SessionId, size_t>> index_;
};

}  // namespace mm::broker
