// MQTT 5.0 properties (section 2.2.2) in CONNECT, the Will and PUBLISH: identifiers a packet
// may not carry, properties given twice, values out of range and ill-formed strings.

#include "tests/badinput/rows.h"
#include "tests/wire/packets.h"

namespace mm::test::badinput {
namespace {

using wire::Packet;
using wire::Property;
using wire::Props;
namespace prop = wire::prop;

constexpr uint8_t v5 = wire::v5;

Bytes connect_with(const Props& props) {
  return connect_head(v5, 0x02, props).str("badconn");
}

Bytes connect_with_will(const Props& will_props) {
  return connect_head(v5, 0x06).str("badconn").props(will_props).str("bad/will").str("x");
}

Bytes publish_with(const Props& props, uint8_t qos = 0, const std::string& topic = "bad/p") {
  return wire::publish(
      v5, {.topic = topic, .payload = "x", .qos = qos, .packet_id = 1, .props = props});
}

const char* kTwice =
    "5.0 2.2.2.2 / 3.x: including this property more than once is a Protocol Error";
const char* kNotHere =
    "5.0 2.2.2.2: an identifier not valid for the packet type is a Malformed Packet";
const char* kUtf8 = "MQTT-1.5.4-1: ill-formed UTF-8 is a Malformed Packet";

void connect_property_list(std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b, Expected e, std::string r) {
    rows.push_back({"CONNECT " + name, v5, false, std::move(b), std::move(e), std::move(r)});
  };
  add("with an Authentication Method",
      connect_with({Property::string(prop::authentication_method, "SCRAM-SHA-1")}),
      connack({0x8C, 0x87}), "MQTT-4.12.0-1: an unsupported method: CONNACK 0x8C (or 0x87), close");
  add("with Authentication Data but no Method",
      connect_with({Property::binary(prop::authentication_data, "x")}), connack({0x82}),
      "5.0 3.1.2.11.10: Authentication Data without a Method is a Protocol Error");
  add("with Receive Maximum 0", connect_with({wire::receive_maximum(0)}), connack({0x82}),
      "5.0 3.1.2.11.3: Receive Maximum 0 is a Protocol Error");
  add("with Maximum Packet Size 0", connect_with({wire::maximum_packet_size(0)}), connack({0x82}),
      "5.0 3.1.2.11.4: Maximum Packet Size 0 is a Protocol Error");
  add("with Receive Maximum twice",
      connect_with({wire::receive_maximum(5), wire::receive_maximum(5)}), connack({0x82}), kTwice);
  add("with Session Expiry Interval twice",
      connect_with({wire::session_expiry(1), wire::session_expiry(1)}), connack({0x82}), kTwice);
  add("with Maximum Packet Size twice",
      connect_with({wire::maximum_packet_size(500), wire::maximum_packet_size(500)}),
      connack({0x82}), kTwice);
  add("with Topic Alias Maximum twice",
      connect_with({wire::topic_alias_maximum(2), wire::topic_alias_maximum(2)}), connack({0x82}),
      kTwice);
  add("with Request Problem Information 2", connect_with({wire::request_problem_information(2)}),
      connack({0x82}), "5.0 3.1.2.11.7: a value other than 0 or 1 is a Protocol Error");
  add("with Request Response Information 2", connect_with({wire::request_response_information(2)}),
      connack({0x82}), "5.0 3.1.2.11.6: a value other than 0 or 1 is a Protocol Error");
  add("with Request Problem Information twice",
      connect_with({wire::request_problem_information(1), wire::request_problem_information(1)}),
      connack({0x82}), kTwice);
  add("with a Topic Alias", connect_with({wire::topic_alias(1)}), connack({0x81}), kNotHere);
  add("with a Subscription Identifier", connect_with({wire::subscription_id(1)}), connack({0x81}),
      kNotHere);
  add("with a Reason String", connect_with({wire::reason_string("r")}), connack({0x81}), kNotHere);
  add("with property identifier 0x7F", connect_with({Property::byte(0x7F, 1)}), connack({0x81}),
      "5.0 2.2.2.2: an unknown identifier is a Malformed Packet");
  add("with a User Property name overlong", connect_with({wire::user(kOverlong, "v")}),
      connack({0x81}), kUtf8);
  add("with a User Property value holding U+0000", connect_with({wire::user("k", kNullChar)}),
      connack({0x81}), "MQTT-1.5.4-2: U+0000 is a Malformed Packet");
  add("with a Property Length past the packet",
      Packet(Type::connect).str("MQTT").u8(v5).u8(0x02).u16(60).varint(50).str("badconn"),
      connack({0x81}), "5.0 2.2.2.1: properties beyond the Remaining Length: malformed");
  add("with a truncated Session Expiry value",
      Packet(Type::connect)
          .str("MQTT")
          .u8(v5)
          .u8(0x02)
          .u16(60)
          .varint(3)
          .raw("\x11\x00\x00")
          .str("badconn"),
      connack({0x81}), "5.0 2.2.2.2: a value not of its data type is a Malformed Packet");
}

void will_property_list(std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b, Expected e, std::string r) {
    rows.push_back({"Will " + name, v5, false, std::move(b), std::move(e), std::move(r)});
  };
  add("with a Session Expiry Interval", connect_with_will({wire::session_expiry(5)}),
      connack({0x81}), kNotHere);
  add("with a Topic Alias", connect_with_will({wire::topic_alias(1)}), connack({0x81}), kNotHere);
  add("with Payload Format Indicator 2", connect_with_will({wire::payload_format(2)}),
      connack({0x81, 0x82}), "5.0 3.1.3.2.3: the indicator is 0 or 1 (no code given: 0x81/0x82)");
  add("with Will Delay Interval twice",
      connect_with_will({wire::will_delay(1), wire::will_delay(1)}), connack({0x82}), kTwice);
  add("with Message Expiry twice",
      connect_with_will({wire::message_expiry(9), wire::message_expiry(9)}), connack({0x82}),
      kTwice);
  add("with a Content Type overlong", connect_with_will({wire::content_type(kOverlong)}),
      connack({0x81}), kUtf8);
  add("with a Response Topic holding '#'", connect_with_will({wire::response_topic("r/#")}),
      connack({0x82, 0x90}), "5.0 3.1.3.2.5 / MQTT-3.3.2-14: a Response Topic has no wildcards");
}

