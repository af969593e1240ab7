#pragma once
// One network connection as the broker sees it (Connection::user_data): the protocol level
// and limits negotiated at CONNECT, topic aliases, the will, and its session.

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/mqtt/protocol.h"
#include "worker/broker/message.h"
#include "worker/handler.h"

namespace mm::broker {

struct Session;

struct Client {
  worker::Connection* conn = nullptr;
  mqtt::ProtocolVersion version = mqtt::ProtocolVersion::v3_1_1;
  bool connected = false;  // CONNECT accepted
  bool gone = false;       // closing: no more input is handled
  Session* session = nullptr;
  std::string client_id;

  // What the client told us at CONNECT (5.0).
  uint16_t receive_maximum = 65535;
  uint32_t maximum_packet_size = 0;  // 0 = no limit
  uint16_t topic_alias_maximum = 0;  // aliases we may use towards it
  bool request_problem_information = true;

  // Topic aliases, made at the first one used: most clients never use any, and an idle
  // connection should not carry a table sized for them.
  struct Aliases {
    std::vector<std::string> in;                    // client -> server, index alias-1
    std::unordered_map<std::string, uint16_t> out;  // server -> client
  };
  uint16_t aliases_in_maximum = 0;  // the Topic Alias Maximum we granted at CONNECT
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
};

inline Client* client_of(worker::Connection& conn) {
  return static_cast<Client*>(conn.user_data);
}

}  // namespace mm::broker
