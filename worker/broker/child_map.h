#pragma once
// The children of a trie node other than '+' and '#', by level (see topic_trie.h): a vector
// while narrow, an unordered_map keyed by a string_view into each child's own `level` string
// once wide. Node is any type with a `std::string level` that never changes.

#include <cstddef>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mm::broker::detail {

template <typename Node>
class ChildMap {
 public:
  Node* find(std::string_view level) const noexcept {
    if (wide_) {
      const auto it = wide_->find(level);
      return it == wide_->end() ? nullptr : it->second.get();
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
    wide_->emplace(std::string_view(ref.level), std::move(child));
    return ref;
  }

  // The child is returned so that it dies after the map no longer refers to its level.
  std::unique_ptr<Node> remove(const Node& child) {
    std::unique_ptr<Node> out;
    if (wide_) {
      const auto it = wide_->find(std::string_view(child.level));
      out = std::move(it->second);
      wide_->erase(it);
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
    for (const auto& entry : *wide_) fn(*entry.second);
  }

  void drain_into(std::vector<std::unique_ptr<Node>>& out) {
    for (auto& child : narrow_) out.push_back(std::move(child));
    narrow_.clear();
    if (!wide_) return;
    for (auto& entry : *wide_) out.push_back(std::move(entry.second));
    wide_.reset();
  }

 private:
  static constexpr size_t kNarrowMax = 8;
  using Wide = std::unordered_map<std::string_view, std::unique_ptr<Node>>;

  void widen() {
    wide_ = std::make_unique<Wide>();
    for (auto& child : narrow_) wide_->emplace(std::string_view(child->level), std::move(child));
    narrow_.clear();
    narrow_.shrink_to_fit();
  }
  void narrow() {
    for (auto& entry : *wide_) narrow_.push_back(std::move(entry.second));
    wide_.reset();
  }

  std::vector<std::unique_ptr<Node>> narrow_;
  std::unique_ptr<Wide> wide_;
};

}  // namespace mm::broker::detail
