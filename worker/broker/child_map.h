#pragma once
// The children of a trie node other than '+' and '#', by level (see topic_trie.h): a vector
// while narrow, once wide an unordered_set of the children hashed by their own `level`
// string (looked up by string_view: no key copy, and a 32-byte node per child where a map
// from a string_view was 48). Node is any type with a `std::string level` that never changes.

#include <cstddef>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/compact_vector.h"
#include "worker/broker/by_key.h"

namespace mm::broker::detail {

template <typename Node>
class ChildMap {
 public:
  Node* find(std::string_view level) const noexcept {
    if (wide_) {
      const auto it = wide_->find(level);
      return it == wide_->end() ? nullptr : it->get();
    }
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
      out = std::move(wide_->extract(wide_->find(std::string_view(child.level))).value());
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
    if (!wide_) return;
    for (const auto& entry : *wide_) fn(*entry);
  }

  void drain_into(std::vector<std::unique_ptr<Node>>& out) {
    for (auto& child : narrow_) out.push_back(std::move(child));
    narrow_.clear();
    if (!wide_) return;
    while (!wide_->empty()) out.push_back(std::move(wide_->extract(wide_->begin()).value()));
    wide_.reset();
  }

 private:
  static constexpr size_t kNarrowMax = 8;
  struct LevelOf {
    std::string_view operator()(const std::unique_ptr<Node>& n) const noexcept { return n->level; }
  };
  using Wide = std::unordered_set<std::unique_ptr<Node>, ByKey<LevelOf>, ByKey<LevelOf>>;

  void widen() {
    wide_ = std::make_unique<Wide>();
    for (auto& child : narrow_) wide_->insert(std::move(child));
    narrow_.clear();
    narrow_.shrink_to_fit();
  }
  void narrow() {
    while (!wide_->empty()) narrow_.push_back(std::move(wide_->extract(wide_->begin()).value()));
    wide_.reset();
  }

  common::CompactVector<std::unique_ptr<Node>> narrow_;  // one pointer: 16 bytes per node less
  std::unique_ptr<Wide> wide_;
};

}  // namespace mm::broker::detail
