// The table of bad inputs: each row is one packet that breaks one rule, the reason code the
// failure must map to, and the spec statement it breaks. Bytes are written by hand.
#include <doctest/doctest.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "common/mqtt/decode.h"
#include "tests/unit/mqtt/wire.h"

namespace mm::mqtt {
namespace {

using test::cat;
using test::pkt;
using test::wire;
using R = ReasonCode;
constexpr auto V3 = ProtocolVersion::v3_1;
constexpr auto V4 = ProtocolVersion::v3_1_1;
constexpr auto V5 = ProtocolVersion::v5;
constexpr R kMalformed = R::malformed_packet;
constexpr R kProtocol = R::protocol_error;

struct Bad {
  const char* name;
  ProtocolVersion v;
  std::vector<uint8_t> bytes;
  ReasonCode code;
  const char* rule;
  size_t limit = std::numeric_limits<size_t>::max();
};

// A length-prefixed string.
std::vector<uint8_t> s(std::string_view text) {
  std::vector<uint8_t> out{uint8_t(text.size() >> 8), uint8_t(text.size())};
  out.insert(out.end(), text.begin(), text.end());
  return out;
}

// CONNECT up to the keep alive (60 s), for level v.
std::vector<uint8_t> head(ProtocolVersion v, int flags) {
  if (v == V3) return wire({0x00, 0x06, "MQIsdp", 0x03, flags, 0x00, 0x3C});
  return wire({0x00, 0x04, "MQTT", int(v), flags, 0x00, 0x3C});
}
// CONNECT with empty properties in 5.0, then the payload.
std::vector<uint8_t> connect(ProtocolVersion v, int flags, const std::vector<uint8_t>& payload) {
  return pkt(0x10, cat(head(v, flags), v == V5 ? wire({0x00}) : wire({}), payload));
}
// 5.0 CONNECT, clean start, with these CONNECT properties (length included) and client "c".
std::vector<uint8_t> connect5(std::initializer_list<test::WirePart> props) {
  return pkt(0x10, cat(head(V5, 0x02), wire(props), s("c")));
}
// 5.0 CONNECT with a QoS 0 will whose Will Properties are `props` (length included).
std::vector<uint8_t> will5(std::initializer_list<test::WirePart> props) {
  return pkt(0x10, cat(head(V5, 0x06), wire({0x00}), s("c"), wire(props), s("w"), s("")));
}
// 5.0 QoS 0 PUBLISH to "t" with these properties (length included) and payload "x".
std::vector<uint8_t> publish5(std::initializer_list<test::WirePart> props) {
  return pkt(0x30, cat(s("t"), wire(props), wire({"x"})));
}
// 5.0 CONNACK (accepted) with these properties (length included).
std::vector<uint8_t> connack5(std::initializer_list<test::WirePart> props) {
  return pkt(0x20, cat(wire({0x00, 0x00}), wire(props)));
}
// SUBSCRIBE id 1 with one filter and options byte (5.0: empty properties).
std::vector<uint8_t> subscribe(ProtocolVersion v, std::string_view filter, int options) {
  return pkt(
      0x82, cat(wire({0x00, 0x01}), v == V5 ? wire({0x00}) : wire({}), s(filter), wire({options})));
}
std::vector<uint8_t> unsubscribe(ProtocolVersion v, std::string_view filter) {
  return pkt(0xA2, cat(wire({0x00, 0x01}), v == V5 ? wire({0x00}) : wire({}), s(filter)));
}
std::vector<uint8_t> publish(ProtocolVersion v, std::string_view topic) {
  return pkt(0x30, cat(s(topic), v == V5 ? wire({0x00}) : wire({}), wire({"x"})));
}

// The same packet with another first byte (type and flags).
std::vector<uint8_t> first(int byte, std::vector<uint8_t> packet) {
  packet[0] = uint8_t(byte);
  return packet;
}

std::vector<Bad> header_rows() {
  const char* flags = "MQTT-2.1.3-1";
  return {
      {"empty packet", V4, {}, kMalformed, "MQTT5-2.1.1"},
      {"reserved packet type 0", V4, wire({0x00, 0x00}), kMalformed, "MQTT5-2.1.2"},
      {"AUTH in 3.1.1", V4, wire({0xF0, 0x00}), kMalformed, "MQTT5-2.1.2"},
      {"AUTH in 3.1", V3, wire({0xF0, 0x00}), kMalformed, "MQTT5-2.1.2"},
      {"Remaining Length past the end", V4, wire({0xC0, 0x01}), kMalformed, "MQTT5-2.1.4"},
      {"bytes beyond Remaining Length", V4, wire({0xC0, 0x00, 0x00}), kMalformed, "MQTT5-2.1.4"},
      {"Remaining Length of five bytes", V4, wire({0xC0, 0x80, 0x80, 0x80, 0x80, 0x01}), kMalformed,
       "MQTT-1.5.5-1"},
      {"Remaining Length not minimal", V5, wire({0xC0, 0x80, 0x00}), kMalformed, "MQTT-1.5.5-1"},
      {"Remaining Length cut short", V4, wire({0xC0, 0x80}), kMalformed, "MQTT5-1.5"},
      {"packet above the size limit", V5,
       pkt(0x30, cat(s("t"), wire({0x00}), std::vector<uint8_t>(100, 'x'))), R::packet_too_large,
       "MQTT-3.2.2-15", 50},
      {"CONNECT flags 0001", V4, first(0x11, connect(V4, 0x02, s("c"))), kMalformed, flags},
      {"CONNECT flags 1000 (5.0)", V5, first(0x18, connect(V5, 0x02, s("c"))), kMalformed, flags},
      {"CONNACK flags 0001", V4, wire({0x21, 0x02, 0x00, 0x00}), kMalformed, flags},
      {"PUBACK flags 0001", V4, wire({0x41, 0x02, 0x00, 0x01}), kMalformed, flags},
      {"PUBACK flags 0010 (5.0)", V5, wire({0x42, 0x02, 0x00, 0x01}), kMalformed, flags},
      {"PUBREC flags 1000", V4, wire({0x58, 0x02, 0x00, 0x01}), kMalformed, flags},
      {"PUBREL flags 0000", V4, wire({0x60, 0x02, 0x00, 0x01}), kMalformed, flags},
      {"PUBREL flags 0011", V5, wire({0x63, 0x02, 0x00, 0x01}), kMalformed, flags},
      {"PUBREL DUP in 5.0", V5, wire({0x6A, 0x02, 0x00, 0x01}), kMalformed, flags},
      {"PUBCOMP flags 0100", V4, wire({0x74, 0x02, 0x00, 0x01}), kMalformed, flags},
      {"SUBSCRIBE flags 0000", V4, first(0x80, subscribe(V4, "a", 0)), kMalformed, flags},
      {"SUBSCRIBE flags 0011", V5, first(0x83, subscribe(V5, "a", 0)), kMalformed, flags},
      {"SUBSCRIBE DUP in 3.1.1", V4, first(0x8A, subscribe(V4, "a", 0)), kMalformed, flags},
      {"SUBACK flags 0010", V4, wire({0x92, 0x03, 0x00, 0x01, 0x00}), kMalformed, flags},
      {"UNSUBSCRIBE flags 0000", V4, first(0xA0, unsubscribe(V4, "a")), kMalformed, flags},
      {"UNSUBSCRIBE flags 0110", V3, first(0xA6, unsubscribe(V3, "a")), kMalformed, flags},
      {"UNSUBACK flags 1000", V4, wire({0xB8, 0x02, 0x00, 0x01}), kMalformed, flags},
      {"PINGREQ flags 0001", V4, wire({0xC1, 0x00}), kMalformed, flags},
      {"PINGRESP flags 0010", V5, wire({0xD2, 0x00}), kMalformed, flags},
      {"DISCONNECT flags 0100", V4, wire({0xE4, 0x00}), kMalformed, flags},
      {"DISCONNECT flags 0001 (5.0)", V5, wire({0xE1, 0x00}), kMalformed, flags},
      {"AUTH flags 0001", V5, wire({0xF1, 0x00}), kMalformed, flags},
  };
}

std::vector<Bad> publish_rows() {
  const R name = R::topic_name_invalid;
  const char* utf8 = "MQTT-1.5.4-1";
  return {
      {"PUBLISH QoS 3", V4, pkt(0x36, cat(s("t"), wire({0, 1}))), kMalformed, "MQTT-3.3.1-4"},
      {"PUBLISH QoS 3 (5.0)", V5, pkt(0x37, cat(s("t"), wire({0, 1, 0}))), kMalformed,
       "MQTT-3.3.1-4"},
      {"PUBLISH QoS 3 with DUP (3.1)", V3, pkt(0x3E, cat(s("t"), wire({0, 1}))), kMalformed,
       "MQTT-3.3.1-4"},
      {"PUBLISH DUP on QoS 0", V4, pkt(0x38, cat(s("t"), wire({"x"}))), kMalformed, "MQTT-3.3.1-2"},
      {"PUBLISH DUP on QoS 0 (5.0)", V5, pkt(0x39, cat(s("t"), wire({0}))), kMalformed,
       "MQTT-3.3.1-2"},
      {"PUBLISH QoS 1 packet id 0", V4, pkt(0x32, cat(s("t"), wire({0, 0}))), kProtocol,
       "MQTT-2.2.1-3"},
      {"PUBLISH QoS 2 packet id 0 (5.0)", V5, pkt(0x34, cat(s("t"), wire({0, 0, 0}))), kProtocol,
       "MQTT-2.2.1-3"},
      {"PUBLISH QoS 1 packet id 0 (3.1)", V3, pkt(0x32, cat(s("t"), wire({0, 0}))), kProtocol,
       "MQTT-2.2.1-3"},
      {"PUBLISH packet id cut short", V4, pkt(0x32, cat(s("t"), wire({0}))), kMalformed,
       "MQTT5-1.5"},
      {"topic with +", V4, publish(V4, "a/+"), name, "MQTT-3.3.2-2"},
      {"topic #", V5, publish(V5, "#"), name, "MQTT-3.3.2-2"},
      {"topic a/# (3.1)", V3, publish(V3, "a/#"), name, "MQTT-3.3.2-2"},
      {"topic with + inside a level", V4, publish(V4, "a+b"), name, "MQTT-3.3.2-2"},
      {"empty topic", V4, publish(V4, ""), name, "MQTT-4.7.3-1"},
      {"empty topic (3.1)", V3, publish(V3, ""), name, "MQTT-4.7.3-1"},
      {"empty topic without Topic Alias (5.0)", V5, publish(V5, ""), kProtocol, "MQTT5-3.3.2.1"},
      {"topic length past the end", V4, pkt(0x30, wire({0x00, 0x05, "ab"})), kMalformed,
       "MQTT5-1.5"},
      {"topic length byte only", V4, pkt(0x30, wire({0x00})), kMalformed, "MQTT5-1.5"},
      {"topic overlong two-byte form", V4, pkt(0x30, wire({0x00, 0x02, 0xC0, 0xAF})), kMalformed,
       utf8},
      {"topic overlong three-byte form (3.1)", V3, pkt(0x30, wire({0x00, 0x03, 0xE0, 0x80, 0xAF})),
       kMalformed, utf8},
      {"topic with U+0000", V4, pkt(0x30, wire({0x00, 0x03, "a", 0x00, "b"})), kMalformed,
       "MQTT-1.5.4-2"},
      {"topic with a surrogate (5.0)", V5, pkt(0x30, wire({0x00, 0x03, 0xED, 0xA0, 0x80, 0x00})),
       kMalformed, utf8},
      {"topic with byte 0xFF", V4, pkt(0x30, wire({0x00, 0x01, 0xFF})), kMalformed, utf8},
      {"topic with a truncated sequence", V4, pkt(0x30, wire({0x00, 0x02, 0xE2, 0x82})), kMalformed,
       utf8},
      {"topic beyond U+10FFFF", V4, pkt(0x30, wire({0x00, 0x04, 0xF4, 0x90, 0x80, 0x80})),
       kMalformed, utf8},
      {"topic with a stray continuation byte", V5, pkt(0x30, wire({0x00, 0x01, 0x80, 0x00})),
       kMalformed, utf8},
  };
}

std::vector<Bad> publish_property_rows() {
  const char* where = "MQTT5-2.2.2.2";
  return {
      {"property length past the end", V5, pkt(0x30, cat(s("t"), wire({0x05, 0x01}))), kMalformed,
       "MQTT5-1.5"},
      {"property length not minimal", V5, publish5({0x80, 0x00}), kMalformed, "MQTT-1.5.5-1"},
      {"unknown property 0x7F", V5, publish5({0x02, 0x7F, 0x00}), kMalformed, where},
      {"unknown property 0x00", V5, publish5({0x01, 0x00}), kMalformed, where},
      {"unknown property 0x04", V5, publish5({0x02, 0x04, 0x00}), kMalformed, where},
      {"Session Expiry Interval in PUBLISH", V5, publish5({0x05, 0x11, 0, 0, 0, 1}), kMalformed,
       where},
      {"Reason String in PUBLISH", V5, publish5({0x04, 0x1F, 0, 1, "r"}), kMalformed, where},
      {"Will Delay Interval in PUBLISH", V5, publish5({0x05, 0x18, 0, 0, 0, 1}), kMalformed, where},
      {"Maximum QoS in PUBLISH", V5, publish5({0x02, 0x24, 0x01}), kMalformed, where},
      {"Payload Format Indicator 2", V5, publish5({0x02, 0x01, 0x02}), kProtocol,
       "MQTT5-3.3.2.3.2"},
      {"Payload Format Indicator 255", V5, publish5({0x02, 0x01, 0xFF}), kProtocol,
       "MQTT5-3.3.2.3.2"},
      {"Topic Alias 0", V5, publish5({0x03, 0x23, 0, 0}), R::topic_alias_invalid, "MQTT-3.3.2-8"},
      {"Topic Alias twice", V5, publish5({0x06, 0x23, 0, 1, 0x23, 0, 2}), kProtocol, where},
      {"Payload Format Indicator twice", V5, publish5({0x04, 0x01, 0x00, 0x01, 0x01}), kProtocol,
       where},
      {"Message Expiry Interval twice", V5, publish5({0x0A, 0x02, 0, 0, 0, 1, 0x02, 0, 0, 0, 2}),
       kProtocol, where},
      {"Content Type twice", V5, publish5({0x08, 0x03, 0, 1, "a", 0x03, 0, 1, "b"}), kProtocol,
       where},
      {"Response Topic twice", V5, publish5({0x08, 0x08, 0, 1, "a", 0x08, 0, 1, "b"}), kProtocol,
       where},
      {"Correlation Data twice", V5, publish5({0x08, 0x09, 0, 1, "a", 0x09, 0, 1, "b"}), kProtocol,
       where},
      {"Subscription Identifier 0", V5, publish5({0x02, 0x0B, 0x00}), kProtocol, "MQTT5-3.3.2.3.8"},
      {"Subscription Identifier not minimal", V5, publish5({0x03, 0x0B, 0x81, 0x00}), kMalformed,
       "MQTT-1.5.5-1"},
      {"Subscription Identifier of five bytes", V5,
       publish5({0x06, 0x0B, 0x81, 0x81, 0x81, 0x81, 0x01}), kMalformed, "MQTT-1.5.5-1"},
      {"Response Topic with a wildcard", V5, publish5({0x06, 0x08, 0, 3, "a/#"}), kProtocol,
       "MQTT-3.3.2-14"},
      {"Response Topic empty", V5, publish5({0x03, 0x08, 0, 0}), kProtocol, "MQTT-3.3.2-14"},
      {"User Property value cut short", V5, publish5({0x06, 0x26, 0, 1, "k", 0, 5}), kMalformed,
       "MQTT5-1.5"},
      {"User Property name with U+0000", V5, publish5({0x07, 0x26, 0, 1, 0x00, 0, 1, "v"}),
       kMalformed, "MQTT-1.5.4-2"},
      {"Content Type ill-formed", V5, publish5({0x04, 0x03, 0, 1, 0xC3}), kMalformed,
       "MQTT-1.5.4-1"},
      {"Message Expiry Interval cut short", V5, publish5({0x03, 0x02, 0, 0}), kMalformed,
       "MQTT5-1.5"},
      {"Topic Alias cut short", V5, publish5({0x02, 0x23, 0}), kMalformed, "MQTT5-1.5"},
      {"Correlation Data past its block", V5, publish5({0x03, 0x09, 0, 5}), kMalformed,
       "MQTT5-1.5"},
  };
}

std::vector<Bad> connect_header_rows() {
  const R level = R::unsupported_protocol_version;
  return {
      {"protocol name MQTX", V4, pkt(0x10, cat(wire({0, 4, "MQTX", 4, 2, 0, 60}), s("c"))),
       kProtocol, "MQTT-3.1.2-1"},
      {"protocol name mqtt", V4, pkt(0x10, cat(wire({0, 4, "mqtt", 4, 2, 0, 60}), s("c"))),
       kProtocol, "MQTT-3.1.2-1"},
      {"protocol name empty", V4, pkt(0x10, cat(wire({0, 0, 4, 2, 0, 60}), s("c"))), kProtocol,
       "MQTT-3.1.2-1"},
      {"MQIsdp at level 4", V4, pkt(0x10, cat(wire({0, 6, "MQIsdp", 4, 2, 0, 60}), s("c"))), level,
       "MQTT-3.1.2-2"},
      {"MQIsdp at level 5", V5, pkt(0x10, cat(wire({0, 6, "MQIsdp", 5, 2, 0, 60, 0}), s("c"))),
       level, "MQTT-3.1.2-2"},
      {"MQTT at level 3", V3, pkt(0x10, cat(wire({0, 4, "MQTT", 3, 2, 0, 60}), s("c"))), level,
       "MQTT-3.1.2-2"},
      {"MQTT at level 6", V5, pkt(0x10, cat(wire({0, 4, "MQTT", 6, 2, 0, 60}), s("c"))), level,
       "MQTT-3.1.2-2"},
      {"MQTT at level 0", V4, pkt(0x10, cat(wire({0, 4, "MQTT", 0, 2, 0, 60}), s("c"))), level,
       "MQTT-3.1.2-2"},
      {"protocol name cut short", V4, pkt(0x10, wire({0, 4, "MQ"})), kMalformed, "MQTT5-1.5"},
      {"protocol level missing", V4, pkt(0x10, wire({0, 4, "MQTT"})), kMalformed, "MQTT5-1.5"},
      {"connect flags missing", V4, pkt(0x10, wire({0, 4, "MQTT", 4})), kMalformed, "MQTT5-1.5"},
      {"keep alive cut short", V4, pkt(0x10, wire({0, 4, "MQTT", 4, 2, 0})), kMalformed,
       "MQTT5-1.5"},
      {"reserved connect flag", V4, connect(V4, 0x03, s("c")), kMalformed, "MQTT-3.1.2-3"},
      {"reserved connect flag (5.0)", V5, connect(V5, 0x01, s("c")), kMalformed, "MQTT-3.1.2-3"},
      {"reserved connect flag (3.1)", V3, connect(V3, 0x03, s("c")), kMalformed, "MQTT-3.1.2-3"},
      {"Will QoS 1 without Will Flag", V4, connect(V4, 0x0A, s("c")), kMalformed, "MQTT-3.1.2-11"},
      {"Will QoS 2 without Will Flag (5.0)", V5, connect(V5, 0x12, s("c")), kMalformed,
       "MQTT-3.1.2-11"},
      {"Will QoS 3", V4, connect(V4, 0x1E, cat(s("c"), s("w"), s("m"))), kMalformed,
       "MQTT-3.1.2-12"},
      {"Will QoS 3 (5.0)", V5, connect(V5, 0x1E, cat(s("c"), wire({0}), s("w"), s("m"))),
       kMalformed, "MQTT-3.1.2-12"},
      {"Will Retain without Will Flag", V4, connect(V4, 0x22, s("c")), kMalformed, "MQTT-3.1.2-13"},
      {"Will Retain without Will Flag (3.1)", V3, connect(V3, 0x22, s("c")), kMalformed,
       "MQTT-3.1.2-13"},
      {"password without user name", V4, connect(V4, 0x42, cat(s("c"), s("p"))), kProtocol,
       "MQTT-3.1.2-22"},
      {"password without user name (3.1)", V3, connect(V3, 0x42, cat(s("c"), s("p"))), kProtocol,
       "MQTT-3.1.2-22"},
  };
}

std::vector<Bad> connect_payload_rows() {
  const R id = R::client_identifier_not_valid;
  return {
      {"user name flag without user name", V4, connect(V4, 0x82, s("c")), kMalformed, "MQTT5-1.5"},
      {"password flag without password", V5, connect(V5, 0xC2, cat(s("c"), s("u"))), kMalformed,
       "MQTT5-1.5"},
      {"will flag without will topic", V4, connect(V4, 0x06, s("c")), kMalformed, "MQTT5-1.5"},
      {"will flag without will payload", V4, connect(V4, 0x06, cat(s("c"), s("w"))), kMalformed,
       "MQTT5-1.5"},
      {"will topic with a wildcard", V4, connect(V4, 0x06, cat(s("c"), s("w/+"), s("m"))),
       R::topic_name_invalid, "MQTT-3.1.3-11"},
      {"will topic empty (5.0)", V5, connect(V5, 0x06, cat(s("c"), wire({0}), s(""), s("m"))),
       R::topic_name_invalid, "MQTT-3.1.3-11"},
      {"will topic # (3.1)", V3, connect(V3, 0x06, cat(s("c"), s("#"), s("m"))),
       R::topic_name_invalid, "MQTT-3.1.3-11"},
      {"will topic with a surrogate", V4,
       connect(V4, 0x06, cat(s("c"), wire({0, 3, 0xED, 0xB0, 0x80}), s("m"))), kMalformed,
       "MQTT-1.5.4-1"},
      {"client id ill-formed", V4, connect(V4, 0x02, wire({0, 2, 0xC0, 0x80})), kMalformed,
       "MQTT-1.5.4-1"},
      {"client id with U+0000 (5.0)", V5, connect(V5, 0x02, wire({0, 1, 0x00})), kMalformed,
       "MQTT-1.5.4-2"},
      {"client id missing", V4, connect(V4, 0x02, wire({})), kMalformed, "MQTT5-1.5"},
      {"user name ill-formed", V4, connect(V4, 0x82, cat(s("c"), wire({0, 1, 0xFE}))), kMalformed,
       "MQTT-1.5.4-1"},
      {"user name with U+0000 (5.0)", V5, connect(V5, 0x82, cat(s("c"), wire({0, 1, 0}))),
       kMalformed, "MQTT-1.5.4-2"},
      {"bytes after the payload", V4, connect(V4, 0x02, cat(s("c"), wire({0x00}))), kMalformed,
       "MQTT5-3.1.3"},
      {"bytes after the payload (5.0)", V5, connect(V5, 0x02, cat(s("c"), wire({0x01, 0x02}))),
       kMalformed, "MQTT5-3.1.3"},
      {"bytes after the password (3.1)", V3, connect(V3, 0xC2, cat(s("c"), s("u"), s("p"), s("!"))),
       kMalformed, "MQTT5-3.1.3"},
      {"empty client id with Clean Session 0", V4, connect(V4, 0x00, s("")), id, "MQTT-3.1.3-8"},
      {"empty client id (3.1)", V3, connect(V3, 0x02, s("")), id, "MQTT31-3.1"},
      {"24-character client id (3.1)", V3, connect(V3, 0x02, s("abcdefghijklmnopqrstuvwx")), id,
       "MQTT31-3.1"},
  };
}

std::vector<Bad> connect_property_rows() {
  const char* where = "MQTT5-2.2.2.2";
  return {
      {"CONNECT properties past the end", V5, pkt(0x10, cat(head(V5, 2), wire({0x05}))), kMalformed,
       "MQTT5-1.5"},
      {"Receive Maximum 0", V5, connect5({0x03, 0x21, 0, 0}), kProtocol, "MQTT5-3.1.2.11.3"},
      {"Maximum Packet Size 0", V5, connect5({0x05, 0x27, 0, 0, 0, 0}), kProtocol,
       "MQTT5-3.1.2.11.4"},
      {"Request Problem Information 2", V5, connect5({0x02, 0x17, 0x02}), kProtocol,
       "MQTT5-3.1.2.11.7"},
      {"Request Response Information 2", V5, connect5({0x02, 0x19, 0x02}), kProtocol,
       "MQTT5-3.1.2.11.6"},
      {"Session Expiry Interval twice", V5, connect5({0x0A, 0x11, 0, 0, 0, 1, 0x11, 0, 0, 0, 2}),
       kProtocol, where},
      {"Receive Maximum twice", V5, connect5({0x06, 0x21, 0, 1, 0x21, 0, 1}), kProtocol, where},
      {"Topic Alias Maximum twice", V5, connect5({0x06, 0x22, 0, 1, 0x22, 0, 1}), kProtocol, where},
      {"Authentication Method twice", V5, connect5({0x08, 0x15, 0, 1, "a", 0x15, 0, 1, "b"}),
       kProtocol, where},
      {"Authentication Data twice", V5, connect5({0x06, 0x16, 0, 0, 0x16, 0, 0}), kProtocol, where},
      {"Maximum Packet Size twice", V5, connect5({0x0A, 0x27, 0, 0, 0, 9, 0x27, 0, 0, 0, 9}),
       kProtocol, where},
      {"Request Problem Information twice", V5, connect5({0x04, 0x17, 1, 0x17, 1}), kProtocol,
       where},
      {"Topic Alias in CONNECT", V5, connect5({0x03, 0x23, 0, 1}), kMalformed, where},
      {"Will Delay Interval in CONNECT", V5, connect5({0x05, 0x18, 0, 0, 0, 1}), kMalformed, where},
      {"Subscription Identifier in CONNECT", V5, connect5({0x02, 0x0B, 0x01}), kMalformed, where},
      {"Maximum QoS in CONNECT", V5, connect5({0x02, 0x24, 0x01}), kMalformed, where},
      {"Server Keep Alive in CONNECT", V5, connect5({0x03, 0x13, 0, 1}), kMalformed, where},
      {"Session Expiry in Will Properties", V5, will5({0x05, 0x11, 0, 0, 0, 1}), kMalformed, where},
      {"Receive Maximum in Will Properties", V5, will5({0x03, 0x21, 0, 1}), kMalformed, where},
      {"Topic Alias in Will Properties", V5, will5({0x03, 0x23, 0, 1}), kMalformed, where},
      {"Payload Format Indicator 2 in Will Properties", V5, will5({0x02, 0x01, 0x02}), kProtocol,
       "MQTT5-3.3.2.3.2"},
      {"Will Delay Interval twice", V5, will5({0x0A, 0x18, 0, 0, 0, 1, 0x18, 0, 0, 0, 1}),
       kProtocol, where},
      {"Will Properties past the end", V5, will5({0x09, 0x18}), kMalformed, "MQTT5-1.5"},
  };
}

std::vector<Bad> connack_rows() {
  const char* where = "MQTT5-2.2.2.2";
  return {
      {"CONNACK reserved flag", V4, pkt(0x20, {0x02, 0x00}), kMalformed, "MQTT-3.2.2-1"},
      {"CONNACK reserved flag (5.0)", V5, pkt(0x20, {0x80, 0x00, 0x00}), kMalformed,
       "MQTT-3.2.2-1"},
      {"CONNACK reserved flag (3.1)", V3, pkt(0x20, {0x04, 0x00}), kMalformed, "MQTT-3.2.2-1"},
      {"CONNACK return code 6", V4, pkt(0x20, {0x00, 0x06}), kMalformed, "MQTT311-3.2.2.3"},
      {"CONNACK return code 0x80 before 5.0", V3, pkt(0x20, {0x00, 0x80}), kMalformed,
       "MQTT311-3.2.2.3"},
      {"Session Present on a refusal", V4, pkt(0x20, {0x01, 0x05}), kProtocol, "MQTT-3.2.2-4"},
      {"Session Present on a refusal (5.0)", V5, pkt(0x20, {0x01, 0x87, 0x00}), kProtocol,
       "MQTT-3.2.2-6"},
      {"CONNACK reason 0x04", V5, pkt(0x20, {0x00, 0x04, 0x00}), kProtocol, "MQTT5-3.2.2.2"},
      {"CONNACK reason 0x8E", V5, pkt(0x20, {0x00, 0x8E, 0x00}), kProtocol, "MQTT5-3.2.2.2"},
      {"CONNACK without property length", V5, pkt(0x20, {0x00, 0x00}), kMalformed, "MQTT5-1.5"},
      {"Maximum QoS 2", V5, connack5({0x02, 0x24, 0x02}), kProtocol, "MQTT5-3.2.2.3.4"},
      {"Retain Available 2", V5, connack5({0x02, 0x25, 0x02}), kProtocol, "MQTT5-3.2.2.3"},
      {"Wildcard Subscription Available 3", V5, connack5({0x02, 0x28, 0x03}), kProtocol,
       "MQTT5-3.2.2.3"},
      {"Subscription Identifier Available 5", V5, connack5({0x02, 0x29, 0x05}), kProtocol,
       "MQTT5-3.2.2.3"},
      {"Shared Subscription Available 2", V5, connack5({0x02, 0x2A, 0x02}), kProtocol,
       "MQTT5-3.2.2.3"},
      {"CONNACK Receive Maximum 0", V5, connack5({0x03, 0x21, 0, 0}), kProtocol,
       "MQTT5-3.1.2.11.3"},
      {"CONNACK Maximum Packet Size 0", V5, connack5({0x05, 0x27, 0, 0, 0, 0}), kProtocol,
       "MQTT5-3.1.2.11.4"},
      {"Assigned Client Identifier twice", V5, connack5({0x08, 0x12, 0, 1, "a", 0x12, 0, 1, "b"}),
       kProtocol, where},
      {"Server Keep Alive twice", V5, connack5({0x06, 0x13, 0, 1, 0x13, 0, 1}), kProtocol, where},
      {"Request Problem Information in CONNACK", V5, connack5({0x02, 0x17, 0x01}), kMalformed,
       where},
      {"Will Delay Interval in CONNACK", V5, connack5({0x05, 0x18, 0, 0, 0, 1}), kMalformed, where},
      {"CONNACK trailing byte", V4, pkt(0x20, {0x00, 0x00, 0x00}), kMalformed, "MQTT5-3.2.2"},
      {"CONNACK trailing byte (5.0)", V5, pkt(0x20, {0x00, 0x00, 0x00, 0xFF}), kMalformed,
       "MQTT5-3.2.2"},
      {"CONNACK cut short", V4, pkt(0x20, {0x00}), kMalformed, "MQTT5-1.5"},
  };
}

std::vector<Bad> ack_rows() {
  const char* id0 = "MQTT-2.2.1-3";
  return {
      {"PUBACK packet id 0", V4, pkt(0x40, {0, 0}), kProtocol, id0},
      {"PUBREC packet id 0 (5.0)", V5, pkt(0x50, {0, 0}), kProtocol, id0},
      {"PUBREL packet id 0", V4, pkt(0x62, {0, 0}), kProtocol, id0},
      {"PUBCOMP packet id 0 (3.1)", V3, pkt(0x70, {0, 0}), kProtocol, id0},
      {"PUBACK of 3 bytes before 5.0", V4, pkt(0x40, {0, 1, 0}), kMalformed, "MQTT311-3.4.1"},
      {"PUBREC of 3 bytes (3.1)", V3, pkt(0x50, {0, 1, 0x10}), kMalformed, "MQTT311-3.4.1"},
      {"PUBCOMP of 4 bytes before 5.0", V4, pkt(0x70, {0, 1, 0, 0}), kMalformed, "MQTT311-3.4.1"},
      {"PUBACK cut short", V4, pkt(0x40, {0}), kMalformed, "MQTT5-1.5"},
      {"PUBACK reason 0x92", V5, pkt(0x40, {0, 1, 0x92}), kProtocol, "MQTT5-2.4"},
      {"PUBREC reason 0x04", V5, pkt(0x50, {0, 1, 0x04}), kProtocol, "MQTT5-2.4"},
      {"PUBREL reason 0x10", V5, pkt(0x62, {0, 1, 0x10}), kProtocol, "MQTT5-2.4"},
      {"PUBCOMP reason 0x80", V5, pkt(0x70, {0, 1, 0x80}), kProtocol, "MQTT5-2.4"},
      {"PUBACK Reason String twice", V5,
       pkt(0x40, {0, 1, 0, 0x08, 0x1F, 0, 1, "a", 0x1F, 0, 1, "b"}), kProtocol, "MQTT5-2.2.2.2"},
      {"Topic Alias in PUBACK", V5, pkt(0x40, {0, 1, 0, 0x03, 0x23, 0, 1}), kMalformed,
       "MQTT5-2.2.2.2"},
      {"PUBACK bytes after the properties", V5, pkt(0x40, {0, 1, 0, 0x00, 0x00}), kMalformed,
       "MQTT5-2.1.4"},
      {"PUBACK properties past the end", V5, pkt(0x40, {0, 1, 0, 0x04, 0x1F}), kMalformed,
       "MQTT5-1.5"},
      {"PUBREL Reason String ill-formed", V5, pkt(0x62, {0, 1, 0, 0x04, 0x1F, 0, 1, 0xFF}),
       kMalformed, "MQTT-1.5.4-1"},
  };
}

std::vector<Bad> subscribe_rows() {
  const R filter = R::topic_filter_invalid;
  return {
      {"SUBSCRIBE without topics", V4, pkt(0x82, {0, 1}), kProtocol, "MQTT-3.8.3-3"},
      {"SUBSCRIBE without topics (3.1)", V3, pkt(0x82, {0, 1}), kProtocol, "MQTT-3.8.3-3"},
      {"SUBSCRIBE without topics (5.0)", V5, pkt(0x82, {0, 1, 0}), kProtocol, "MQTT-3.8.3-2"},
      {"SUBSCRIBE packet id 0", V4, pkt(0x82, cat(wire({0, 0}), s("a"), wire({0}))), kProtocol,
       "MQTT-2.2.1-3"},
      {"SUBSCRIBE QoS 3", V4, subscribe(V4, "a", 3), kMalformed, "MQTT-3-8.3-4"},
      {"SUBSCRIBE reserved bit 2", V4, subscribe(V4, "a", 0x04), kMalformed, "MQTT-3-8.3-4"},
      {"SUBSCRIBE reserved bit 7 (3.1)", V3, subscribe(V3, "a", 0x80), kMalformed, "MQTT-3-8.3-4"},
      {"Subscription Options bit 6", V5, subscribe(V5, "a", 0x40), kMalformed, "MQTT-3.8.3-5"},
      {"Subscription Options bit 7", V5, subscribe(V5, "a", 0x81), kMalformed, "MQTT-3.8.3-5"},
      {"Maximum QoS 3 in options", V5, subscribe(V5, "a", 0x03), kProtocol, "MQTT5-3.8.3.1"},
      {"Retain Handling 3", V5, subscribe(V5, "a", 0x30), kProtocol, "MQTT5-3.8.3.1"},
      {"No Local on a shared subscription", V5, subscribe(V5, "$share/g/a", 0x04), kProtocol,
       "MQTT-3.8.3-4"},
      {"filter a/b#", V4, subscribe(V4, "a/b#", 0), filter, "MQTT-4.7.1-1"},
      {"filter a/#/b", V5, subscribe(V5, "a/#/b", 0), filter, "MQTT-4.7.1-1"},
      {"filter ## (3.1)", V3, subscribe(V3, "##", 0), filter, "MQTT-4.7.1-1"},
      {"filter a+", V4, subscribe(V4, "a+", 0), filter, "MQTT-4.7.1-2"},
      {"filter +a/b", V5, subscribe(V5, "+a/b", 0), filter, "MQTT-4.7.1-2"},
      {"filter a/+b/c (3.1)", V3, subscribe(V3, "a/+b/c", 0), filter, "MQTT-4.7.1-2"},
      {"empty filter", V4, subscribe(V4, "", 0), filter, "MQTT-4.7.3-1"},
      {"empty filter (5.0)", V5, subscribe(V5, "", 0), filter, "MQTT-4.7.3-1"},
      {"$share/g without a filter", V5, subscribe(V5, "$share/g", 0), filter, "MQTT-4.8.2-2"},
      {"$share/g/ with an empty filter", V5, subscribe(V5, "$share/g/", 0), filter, "MQTT-4.8.2-2"},
      {"$share//t with an empty group", V5, subscribe(V5, "$share//t", 0), filter, "MQTT-4.8.2-1"},
      {"$share/g+/t", V5, subscribe(V5, "$share/g+/t", 0), filter, "MQTT-4.8.2-2"},
      {"$share/g#/t", V4, subscribe(V4, "$share/g#/t", 0), filter, "MQTT-4.8.2-2"},
      {"$share/g/a# with a bad filter", V5, subscribe(V5, "$share/g/a#", 0), filter,
       "MQTT-4.8.2-2"},
      {"filter ill-formed", V4, pkt(0x82, wire({0, 1, 0, 1, 0xC1, 0})), kMalformed, "MQTT-1.5.4-1"},
      {"filter with U+0000", V5, pkt(0x82, wire({0, 1, 0, 0, 2, "a", 0x00, 0})), kMalformed,
       "MQTT-1.5.4-2"},
      {"options byte missing", V4, pkt(0x82, cat(wire({0, 1}), s("a"))), kMalformed, "MQTT5-1.5"},
      {"second options byte missing", V5,
       pkt(0x82, cat(wire({0, 1, 0}), s("a"), wire({0}), s("b"))), kMalformed, "MQTT5-1.5"},
      {"Subscription Identifier 0 in SUBSCRIBE", V5,
       pkt(0x82, cat(wire({0, 1, 0x02, 0x0B, 0x00}), s("a"), wire({0}))), kProtocol,
       "MQTT5-3.3.2.3.8"},
      {"Subscription Identifier twice in SUBSCRIBE", V5,
       pkt(0x82, cat(wire({0, 1, 0x04, 0x0B, 1, 0x0B, 2}), s("a"), wire({0}))), kProtocol,
       "MQTT5-2.2.2.2"},
      {"Subscription Identifier of five bytes", V5,
       pkt(0x82, cat(wire({0, 1, 0x06, 0x0B, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}), s("a"), wire({0}))),
       kMalformed, "MQTT-1.5.5-1"},
      {"Reason String in SUBSCRIBE", V5,
       pkt(0x82, cat(wire({0, 1, 0x04, 0x1F, 0, 1, "r"}), s("a"), wire({0}))), kMalformed,
       "MQTT5-2.2.2.2"},
      {"SUBSCRIBE without property length", V5, pkt(0x82, {0, 1}), kMalformed, "MQTT5-1.5"},
  };
}

std::vector<Bad> other_rows() {
  return {
      {"SUBACK return code 3", V4, pkt(0x90, {0, 1, 3}), kProtocol, "MQTT5-3.9.3"},
      {"SUBACK 0x8F before 5.0", V4, pkt(0x90, {0, 1, 0x8F}), kProtocol, "MQTT5-3.9.3"},
      {"SUBACK reason 3 (5.0)", V5, pkt(0x90, {0, 1, 0, 3}), kProtocol, "MQTT5-3.9.3"},
      {"SUBACK reason 0x84 (5.0)", V5, pkt(0x90, {0, 1, 0, 0x84}), kProtocol, "MQTT5-3.9.3"},
      {"SUBACK without return codes", V4, pkt(0x90, {0, 1}), kProtocol, "MQTT5-3.9.3"},
      {"SUBACK without reason codes (5.0)", V5, pkt(0x90, {0, 1, 0}), kProtocol, "MQTT5-3.9.3"},
      {"SUBACK packet id 0", V4, pkt(0x90, {0, 0, 0}), kProtocol, "MQTT-2.2.1-3"},
      {"Session Expiry in SUBACK", V5, pkt(0x90, {0, 1, 0x05, 0x11, 0, 0, 0, 1, 0}), kMalformed,
       "MQTT5-2.2.2.2"},
      {"UNSUBSCRIBE without topics", V4, pkt(0xA2, {0, 1}), kProtocol, "MQTT-3.10.3-2"},
      {"UNSUBSCRIBE without topics (5.0)", V5, pkt(0xA2, {0, 1, 0}), kProtocol, "MQTT-3.10.3-2"},
      {"UNSUBSCRIBE without topics (3.1)", V3, pkt(0xA2, {0, 1}), kProtocol, "MQTT-3.10.3-2"},
      {"UNSUBSCRIBE packet id 0", V5, pkt(0xA2, cat(wire({0, 0, 0}), s("a"))), kProtocol,
       "MQTT-2.2.1-3"},
      {"UNSUBSCRIBE filter a#", V4, unsubscribe(V4, "a#"), R::topic_filter_invalid, "MQTT-4.7.1-1"},
      {"UNSUBSCRIBE filter a/+x", V5, unsubscribe(V5, "a/+x"), R::topic_filter_invalid,
       "MQTT-4.7.1-2"},
      {"UNSUBSCRIBE empty filter", V4, unsubscribe(V4, ""), R::topic_filter_invalid,
       "MQTT-4.7.3-1"},
      {"UNSUBSCRIBE filter ill-formed", V4, pkt(0xA2, {0, 1, 0, 1, 0xFF}), kMalformed,
       "MQTT-1.5.4-1"},
      {"UNSUBSCRIBE filter cut short", V4, pkt(0xA2, {0, 1, 0, 5, "ab"}), kMalformed, "MQTT5-1.5"},
      {"Subscription Identifier in UNSUBSCRIBE", V5,
       pkt(0xA2, cat(wire({0, 1, 0x02, 0x0B, 0x01}), s("a"))), kMalformed, "MQTT5-2.2.2.2"},
      {"UNSUBACK of 3 bytes before 5.0", V4, pkt(0xB0, {0, 1, 0}), kMalformed, "MQTT311-3.11.1"},
      {"UNSUBACK reason 0x10", V5, pkt(0xB0, {0, 1, 0, 0x10}), kProtocol, "MQTT5-3.11.3"},
      {"UNSUBACK reason 0x01", V5, pkt(0xB0, {0, 1, 0, 0x01}), kProtocol, "MQTT5-3.11.3"},
      {"UNSUBACK without reason codes", V5, pkt(0xB0, {0, 1, 0}), kProtocol, "MQTT5-3.11.3"},
      {"UNSUBACK packet id 0", V4, pkt(0xB0, {0, 0}), kProtocol, "MQTT-2.2.1-3"},
      {"PINGREQ with a body", V4, pkt(0xC0, {0}), kMalformed, "MQTT5-3.12.2"},
      {"PINGREQ with a body (3.1)", V3, pkt(0xC0, {0}), kMalformed, "MQTT5-3.12.2"},
      {"PINGRESP with a body", V5, pkt(0xD0, {0}), kMalformed, "MQTT5-3.12.2"},
  };
}

std::vector<Bad> disconnect_auth_rows() {
  const char* where = "MQTT5-2.2.2.2";
  return {
      {"DISCONNECT with a body before 5.0", V4, pkt(0xE0, {0}), kMalformed, "MQTT311-3.14.1"},
      {"DISCONNECT with a body (3.1)", V3, pkt(0xE0, {0}), kMalformed, "MQTT311-3.14.1"},
      {"DISCONNECT reason 0x01", V5, pkt(0xE0, {0x01}), kProtocol, "MQTT5-2.4"},
      {"DISCONNECT reason 0x84", V5, pkt(0xE0, {0x84}), kProtocol, "MQTT5-2.4"},
      {"DISCONNECT reason 0x18", V5, pkt(0xE0, {0x18}), kProtocol, "MQTT5-2.4"},
      {"DISCONNECT Session Expiry twice", V5,
       pkt(0xE0, {0, 0x0A, 0x11, 0, 0, 0, 1, 0x11, 0, 0, 0, 1}), kProtocol, where},
      {"Will Delay Interval in DISCONNECT", V5, pkt(0xE0, {0, 0x05, 0x18, 0, 0, 0, 1}), kMalformed,
       where},
      {"DISCONNECT Reason String ill-formed", V5, pkt(0xE0, {0, 0x04, 0x1F, 0, 1, 0xC0}),
       kMalformed, "MQTT-1.5.4-1"},
      {"DISCONNECT properties past the end", V5, pkt(0xE0, {0, 0x03}), kMalformed, "MQTT5-1.5"},
      {"DISCONNECT bytes after the properties", V5, pkt(0xE0, {0, 0, 0}), kMalformed,
       "MQTT5-2.1.4"},
      {"AUTH reason 0x87", V5, pkt(0xF0, {0x87}), kProtocol, "MQTT5-2.4"},
      {"AUTH reason 0x01", V5, pkt(0xF0, {0x01}), kProtocol, "MQTT5-2.4"},
      {"AUTH Authentication Method twice", V5,
       pkt(0xF0, {0x18, 0x08, 0x15, 0, 1, "a", 0x15, 0, 1, "b"}), kProtocol, where},
      {"AUTH Authentication Data twice", V5,
       pkt(0xF0, {0x18, 0x0A, 0x15, 0, 1, "a", 0x16, 0, 0, 0x16, 0, 0}), kProtocol, where},
      {"Session Expiry in AUTH", V5, pkt(0xF0, {0x18, 0x05, 0x11, 0, 0, 0, 1}), kMalformed, where},
      {"AUTH bytes after the properties", V5, pkt(0xF0, {0x18, 0x00, 0x01}), kMalformed,
       "MQTT5-2.1.4"},
  };
}

std::vector<Bad> bad_inputs() {
  std::vector<Bad> all;
  for (auto rows : {header_rows(), publish_rows(), publish_property_rows(), connect_header_rows(),
                    connect_payload_rows(), connect_property_rows(), connack_rows(), ack_rows(),
                    subscribe_rows(), other_rows(), disconnect_auth_rows()}) {
    for (auto& row : rows) all.push_back(std::move(row));
  }
  return all;
}

TEST_CASE("bad input table: every row fails with its reason code and spec statement") {
  auto rows = bad_inputs();
  CHECK(rows.size() >= 150);
  MESSAGE(rows.size(), " bad inputs");
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CAPTURE(int(row.v));
    auto r = decode(row.bytes, row.v, row.limit);
    REQUIRE_FALSE(r.ok());
    CHECK_MESSAGE(r.error().code == row.code, reason_name(r.error().code), " ", r.error().rule, " ",
                  r.error().what);
    CHECK(std::string(r.error().rule) == row.rule);
  }
}

}  // namespace
}  // namespace mm::mqtt
