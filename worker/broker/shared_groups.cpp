#include "worker/broker/shared_groups.h"

namespace mm::broker {

namespace {
constexpr size_t kNotFound = static_cast<size_t>(-1);
}

bool SharedGroup::add(SessionId id, const SubOptions& options) {
  const size_t at = position(id);
  if (at != kNotFound) {
    members_[at].options = options;
    return false;
  }
  members_.push_back({id, options});
  return true;
}

bool SharedGroup::remove(SessionId id) {
  const size_t at = position(id);
  if (at == kNotFound) return false;
  members_.erase(members_.begin() + static_cast<std::ptrdiff_t>(at));
  if (at < next_) --next_;
  if (next_ >= members_.size()) next_ = 0;
  return true;
}

const SubOptions* SharedGroup::find(SessionId id) const noexcept {
  const size_t at = position(id);
  return at == kNotFound ? nullptr : &members_[at].options;
}

size_t SharedGroup::position(SessionId id) const noexcept {
  for (size_t i = 0; i < members_.size(); ++i) {
    if (members_[i].id == id) return i;
  }
  return kNotFound;
}

}  // namespace mm::broker
