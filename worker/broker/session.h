#pragma once
// A session (MQTT 4.1): what the broker keeps for one client id across connections, while it
// lasts: subscriptions, the outbound in-flight window and queue, and the inbound QoS 2 packet
// ids waiting for PUBREL. It lives in exactly one worker (its home slot).

#include <cstdint>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/mqtt/protocol.h"
#include "common/ring.h"
#include "worker/broker/message.h"
#include "worker/broker/subscriber_list.h"

namespace mm::broker {

struct Client;

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

struct Session {
  std::string client_id;
  mqtt::ProtocolVersion version = mqtt::ProtocolVersion::v3_1_1;
  Client* client = nullptr;      // the connection, when online
  uint32_t expiry_interval = 0;  // seconds after disconnect; kNeverExpires
  bool clean_started = false;    // its last CONNECT asked for a clean start
  std::map<std::string, SubOptions, std::less<>> subscriptions;  // full filter text

  // Rings, not deques: they allocate nothing while empty, as most sessions' are.
  common::Ring<Inflight> inflight;  // in the order sent
  common::Ring<Pending> queue;
  uint64_t queued_bytes = 0;
  uint16_t next_packet_id = 1;
  std::unordered_set<uint16_t> inbound_qos2;  // PUBREC sent, PUBREL awaited

  // Will Delay (5.0): the will of the last connection, due at will_at unless it resumes.
  MessagePtr pending_will;
  uint64_t will_at = 0;
  uint64_t expires_at = 0;  // offline: when the session ends (0: online or never)

  // Scratch for merging overlapping subscriptions while one message is matched.
  uint64_t match_stamp = 0;
  uint8_t match_qos = 0;
  bool match_retain = false;
  std::vector<uint32_t> match_ids;

  // A session's id in the subscription index is its address: sessions never move.
  SessionId id() const { return static_cast<SessionId>(reinterpret_cast<uintptr_t>(this)); }
  static Session* from_id(SessionId id) {
    return reinterpret_cast<Session*>(static_cast<uintptr_t>(id));
  }
  bool online() const { return client != nullptr; }
  Inflight* find_inflight(uint16_t packet_id);
  bool erase_inflight(uint16_t packet_id);
  // The next free packet identifier, skipping those in flight (0 is never used).
  uint16_t allocate_packet_id();
};

}  // namespace mm::broker
