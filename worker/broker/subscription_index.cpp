#include "worker/broker/subscription_index.h"

namespace mm::broker {

SharedGroup* FilterSubscriptions::group(std::string_view name) const noexcept {
  for (const auto& g : groups) {
    if (g->name() == name) return g.get();
  }
  return nullptr;
}

bool SubscriptionIndex::subscribe(std::string_view filter, SessionId id,
                                  const SubOptions& options) {
  changed();
  const bool added = trie_.at(filter).plain.upsert(id, options);
  if (added) ++subscriptions_;
  return added;
}

bool SubscriptionIndex::unsubscribe(std::string_view filter, SessionId id) {
  changed();
  FilterSubscriptions* subs = trie_.find(filter);
  if (subs == nullptr || !subs->plain.remove(id)) return false;
  --subscriptions_;
  drop_if_empty(filter, *subs);
  return true;
}

bool SubscriptionIndex::subscribe_shared(std::string_view group, std::string_view filter,
                                         SessionId id, const SubOptions& options) {
  changed();
  FilterSubscriptions& subs = trie_.at(filter);
  SharedGroup* g = subs.group(group);
  if (g == nullptr) {
    g = subs.groups.emplace_back(std::make_unique<SharedGroup>(group, filter)).get();
    ++groups_;
  }
  const bool added = g->add(id, options);
  if (added) ++subscriptions_;
  return added;
}

bool SubscriptionIndex::unsubscribe_shared(std::string_view group, std::string_view filter,
                                           SessionId id) {
  changed();
  FilterSubscriptions* subs = trie_.find(filter);
  SharedGroup* g = subs == nullptr ? nullptr : subs->group(group);
  if (g == nullptr || !g->remove(id)) return false;
  --subscriptions_;
  if (g->empty()) {
    for (auto it = subs->groups.begin(); it != subs->groups.end(); ++it) {
      if (it->get() == g) {
        subs->groups.erase(it);
        break;
      }
    }
    --groups_;
  }
  drop_if_empty(filter, *subs);
  return true;
}

void SubscriptionIndex::drop_if_empty(std::string_view filter, const FilterSubscriptions& subs) {
  if (subs.empty()) trie_.erase(filter);
}

}  // namespace mm::broker
