#pragma once
// A session (MQTT 4.1): what the broker keeps for one client id across connections, while it
// lasts: subscriptions, the outbound in-flight window and queue, and the inbound QoS 2 packet
// ids waiting for PUBREL. It lives in exactly one worker (its home slot).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/mqtt/protocol.h"
#include "common/ring.h"
#include "worker/broker/by_key.h"
#include "worker/broker/client.h"
#include "worker/broker/message.h"
#include "worker/broker/packet_id_set.h"
#include "worker/broker/subscriber_list.h"
#include "worker/broker/subscription_map.h"

namespace mm::broker {

inline constexpr uint32_t kNeverExpires = 0xFFFFFFFF;

// One message sent at QoS 1 or 2 and not yet acknowledged.
struct Inflight {
  uint16_t packet_id = 0;
  MessagePtr msg;
  uint8_t qos = 1;
  bool retain = false;
  bool released = false;  // PUBREC came, PUBREL sent: waiting for PUBCOMP
  std::vector<uint32_t> subscription_ids;
};

// One message waiting for room in the in-flight window, or for the client to come back.
struct Pending {
  MessagePtr msg;
  uint8_t qos = 0;
  bool retain = false;
  std::vector<uint32_t> subscription_ids;
};

// Every connected client has one, so its size is part of the memory of an idle connection
// (ARCHITECTURE.md): what most sessions never use allocates nothing until they do.
struct Session {
  std::string client_id;
  Client* client = nullptr;       // the connection, when online
  SubscriptionMap subscriptions;  // full filter text

  // Rings, not deques: one pointer each, and they allocate nothing while empty, as most
  // sessions' are.
  common::Ring<Inflight> inflight;  // in the order sent
  common::Ring<Pending> queue;
  uint64_t queued_bytes = 0;

  // What an online session rarely has, made at its first use: 8 bytes in every session
  // instead of 56.
  struct Rare {
    PacketIdSet inbound_qos2;  // PUBREC sent, PUBREL awaited
    // Will Delay (5.0): the will of the last connection, due at will_at unless it resumes.
    MessagePtr pending_will;
    uint64_t will_at = 0;
    uint64_t expires_at = 0;  // offline: when the session ends (0: online or never)
    bool empty() const { return inbound_qos2.empty() && !pending_will && expires_at == 0; }
  };
  Rare& rare() {
    if (!rare_) rare_ = std::make_unique<Rare>();
    return *rare_;
  }
  // For reading without making one: an empty Rare when there is none.
  const Rare& rare_or_none() const {
    static const Rare none;
    return rare_ ? *rare_ : none;
  }
  // Gives it back once it holds nothing (a session that resumed).
  void trim_rare() {
    if (rare_ && rare_->empty()) rare_.reset();
  }

  std::unique_ptr<Rare> rare_;   // through rare() and rare_or_none()
  uint32_t expiry_interval = 0;  // seconds after disconnect; kNeverExpires
  // While one message is matched: this session's place in the broker's list of matches
  // (valid only when that entry names this session; see Broker::deliver_local).
  uint32_t match_slot = 0;
  uint16_t next_packet_id = 1;
  mqtt::ProtocolVersion version = mqtt::ProtocolVersion::v3_1_1;
  bool clean_started = false;  // its last CONNECT asked for a clean start

  // A session's id in the subscription index is its address: sessions never move.
  SessionId id() const { return static_cast<SessionId>(reinterpret_cast<uintptr_t>(this)); }
  static Session* from_id(SessionId id) {
    return reinterpret_cast<Session*>(static_cast<uintptr_t>(id));
  }
  bool online() const { return client != nullptr; }
  Inflight* find_inflight(uint16_t packet_id);
  void erase_inflight(const Inflight& f);  // f: an element of `inflight`
  // The next free packet identifier, skipping those in flight (0 is never used).
  uint16_t allocate_packet_id();
};

// The sessions of a worker by client id: a set hashed by each session's own id, so the key
// is not a second copy of it and a node is 32 bytes, not the 64 of a map from std::string.
struct SessionIdOf {
  std::string_view operator()(const std::unique_ptr<Session>& s) const noexcept {
    return s->client_id;
  }
};
using SessionMap =
    std::unordered_set<std::unique_ptr<Session>, ByKey<SessionIdOf>, ByKey<SessionIdOf>>;

// The client id, once CONNECT has given the connection a session (else empty: before it,
// or after the session was taken over).
inline const std::string& Client::client_id() const {
  static const std::string none;
  return session != nullptr ? session->client_id : none;
}

}  // namespace mm::broker
