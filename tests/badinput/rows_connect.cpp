// CONNECT as the first packet, at every level: MQTT 3.1.1 section 3.1, MQTT 5.0 section 3.1,
// MQTT 3.1 (IBM) section 3.1.

#include "tests/badinput/rows.h"
#include "tests/wire/packets.h"

namespace mm::test::badinput {
namespace {

using wire::Packet;

// A CONNECT that breaks a rule of its own layout: 5.0 gets CONNACK `codes`, earlier levels the
// close (MQTT 3.1.1 4.8: a protocol violation closes the connection [MQTT-4.8.0-1]).
Expected bad_connect(uint8_t v, std::vector<uint8_t> codes) {
  return v >= wire::v5 ? connack(std::move(codes)) : closes();
}

// An invalid client identifier: 5.0 CONNACK 0x81 (ill-formed UTF-8 is a Malformed Packet,
// [MQTT-1.5.4-1]); 3.1.1 must close [MQTT-1.5.3-1] and may say 0x02 first [MQTT-3.1.3-9].
Expected bad_utf8_id(uint8_t v) {
  return v >= wire::v5 ? connack({0x81}) : connack_or_close({0x02});
}

void first_packet_rows(uint8_t v, std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b) {
    rows.push_back(
        {"first packet " + name, v, false, std::move(b), closes(),
         "MQTT-3.1.0-1: the first packet must be CONNECT; the server closes unanswered"});
  };
  add("PUBLISH", wire::publish(v, {.topic = "bad/a", .payload = "x"}));
  add("PINGREQ", wire::pingreq());
  add("SUBSCRIBE", wire::subscribe(v, 1, {{"bad/#", {}}}));
  add("PUBREL", wire::ack(v, Type::pubrel, 1));
  if (v >= wire::v5) add("AUTH", wire::auth(0x18, {wire::Property::string(0x15, "x")}));
  rows.push_back({"first packet with a 5-byte Remaining Length",
                  v,
                  false,
                  {0x10, 0x80, 0x80, 0x80, 0x80, 0x01},
                  closes(),
                  "MQTT 5.0 1.5.5 / 3.1.1 2.2.3: at most 4 bytes; the level is unknown: close"});
}

void level_rows(uint8_t v, std::vector<Row>& rows) {
  uint8_t unsupported = v >= wire::v5 ? 0x84 : 0x01;
  rows.push_back({"unknown protocol name MQTX", v, false,
                  connect_head(v, 0x02, {}, "MQTX").str("badconn"), connack_or_close({unsupported}),
                  "MQTT-3.1.2-1: the server MAY disconnect (MAY first answer this return code)"});
  uint8_t level = v >= wire::v5 ? 6 : 2;
  rows.push_back({"unsupported protocol level " + std::to_string(level), v, false,
                  connect_head(level, 0x02).str("badconn"), connack({unsupported}),
                  rule(v, "MQTT-3.1.2-2: CONNACK 0x01 (unacceptable protocol level), then close",
                       "MQTT-3.1.2-2 / 5.0 3.2.2.2: CONNACK 0x84 (unsupported version), close")});
  if (v == wire::v31) return;
  rows.push_back({"protocol name MQIsdp at level " + std::to_string(v), v, false,
                  connect_head(v, 0x02, {}, "MQIsdp").str("badconn"),
                  connack_or_close({unsupported}),
                  "MQTT-3.1.2-1: the name must be \"MQTT\" at this level; the server MAY "
                  "disconnect and MUST NOT go on under this specification"});
}

void flag_rows(uint8_t v, std::vector<Row>& rows) {
  bool v5 = v >= wire::v5;
  auto add = [&](std::string name, Bytes b, Expected e, std::string r) {
    rows.push_back({std::move(name), v, false, std::move(b), std::move(e), std::move(r)});
  };
  add("reserved CONNECT flag set", connect_head(v, 0x03).str("badconn"), bad_connect(v, {0x81}),
      "MQTT-3.1.2-3: the reserved flag must be 0, else Malformed Packet / close");
  Packet will_qos3 = connect_head(v, 0x02 | 0x04 | 0x18);
  will_qos3.str("badconn");
  if (v5) will_qos3.props({});
  will_qos3.str("bad/will").str("x");
  add("Will QoS 3", will_qos3, bad_connect(v, {0x81}),
      rule(v, "MQTT-3.1.2-14: Will QoS 3 is not allowed",
           "MQTT-3.1.2-12: Will QoS 3 is a Malformed Packet"));
  add("Will Retain without Will Flag", connect_head(v, 0x22).str("badconn"),
      bad_connect(v, {0x81, 0x82}),
      rule(v, "MQTT-3.1.2-15: Will Retain must be 0 without the Will Flag",
           "MQTT-3.1.2-13: Will Retain must be 0 without the Will Flag"));
  add("Will QoS 1 without Will Flag", connect_head(v, 0x0A).str("badconn"),
      bad_connect(v, {0x81, 0x82}),
      rule(v, "MQTT-3.1.2-13: Will QoS must be 0 without the Will Flag",
           "MQTT-3.1.2-11: Will QoS must be 0 without the Will Flag"));
  add("Will Flag without Will Topic and Payload", connect_head(v, 0x06).str("badconn"),
      bad_connect(v, {0x81}), "MQTT-3.1.2-9: with the Will Flag, the will fields must be present");
  add("User Name Flag without a User Name", connect_head(v, 0x82).str("badconn"),
      bad_connect(v, {0x81}),
      rule(v, "MQTT-3.1.2-19: with the User Name Flag a user name must be present",
           "MQTT-3.1.2-17: with the User Name Flag a User Name must be present"));
  add("User Name present without its flag", connect_head(v, 0x02).str("badconn").str("user"),
      bad_connect(v, {0x81}),
      rule(v, "MQTT-3.1.2-18: without the User Name Flag no user name may be present",
           "MQTT-3.1.2-16: without the User Name Flag no User Name may be present"));
  add("Password Flag without a Password", connect_head(v, 0xC2).str("badconn").str("user"),
      bad_connect(v, {0x81}),
      rule(v, "MQTT-3.1.2-21: with the Password Flag a password must be present",
           "MQTT-3.1.2-19: with the Password Flag a Password must be present"));
  if (v5) {
    add("Password without User Name (allowed in 5.0)",
        connect_head(v, 0x42).str("badconn").str("pw"), acks(Type::connack, {0x00}),
        "5.0 3.1.2.9: a Password without a User Name is allowed");
  } else {
    add("Password without User Name", connect_head(v, 0x42).str("badconn").str("pw"), closes(),
        "MQTT-3.1.2-22: without the User Name Flag the Password Flag must be 0");
  }
}

void client_id_rows(uint8_t v, std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b, Expected e, std::string r) {
    rows.push_back({std::move(name), v, false, std::move(b), std::move(e), std::move(r)});
  };
  if (v == wire::v311) {
    add("empty client id with Clean Session 0", connect_head(v, 0x00).str(""), connack({0x02}),
        "MQTT-3.1.3-8: an empty ClientId needs CleanSession 1; else CONNACK 0x02, close");
  }
  if (v == wire::v31) {
    add("empty client id", connect_head(v, 0x02).str(""), connack({0x02}),
        "MQTT 3.1 3.1: the Client Identifier is 1 to 23 characters; else CONNACK 2");
    add("empty client id, clean session 0", connect_head(v, 0x00).str(""), connack({0x02}),
        "MQTT 3.1 3.1: the Client Identifier is 1 to 23 characters; else CONNACK 2");
    add("client id of 24 characters", connect_head(v, 0x02).str(std::string(24, 'c')),
        connack({0x02}),
        "MQTT 3.1 3.1: more than 23 characters: CONNACK return code 2 (identifier rejected)");
    return;
  }
  add("client id with an overlong encoding", connect_head(v, 0x02).str(kOverlong), bad_utf8_id(v),
      rule(v, "MQTT-1.5.3-1: ill-formed UTF-8 closes",
           "MQTT-1.5.4-1: ill-formed UTF-8 is malformed"));
  add("client id with U+0000", connect_head(v, 0x02).str(kNullChar), bad_utf8_id(v),
      rule(v, "MQTT-1.5.3-2: U+0000 closes", "MQTT-1.5.4-2: U+0000 is a Malformed Packet"));
  add("client id with a surrogate", connect_head(v, 0x02).str(kSurrogate), bad_utf8_id(v),
      rule(v, "MQTT-1.5.3-1: surrogates are ill-formed",
           "MQTT-1.5.4-1: surrogates are ill-formed"));
  add("client id with byte 0xFF", connect_head(v, 0x02).str(kBadByte), bad_utf8_id(v),
      rule(v, "MQTT-1.5.3-1: ill-formed UTF-8 closes", "MQTT-1.5.4-1: ill-formed UTF-8"));
  add("user name with an overlong encoding", connect_head(v, 0x82).str("badconn").str(kOverlong),
      bad_connect(v, {0x81}),
      rule(v, "MQTT-1.5.3-1: ill-formed UTF-8 closes", "MQTT-1.5.4-1: ill-formed UTF-8"));
}

