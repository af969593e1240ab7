// Golden bytes written by hand from the MQTT 3.1, 3.1.1 and 5.0 specifications (never by our
// encoder): each must decode to the expected struct and the struct must encode to the bytes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/mqtt/decode.h"
#include "common/mqtt/encode.h"
#include "tests/unit/mqtt/wire.h"

namespace mm::mqtt {
namespace {

using test::wire;
using V = ProtocolVersion;

struct Golden {
  const char* name;
  std::vector<uint8_t> bytes;
  Packet packet;
};

void check(const Golden& g, ProtocolVersion v) {
  CAPTURE(g.name);
  CAPTURE(int(v));
  auto decoded = decode(g.bytes, v);
  REQUIRE_MESSAGE(decoded.ok(), decoded.error().rule, " ", decoded.error().what);
  CHECK(decoded.value() == g.packet);
  Buffer out;
  CHECK(encode(g.packet, v, out) == g.bytes.size());
  CHECK(out == g.bytes);
}

Bytes bin(std::string_view s) {
  return Bytes(s.begin(), s.end());
}
std::span<const uint8_t> view(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// 3.1.1 packets; apart from CONNECT their layout is the same in 3.1.
std::vector<Golden> v311_packets() {
  Connect minimal{.version = V::v3_1_1, .keep_alive = 60, .client_id = "abc"};
  Connect full{
      .version = V::v3_1_1,
      .keep_alive = 10,
      .client_id = "c1",
      .will =
          Will{.qos = QoS::at_least_once, .retain = true, .topic = "w/t", .payload = bin("bye")},
      .username = "u",
      .password = bin("p")};
  Publish qos0{.topic = "a/b", .payload = view("hi")};
  Publish qos1{.dup = true,
               .qos = QoS::at_least_once,
               .retain = true,
               .topic = "t",
               .packet_id = 0x1234,
               .payload = view("x")};
  Publish qos2{.qos = QoS::exactly_once, .topic = "t", .packet_id = 1};
  Subscribe sub{.packet_id = 10,
                .subscriptions = {{.filter = "a/#", .max_qos = QoS::at_least_once},
                                  {.filter = "+", .max_qos = QoS::exactly_once}}};
  return {
      {"CONNECT minimal",
       wire({0x10, 0x0F, 0x00, 0x04, "MQTT", 0x04, 0x02, 0x00, 0x3C, 0x00, 0x03, "abc"}), minimal},
      {"CONNECT will, user, password",
       wire({0x10, 0x1E, 0x00,  0x04, "MQTT", 0x04,  0xEE, 0x00, 0x0A, 0x00, 0x02, "c1",
             0x00, 0x03, "w/t", 0x00, 0x03,   "bye", 0x00, 0x01, "u",  0x00, 0x01, "p"}),
       full},
      {"CONNACK session present", wire({0x20, 0x02, 0x01, 0x00}), Connack{.session_present = true}},
      {"CONNACK not authorized", wire({0x20, 0x02, 0x00, 0x05}),
       Connack{.return_code = ConnackCode311::not_authorized}},
      {"PUBLISH QoS 0", wire({0x30, 0x07, 0x00, 0x03, "a/bhi"}), qos0},
      {"PUBLISH QoS 1 dup retain", wire({0x3B, 0x06, 0x00, 0x01, "t", 0x12, 0x34, "x"}), qos1},
      {"PUBLISH QoS 2 empty payload", wire({0x34, 0x05, 0x00, 0x01, "t", 0x00, 0x01}), qos2},
      {"PUBACK", wire({0x40, 0x02, 0x00, 0x07}), Puback{.packet_id = 7}},
      {"PUBREC", wire({0x50, 0x02, 0x00, 0x08}), Pubrec{.packet_id = 8}},
      {"PUBREL", wire({0x62, 0x02, 0x00, 0x09}), Pubrel{.packet_id = 9}},
      {"PUBCOMP", wire({0x70, 0x02, 0x00, 0x0A}), Pubcomp{.packet_id = 10}},
      {"SUBSCRIBE", wire({0x82, 0x0C, 0x00, 0x0A, 0x00, 0x03, "a/#", 0x01, 0x00, 0x01, "+", 0x02}),
       sub},
      {"SUBACK", wire({0x90, 0x04, 0x00, 0x0A, 0x01, 0x80}),
       Suback{.packet_id = 10,
              .reason_codes = {ReasonCode::granted_qos1, ReasonCode::unspecified_error}}},
      {"UNSUBSCRIBE", wire({0xA2, 0x07, 0x00, 0x0C, 0x00, 0x03, "a/b"}),
       Unsubscribe{.packet_id = 12, .filters = {"a/b"}}},
      {"UNSUBACK", wire({0xB0, 0x02, 0x00, 0x0C}), Unsuback{.packet_id = 12}},
      {"PINGREQ", wire({0xC0, 0x00}), Pingreq{}},
      {"PINGRESP", wire({0xD0, 0x00}), Pingresp{}},
      {"DISCONNECT", wire({0xE0, 0x00}), Disconnect{}},
  };
}

TEST_CASE("golden 3.1.1 packets [MQTT 3.1.1 chapter 3]") {
  for (const auto& g : v311_packets()) check(g, V::v3_1_1);
}

TEST_CASE("golden 3.1 packets: MQIsdp CONNECT, the rest as 3.1.1 [MQTT 3.1]") {
  Connect c{.version = V::v3_1, .keep_alive = 60, .client_id = "abc"};
  check({"CONNECT",
         wire({0x10, 0x11, 0x00, 0x06, "MQIsdp", 0x03, 0x02, 0x00, 0x3C, 0x00, 0x03, "abc"}), c},
        V::v3_1);
  for (const auto& g : v311_packets()) {
    if (!std::holds_alternative<Connect>(g.packet)) check(g, V::v3_1);
  }
}

TEST_CASE("3.1 accepts DUP on PUBREL, SUBSCRIBE, UNSUBSCRIBE retries; 3.1.1 does not") {
  auto pubrel = wire({0x6A, 0x02, 0x00, 0x09});
  CHECK(decode(pubrel, V::v3_1).ok());
  CHECK(decode(pubrel, V::v3_1_1).error().rule == std::string("MQTT-2.1.3-1"));
}

std::vector<Golden> v5_connects() {
  Connect c{.version = V::v5, .keep_alive = 30, .client_id = "id"};
  c.properties.session_expiry_interval = 60;
  c.properties.receive_maximum = 10;
  c.properties.user_properties = {{"k", "v"}};
  c.will = Will{.topic = "t"};
  c.will->properties.will_delay_interval = 5;
  Connect auth{.version = V::v5, .clean_start = false, .client_id = "", .password = bin("pw")};
  return {
      {"CONNECT properties and will properties",
       wire({0x10, 0x29, 0x00, 0x04, "MQTT", 0x05, 0x06, 0x00, 0x1E, 0x0F, 0x11, 0x00, 0x00, 0x00,
             0x3C, 0x21, 0x00, 0x0A, 0x26,   0x00, 0x01, "k",  0x00, 0x01, "v",  // properties
             0x00, 0x02, "id", 0x05, 0x18,   0x00, 0x00, 0x00, 0x05, 0x00, 0x01, "t",  0x00, 0x00}),
       c},
      {"CONNECT password without user name, empty client id",
       wire({0x10, 0x11, 0x00, 0x04, "MQTT", 0x05, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
             "pw"}),
       auth},
  };
}

std::vector<Golden> v5_acks() {
  Puback puback{.packet_id = 7, .reason_code = ReasonCode::unspecified_error};
  puback.properties.reason_string = "no";
  Suback suback{.packet_id = 11,
                .reason_codes = {ReasonCode::granted_qos2, ReasonCode::topic_filter_invalid}};
  Unsuback unsuback{.packet_id = 13,
                    .reason_codes = {ReasonCode::success, ReasonCode::no_subscription_existed}};
  Connack connack;
  connack.properties.assigned_client_identifier = "xy";
  connack.properties.topic_alias_maximum = 5;
  return {
      {"CONNACK assigned id",
       wire({0x20, 0x0B, 0x00, 0x00, 0x08, 0x12, 0x00, 0x02, "xy", 0x22, 0x00, 0x05}), connack},
      {"CONNACK refused", wire({0x20, 0x03, 0x00, 0x87, 0x00}),
       Connack{.reason_code = ReasonCode::not_authorized}},
      {"PUBACK success, short form", wire({0x40, 0x02, 0x00, 0x07}), Puback{.packet_id = 7}},
      {"PUBACK reason string", wire({0x40, 0x09, 0x00, 0x07, 0x80, 0x05, 0x1F, 0x00, 0x02, "no"}),
       puback},
      {"PUBACK no matching subscribers", wire({0x40, 0x03, 0x00, 0x07, 0x10}),
       Puback{.packet_id = 7, .reason_code = ReasonCode::no_matching_subscribers}},
      {"PUBREC id in use", wire({0x50, 0x03, 0x00, 0x08, 0x91}),
       Pubrec{.packet_id = 8, .reason_code = ReasonCode::packet_identifier_in_use}},
      {"PUBREL id not found", wire({0x62, 0x03, 0x00, 0x09, 0x92}),
       Pubrel{.packet_id = 9, .reason_code = ReasonCode::packet_identifier_not_found}},
      {"PUBCOMP", wire({0x70, 0x02, 0x00, 0x0A}), Pubcomp{.packet_id = 10}},
      {"SUBACK", wire({0x90, 0x05, 0x00, 0x0B, 0x00, 0x02, 0x8F}), suback},
      {"UNSUBACK", wire({0xB0, 0x05, 0x00, 0x0D, 0x00, 0x00, 0x11}), unsuback},
  };
}

std::vector<Golden> v5_others() {
  Subscribe sub{.packet_id = 11,
                .subscriptions = {{.filter = "$share/g/t",
                                   .max_qos = QoS::at_least_once,
                                   .retain_as_published = true,
                                   .retain_handling = RetainHandling::dont_send},
                                  {.filter = "x", .max_qos = QoS::exactly_once, .no_local = true}}};
  sub.properties.subscription_identifiers = {129};
  Disconnect keep{};
  keep.properties.session_expiry_interval = 0;
  Auth auth{.reason_code = ReasonCode::continue_authentication};
  auth.properties.authentication_method = "SCRA";
  auth.properties.authentication_data = Bytes{1, 2};
  return {
      {"SUBSCRIBE options, subscription identifier",
       wire({0x82, 0x17, 0x00, 0x0B, 0x03, 0x0B, 0x81, 0x01, 0x00, 0x0A, "$share/g/t", 0x29, 0x00,
             0x01, "x", 0x06}),
       sub},
      {"UNSUBSCRIBE", wire({0xA2, 0x06, 0x00, 0x0D, 0x00, 0x00, 0x01, "a"}),
       Unsubscribe{.packet_id = 13, .filters = {"a"}}},
      {"PINGREQ", wire({0xC0, 0x00}), Pingreq{}},
      {"PINGRESP", wire({0xD0, 0x00}), Pingresp{}},
      {"DISCONNECT normal, short form", wire({0xE0, 0x00}), Disconnect{}},
      {"DISCONNECT with will", wire({0xE0, 0x01, 0x04}),
       Disconnect{.reason_code = ReasonCode::disconnect_with_will}},
      {"DISCONNECT session expiry", wire({0xE0, 0x07, 0x00, 0x05, 0x11, 0x00, 0x00, 0x00, 0x00}),
       keep},
      {"AUTH success, short form", wire({0xF0, 0x00}), Auth{}},
      {"AUTH continue",
       wire({0xF0, 0x0E, 0x18, 0x0C, 0x15, 0x00, 0x04, "SCRA", 0x16, 0x00, 0x02, 0x01, 0x02}),
       auth},
  };
}

TEST_CASE("golden 5.0 CONNECT, acknowledgements and the rest [MQTT 5.0 chapter 3]") {
  for (const auto& g : v5_connects()) check(g, V::v5);
  for (const auto& g : v5_acks()) check(g, V::v5);
  for (const auto& g : v5_others()) check(g, V::v5);
}

TEST_CASE("golden 5.0 PUBLISH with properties [MQTT 5.0 3.3]") {
  std::vector<uint8_t> repeated;
  PropertyBlock::append_subscription_identifier(repeated, 5);
  PropertyBlock::append_user_property(repeated, "a", "b");
  Publish p{.qos = QoS::at_least_once, .topic = "t", .packet_id = 1, .payload = view("ok")};
  p.properties.payload_format_indicator = 1;
  p.properties.message_expiry_interval = 10;
  p.properties.topic_alias = 7;
  p.properties.repeated = PropertyBlock(repeated);
  check({"PUBLISH scalars, subscription identifier, user property",
         wire({0x32, 0x1B, 0x00, 0x01, "t",  0x00, 0x01, 0x13, 0x01, 0x01, 0x02, 0x00, 0x00, 0x00,
               0x0A, 0x23, 0x00, 0x07, 0x0B, 0x05, 0x26, 0x00, 0x01, "a",  0x00, 0x01, "b",  "ok"}),
         p},
        V::v5);

  Publish alias{.topic = ""};
  alias.properties.topic_alias = 1;
  check({"PUBLISH topic by alias", wire({0x30, 0x07, 0x00, 0x00, 0x03, 0x23, 0x00, 0x01, "p"}),
         [&] {
           alias.payload = view("p");
           return alias;
         }()},
        V::v5);

  Publish strings{.topic = "q"};
  strings.properties.content_type = "json";
  strings.properties.response_topic = "r/s";
  strings.properties.correlation_data = std::string_view("\x01\x02", 2);
  check({"PUBLISH content type, response topic, correlation data",
         wire({0x30, 0x16, 0x00, 0x01, "q", 0x12, 0x03, 0x00, 0x04, "json", 0x08, 0x00, 0x03, "r/s",
               0x09, 0x00, 0x02, 0x01, 0x02}),
         strings},
        V::v5);
}

}  // namespace
}  // namespace mm::mqtt
