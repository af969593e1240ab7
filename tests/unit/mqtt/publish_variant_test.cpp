// The per-subscriber PUBLISH variants the broker needs: replaced Subscription Identifiers,
// and a Packet Identifier patched into an encoded packet.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/mqtt/decode.h"
#include "common/mqtt/encode.h"
#include "tests/unit/mqtt/wire.h"

namespace mm::mqtt {
namespace {

using test::wire;

std::vector<uint32_t> subscription_ids(const Publish& p) {
  std::vector<uint32_t> ids;
  for (const Property& id : p.properties.subscription_identifiers()) ids.push_back(id.number);
  return ids;
}

TEST_CASE("encode with other Subscription Identifiers keeps the message's User Properties") {
  std::vector<uint8_t> block;
  PropertyBlock::append_user_property(block, "k", "v");
  PropertyBlock::append_subscription_identifier(block, 5);
  auto payload = wire({"data"});
  Publish p{.qos = QoS::at_least_once, .topic = "a/b", .packet_id = 9, .payload = payload};
  p.properties.repeated = PropertyBlock(block);
  const std::vector<uint32_t> mine{7, 300};

  Buffer out;
  size_t n = encode(p, ProtocolVersion::v5, out, mine);
  CHECK(n == out.size());
  auto d = decode_publish(out, ProtocolVersion::v5);
  REQUIRE(d.ok());
  CHECK(subscription_ids(d.value()) == mine);
  CHECK(d.value().properties.repeated.count(PropertyId::user_property) == 1);
  CHECK(d.value().topic == "a/b");

  Buffer plain;
  encode(p, ProtocolVersion::v5, plain);
  auto original = decode_publish(plain, ProtocolVersion::v5);
  REQUIRE(original.ok());
  CHECK(subscription_ids(original.value()) == std::vector<uint32_t>{5});
}

TEST_CASE("a copy with another packet id, QoS and Topic Alias encodes as that subscriber's") {
  auto payload = wire({"x"});
  Publish p{.qos = QoS::exactly_once, .topic = "t/1", .packet_id = 1, .payload = payload};
  Publish copy = p;
  copy.qos = QoS::at_least_once;
  copy.packet_id = 77;
  copy.properties.topic_alias = 3;
  copy.topic = {};
  Buffer out;
  encode(copy, ProtocolVersion::v5, out);
  CHECK(out == wire({0x32, 0x09, 0x00, 0x00, 0x00, 0x4D, 0x03, 0x23, 0x00, 0x03, "x"}));
}

TEST_CASE("patch_packet_id rewrites the id of an encoded QoS 1/2 PUBLISH in place") {
  auto packet = wire({0x34, 0x08, 0x00, 0x03, "a/b", 0x00, 0x01, "z"});
  CHECK(patch_packet_id(packet, 0xBEEF));
  CHECK(packet == wire({0x34, 0x08, 0x00, 0x03, "a/b", 0xBE, 0xEF, "z"}));
  auto d = decode_publish(packet, ProtocolVersion::v3_1_1);
  REQUIRE(d.ok());
  CHECK(d.value().packet_id == 0xBEEF);
}

TEST_CASE("patch_packet_id refuses what has no Packet Identifier") {
  auto qos0 = wire({0x30, 0x04, 0x00, 0x01, "t", "z"});
  CHECK_FALSE(patch_packet_id(qos0, 5));
  CHECK(qos0 == wire({0x30, 0x04, 0x00, 0x01, "t", "z"}));
  auto puback = wire({0x40, 0x02, 0x00, 0x01});
  CHECK_FALSE(patch_packet_id(puback, 5));
  auto truncated = wire({0x32, 0x04, 0x00, 0x01, "t", 0x00});
  CHECK_FALSE(patch_packet_id(truncated, 5));
}

}  // namespace
}  // namespace mm::mqtt