void will_rows(uint8_t v, std::vector<Row>& rows) {
  bool v5 = v >= wire::v5;
  auto with_will = [&](const std::string& topic) {
    Packet p = connect_head(v, 0x06);
    p.str("badconn");
    if (v5) p.props({});
    p.str(topic).str("x");
    return Bytes(p);
  };
  rows.push_back({"Will Topic with '#'", v, false, with_will("bad/#"), bad_connect(v, {0x90}),
                  "MQTT-3.1.3-11 / MQTT-3.3.2-2: the Will Topic is a Topic Name: no wildcards "
                  "(5.0 CONNACK 0x90 Topic Name invalid)"});
  rows.push_back({"Will Topic with '+'", v, false, with_will("bad/+/x"), bad_connect(v, {0x90}),
                  "MQTT-3.1.3-11 / MQTT-3.3.2-2: no wildcards in a Topic Name"});
  rows.push_back({"empty Will Topic", v, false, with_will(""), bad_connect(v, {0x90, 0x82, 0x81}),
                  "MQTT-4.7.3-1: a Topic Name is at least one character (no specific 5.0 code)"});
  rows.push_back({"Will Topic with U+0000", v, false, with_will("bad/" + kNullChar),
                  bad_connect(v, {0x81}),
                  rule(v, "MQTT-1.5.3-2: U+0000 closes", "MQTT-1.5.4-2: U+0000 is malformed")});
  rows.push_back({"Will Topic with an overlong encoding", v, false, with_will(kOverlong),
                  bad_connect(v, {0x81}),
                  rule(v, "MQTT-1.5.3-1: ill-formed UTF-8", "MQTT-1.5.4-1: ill-formed UTF-8")});
}

