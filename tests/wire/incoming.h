#pragma once
// A packet the server sent, parsed by the rules of the client's protocol level. One flat
// struct: each packet type fills the fields it has. Anything the specification does not allow
// from a server (bad flags, a short or long body, an unknown property, a packet type only a
// client sends) throws WireError, so a test fails on a malformed answer.

#include <cstdint>
#include <string>
#include <vector>

#include "tests/wire/packet.h"
#include "tests/wire/property.h"

namespace mm::test::wire {

struct Incoming {
  uint8_t first = 0;  // type and flags
  Bytes body;         // everything after the Remaining Length

  Type type() const { return Type(first >> 4); }
  uint8_t flags() const { return first & 0x0F; }
  bool is(Type t) const { return type() == t; }

  bool session_present = false;  // CONNACK
  // CONNACK return code (3.1.1) or reason code (5.0); reason code of PUBACK, PUBREC, PUBREL,
  // PUBCOMP, DISCONNECT and AUTH (0 when the short form leaves it out).
  uint8_t reason = 0;
  uint16_t packet_id = 0;        // PUBLISH (QoS > 0), the acks, SUBACK, UNSUBACK
  std::vector<uint8_t> reasons;  // SUBACK, UNSUBACK (5.0): one per filter
  Props props;                   // 5.0

  // PUBLISH
  bool dup = false;
  uint8_t qos = 0;
  bool retain = false;
  std::string topic;  // after topic alias resolution (Client does it)
  bool topic_from_alias = false;
  std::string payload;

  std::string describe() const;  // "PUBLISH qos=1 id=3 topic=a/b payload=x (12 bytes)"
};

// Parses a packet from the server. `version` is the client's protocol level (3, 4 or 5).
Incoming parse(uint8_t version, uint8_t first, Bytes body);

}  // namespace mm::test::wire
