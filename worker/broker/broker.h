#pragma once
// The broker: the default Handler, a complete MQTT 3.1, 3.1.1 and 5.0 server for the
// connections of one worker. Packet handlers live one per file (handle_*.cpp); dispatch.cpp
// is the one place that maps every failure to its protocol outcome.

#include <uv.h>

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/mqtt/packets.h"
#include "common/shared_counters.h"
#include "worker/broker/arrivals.h"
#include "worker/broker/bus_codec.h"
#include "worker/broker/client.h"
#include "worker/broker/message.h"
#include "worker/broker/retained_store.h"
#include "worker/broker/route_table.h"
#include "worker/broker/session.h"
#include "worker/broker/settings.h"
#include "worker/broker/stats.h"
#include "worker/broker/subscription_index.h"
#include "worker/handler.h"

namespace mm::broker {

// What a packet handler asks of the dispatcher: carry on, or end the connection with a reason
// code (MQTT 5.0 peers get it in a DISCONNECT first; earlier levels get the close).
struct Outcome {
  mqtt::ReasonCode code = mqtt::ReasonCode::success;
  const char* reason = nullptr;
  bool ok() const { return code == mqtt::ReasonCode::success; }
  static Outcome fine() { return {}; }
};

class Broker final : public worker::Handler {
 public:
  Broker(const config::Config& cfg, const worker::WorkerInfo& info);
  ~Broker() override;

  void on_connect(worker::Connection& conn) override;
  void on_receive(worker::Connection& conn, std::span<const uint8_t> packet) override;
  void on_close(worker::Connection& conn) override;
  void on_timeout(worker::Connection& conn) override;
  void on_frame_error(worker::Connection& conn, bool too_large) override;
  bool on_shutdown(worker::Connection& conn) override;
  void on_stop() override;
  void on_config(const config::Config& cfg) override;
  void on_peer_up(unsigned slot) override;
  void on_peer_down(unsigned slot) override;
  void on_peer_message(unsigned slot, std::span<const uint8_t> msg) override;
  void on_members() override;

 private:
  // dispatch.cpp
  Outcome dispatch(Client& c, std::span<const uint8_t> packet);
  void fail(Client& c, const Outcome& o);
  void refuse_connect(Client& c, std::span<const uint8_t> packet, const mqtt::DecodeError& e);

  // handle_*.cpp, one per packet type
  Outcome handle_connect(Client& c, mqtt::Connect& p);
  Outcome handle_publish(Client& c, const mqtt::Publish& p, std::span<const uint8_t> packet);
  Outcome handle_puback(Client& c, const mqtt::Puback& p);
  Outcome handle_pubrec(Client& c, const mqtt::Pubrec& p);
  Outcome handle_pubrel(Client& c, const mqtt::Pubrel& p);
  Outcome handle_pubcomp(Client& c, const mqtt::Pubcomp& p);
  Outcome handle_subscribe(Client& c, const mqtt::Subscribe& p);
  Outcome handle_unsubscribe(Client& c, const mqtt::Unsubscribe& p);
  Outcome handle_pingreq(Client& c);
  Outcome handle_disconnect(Client& c, const mqtt::Disconnect& p);
  Outcome handle_auth(Client& c, const mqtt::Auth& p);

  // handle_connect.cpp
  void connack_refused(Client& c, mqtt::ReasonCode code, const char* reason);
  Session& open_session(const mqtt::Connect& p, bool* present);
  void take_over(Client& old);
  uint32_t session_expiry(const mqtt::Connect& p) const;

