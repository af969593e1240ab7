#pragma once
// Retained messages of a broker: Topic Name → T (e.g. std::shared_ptr<const Message>), matched
// the other way round from subscriptions: a new subscription's Topic Filter walks the trie of
// stored names, branching on '+' (every child) and '#' (the whole subtree) (MQTT 5.0 section
// 3.3.1.3 and 4.7). Same representation and costs as topic_trie.h.

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "worker/broker/topic_trie.h"

namespace mm::broker {

template <typename T>
class RetainedStore {
 public:
  // Stores or replaces the message of `topic`. `value_bytes` is what the value weighs (payload
  // and properties), counted in bytes() with the topic's length.
  void set(std::string_view topic, T value, size_t value_bytes = 0) {
    auto [entry, created] = trie_.emplace(topic);
    if (!created) bytes_ -= weight(entry->key, entry->value);
    entry->value = Slot{std::move(value), value_bytes};
    bytes_ += weight(entry->key, entry->value);
  }

  // Removes the message of `topic` and prunes the nodes that held nothing else.
  bool erase(std::string_view topic) {
    const auto* entry = trie_.find(topic);
    if (entry == nullptr) return false;
    bytes_ -= weight(entry->key, entry->value);
    return trie_.erase(topic);
  }

  T* find(std::string_view topic) noexcept {
    auto* entry = trie_.find(topic);
    return entry == nullptr ? nullptr : &entry->value.value;
  }

  size_t size() const noexcept { return trie_.size(); }
  // Sum over the stored messages of topic length + value_bytes.
  size_t bytes() const noexcept { return bytes_; }
  size_t node_count() const noexcept { return trie_.node_count(); }
  void clear() {
    trie_.clear();
    bytes_ = 0;
  }

  // fn(std::string_view topic, T&) once for every stored topic that the Topic Filter `filter`
  // matches, in no particular order.
  template <typename Fn>
  void match(std::string_view filter, Fn&& fn);

  // fn(std::string_view topic, T&) for every stored message.
  template <typename Fn>
  void for_each(Fn&& fn) {
    trie_.for_each([&](auto& entry) { fn(std::string_view(entry.key), entry.value.value); });
  }

 private:
  struct Slot {
    T value{};
    size_t bytes = 0;
  };
  using Node = typename detail::LevelTrie<Slot>::Node;
  struct Frame {
    Node* node;
    size_t pos;    // where the next level of the filter starts
    bool subtree;  // below a '#': everything here matches
  };

  static size_t weight(std::string_view topic, const Slot& slot) noexcept {
    return topic.size() + slot.bytes;
  }

  detail::LevelTrie<Slot> trie_;
  detail::WalkStack<Frame> stack_;
  size_t bytes_ = 0;
};

template <typename T>
template <typename Fn>
void RetainedStore<T>::match(std::string_view filter, Fn&& fn) {
  Node* const root = &trie_.root();
  typename detail::WalkStack<Frame>::Lease lease(stack_);
  std::vector<Frame>& frames = lease.frames();
  // A wildcard first level skips the names starting with '$' [MQTT-4.7.2-1].
  auto push_children = [&](Node& node, size_t pos, bool subtree) {
    node.children.for_each([&](Node& child) {
      if (&node != root || !is_dollar(child.level)) frames.push_back({&child, pos, subtree});
    });
  };
  frames.push_back({root, 0, false});
  while (!frames.empty()) {
    const Frame frame = frames.back();
    frames.pop_back();
    Node& node = *frame.node;
    if (frame.subtree || frame.pos == levels_end(filter)) {
      if (node.entry) fn(std::string_view(node.entry->key), node.entry->value.value);
      if (frame.subtree) push_children(node, 0, true);
      continue;
    }
    size_t next = 0;
    const std::string_view level = level_at(filter, frame.pos, next);
    if (level == "#") {
      // This level and all below, and the parent level: "a/#" matches "a" (4.7.1.2).
      // The root holds no topic; its children are filtered by the '$' rule.
      if (&node == root) {
        push_children(node, 0, true);
      } else {
        frames.push_back({&node, 0, true});
      }
    } else if (level == "+") {
      push_children(node, next, false);
    } else if (Node* child = node.children.find(level)) {
      frames.push_back({child, next, false});
    }
  }
}

}  // namespace mm::broker