void layout_rows(uint8_t v, std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b, Expected e, std::string r) {
    rows.push_back({std::move(name), v, false, std::move(b), std::move(e), std::move(r)});
  };
  add("CONNECT client id length past the end", connect_head(v, 0x02).u16(100).raw("abc"),
      bad_connect(v, {0x81}), "5.0 4.13.1 / 3.1.1 4.8: a packet that cannot be parsed");
  add("CONNECT with a trailing byte",
      connect_head(v, 0x02).str("badconn").raw(std::string(1, '\0')), bad_connect(v, {0x81}),
      "5.0 4.13.1 / 3.1.1 4.8: bytes beyond the payload: malformed");
  add("CONNECT cut after the protocol level",
      Packet(Type::connect).str(v == wire::v31 ? "MQIsdp" : "MQTT").u8(v), bad_connect(v, {0x81}),
      "5.0 4.13.1 / 3.1.1 4.8: the variable header is incomplete: malformed");
  add("CONNECT with fixed header flags 0001",
      Packet(0x11).raw(connect_head(v, 0x02).str("badconn").body()), bad_connect(v, {0x81}),
      rule(v, "MQTT-2.2.2-2: invalid flags close",
           "MQTT-2.1.3-1 (2.1.3): invalid flags are malformed"));
  add("CONNECT over connect_max_length", connect_head(v, 0x02).str(std::string(1100, 'c')),
      v >= wire::v5 ? connack_or_close({0x95}) : closes(),
      "connect_max_length (config) = package_max_length 1024; 5.0 MAY answer 0x95 then closes");
  rows.push_back({"second CONNECT", v, true, good_connect(v, "badconn2"), violation(v, {0x82}),
                  "MQTT-3.1.0-2: a second CONNECT is a Protocol Error (5.0 DISCONNECT 0x82); "
                  "3.1.1 closes"});
}

}  // namespace

std::vector<Row> connect_rows(uint8_t v) {
  std::vector<Row> rows;
  first_packet_rows(v, rows);
  level_rows(v, rows);
  client_id_rows(v, rows);
  if (v == wire::v31) {
    Packet will_qos3 = connect_head(v, 0x02 | 0x04 | 0x18);
    rows.push_back({"Will QoS 3", v, false, will_qos3.str("badconn").str("bad/w").str("x"),
                    closes(), "MQTT 3.1 3.1: Will QoS is 0, 1 or 2"});
    rows.push_back({"second CONNECT", v, true, good_connect(v, "badconn2"), closes(),
                    "MQTT 3.1 3.1: a client sends CONNECT once (3.1.1 MQTT-3.1.0-2: close)"});
    return rows;
  }
  flag_rows(v, rows);
  will_rows(v, rows);
  layout_rows(v, rows);
  return rows;
}

}  // namespace mm::test::badinput