  // cluster.cpp: one broker across the workers (see ARCHITECTURE.md)
  bool clustered() const { return !peers_.empty(); }
  unsigned home_of(std::string_view client_id) const;
  // Sends `msg` to every matching subscription of every worker: here, and once to each other
  // slot the route table names; `store` also makes every worker keep it as retained. Returns
  // the sessions here plus the slots it went to.
  size_t route(const MessagePtr& msg, bool store = false);
  // route() for a PUBLISH that is not retained, making a Message only if it is delivered here
  // (one that only goes to other workers is encoded for them straight from the packet).
  size_t route_publish(const mqtt::Publish& p, std::string_view topic, std::string_view origin);
  template <class Make>
  size_t route_view(const MessageView& v, bool store, Make&& make);
  void forward(unsigned slot, const MessagePtr& msg, uint8_t flags);
  bool hand_to_home(Client& c, const std::string& client_id);
  void route_ref(std::string_view filter, bool add);
  void build_routes();  // this worker's routes and filter counts, from its sessions
  void announce_route(bool add, std::string_view filter);
  void receive_publish(uint8_t flags, Outgoing& msg, std::vector<SharedTarget>& shared,
                       const PublishTrace& trace, unsigned from);
  void send_retained_to(unsigned slot);
  void rebalance();
  void migrate(Session& s, unsigned home);
  void disconnect_moved(Client& c);
  void say_shutting_down(Client& c);
  void adopt_session(std::unique_ptr<Session> s);
  void forward_moved(const MessageView& msg, unsigned from, const PublishTrace& trace);
  void deliver_to(const BusMessage& m);
  // Runs `then` once every peer has processed what was sent to it so far (at once when there
  // are none): a SUBACK waits for the routes it announced, so that a publish made after it on
  // any worker reaches the new subscription.
  void after_peers_know(Client& c, std::function<void(Client&)> then);
  void after_sync(Client& c, std::vector<unsigned> slots, bool closing,
                  std::function<void(Client&)> then);
  void barrier_reached(uint64_t token, unsigned slot);

  // subscriptions: the index, the session's list and the route table together
  bool add_subscription(Session& s, const std::string& filter, const SubOptions& o);
  void unindex(Session& s, std::string_view filter);

  // delivery.cpp
  // Sends `msg` to the matching subscriptions of this worker's sessions; a shared group only
  // when `groups` names it (nullptr: every group). Returns how many sessions it was given to.
  size_t deliver_local(Outgoing& msg, const std::vector<SharedTarget>* groups);
  size_t deliver_local(const MessagePtr& msg, const std::vector<SharedTarget>* groups) {
    Outgoing out(msg);
    return deliver_local(out, groups);
  }
  void deliver(Session& s, Outgoing& msg, uint8_t qos, bool retain, std::span<const uint32_t> ids);
  void deliver(Session& s, const MessagePtr& msg, uint8_t qos, bool retain,
               std::span<const uint32_t> ids) {
    Outgoing out(msg);
    deliver(s, out, qos, retain, ids);
  }
  void enqueue(Session& s, const MessagePtr& msg, uint8_t qos, bool retain,
               std::span<const uint32_t> ids);
  // Whether enqueue keeps a message of `qos` for `s`: QoS 0 to an offline session only when
  // queue_qos0_messages says so.
  bool queues(const Session& s, uint8_t qos) const {
    return qos > 0 || s.online() || settings_.queue_qos0_messages;
  }
  void pump(Session& s);
  void resend_inflight(Session& s);
  size_t window(const Session& s) const;
  template <typename M>  // Message or MessageView; delivery.cpp alone uses it
  bool write_publish(Client& c, const M& m, Delivery d);
  bool send_inflight(Client& c, const Inflight& f, bool dup);

  // retain.cpp
  void retain(const MessagePtr& msg);
  void send_retained(Session& s, std::string_view filter, const SubOptions& o);

  // sessions.cpp
  void detach(Client& c);
  void end_session(Session& s);
  void drop_subscriptions(Session& s);
  void publish_will(const MessagePtr& will);
  void schedule(Session& s);
  void unschedule(Session& s);
  void tick();

  // sys.cpp
  void publish_sys();
  void store_stats();
  void load_stats();
  Stats server_stats() const;
  uint64_t server_total(common::Stat s) const;

  // Encodes and sends one packet to the client; counts it.
  template <typename P>
  void send(Client& c, const P& packet);
  // PUBACK, PUBREC, PUBREL or PUBCOMP (P) for `packet_id` with reason `code` and no properties.
  template <typename P>
  void send_ack(Client& c, uint16_t packet_id, mqtt::ReasonCode code);
  void send_bytes(Client& c, std::span<const uint8_t> bytes);
  uint64_t now() const { return uv_now(loop_); }

  BrokerSettings settings_;
  uv_loop_t* loop_;
  worker::PeerBus* bus_;
  common::SharedCounters* counters_;
  unsigned self_;
  uv_timer_t tick_timer_;
  uv_timer_t sys_timer_;
  bool stopping_ = false;

