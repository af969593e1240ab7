// Decoding a PUBLISH allocates nothing: topic, payload and properties are views.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/mqtt/decode.h"
#include "tests/unit/mqtt/alloc/counting_allocator.h"
#include "tests/unit/mqtt/wire.h"

namespace mm::mqtt {
namespace {

using test::allocations_during;
using test::cat;
using test::pkt;
using test::wire;

TEST_CASE("the counting allocator counts") {
  std::unique_ptr<int> p;
  CHECK(allocations_during([&] { p = std::make_unique<int>(1); }) == 1);
}

TEST_CASE("decode_publish of a 3.1.1 QoS 1 PUBLISH with 1 KiB payload allocates nothing") {
  auto packet =
      pkt(0x32, cat(wire({0x00, 0x09, "sensors/1", 0x12, 0x34}), std::vector<uint8_t>(1024, 'x')));
  bool ok = false;
  size_t n = allocations_during([&] {
    auto r = decode_publish(packet, ProtocolVersion::v3_1_1);
    ok = r.ok() && r.value().payload.size() == 1024 && r.value().topic == "sensors/1";
  });
  CHECK(ok);
  CHECK(n == 0);
}

TEST_CASE("decode_publish of a 5.0 PUBLISH with every property allocates nothing") {
  auto props =
      wire({0x01,    0x01, 0x02, 0x00, 0x00, 0x0E, 0x10, 0x03, 0x00, 0x04, "json", 0x08, 0x00, 0x05,
            "reply", 0x09, 0x00, 0x02, 0x01, 0x02, 0x23, 0x00, 0x05, 0x0B, 0x81,   0x01, 0x0B, 0x02,
            0x26,    0x00, 0x01, "a",  0x00, 0x01, "b",  0x26, 0x00, 0x02, "cc",   0x00, 0x00});
  auto packet = pkt(0x34, cat(wire({0x00, 0x03, "a/b", 0x00, 0x07, int(props.size())}), props,
                              std::vector<uint8_t>(64, 'p')));
  size_t users = 0;
  size_t ids = 0;
  bool ok = false;
  size_t n = allocations_during([&] {
    auto r = decode_publish(packet, ProtocolVersion::v5);
    if (!r.ok()) return;
    const auto& p = r.value().properties;
    for (const Property& u : p.user_properties()) users += u.text.size() + u.value.size();
    for (const Property& s : p.subscription_identifiers()) ids += s.number;
    ok = p.topic_alias == 5 && p.content_type == "json" && r.value().payload.size() == 64;
  });
  CHECK(ok);
  CHECK(users == 4);  // bytes of the names and values: "a", "b", then "cc", ""
  CHECK(ids == 129 + 2);
  CHECK(n == 0);
}

TEST_CASE("the generic decode() of a PUBLISH allocates nothing either") {
  auto packet = pkt(
      0x30, cat(wire({0x00, 0x01, "t", 0x03, 0x23, 0x00, 0x01}), std::vector<uint8_t>(100, 'z')));
  bool ok = false;
  size_t n = allocations_during([&] { ok = decode(packet, ProtocolVersion::v5).ok(); });
  CHECK(ok);
  CHECK(n == 0);
}

}  // namespace
}  // namespace mm::mqtt
