// The one-line description of a decode failure that the broker logs.
#include <doctest/doctest.h>

#include <string>

#include "common/mqtt/decode.h"
#include "tests/unit/mqtt/wire.h"

namespace mm::mqtt {
namespace {

TEST_CASE("describe names the reason, its code, the rule and the cause") {
  auto r = decode(test::wire({0x36, 0x05, 0x00, 0x01, "t", 0x00, 0x01}), ProtocolVersion::v3_1_1);
  REQUIRE_FALSE(r.ok());
  CHECK(describe(r.error()) == "Malformed Packet (0x81) [MQTT-3.3.1-4]: PUBLISH with QoS 3");
}

TEST_CASE("packet type names") {
  CHECK(std::string(packet_type_name(PacketType::connect)) == "CONNECT");
  CHECK(std::string(packet_type_name(PacketType::unsubscribe)) == "UNSUBSCRIBE");
  CHECK(std::string(packet_type_name(PacketType::auth)) == "AUTH");
}

}  // namespace
}  // namespace mm::mqtt