  SessionMap sessions_;
  SubscriptionIndex index_;
  RetainedStore<MessagePtr> retained_;
  // Offline deadlines: delayed wills and session expiries, by time.
  std::set<std::pair<uint64_t, Session*>> wills_;
  std::set<std::pair<uint64_t, Session*>> expiries_;

  // deliver_local's scratch: one entry per matching session (overlapping subscriptions
  // merged), and the Subscription Identifiers as (entry, id), kept here rather than in every
  // session.
  struct Match {
    Session* session;
    uint8_t qos;
    bool retain;
  };
  std::vector<Match> matched_;
  std::vector<std::pair<uint32_t, uint32_t>> match_ids_;
  std::vector<uint32_t> ids_;  // one entry's identifiers
  std::vector<std::pair<Session*, SubOptions>> shared_picks_;
  std::mt19937_64 rng_;
  // Between workers.
  std::vector<unsigned> peers_;  // slots with a link up
  RouteTable routes_;
  // Subscriptions per filter here; kept only while there are peers (see route_ref).
  std::unordered_map<std::string, uint32_t> local_filters_;
  bool retained_synced_ = false;  // asked a peer for its retained messages
  std::vector<std::pair<unsigned, SharedTarget>> picks_;
  std::vector<SharedTarget> targets_;
  std::vector<uint8_t> bus_out_;
  // The number of the last publish this worker routed. It starts from the monotonic clock
  // (ns), so a respawned worker numbers on above its predecessor (arrivals.h).
  uint64_t publish_seq_;
  PublishTrace trace_;                    // route_view: the publish being routed
  std::vector<uint8_t> user_properties_;  // route_publish: the view's User Properties
  BusPublish bus_in_;           // the forwarded publish being received (its vector is reused)
  uint64_t route_changes_ = 0;  // routes announced, ever
  // Sessions that left for another home lately: a publish routed here by a worker that had
  // not yet learnt of the move is sent after them.
  struct Moved {
    std::string client_id;
    unsigned home;
    uint64_t until;
    std::vector<std::string> filters;  // ordinary ones
  };
  std::deque<Moved> moved_;
  // Sessions that arrived from their old home lately: what it sends after them (deliver_to)
  // is told apart from what this worker delivered to them itself.
  Arrivals arrivals_;
  struct Barrier {
    Client* client;  // nullptr once it is gone
    std::vector<unsigned> waiting;
    std::function<void(Client&)> then;
    bool closing;  // `client` is a moving session's connection: runs although it is gone
  };
  std::map<uint64_t, Barrier> barriers_;
  uint64_t next_token_ = 0;
  mqtt::Buffer scratch_;
  // The PUBLISH of deliver_local's message as every subscriber that gets the same bytes gets
  // it (QoS 0, no topic alias, no Subscription Identifier): encoded once per form, by 5.0 or
  // not and by the RETAIN flag. An entry holds the message of the deliver_local whose number
  // it carries; wire_epoch_ is that number while its deliveries run, else 0.
  // `view` is the bytes: `bytes`, or the received PUBLISH itself (WireSeed).
  struct SharedWire {
    uint64_t epoch = 0;
    mqtt::Buffer bytes;
    std::span<const uint8_t> view;
  };
  std::array<SharedWire, 4> wire_;
  uint64_t wire_epoch_ = 0;
  uint64_t wire_epochs_ = 0;  // deliver_local calls, ever
  // handle_publish → the next deliver_local: a received PUBLISH whose own bytes are already
  // one form of the message (wire_seed), so that form's subscribers get them unencoded.
  struct WireSeed {
    std::span<const uint8_t> bytes;
    int form = -1;  // index into wire_; -1: none
  };
  WireSeed wire_seed_;
  // The short acknowledgements dispatch reads in place (only the packet id changes).
  struct ShortAcks {
    mqtt::Puback puback;
    mqtt::Pubrec pubrec;
    mqtt::Pubrel pubrel;
    mqtt::Pubcomp pubcomp;
  } acks_;
  Stats stats_;
};

std::unique_ptr<worker::Handler> make_broker(const config::Config& cfg,
                                             const worker::WorkerInfo& info);

}  // namespace mm::broker