void publish_property_list(std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b, Expected e, std::string r) {
    rows.push_back({"PUBLISH " + name, v5, true, std::move(b), std::move(e), std::move(r)});
  };
  add("with Topic Alias 0", publish_with({wire::topic_alias(0)}), disconnect({0x94}),
      "MQTT-3.3.2-8: Topic Alias 0 is not permitted: DISCONNECT 0x94");
  add("with Topic Alias above the server's maximum",
      publish_with({wire::topic_alias(kServerTopicAliasMaximum + 1)}), disconnect({0x94}),
      "MQTT-3.3.2-9: above the Topic Alias Maximum of CONNACK: DISCONNECT 0x94");
  add("with Topic Alias 65535", publish_with({wire::topic_alias(65535)}), disconnect({0x94}),
      "MQTT-3.3.2-9: above the Topic Alias Maximum of CONNACK: DISCONNECT 0x94");
  add("with an unknown Topic Alias and no topic", publish_with({wire::topic_alias(1)}, 0, ""),
      disconnect({0x82}),
      "5.0 3.3.2.3.4: an alias with no mapping and an empty topic: Protocol Error");
  add("with a Session Expiry Interval", publish_with({wire::session_expiry(5)}), disconnect({0x81}),
      kNotHere);
  add("with a Receive Maximum", publish_with({wire::receive_maximum(5)}), disconnect({0x81}),
      kNotHere);
  add("with an Authentication Method",
      publish_with({Property::string(prop::authentication_method, "x")}), disconnect({0x81}),
      kNotHere);
  add("with a Subscription Identifier", publish_with({wire::subscription_id(3)}),
      disconnect({0x82}),
      "MQTT-3.3.4-6: a PUBLISH from a Client must not contain a Subscription Identifier");
  add("with Payload Format Indicator 2", publish_with({wire::payload_format(2)}),
      disconnect({0x81, 0x82}),
      "5.0 3.3.2.3.2: the indicator is 0 or 1 (no code given: 0x81/0x82)");
  add("with Payload Format Indicator twice",
      publish_with({wire::payload_format(0), wire::payload_format(0)}), disconnect({0x82}), kTwice);
  add("with Message Expiry twice", publish_with({wire::message_expiry(5), wire::message_expiry(5)}),
      disconnect({0x82}), kTwice);
  add("with Topic Alias twice", publish_with({wire::topic_alias(1), wire::topic_alias(1)}),
      disconnect({0x82}), kTwice);
  add("with Content Type twice", publish_with({wire::content_type("a"), wire::content_type("a")}),
      disconnect({0x82}), kTwice);
  add("with Response Topic twice",
      publish_with({wire::response_topic("r"), wire::response_topic("r")}), disconnect({0x82}),
      kTwice);
  add("with Correlation Data twice",
      publish_with({wire::correlation_data("c"), wire::correlation_data("c")}), disconnect({0x82}),
      kTwice);
  add("with a Response Topic holding '+'", publish_with({wire::response_topic("r/+")}),
      disconnect({0x82, 0x90}), "MQTT-3.3.2-14: the Response Topic must not contain wildcards");
  add("with a Content Type overlong", publish_with({wire::content_type(kOverlong)}),
      disconnect({0x81}), kUtf8);
  add("with a Response Topic holding a surrogate", publish_with({wire::response_topic(kSurrogate)}),
      disconnect({0x81}), kUtf8);
  add("with a User Property name overlong", publish_with({wire::user(kOverlong, "v")}),
      disconnect({0x81}), kUtf8);
  add("with a User Property value holding U+0000", publish_with({wire::user("k", kNullChar)}),
      disconnect({0x81}), "MQTT-1.5.4-2: U+0000 is a Malformed Packet");
  add("with property identifier 0x00", publish_with({Property::byte(0x00, 0)}), disconnect({0x81}),
      "5.0 2.2.2.2: an unknown identifier is a Malformed Packet");
  add("with property identifier 0x50", publish_with({Property::byte(0x50, 0)}), disconnect({0x81}),
      "5.0 2.2.2.2: an unknown identifier is a Malformed Packet");
  add("with a Property Length past the packet", Packet(0x30).str("bad/p").varint(40).raw("x"),
      disconnect({0x81}), "5.0 2.2.2.1: properties beyond the Remaining Length: malformed");
  add("with a truncated Message Expiry value",
      Packet(0x30).str("bad/p").varint(3).raw("\x02\x00\x00"), disconnect({0x81}),
      "5.0 2.2.2.2: a value not of its data type is a Malformed Packet");
  add("at QoS 1 with a 129-level topic (server limit)", publish_with({}, 1, deep_topic(129)),
      acks(Type::puback, {0x90}),
      "server limit max_topic_levels 128 (worker/broker/settings.h): PUBACK 0x90 Topic Name "
      "invalid (5.0 3.4.2.1); the connection stays");
  // More QoS 2 PUBLISHes than the server's Receive Maximum, none released [MQTT-3.3.4-9].
  Bytes all;
  for (uint16_t id = 1; id <= kServerReceiveMaximum + 1; ++id) {
    Bytes one = wire::publish(v5, {.topic = "bad/rm", .payload = "x", .qos = 2, .packet_id = id});
    all.insert(all.end(), one.begin(), one.end());
  }
  rows.push_back(
      {"QoS 2 PUBLISHes beyond Receive Maximum without PUBREL", v5, true, all,
       Expected{Answer::disconnect, Type::disconnect, {0x93}, kServerReceiveMaximum, Type::pubrec},
       "5.0 3.3.4 / 4.9: more unacknowledged QoS>0 PUBLISHes than Receive Maximum: "
       "DISCONNECT 0x93"});
}

}  // namespace

std::vector<Row> connect_property_rows() {
  std::vector<Row> rows;
  connect_property_list(rows);
  will_property_list(rows);
  return rows;
}

std::vector<Row> publish_property_rows() {
  std::vector<Row> rows;
  publish_property_list(rows);
  return rows;
}

}  // namespace mm::test::badinput
