#pragma once
// Topic tries: the broker's map from Topic Filter to subscribers (FilterTrie, matched by a
// Topic Name) and, in retained_store.h, its map from Topic Name to retained message (matched
// by a Topic Filter). MQTT 3.1.1 / 5.0 section 4.7.
//
// Representation. One node per topic level; a key "a/b/c" is the path root→a→b→c, and the
// value of a key lives at its last node, together with the key's text (stored once, for logs
// and for the callers of match/for_each). Empty levels are ordinary levels: "a//b" has three
// nodes under the root and "/" two. The '+' and '#' children of a node have their own
// pointers, so a match tests them without a lookup. The other children live in a ChildMap:
//   narrow (≤ 8 children, most nodes): a CompactVector of owning pointers, scanned
//     linearly; costs 16 bytes in the node and no hashing.
//   wide (more children: device ids, client ids): a LevelTable (level_table.h), an
//     open-addressing set of the children hashed by their own level string: O(1) lookup by
//     string_view, no temporary string, no key copy; 21 to 43 bytes per child.
//     Back to narrow under 4 children, so memory returns after unsubscribes.
// A node costs 72 bytes (an 80-byte heap chunk) plus its level when longer than 15 bytes (SSO),
// plus the entry (key text and value) where a key ends. Nodes do not point to their parents
// (8 bytes each): erase records the path it walked down and prunes back up it. Nothing here
// recurses: a filter may have 65,535 levels.
//
// Cost. match(topic) visits at most two children per level (exact and '+') plus one '#'
// check per visited node: O(levels × matching wildcard branches), independent of the number
// of subscriptions. It allocates nothing once its reusable stack has grown to the deepest
// walk it has seen. insert/find/erase are O(levels); insert allocates the missing nodes.
//
// Callbacks must not modify the trie they are called from. The tries are neither copyable nor
// movable: hold them in their owner, or by unique_ptr.
//
// Measured (tests/bench/bench_trie.cpp, Release, one core): one PUBLISH against 100,000
// subscriptions (99,000 device topics, 1,000 wildcard filters) takes about 50 ns; the same
// by topic_matches over every filter takes about 2 ms. About 360 heap bytes per subscription.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "worker/broker/child_map.h"

namespace mm::broker {

// The level of `topic` that starts at `pos`; sets `next` to where the following level starts,
// or to topic.size() + 1 (the end of levels) after the last one.
inline std::string_view level_at(std::string_view topic, size_t pos, size_t& next) noexcept {
  const size_t slash = topic.find('/', pos);
  if (slash == std::string_view::npos) {
    next = topic.size() + 1;
    return topic.substr(pos);
  }
  next = slash + 1;
  return topic.substr(pos, slash - pos);
}

inline size_t levels_end(std::string_view topic) noexcept {
  return topic.size() + 1;
}

// [MQTT-4.7.2-1]: a filter whose first level is a wildcard does not match a name starting
// with '$'.
inline bool is_dollar(std::string_view level) noexcept {
  return level.starts_with('$');
}

namespace detail {

template <typename V>
struct TrieEntry {
  std::string key;
  V value{};
};

template <typename V>
struct TrieNode {
  explicit TrieNode(std::string_view level_text) : level(level_text) {}

  TrieNode* child(std::string_view name) const noexcept {
    if (name == "+") return plus.get();
    if (name == "#") return hash.get();
    return children.find(name);
  }
  TrieNode& add_child(std::string_view name) {
    auto node = std::make_unique<TrieNode>(name);
    TrieNode& ref = *node;
    if (name == "+") {
      plus = std::move(node);
    } else if (name == "#") {
      hash = std::move(node);
    } else {
      children.insert(std::move(node));
    }
    return ref;
  }
  std::unique_ptr<TrieNode> remove_child(const TrieNode& node) {
    if (&node == plus.get()) return std::move(plus);
    if (&node == hash.get()) return std::move(hash);
    return children.remove(node);
  }
  bool empty() const noexcept { return !entry && !plus && !hash && children.empty(); }
  void drain_into(std::vector<std::unique_ptr<TrieNode>>& out) {
    if (plus) out.push_back(std::move(plus));
    if (hash) out.push_back(std::move(hash));
    children.drain_into(out);
  }

