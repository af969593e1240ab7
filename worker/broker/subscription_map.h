#pragma once
// A session's subscriptions: full filter text → options, in filter order.
//
// Most sessions have none or a few, and every session pays for the empty container: an
// std::map cost 48 bytes empty and an 80-byte node per subscription. Here up to kFlatMax
// subscriptions are a sorted vector (32 bytes empty, 40 per subscription in one allocation);
// past that they move into an std::map, so a session with 100,000 filters does not pay a
// vector's O(n) insert for each. Back to the vector when the map shrinks to kFlatMax / 2.

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "worker/broker/subscriber_list.h"

namespace mm::broker {

class SubscriptionMap {
  using Entry = std::pair<std::string, SubOptions>;
  using Flat = std::vector<Entry>;
  using Big = std::map<std::string, SubOptions, std::less<>>;

 public:
  static constexpr size_t kFlatMax = 32;

  // Yields std::pair<const std::string&, const SubOptions&>: `for (const auto& [f, o] : m)`.
  class const_iterator {
   public:
    std::pair<const std::string&, const SubOptions&> operator*() const {
      if (big_) return {b_->first, b_->second};
      return {f_->first, f_->second};
    }
    const_iterator& operator++() {
      if (big_) {
        ++b_;
      } else {
        ++f_;
      }
      return *this;
    }
    bool operator==(const const_iterator& o) const { return big_ ? b_ == o.b_ : f_ == o.f_; }

   private:
    friend class SubscriptionMap;
    explicit const_iterator(Flat::const_iterator f) : f_(f) {}
    explicit const_iterator(Big::const_iterator b) : b_(b), big_(true) {}
    Flat::const_iterator f_{};
    Big::const_iterator b_{};
    bool big_ = false;
  };

  SubscriptionMap() = default;
  SubscriptionMap(const SubscriptionMap&) = delete;
  SubscriptionMap& operator=(const SubscriptionMap&) = delete;

  const_iterator begin() const {
    return big_ ? const_iterator(big_->cbegin()) : const_iterator(flat_.cbegin());
  }
  const_iterator end() const {
    return big_ ? const_iterator(big_->cend()) : const_iterator(flat_.cend());
  }
  size_t size() const { return big_ ? big_->size() : flat_.size(); }
  bool empty() const { return size() == 0; }

  const SubOptions* find(std::string_view filter) const {
    if (big_) {
      auto it = big_->find(filter);
      return it == big_->end() ? nullptr : &it->second;
    }
    auto it = position(filter);
    return it != flat_.end() && it->first == filter ? &it->second : nullptr;
  }
  bool contains(std::string_view filter) const { return find(filter) != nullptr; }

  // Adds the filter, or replaces its options; true when it was not there.
  bool insert_or_assign(std::string_view filter, const SubOptions& o) {
    if (big_) return big_->insert_or_assign(std::string(filter), o).second;
    auto it = position(filter);
    if (it != flat_.end() && it->first == filter) {
      it->second = o;
      return false;
    }
    if (flat_.size() < kFlatMax) {
      flat_.emplace(it, std::string(filter), o);
      return true;
    }
    widen();
    return big_->emplace(std::string(filter), o).second;
  }
  // Adds the filter unless it is there; true when added.
  bool insert(std::string_view filter, const SubOptions& o) {
    if (contains(filter)) return false;
    return insert_or_assign(filter, o);
  }
  // True when it was there.
  bool erase(std::string_view filter) {
    if (big_) {
      auto it = big_->find(filter);
      if (it == big_->end()) return false;
      big_->erase(it);
      if (big_->size() <= kFlatMax / 2) narrow();
      return true;
    }
    auto it = position(filter);
    if (it == flat_.end() || it->first != filter) return false;
    flat_.erase(it);
    if (flat_.empty()) Flat().swap(flat_);  // an emptied session holds no storage
    return true;
  }
  void clear() {
    Flat().swap(flat_);
    big_.reset();
  }
  void swap(SubscriptionMap& o) noexcept {
    flat_.swap(o.flat_);
    big_.swap(o.big_);
  }
  bool is_flat() const { return !big_; }  // for tests

 private:
  Flat::iterator position(std::string_view filter) {
    return std::lower_bound(flat_.begin(), flat_.end(), filter,
                            [](const Entry& e, std::string_view f) { return e.first < f; });
  }
  Flat::const_iterator position(std::string_view filter) const {
    return std::lower_bound(flat_.begin(), flat_.end(), filter,
                            [](const Entry& e, std::string_view f) { return e.first < f; });
  }
  void widen() {
    big_ = std::make_unique<Big>();
    for (Entry& e : flat_) big_->emplace_hint(big_->end(), std::move(e.first), e.second);
    Flat().swap(flat_);
  }
  void narrow() {
    flat_.reserve(big_->size());
    for (auto& [filter, o] : *big_) flat_.emplace_back(filter, o);
    big_.reset();
  }

  Flat flat_;                 // sorted by filter, while not big_
  std::unique_ptr<Big> big_;  // past kFlatMax subscriptions
};

}  // namespace mm::broker
