#pragma once
// The children of a wide trie node (child_map.h), by level: an open-addressing hash set of
// owning Node pointers, each slot keeping its node's hash beside it. Node is any type with a
// `std::string level` that never changes while the node is in the table.
//
// Why not std::unordered_set: a PUBLISH looks up one level of every wide node on its path
// (a device id among thousands). The standard set pays a division by a prime for the bucket,
// a pointer to the bucket's node and one more to the element; perf put that lookup at about
// 40% of deliver_local in pairs QoS 0. Here: a mask, one slot (16 bytes, four to a cache
// line), linear probing, and the node itself only when the stored hash is equal.
//
// Capacity is a power of two, at most 3/4 full (grows x2) and, past 16 slots, at least 1/8
// full (shrinks /2 on remove), so that memory returns after unsubscribes: 21 to 43 bytes per
// child where the node-based set used about 40. Removal shifts the probe run back (no
// tombstones), so lookups never slow down with churn.
//
// The hash is string_hash (string_hash.h), seeded once per process.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "worker/broker/string_hash.h"

namespace mm::broker::detail {

template <typename Node>
class LevelTable {
 public:
  LevelTable() = default;
  ~LevelTable() {
    for (size_t i = 0; i < capacity(); ++i) delete slots_[i].node;
  }
  LevelTable(const LevelTable&) = delete;
  LevelTable& operator=(const LevelTable&) = delete;

  size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

  Node* find(std::string_view level) const noexcept {
    if (size_ == 0) return nullptr;
    const uint64_t h = string_hash(level);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.node == nullptr) return nullptr;
      if (s.hash == h && s.node->level == level) return s.node;
    }
  }

  // The node's level must not be in the table yet.
  void insert(std::unique_ptr<Node> node) {
    if ((size_ + 1) * 4 > capacity() * 3) resize(capacity() == 0 ? kMinCapacity : capacity() * 2);
    const uint64_t h = string_hash(node->level);
    place(node.release(), h);
    ++size_;
  }

  // The node, or null when it is not in the table.
  std::unique_ptr<Node> remove(const Node& node) {
    if (size_ == 0) return nullptr;
    size_t i = string_hash(node.level) & mask_;
    for (; slots_[i].node != &node; i = (i + 1) & mask_) {
      if (slots_[i].node == nullptr) return nullptr;
    }
    std::unique_ptr<Node> out(slots_[i].node);
    slots_[i] = Slot{};
    --size_;
    // Backward shift: each later node of the run moves into the hole when the hole lies on
    // its way from its home slot (cyclically), so every node stays reachable from its home.
    for (size_t j = (i + 1) & mask_; slots_[j].node != nullptr; j = (j + 1) & mask_) {
      const size_t home = slots_[j].hash & mask_;
      if (((j - home) & mask_) >= ((j - i) & mask_)) {
        slots_[i] = slots_[j];
        slots_[j] = Slot{};
        i = j;
      }
    }
    if (capacity() > kMinCapacity && size_ * 8 < capacity()) resize(capacity() / 2);
    return out;
  }

  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (size_t i = 0; i < capacity(); ++i) {
      if (slots_[i].node != nullptr) fn(*slots_[i].node);
    }
  }

  void drain_into(std::vector<std::unique_ptr<Node>>& out) {
    for (size_t i = 0; i < capacity(); ++i) {
      if (slots_[i].node != nullptr) out.emplace_back(std::exchange(slots_[i].node, nullptr));
    }
    size_ = 0;
  }

  size_t capacity() const noexcept { return slots_ ? mask_ + 1 : 0; }

 private:
  static constexpr size_t kMinCapacity = 16;
  struct Slot {
    Node* node = nullptr;
    uint64_t hash = 0;
  };

  void place(Node* node, uint64_t h) noexcept {
    size_t i = h & mask_;
    while (slots_[i].node != nullptr) i = (i + 1) & mask_;
    slots_[i] = Slot{node, h};
  }

  void resize(size_t new_capacity) {
    const size_t old_capacity = capacity();
    std::unique_ptr<Slot[]> old = std::move(slots_);
    slots_ = std::make_unique<Slot[]>(new_capacity);
    mask_ = new_capacity - 1;
    for (size_t i = 0; i < old_capacity; ++i) {
      if (old[i].node != nullptr) place(old[i].node, old[i].hash);
    }
  }

  std::unique_ptr<Slot[]> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace mm::broker::detail
