#include "worker/broker/route_table.h"

#include <algorithm>

#include "common/mqtt/topic.h"

namespace mm::broker {

bool SlotList::add(unsigned slot) {
  auto it = std::lower_bound(slots_.begin(), slots_.end(), slot);
  if (it != slots_.end() && *it == slot) return false;
  slots_.insert(it, slot);
  return true;
}

bool SlotList::remove(unsigned slot) {
  auto it = std::lower_bound(slots_.begin(), slots_.end(), slot);
  if (it == slots_.end() || *it != slot) return false;
  slots_.erase(it);
  return true;
}

bool SlotList::contains(unsigned slot) const {
  return std::binary_search(slots_.begin(), slots_.end(), slot);
}

bool RouteTable::add(unsigned slot, std::string_view filter) {
  changed();
  auto shared = mqtt::parse_shared(filter);
  RouteEntry& e = trie_.at(shared ? shared->filter : filter);
  if (!shared) return e.plain.add(slot);
  for (GroupRoute& g : e.groups) {
    if (g.name == shared->group) return g.slots.add(slot);
  }
  GroupRoute& g = e.groups.emplace_back();
  g.name = shared->group;
  return g.slots.add(slot);
}

bool RouteTable::remove(unsigned slot, std::string_view filter) {
  changed();
  auto shared = mqtt::parse_shared(filter);
  std::string_view plain = shared ? shared->filter : filter;
  RouteEntry* e = trie_.find(plain);
  if (e == nullptr) return false;
  bool changed = false;
  if (!shared) {
    changed = e->plain.remove(slot);
  } else {
    for (auto it = e->groups.begin(); it != e->groups.end(); ++it) {
      if (it->name != shared->group) continue;
      changed = it->slots.remove(slot);
      if (it->slots.empty()) e->groups.erase(it);
      break;
    }
  }
  if (e->empty()) trie_.erase(plain);
  return changed;
}

void RouteTable::drop_slot(unsigned slot) {
  changed();
  std::vector<std::string> empty;
  trie_.for_each([&](std::string_view filter, RouteEntry& e) {
    e.plain.remove(slot);
    for (GroupRoute& g : e.groups) g.slots.remove(slot);
    std::erase_if(e.groups, [](const GroupRoute& g) { return g.slots.empty(); });
    if (e.empty()) empty.emplace_back(filter);
  });
  for (const std::string& f : empty) trie_.erase(f);
}

}  // namespace mm::broker
