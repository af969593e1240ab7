#pragma once
// One row of the bad-input table: what a peer sends and the answer the MQTT specification
// requires for it. Rows are data; runner.cpp sends each one to the running broker over TCP.

#include <cstdint>
#include <string>
#include <vector>

#include "tests/wire/packet.h"

namespace mm::test::badinput {

using wire::Bytes;
using wire::Type;

// What the broker must do with the bytes.
enum class Answer {
  connack,           // CONNACK with one of `codes`, then the close
  connack_or_close,  // the close, optionally preceded by CONNACK with one of `codes` (a MAY)
  disconnect,        // DISCONNECT with one of `codes`, then the close (5.0)
  close,             // the close, with no packet before it
  ack,               // one packet of type `type` with one of `codes`; the connection stays up
};

struct Expected {
  Answer answer = Answer::close;
  Type type = Type::connack;   // for Answer::ack
  std::vector<uint8_t> codes;  // acceptable codes, the one the spec names first; empty: any
  // Packets of type `first_type` that must come before the answer (the PUBRECs of the QoS 2
  // PUBLISHes that fit in Receive Maximum, say).
  uint16_t first_count = 0;
  Type first_type = Type::pubrec;
};

struct Row {
  std::string name;
  uint8_t level = wire::v5;   // the protocol level the peer speaks (how answers are parsed)
  bool connect_first = true;  // a valid CONNECT (clean, fresh client id) before the bytes
  Bytes bytes;
  Expected expected;
  std::string rule;  // the specification's statement, e.g. "MQTT-3.3.1-4 (5.0 3.3.1.2)"
};

// Constructors for the expectations, so that a row reads like its spec statement.
inline Expected connack(std::vector<uint8_t> codes) {
  return {Answer::connack, Type::connack, codes};
}
inline Expected connack_or_close(std::vector<uint8_t> codes) {
  return {Answer::connack_or_close, Type::connack, codes};
}
inline Expected disconnect(std::vector<uint8_t> codes) {
  return {Answer::disconnect, Type::disconnect, codes};
}
inline Expected closes() {
  return {Answer::close, Type::connack, {}};
}
inline Expected acks(Type t, std::vector<uint8_t> codes) {
  return {Answer::ack, t, codes};
}

// A protocol violation: 5.0 peers get DISCONNECT `code`, earlier levels the close.
inline Expected violation(uint8_t level, std::vector<uint8_t> codes) {
  return level >= wire::v5 ? disconnect(codes) : closes();
}

std::string describe(const Expected& e);

}  // namespace mm::test::badinput