  std::string level;
  ChildMap<TrieNode> children;
  std::unique_ptr<TrieNode> plus;
  std::unique_ptr<TrieNode> hash;
  std::unique_ptr<TrieEntry<V>> entry;
};

// Keys → values by levels; FilterTrie and RetainedStore add their own match walks.
template <typename V>
class LevelTrie {
 public:
  using Node = TrieNode<V>;
  using Entry = TrieEntry<V>;

  LevelTrie() : root_(std::make_unique<Node>(std::string_view{})) {}
  ~LevelTrie() { clear(); }
  LevelTrie(const LevelTrie&) = delete;
  LevelTrie& operator=(const LevelTrie&) = delete;

  // The entry of `key` and whether it was created (with a value-initialized V).
  std::pair<Entry*, bool> emplace(std::string_view key) {
    Node* node = root_.get();
    for (size_t pos = 0, next = 0; pos != levels_end(key); pos = next) {
      const std::string_view level = level_at(key, pos, next);
      Node* child = node->child(level);
      if (child == nullptr) {
        child = &node->add_child(level);
        ++nodes_;
      }
      node = child;
    }
    if (node->entry) return {node->entry.get(), false};
    node->entry = std::make_unique<Entry>(Entry{std::string(key)});
    ++size_;
    return {node->entry.get(), true};
  }

  Entry* find(std::string_view key) const noexcept {
    const Node* node = find_node(key);
    return node == nullptr ? nullptr : node->entry.get();
  }

  // Removes the entry of `key` and every node left with nothing below it.
  bool erase(std::string_view key) {
    path_.clear();
    Node* node = root_.get();
    for (size_t pos = 0, next = 0; node != nullptr && pos != levels_end(key); pos = next) {
      path_.push_back(node);
      node = node->child(level_at(key, pos, next));
    }
    if (node == nullptr || !node->entry) return false;
    node->entry.reset();
    --size_;
    // path_ holds the ancestors of `node`, root first.
    while (!path_.empty() && node->empty()) {
      Node* parent = path_.back();
      path_.pop_back();
      parent->remove_child(*node);
      --nodes_;
      node = parent;
    }
    return true;
  }

  // Iterative, so that a very deep trie cannot exhaust the stack.
  void clear() {
    std::vector<std::unique_ptr<Node>> pending;
    root_->drain_into(pending);
    while (!pending.empty()) {
      std::unique_ptr<Node> node = std::move(pending.back());
      pending.pop_back();
      node->drain_into(pending);
    }
    root_->entry.reset();
    size_ = 0;
    nodes_ = 0;
  }

  // fn(Entry&) for every entry, in no particular order. Allocates its own stack.
  template <typename Fn>
  void for_each(Fn&& fn) {
    std::vector<Node*> pending{root_.get()};
    while (!pending.empty()) {
      Node* node = pending.back();
      pending.pop_back();
      if (node->entry) fn(*node->entry);
      if (node->plus) pending.push_back(node->plus.get());
      if (node->hash) pending.push_back(node->hash.get());
      node->children.for_each([&](Node& child) { pending.push_back(&child); });
    }
  }

  Node& root() noexcept { return *root_; }
  size_t size() const noexcept { return size_; }
  // Nodes below the root: 0 once every key has been erased.
  size_t node_count() const noexcept { return nodes_; }

 private:
  Node* find_node(std::string_view key) const noexcept {
    Node* node = root_.get();
    for (size_t pos = 0, next = 0; node != nullptr && pos != levels_end(key); pos = next) {
      node = node->child(level_at(key, pos, next));
    }
    return node;
  }

