#pragma once
// Well-formed client packets of every protocol level, built with Packet as the specifications
// lay them out (MQTT 3.1 = level 3, 3.1.1 = level 4, 5.0 = level 5). Tests that need a broken
// packet write it with Packet directly.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/wire/packet.h"

namespace mm::test::wire {

struct Will {
  std::string topic;
  std::string payload;
  uint8_t qos = 0;
  bool retain = false;
  Props props;  // 5.0 only: Will Delay Interval, Message Expiry, Content Type...
};

struct ConnectOptions {
  std::string client_id;
  bool clean = true;  // Clean Session (3.1, 3.1.1) / Clean Start (5.0)
  uint16_t keep_alive = 60;
  Props props;  // 5.0 only
  std::optional<Will> will;
  std::optional<std::string> username;
  std::optional<std::string> password;
};

Bytes connect(uint8_t version, const ConnectOptions& o);

// Subscription Options (MQTT 5.0 section 3.8.3.1); before 5.0 only `qos` is sent.
struct SubOptions {
  uint8_t qos = 0;
  bool no_local = false;
  bool retain_as_published = false;
  uint8_t retain_handling = 0;
  uint8_t byte() const {
    return uint8_t(qos | no_local << 2 | retain_as_published << 3 | retain_handling << 4);
  }
};

struct Subscription {
  std::string filter;
  SubOptions options;
};

Bytes subscribe(uint8_t version, uint16_t packet_id, const std::vector<Subscription>& subs,
                const Props& props = {});
Bytes unsubscribe(uint8_t version, uint16_t packet_id, const std::vector<std::string>& filters,
                  const Props& props = {});

struct Message {
  std::string topic;
  std::string payload;
  uint8_t qos = 0;
  bool retain = false;
  bool dup = false;
  uint16_t packet_id = 0;  // written when qos > 0
  Props props;             // 5.0 only
};

Bytes publish(uint8_t version, const Message& m);

// PUBACK, PUBREC, PUBREL (flags 0010) and PUBCOMP. In 5.0 a reason code 0 without properties
// is left out (the short form the specification allows); otherwise it is written.
Bytes ack(uint8_t version, Type type, uint16_t packet_id, uint8_t reason = 0,
          const Props& props = {});
Bytes pingreq();
// DISCONNECT: before 5.0 always empty; in 5.0 empty when reason 0 and no properties.
Bytes disconnect(uint8_t version, uint8_t reason = 0, const Props& props = {});
Bytes auth(uint8_t reason, const Props& props = {});

}  // namespace mm::test::wire
