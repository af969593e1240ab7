#pragma once
// The inbound QoS 2 packet ids of a session (PUBREC sent, PUBREL awaited): a sorted vector.
// An std::unordered_set<uint16_t> cost 56 bytes and a node per id; this costs 24, allocates
// nothing until the first id and keeps its storage while the session lasts (no allocation
// per QoS 2 message). At most the Receive Maximum (5.0) or 65,535 ids: a lookup is a binary
// search, an insert moves 2-byte ids.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace mm::broker {

class PacketIdSet {
 public:
  PacketIdSet() = default;
  PacketIdSet(std::initializer_list<uint16_t> ids) {
    for (uint16_t id : ids) insert(id);
  }

  bool contains(uint16_t id) const { return std::binary_search(ids_.begin(), ids_.end(), id); }
  size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }
  // True when it was not there.
  bool insert(uint16_t id) {
    auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (it != ids_.end() && *it == id) return false;
    ids_.insert(it, id);
    return true;
  }
  // True when it was there.
  bool erase(uint16_t id) {
    auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (it == ids_.end() || *it != id) return false;
    ids_.erase(it);
    return true;
  }
  void reserve(size_t n) { ids_.reserve(n); }
  std::span<const uint16_t> ascending() const { return ids_; }

  friend bool operator==(const PacketIdSet&, const PacketIdSet&) = default;

 private:
  std::vector<uint16_t> ids_;
};

}  // namespace mm::broker
