#pragma once
// The children of a trie node other than '+' and '#', by level (see topic_trie.h): a vector
// while narrow, once wide a LevelTable (level_table.h): an open-addressing set of the children
// hashed by their own `level` string, looked up by string_view with no key copy. Node is any
// type with a `std::string level` that never changes.

#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "common/compact_vector.h"
#include "worker/broker/level_table.h"

namespace mm::broker::detail {

template <typename Node>
class ChildMap {
 public:
  Node* find(std::string_view level) const noexcept {
    if (wide_) return wide_->find(level);
    for (const auto& child : narrow_) {
      if (child->level == level) return child.get();
    }
    return nullptr;
  }

  Node& insert(std::unique_ptr<Node> child) {
    Node& ref = *child;
    if (!wide_ && narrow_.size() < kNarrowMax) {
      narrow_.push_back(std::move(child));
      return ref;
    }
    if (!wide_) widen();
    wide_->insert(std::move(child));
    return ref;
  }

  // The child is returned so that it dies after the map no longer refers to its level.
  std::unique_ptr<Node> remove(const Node& child) {
    std::unique_ptr<Node> out;
    if (wide_) {
      out = wide_->remove(child);
      if (wide_->size() < kNarrowMax / 2) narrow();
      return out;
    }
    for (auto& slot : narrow_) {
      if (slot.get() != &child) continue;
      out = std::move(slot);
      slot = std::move(narrow_.back());
      narrow_.pop_back();
      break;
    }
    return out;
  }

  bool empty() const noexcept { return narrow_.empty() && (!wide_ || wide_->empty()); }

  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (const auto& child : narrow_) fn(*child);
    if (wide_) wide_->for_each(fn);
  }

  void drain_into(std::vector<std::unique_ptr<Node>>& out) {
    for (auto& child : narrow_) out.push_back(std::move(child));
    narrow_.clear();
    if (!wide_) return;
    wide_->drain_into(out);
    wide_.reset();
  }

 private:
  static constexpr size_t kNarrowMax = 8;
  using Wide = LevelTable<Node>;

  void widen() {
    wide_ = std::make_unique<Wide>();
    for (auto& child : narrow_) wide_->insert(std::move(child));
    narrow_.clear();
    narrow_.shrink_to_fit();
  }
  void narrow() {
    std::vector<std::unique_ptr<Node>> children;
    wide_->drain_into(children);
    for (auto& child : children) narrow_.push_back(std::move(child));
    wide_.reset();
  }

  common::CompactVector<std::unique_ptr<Node>> narrow_;  // one pointer: 16 bytes per node less
  std::unique_ptr<Wide> wide_;
};

}  // namespace mm::broker::detail