  std::unique_ptr<Node> root_;
  std::vector<Node*> path_;  // erase's walk down, kept for its capacity
  size_t size_ = 0;
  size_t nodes_ = 0;
};

// The reusable stack of a match walk. A callback that starts another walk on the same trie
// gets a fresh stack, so that the outer walk's is left intact.
template <typename Frame>
class WalkStack {
 public:
  class Lease {
   public:
    explicit Lease(WalkStack& owner) : owner_(owner), outer_(!owner.busy_) {
      owner_.busy_ = true;
      if (outer_) owner_.frames_.clear();
    }
    ~Lease() {
      if (outer_) owner_.busy_ = false;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    std::vector<Frame>& frames() noexcept { return outer_ ? owner_.frames_ : own_; }

   private:
    WalkStack& owner_;
    bool outer_;
    std::vector<Frame> own_;
  };

 private:
  std::vector<Frame> frames_;
  bool busy_ = false;
};

}  // namespace detail

// Topic Filter → V. One per worker for its subscriptions (V = the subscribers of a filter),
// and the route table between workers (V = the set of worker slots).
template <typename V>
class FilterTrie {
 public:
  // The value of `filter`, created value-initialized if missing.
  V& at(std::string_view filter) { return trie_.emplace(filter).first->value; }
  // The same, and whether it was created.
  std::pair<V*, bool> emplace(std::string_view filter) {
    auto [entry, created] = trie_.emplace(filter);
    return {&entry->value, created};
  }
  V* find(std::string_view filter) noexcept {
    auto* entry = trie_.find(filter);
    return entry == nullptr ? nullptr : &entry->value;
  }
  const V* find(std::string_view filter) const noexcept {
    const auto* entry = trie_.find(filter);
    return entry == nullptr ? nullptr : &entry->value;
  }
  // Removes the value and prunes the nodes that held nothing else.
  bool erase(std::string_view filter) { return trie_.erase(filter); }
  void clear() { trie_.clear(); }

  size_t size() const noexcept { return trie_.size(); }
  size_t node_count() const noexcept { return trie_.node_count(); }

  // fn(std::string_view filter, V&) once for every stored filter that matches the Topic Name
  // `topic`, in no particular order.
  template <typename Fn>
  void match(std::string_view topic, Fn&& fn);

  // fn(std::string_view filter, V&) for every stored filter.
  template <typename Fn>
  void for_each(Fn&& fn) {
    trie_.for_each([&](auto& entry) { fn(std::string_view(entry.key), entry.value); });
  }

 private:
  using Node = typename detail::LevelTrie<V>::Node;
  struct Frame {
    Node* node;
    size_t pos;  // where the next level of the topic starts
  };

  detail::LevelTrie<V> trie_;
  detail::WalkStack<Frame> stack_;
};

template <typename V>
template <typename Fn>
void FilterTrie<V>::match(std::string_view topic, Fn&& fn) {
  auto report = [&](Node& node) {
    if (node.entry) fn(std::string_view(node.entry->key), node.entry->value);
  };
  Node* const root = &trie_.root();
  const bool dollar = is_dollar(topic);
  typename detail::WalkStack<Frame>::Lease lease(stack_);
  std::vector<Frame>& frames = lease.frames();
  frames.push_back({root, 0});
  while (!frames.empty()) {
    const Frame frame = frames.back();
    frames.pop_back();
    const bool wildcards = !(dollar && frame.node == root);  // [MQTT-4.7.2-1]
    // '#' matches this level and every level below, and the parent level (4.7.1.2).
    if (frame.node->hash && wildcards) report(*frame.node->hash);
    if (frame.pos == levels_end(topic)) {
      report(*frame.node);
      continue;
    }
    size_t next = 0;
    const std::string_view level = level_at(topic, frame.pos, next);
    if (frame.node->plus && wildcards) frames.push_back({frame.node->plus.get(), next});
    if (Node* child = frame.node->children.find(level)) frames.push_back({child, next});
  }
}

}  // namespace mm::broker
