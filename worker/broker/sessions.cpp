// Sessions after their connection: the will (now, or after the Will Delay Interval unless the
// session resumes), the Session Expiry Interval, and the end of a session.

#include "common/log.h"
#include "common/mqtt/topic.h"
#include "worker/broker/broker.h"

namespace mm::broker {

// The connection of `c` is gone: its will is published or scheduled [MQTT-3.1.2-8], and its
// session either ends now (expiry 0) or waits offline.
void Broker::detach(Client& c) {
  Session& s = *c.session;
  s.client = nullptr;
  c.session = nullptr;
  MessagePtr will = std::move(c.will);
  bool ends = s.expiry_interval == 0;
  if (will && !stopping_) {
    if (c.will_delay == 0 || ends) {
      publish_will(will);
    } else {
      Session::Rare& r = s.rare();
      r.pending_will = std::move(will);
      r.will_at = now() + static_cast<uint64_t>(c.will_delay) * 1000;
    }
  }
  if (ends) {
    end_session(s);
    return;
  }
  if (s.expiry_interval != kNeverExpires) {
    s.rare().expires_at = now() + static_cast<uint64_t>(s.expiry_interval) * 1000;
  }
  schedule(s);
}

void Broker::schedule(Session& s) {
  const Session::Rare& r = s.rare_or_none();
  if (r.pending_will) wills_.emplace(r.will_at, &s);
  if (r.expires_at != 0) expiries_.emplace(r.expires_at, &s);
}

void Broker::unschedule(Session& s) {
  if (!s.rare_) return;
  Session::Rare& r = *s.rare_;
  if (r.pending_will) wills_.erase({r.will_at, &s});
  if (r.expires_at != 0) expiries_.erase({r.expires_at, &s});
  r.expires_at = 0;
}

void Broker::drop_subscriptions(Session& s) {
  for (const auto& [filter, o] : s.subscriptions) unindex(s, filter);
  s.subscriptions.clear();
}

// The session is over: its subscriptions go, a will still waiting is published now (the
// session's end comes before the delay [MQTT-3.1.2-8]), and it is forgotten.
void Broker::end_session(Session& s) {
  unschedule(s);
  drop_subscriptions(s);
  MessagePtr will = s.rare_ ? std::move(s.rare_->pending_will) : nullptr;
  sessions_.erase(sessions_.find(s.client_id));  // destroys s
  if (will && !stopping_) publish_will(will);
}

void Broker::publish_will(const MessagePtr& will) {
  if (will->retain) retain(will);
  route(will, will->retain);
}

void Broker::tick() {
  uint64_t t = now();
  while (!wills_.empty() && wills_.begin()->first <= t) {
    Session* s = wills_.begin()->second;
    wills_.erase(wills_.begin());
    MessagePtr will = std::move(s->rare().pending_will);
    if (will) publish_will(will);
  }
  while (!expiries_.empty() && expiries_.begin()->first <= t) {
    Session* s = expiries_.begin()->second;
    LOG_DEBUG("session %s expired", s->client_id.c_str());
    end_session(*s);
  }
  if (arrivals_.size() != 0) arrivals_.expire(t);
}

}  // namespace mm::broker
