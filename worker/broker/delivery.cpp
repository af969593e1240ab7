// Delivery: from one message to every matching subscription, through each session's in-flight
// window and queue, to the bytes of each connection.

#include <algorithm>

#include "common/log.h"
#include "worker/broker/broker.h"

namespace mm::broker {

size_t Broker::window(const Session& s) const {
  size_t w = settings_.max_inflight_messages;
  if (s.client != nullptr) w = std::min<size_t>(w, s.client->receive_maximum);
  return w;
}

// Merges the overlapping subscriptions of each session into one delivery (highest QoS, every
// Subscription Identifier [MQTT-3.3.4-3..5]); a shared group gives the message to one member.
// A session's match_slot is its entry in matched_ only when that entry names it: a stale slot
// from an earlier message is out of range or names another session, so nothing needs
// resetting between messages.
size_t Broker::deliver_local(Outgoing& msg, const std::vector<SharedTarget>* groups) {
  const WireSeed seed = std::exchange(wire_seed_, {});  // for this message, not a nested one
  matched_.clear();
  match_ids_.clear();
  shared_picks_.clear();
  const MessageView& m = msg.view();
  index_.match(
      m.topic, msg.topic_hash(),
      [&](SessionId id, const SubOptions& o) {
        Session* s = Session::from_id(id);
        if (o.no_local && s->client_id == m.origin) return;  // [MQTT-3.8.3-3]
        if (s->match_slot >= matched_.size() || matched_[s->match_slot].session != s) {
          s->match_slot = static_cast<uint32_t>(matched_.size());
          matched_.push_back({s, 0, false});
        }
        Match& e = matched_[s->match_slot];
        e.qos = std::max(e.qos, o.max_qos);
        e.retain = e.retain || o.retain_as_published;
        if (o.subscription_id != 0) match_ids_.emplace_back(s->match_slot, o.subscription_id);
      },
      [&](SharedGroup& g) {
        if (groups != nullptr && std::none_of(groups->begin(), groups->end(), [&](auto& t) {
              return t.group == g.name() && t.filter == g.filter();
            })) {
          return;  // another worker has this message for the group
        }
        auto online = [](SessionId id) { return Session::from_id(id)->online(); };
        const Subscriber* pick = nullptr;
        if (settings_.shared_subscription_strategy == SharedStrategy::random) {
          pick = g.pick_random(rng_, online);
          if (pick == nullptr) pick = g.pick_random(rng_);
        } else {
          pick = g.pick_round_robin(online);
          if (pick == nullptr) pick = g.pick_round_robin();  // all offline: queue for one
        }
        if (pick != nullptr) shared_picks_.emplace_back(Session::from_id(pick->id), pick->options);
      });
  // Each entry's identifiers together, in the order of its subscriptions' matches.
  if (match_ids_.size() > 1) {
    std::stable_sort(match_ids_.begin(), match_ids_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  size_t next_id = 0;
  // Deliveries may end a connection and so publish a will (a nested deliver_local): that one
  // takes a number of its own and leaves none, so what follows here encodes afresh.
  wire_epoch_ = ++wire_epochs_;
  if (seed.form >= 0) {
    SharedWire& w = wire_[static_cast<size_t>(seed.form)];
    w.epoch = wire_epoch_;
    w.view = seed.bytes;
  }
  for (uint32_t i = 0; i < matched_.size(); ++i) {
    ids_.clear();
    for (; next_id < match_ids_.size() && match_ids_[next_id].first == i; ++next_id) {
      ids_.push_back(match_ids_[next_id].second);
    }
    const Match& e = matched_[i];
    deliver(*e.session, msg, std::min(m.qos, e.qos), e.retain && m.retain, ids_);
  }
  for (auto& [s, o] : shared_picks_) {
    uint32_t id = o.subscription_id;
    std::span<const uint32_t> ids =
        id != 0 ? std::span<const uint32_t>(&id, 1) : std::span<const uint32_t>();
    deliver(*s, msg, std::min(m.qos, o.max_qos), o.retain_as_published && m.retain, ids);
  }
  wire_epoch_ = 0;
  return matched_.size() + shared_picks_.size();
}

void Broker::deliver(Session& s, Outgoing& msg, uint8_t qos, bool retain,
                     std::span<const uint32_t> ids) {
  if (expired(msg.view(), now())) {
    stats_.publish_dropped++;
    return;
  }
  // Straight out when nothing waits ahead of it (order per topic is kept [MQTT-4.6.0-*]) and,
  // for QoS 1/2, the window has room; else behind the others.
  if (s.online() && s.queue.empty()) {
    if (qos == 0) {
      Delivery d;
      d.retain = retain;
      d.subscription_ids = ids;
      write_publish(*s.client, msg.view(), d);
      return;
    }
    if (s.inflight.size() < window(s)) {
      Inflight& f = s.inflight.emplace_back();
      f.packet_id = s.allocate_packet_id();
      f.msg = msg.message();
      f.qos = qos;
      f.retain = retain;
      f.subscription_ids.assign(ids.begin(), ids.end());
      if (!send_inflight(*s.client, f, false)) s.inflight.pop_back();
      return;
    }
  }
  if (!queues(s, qos)) return;  // before the Message is made for nothing
  enqueue(s, msg.message(), qos, retain, ids);
}

// The offline queue (and the queue behind a full window), bounded by max_queued_messages and
// max_queued_bytes. Policy when full: the arriving message is dropped, counted and logged.
void Broker::enqueue(Session& s, const MessagePtr& msg, uint8_t qos, bool retain,
                     std::span<const uint32_t> ids) {
  if (!queues(s, qos)) return;
  size_t weight = msg->weight();
  if (s.queue.size() >= settings_.max_queued_messages ||
      s.queued_bytes + weight > settings_.max_queued_bytes) {
    stats_.publish_dropped++;
    common::log_peer(common::LogLevel::warn,
                     "%s: queue full (%zu messages, %llu bytes): message on %s dropped",
                     s.client_id.c_str(), s.queue.size(),
                     static_cast<unsigned long long>(s.queued_bytes), msg->topic.c_str());
    return;
  }
  s.queued_bytes += weight;
  s.queue.push_back(Pending{msg, qos, retain, std::vector<uint32_t>(ids.begin(), ids.end())});
}

// Moves queued messages into the window while it has room.
void Broker::pump(Session& s) {
  while (s.online() && !s.queue.empty()) {
    Pending& p = s.queue.front();
    if (p.qos > 0 && s.inflight.size() >= window(s)) return;
    Pending next = std::move(p);
    s.queue.pop_front();
    s.queued_bytes -= next.msg->weight();
    if (expired(*next.msg, now())) {
      stats_.publish_dropped++;
      continue;
    }
    if (next.qos == 0) {
      Delivery d;
      d.retain = next.retain;
      d.subscription_ids = next.subscription_ids;
      write_publish(*s.client, *next.msg, d);
      continue;
    }
    Inflight& f = s.inflight.emplace_back();
    f.packet_id = s.allocate_packet_id();
    f.msg = std::move(next.msg);
    f.qos = next.qos;
    f.retain = next.retain;
    f.subscription_ids = std::move(next.subscription_ids);
    if (!send_inflight(*s.client, f, false)) s.inflight.pop_back();
  }
}

// After a session resumes: every unacknowledged PUBLISH again with DUP, and PUBREL for those
// already received [MQTT-4.4.0-1]; then what queued up meanwhile.
void Broker::resend_inflight(Session& s) {
  for (size_t i = 0; i < s.inflight.size();) {
    Inflight& f = s.inflight[i];
    if (f.released) {
      mqtt::Pubrel rel;
      rel.packet_id = f.packet_id;
      send(*s.client, rel);
    } else if (!send_inflight(*s.client, f, true)) {
      s.inflight.erase(s.inflight.begin() + static_cast<long>(i));
      continue;
    }
    ++i;
  }
  pump(s);
}

// False when the client cannot take it (over its Maximum Packet Size): the caller drops it
// from the window, as if delivered [MQTT-3.1.2-25].
bool Broker::send_inflight(Client& c, const Inflight& f, bool dup) {
  Delivery d;
  d.qos = f.qos;
  d.retain = f.retain;
  d.packet_id = f.packet_id;
  d.dup = dup;
  d.subscription_ids = f.subscription_ids;
  return write_publish(c, *f.msg, d);
}

// Encodes one PUBLISH for one client, with a topic alias where the client allows them.
// False when the packet exceeds the client's Maximum Packet Size: not sent, counted.
template <typename M>
bool Broker::write_publish(Client& c, const M& m, Delivery d) {
  bool new_alias = false;
  if (c.topic_alias_maximum > 0 && mqtt::is_v5(c.version)) {
    auto& known = c.topic_aliases().out;
    auto it = known.find(m.topic);
    if (it != known.end()) {
      d.topic_alias = it->second;
      d.alias_only = true;
    } else if (known.size() < c.topic_alias_maximum) {
      d.topic_alias = static_cast<uint16_t>(known.size() + 1);
      new_alias = true;
    }
  }
  std::span<const uint8_t> bytes;
  if (wire_epoch_ != 0 && d.qos == 0 && d.topic_alias == 0 && d.subscription_ids.empty()) {
    SharedWire& w = wire_[(mqtt::is_v5(c.version) ? 2 : 0) + (d.retain ? 1 : 0)];
    if (w.epoch != wire_epoch_) {
      w.bytes.clear();
      encode_delivery(m, d, c.version, now(), w.bytes);
      w.epoch = wire_epoch_;
      w.view = w.bytes;
    }
    bytes = w.view;
  } else {
    scratch_.clear();
    encode_delivery(m, d, c.version, now(), scratch_);
    bytes = scratch_;
  }
  const size_t n = bytes.size();
  if (c.maximum_packet_size != 0 && n > c.maximum_packet_size) {
    stats_.publish_dropped++;
    common::log_peer(common::LogLevel::info, "%s: %zu-byte PUBLISH over its Maximum Packet Size",
                     c.client_id().c_str(), n);
    return false;
  }
  if (new_alias) c.aliases->out.emplace(m.topic, d.topic_alias);
  stats_.publish_sent++;
  send_bytes(c, bytes);
  return true;
}

}  // namespace mm::broker
