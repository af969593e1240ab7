#include "worker/broker/subscriber_list.h"

namespace mm::broker {

bool SubscriberList::upsert(SessionId id, const SubOptions& options) {
  const size_t at = position(id);
  if (at != kNotFound) {
    items_[at].options = options;
    return false;
  }
  items_.push_back({id, options});
  if (index_) {
    index_->emplace(id, items_.size() - 1);
  } else if (items_.size() >= kIndexFrom) {
    build_index();
  }
  return true;
}

bool SubscriberList::remove(SessionId id) {
  const size_t at = position(id);
  if (at == kNotFound) return false;
  if (index_) index_->erase(id);
  if (at + 1 != items_.size()) {
    items_[at] = items_.back();
    if (index_) (*index_)[items_[at].id] = at;
  }
  items_.pop_back();
  // Hysteresis: a list hovering around kIndexFrom does not rebuild its index every time.
  if (index_ && items_.size() < kIndexFrom / 2) index_.reset();
  return true;
}

const SubOptions* SubscriberList::find(SessionId id) const noexcept {
  const size_t at = position(id);
  return at == kNotFound ? nullptr : &items_[at].options;
}

size_t SubscriberList::position(SessionId id) const noexcept {
  if (index_) {
    const auto it = index_->find(id);
    return it == index_->end() ? kNotFound : it->second;
  }
  for (size_t i = 0; i < items_.size(); ++i) {
    if (items_[i].id == id) return i;
  }
  return kNotFound;
}

void SubscriberList::build_index() {
  index_ = std::make_unique<std::unordered_map<SessionId, size_t>>();
  index_->reserve(items_.size() * 2);
  for (size_t i = 0; i < items_.size(); ++i) index_->emplace(items_[i].id, i);
}

}  // namespace mm::broker
