#pragma once
// One network connection as the broker sees it (Connection::user_data): the protocol level
// and limits negotiated at CONNECT, topic aliases, the will, and its session.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/mqtt/protocol.h"
#include "worker/broker/by_key.h"
#include "worker/broker/message.h"
#include "worker/handler.h"

namespace mm::broker {

struct Session;

// Ordered by size, flags as bits: every connection has one (ARCHITECTURE.md, memory per
// connection), and 56 bytes is a 64-byte heap chunk where 72 was an 80-byte one.
struct Client {
  worker::Connection* conn = nullptr;
  Session* session = nullptr;
  const std::string& client_id() const;  // the session's (session.h)

  // Topic aliases, made at the first one used: most clients never use any, and an idle
  // connection should not carry a table sized for them.
  struct Aliases {
    // Looked up by std::string_view with no temporary string (a delivery may have only a view).
    using ByTopic = ByKey<std::identity>;
    std::vector<std::string> in;                                      // index alias-1
    std::unordered_map<std::string, uint16_t, ByTopic, ByTopic> out;  // server -> client
  };
  std::unique_ptr<Aliases> aliases;
  Aliases& topic_aliases() {
    if (!aliases) {
      aliases = std::make_unique<Aliases>();
      aliases->in.resize(aliases_in_maximum);
    }
    return *aliases;
  }

  // The will of this connection and its Will Delay Interval (s); dropped by DISCONNECT 0x00.
  MessagePtr will;
  uint32_t will_delay = 0;

  // What the client told us at CONNECT (5.0).
  uint32_t maximum_packet_size = 0;  // 0 = no limit
  uint16_t receive_maximum = 65535;
  uint16_t topic_alias_maximum = 0;  // aliases we may use towards it
  uint16_t aliases_in_maximum = 0;   // the Topic Alias Maximum we granted at CONNECT
  mqtt::ProtocolVersion version = mqtt::ProtocolVersion::v3_1_1;
  bool connected : 1 = false;  // CONNECT accepted
  bool gone : 1 = false;       // closing: no more input is handled
  bool moving : 1 = false;     // gone, and closed once its session is at its new home
  bool request_problem_information : 1 = true;
};

inline Client* client_of(worker::Connection& conn) {
  return static_cast<Client*>(conn.user_data);
}

}  // namespace mm::broker
