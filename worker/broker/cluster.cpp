// One broker across the workers. Each client id has one home slot (home.h) where its session
// lives; a connection accepted elsewhere is handed there after CONNECT. Publishes reach the
// other workers through the route table (route_table.h); retained messages are kept by every
// worker; sessions move when the serving slots change. ARCHITECTURE.md has the whole design.

#include <algorithm>

#include "common/log.h"
#include "common/mqtt/topic.h"
#include "config/table.h"
#include "worker/broker/broker.h"
#include "worker/broker/home.h"

namespace mm::broker {
namespace {

constexpr uint64_t kMovedGraceMs = 5000;
// A session that arrived is remembered for longer than its old home sends after it, so that
// all it sends finds the record (arrivals.h).
constexpr uint64_t kArrivalMemoryMs = 2 * kMovedGraceMs;

static_assert(config::kMaxWorkers <= kBusMaxSlots, "a forwarded publish can name every slot");

}  // namespace

unsigned Broker::home_of(std::string_view client_id) const {
  if (bus_ == nullptr) return self_;
  return home_slot(client_id, bus_->members(), self_);
}

// After CONNECT: a client id whose home is another worker goes there with its socket. True
// when the connection is no longer this worker's business (handed over, or refused because
// the home cannot be reached).
bool Broker::hand_to_home(Client& c, const std::string& client_id) {
  unsigned home = home_of(client_id);
  if (home == self_) return false;
  if (c.conn->hops() < 2 && c.conn->hand_over(home)) {
    LOG_DEBUG("%s (%s): handed to slot %u", c.conn->peer().c_str(), client_id.c_str(), home);
    c.gone = true;
    return true;
  }
  // Views of the members differ for a moment (a worker just died or started): try again.
  common::log_peer(common::LogLevel::info, "%s (%s): home slot %u unreachable",
                   c.conn->peer().c_str(), client_id.c_str(), home);
  connack_refused(c, mqtt::ReasonCode::server_unavailable, "try again");
  return true;
}

// Queues the encoding of `v` to every peer that gets it, and delivers here (with the Message
// make() gives, made only if a delivery keeps it). Delivery comes last: a delivery may route
// a message of its own (a will), which reuses the members used here.
template <class Make>
size_t Broker::route_view(const MessageView& v, bool store, Make&& make) {
  Outgoing out(v, make);
  picks_.clear();
  std::mt19937_64* rng =
      settings_.shared_subscription_strategy == SharedStrategy::random ? &rng_ : nullptr;
  const SlotSet& slots = routes_.match(
      v.topic, out.topic_hash(), rng,
      [&](unsigned slot, std::string_view group, std::string_view filter) {
        picks_.push_back({slot, SharedTarget{std::string(group), std::string(filter)}});
      });
  auto picked = [&](unsigned slot) {
    return std::any_of(picks_.begin(), picks_.end(),
                       [&](const auto& p) { return p.first == slot; });
  };
  auto targets_for = [&](unsigned slot) -> std::vector<SharedTarget>& {
    targets_.clear();
    for (auto& [s, t] : picks_) {
      if (s == slot) targets_.push_back(t);
    }
    return targets_;
  };
  // Numbered, with the slots it goes to for delivery: a moved session's old home needs both
  // (forward_moved).
  trace_.seq = ++publish_seq_;
  trace_.sent_to.clear();
  arrivals_.heard(self_, trace_.seq);
  for (unsigned peer : peers_) {
    if (slots.contains(peer) || picked(peer)) trace_.sent_to.add(peer);
  }
  const bool here = slots.contains(self_) || picked(self_);
  size_t n = 0;
  // Encoded once and the same bytes queued to every peer that gets the same flags and no
  // shared-group pick of its own (all of them, but for shared subscriptions).
  int encoded_flags = -1;  // the flags bus_out_ holds an encoding for; -1: none
  for (unsigned peer : peers_) {
    const bool deliver = trace_.sent_to.contains(peer);
    if (!deliver && !store) continue;
    std::vector<SharedTarget>& theirs = targets_for(peer);
    const uint8_t flags =
        static_cast<uint8_t>((deliver ? kBusDeliver : 0) | (store ? kBusStoreRetained : 0));
    if (!theirs.empty() || encoded_flags != flags) {
      bus_out_.clear();
      encode_publish(v, flags, trace_, theirs, now(), bus_out_);
      encoded_flags = theirs.empty() ? flags : -1;
    }
    bus_->send(peer, bus_out_);
    n += deliver ? 1 : 0;
  }
  if (here) n += deliver_local(out, &targets_for(self_));
  return n;
}

size_t Broker::route(const MessagePtr& msg, bool store) {
  if (!clustered()) return deliver_local(msg, nullptr);
  return route_view(view_of(*msg), store, [&]() -> const MessagePtr& { return msg; });
}

size_t Broker::route_publish(const mqtt::Publish& p, std::string_view topic,
                             std::string_view origin) {
  const MessageView v = view_of(p, topic, origin, now(), user_properties_);
  auto make = [&] { return make_message(p, topic, origin, now()); };
  if (!clustered()) {
    Outgoing out(v, make);
    return deliver_local(out, nullptr);
  }
  return route_view(v, false, make);
}

void Broker::receive_publish(uint8_t flags, Outgoing& msg, std::vector<SharedTarget>& shared,
                             const PublishTrace& trace, unsigned from) {
  arrivals_.heard(from, trace.seq);
  if (flags & kBusStoreRetained) retain(msg.message());
  if (flags & kBusDeliver) {
    deliver_local(msg, &shared);
    if (!moved_.empty()) forward_moved(msg.view(), from, trace);
  }
}

// A grace period after a session moved: what other workers still route here for it follows
// it to its new home, for it alone. The new home may have had the publish directly too (the
// worker that routed it sent it there as well, or is the new home): a worker that gets a
// publish matches it against all its sessions, so the moved one had it, unless the publish
// got there before the session did. Only the new home can tell (arrivals.h), so the message
// goes with where the publish came from and whether the new home had it directly.
void Broker::forward_moved(const MessageView& msg, unsigned from, const PublishTrace& trace) {
  uint64_t t = now();
  while (!moved_.empty() && moved_.front().until <= t) moved_.pop_front();
  std::map<unsigned, std::vector<std::string>> to;
  for (const Moved& m : moved_) {
    for (const std::string& f : m.filters) {
      if (!mqtt::topic_matches(f, msg.topic)) continue;
      to[m.home].push_back(m.client_id);
      break;
    }
  }
  for (auto& [home, ids] : to) {
    // A session that moved back and forth lately has a record for each move: one copy.
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    const DeliverOrigin origin{from, trace.seq, home == from || trace.sent_to.contains(home)};
    bus_out_.clear();
    encode_deliver_to(ids, origin, msg, t, bus_out_);
    bus_->send(home, bus_out_);
  }
}

// Messages that followed moved sessions: each to its session's matching subscriptions, merged;
// not to a session that had it here directly.
void Broker::deliver_to(const BusMessage& m) {
  const Message& msg = *m.message;
  for (const std::string& id : m.client_ids) {
    if (m.origin.direct && arrivals_.matched_here(id, m.origin.slot, m.origin.seq)) continue;
    auto it = sessions_.find(id);
    if (it == sessions_.end()) continue;
    Session& s = **it;
    bool any = false;
    uint8_t qos = 0;
    bool retain_flag = false;
    std::vector<uint32_t> ids;
    for (const auto& [filter, o] : s.subscriptions) {
      if (mqtt::parse_shared(filter) || !mqtt::topic_matches(filter, msg.topic)) continue;
      if (o.no_local && s.client_id == msg.origin) continue;
      any = true;
      qos = std::max(qos, o.max_qos);
      retain_flag = retain_flag || o.retain_as_published;
      if (o.subscription_id != 0) ids.push_back(o.subscription_id);
    }
    if (any) deliver(s, m.message, std::min(msg.qos, qos), retain_flag && msg.retain, ids);
  }
}

// The local count of subscriptions to `filter` went 0 → 1 or 1 → 0: the route table changes
// here and at every peer.
// Without peers nothing reads the route table (a publish is delivered here), so a lone worker
// keeps neither routes nor filter counts, about 300 bytes per distinct filter, and builds
// them from its sessions when its first peer comes up (build_routes).
void Broker::route_ref(std::string_view filter, bool add) {
  if (!clustered()) return;
  std::string key(filter);
  if (add) {
    if (local_filters_[key]++ != 0) return;
    routes_.add(self_, filter);
  } else {
    auto it = local_filters_.find(key);
    if (it == local_filters_.end() || --it->second != 0) return;
    local_filters_.erase(it);
    routes_.remove(self_, filter);
  }
  announce_route(add, filter);
}

void Broker::announce_route(bool add, std::string_view filter) {
  if (!clustered()) return;
  ++route_changes_;
  bus_out_.clear();
  encode_route(add, filter, bus_out_);
  for (unsigned peer : peers_) bus_->send(peer, bus_out_);
}

bool Broker::add_subscription(Session& s, const std::string& filter, const SubOptions& o) {
  auto shared = mqtt::parse_shared(filter);
  bool is_new = shared ? index_.subscribe_shared(shared->group, shared->filter, s.id(), o)
                       : index_.subscribe(filter, s.id(), o);
  s.subscriptions.insert_or_assign(filter, o);
  if (is_new) route_ref(filter, true);
  return is_new;
}

// Takes one of the session's filters out of the index (the caller updates s.subscriptions).
void Broker::unindex(Session& s, std::string_view filter) {
  bool existed = false;
  if (auto shared = mqtt::parse_shared(filter)) {
    existed = index_.unsubscribe_shared(shared->group, shared->filter, s.id());
  } else {
    existed = index_.unsubscribe(filter, s.id());
  }
  if (existed) route_ref(filter, false);
}

void Broker::build_routes() {
  for (const auto& s : sessions_) {
    for (const auto& [filter, options] : s->subscriptions) {
      if (local_filters_[filter]++ == 0) routes_.add(self_, filter);
    }
  }
}

void Broker::on_peer_up(unsigned slot) {
  if (peers_.empty()) build_routes();
  if (std::find(peers_.begin(), peers_.end(), slot) == peers_.end()) peers_.push_back(slot);
  // The new peer learns our routes; a worker that has just started asks one peer for the
  // retained messages (every worker keeps them all).
  for (const auto& [filter, count] : local_filters_) {
    bus_out_.clear();
    encode_route(true, filter, bus_out_);
    bus_->send(slot, bus_out_);
  }
  if (!retained_synced_) {
    retained_synced_ = true;
    bus_out_.clear();
    encode_retained_request(bus_out_);
    bus_->send(slot, bus_out_);
  }
}

void Broker::on_peer_down(unsigned slot) {
  std::erase(peers_, slot);
  routes_.drop_slot(slot);
  if (peers_.empty()) {  // alone again: see route_ref
    local_filters_.clear();
    routes_.drop_slot(self_);
  }
  std::vector<uint64_t> tokens;
  for (auto& [token, b] : barriers_) tokens.push_back(token);
  for (uint64_t token : tokens) barrier_reached(token, slot);
}

void Broker::after_peers_know(Client& c, std::function<void(Client&)> then) {
  if (!clustered()) return then(c);
  after_sync(c, peers_, false, std::move(then));
}

// Runs `then` when every slot has answered a sync sent now, i.e. has handled everything this
// worker sent it before (links are ordered), or has gone. It does nothing for a connection
// that has closed meanwhile, nor, unless `closing` (a moving session's connection, gone on
// purpose), for one that is closing: a SUBACK barrier must not answer a client that left.
void Broker::after_sync(Client& c, std::vector<unsigned> slots, bool closing,
                        std::function<void(Client&)> then) {
  uint64_t token = ++next_token_;
  bus_out_.clear();
  encode_sync(false, token, bus_out_);
  for (unsigned peer : slots) bus_->send(peer, bus_out_);
  barriers_.emplace(token, Barrier{&c, std::move(slots), std::move(then), closing});
}

void Broker::barrier_reached(uint64_t token, unsigned slot) {
  auto it = barriers_.find(token);
  if (it == barriers_.end()) return;
  std::erase(it->second.waiting, slot);
  if (!it->second.waiting.empty()) return;
  Barrier b = std::move(it->second);
  barriers_.erase(it);
  if (b.client != nullptr && (!b.client->gone || b.closing)) b.then(*b.client);
}

void Broker::send_retained_to(unsigned slot) {
  retained_.for_each([&](std::string_view, MessagePtr& m) {
    bus_out_.clear();
    encode_publish(*m, kBusStoreRetained, PublishTrace{++publish_seq_, {}}, {}, now(), bus_out_);
    bus_->send(slot, bus_out_);
  });
}

void Broker::on_peer_message(unsigned slot, std::span<const uint8_t> bytes) {
  if (bus_kind(bytes) == static_cast<uint8_t>(BusKind::publish)) {
    // The hot case, decoded without a BusMessage.
    if (!decode_publish(bytes, now(), &bus_in_)) {
      LOG_ERROR("bus: undecodable publish (%zu bytes) from slot %u", bytes.size(), slot);
      return;
    }
    // A view of the frame, made a Message only if a delivery keeps it.
    const MessageView& v = bus_in_.message;
    auto make = [&] { return make_message(v); };
    Outgoing out(v, make);
    receive_publish(bus_in_.flags, out, bus_in_.shared, bus_in_.trace, slot);
    return;
  }
  BusMessage m;
  if (!decode_bus(bytes, now(), &m)) {
    LOG_ERROR("bus: undecodable message (%zu bytes) from slot %u", bytes.size(), slot);
    return;
  }
  switch (m.kind) {
    case BusKind::route_add:
      routes_.add(slot, m.filter);
      break;
    case BusKind::route_del:
      routes_.remove(slot, m.filter);
      break;
    case BusKind::publish: {
      Outgoing out(m.message);
      receive_publish(m.flags, out, m.shared, m.trace, slot);
      break;
    }
    case BusKind::retained_request:
      send_retained_to(slot);
      break;
    case BusKind::session:
      adopt_session(std::move(m.session));
      break;
    case BusKind::sync:
      bus_out_.clear();
      encode_sync(true, m.token, bus_out_);
      bus_->send(slot, bus_out_);
      break;
    case BusKind::sync_ack:
      barrier_reached(m.token, slot);
      break;
    case BusKind::route_moved:
      routes_.add(m.slot, m.filter);
      break;
    case BusKind::deliver_to:
      deliver_to(m);
      break;
  }
}

// The serving slots changed: every session whose home is now another slot moves there.
void Broker::on_members() {
  rebalance();
}

void Broker::rebalance() {
  if (bus_ == nullptr || bus_->members().empty()) return;
  std::vector<std::pair<Session*, unsigned>> moving;
  for (const auto& s : sessions_) {
    unsigned home = home_of(s->client_id);
    if (home != self_ && bus_->linked(home)) moving.emplace_back(s.get(), home);
  }
  if (!moving.empty()) {
    LOG_INFO("%zu sessions move to their new home slots", moving.size());
  }
  for (auto& [s, home] : moving) migrate(*s, home);
}

// A session leaves for `home`. A connected client is detached first, as on any server-side
// close, its will included, and its input is ignored from then on; it is disconnected (5.0:
// DISCONNECT 0x8B) only when the new home has answered a sync sent after the session, so
// the client, reconnecting at once, finds the session waiting there (session present 1) with
// its subscriptions, window and queue, never a new one that the state merges into later.
void Broker::migrate(Session& s, unsigned home) {
  std::string id = s.client_id;
  Client* c = s.client;
  if (c != nullptr) {
    detach(*c);
    c->gone = true;
  }
  auto it = sessions_.find(id);
  if (it == sessions_.end()) {  // it ended with its connection (Session Expiry 0)
    if (c != nullptr) disconnect_moved(*c);
    return;
  }
  Session& left = **it;
  bus_out_.clear();
  encode_session(left, now(), bus_out_);
  bus_->send(home, bus_out_);
  // Every other worker switches its routes for these filters to the new home in one step
  // (this link is ordered: the switch comes before this worker's withdrawal below).
  Moved moved{id, home, now() + kMovedGraceMs, {}};
  for (const auto& [filter, o] : left.subscriptions) {
    routes_.add(home, filter);
    bus_out_.clear();
    encode_route_moved(home, filter, bus_out_);
    for (unsigned peer : peers_) {
      if (peer != home) bus_->send(peer, bus_out_);
    }
    if (!mqtt::parse_shared(filter)) moved.filters.push_back(filter);
  }
  if (!moved.filters.empty()) moved_.push_back(std::move(moved));
  unschedule(left);
  for (const auto& [filter, o] : left.subscriptions) unindex(left, filter);
  sessions_.erase(it);
  if (c != nullptr) {
    c->moving = true;
    after_sync(*c, {home}, true, [this](Client& m) { disconnect_moved(m); });
  }
}

// The connection of a session that moved to another worker: told (5.0: 0x8B) and closed.
void Broker::disconnect_moved(Client& c) {
  c.moving = false;
  say_shutting_down(c);
  c.conn->close();
}

// A session arrives from its old home. If the client got here first (it reconnected before
// its state did), the state is merged in unless it asked for a clean start.
void Broker::adopt_session(std::unique_ptr<Session> in) {
  auto it = sessions_.find(in->client_id);
  if (it == sessions_.end() || !(*it)->clean_started) {
    arrivals_.arrived(in->client_id, now() + kArrivalMemoryMs);
  }
  if (it != sessions_.end()) {
    Session& s = **it;
    if (s.clean_started) return;
    for (const auto& [filter, o] : in->subscriptions) {
      if (!s.subscriptions.contains(filter)) add_subscription(s, filter, o);
    }
    for (Inflight& f : in->inflight) {
      if (!f.released) enqueue(s, f.msg, f.qos, f.retain, f.subscription_ids);
    }
    for (Pending& p : in->queue) enqueue(s, p.msg, p.qos, p.retain, p.subscription_ids);
    if (s.online()) pump(s);
    return;
  }
  Session& s = **sessions_.insert(std::move(in)).first;
  SubscriptionMap subs;
  subs.swap(s.subscriptions);
  for (const auto& [filter, o] : subs) add_subscription(s, filter, o);
  schedule(s);
  unsigned home = home_of(s.client_id);
  if (home != self_ && bus_->linked(home)) migrate(s, home);  // the members moved on meanwhile
}

}  // namespace mm::broker
