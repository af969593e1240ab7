#pragma once
// A shared subscription group, "$share/{ShareName}/{filter}" (MQTT 5.0 section 4.8.2): each
// message matching the filter goes to one member of the group, not to all of them. The
// broker chooses the strategy: round robin or random, both skipping the members it says are
// unavailable (offline, or with no room in flight).

#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "worker/broker/subscriber_list.h"

namespace mm::broker {

class SharedGroup {
 public:
  SharedGroup(std::string_view name, std::string_view filter) : name_(name), filter_(filter) {}

  std::string_view name() const noexcept { return name_; }
  std::string_view filter() const noexcept { return filter_; }

  // Adds `id` at the end, or replaces its options in place; true when it was not there.
  bool add(SessionId id, const SubOptions& options);
  // Removes `id`, keeping the order of the others and whose turn it is; false when absent.
  bool remove(SessionId id);
  const SubOptions* find(SessionId id) const noexcept;

  // In the order they joined.
  const std::vector<Subscriber>& members() const noexcept { return members_; }
  size_t size() const noexcept { return members_.size(); }
  bool empty() const noexcept { return members_.empty(); }

  // The next member in turn for which available(SessionId) is true, after the one picked last;
  // nullptr when none is available.
  template <typename Available>
  const Subscriber* pick_round_robin(Available&& available);
  const Subscriber* pick_round_robin() {
    return pick_round_robin([](SessionId) { return true; });
  }

  // A member drawn uniformly among those for which available(SessionId) is true; nullptr when
  // none is. One pass, no allocation (reservoir sampling).
  template <typename Rng, typename Available>
  const Subscriber* pick_random(Rng& rng, Available&& available) const;
  template <typename Rng>
  const Subscriber* pick_random(Rng& rng) const {
    return pick_random(rng, [](SessionId) { return true; });
  }

 private:
  size_t position(SessionId id) const noexcept;

  std::string name_;
  std::string filter_;
  std::vector<Subscriber> members_;
  size_t next_ = 0;  // the member whose turn it is
};

template <typename Available>
const Subscriber* SharedGroup::pick_round_robin(Available&& available) {
  const size_t n = members_.size();
  for (size_t i = 0; i < n; ++i) {
    const size_t at = (next_ + i) % n;
    if (!available(members_[at].id)) continue;
    next_ = (at + 1) % n;
    return &members_[at];
  }
  return nullptr;
}

template <typename Rng, typename Available>
const Subscriber* SharedGroup::pick_random(Rng& rng, Available&& available) const {
  const Subscriber* chosen = nullptr;
  size_t seen = 0;
  for (const Subscriber& member : members_) {
    if (!available(member.id)) continue;
    ++seen;
    if (std::uniform_int_distribution<size_t>(0, seen - 1)(rng) == 0) chosen = &member;
  }
  return chosen;
}

}  // namespace mm::broker
