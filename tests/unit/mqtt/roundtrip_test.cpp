// decode(encode(p)) == p over random valid packets of every type at every level.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "common/mqtt/decode.h"
#include "common/mqtt/encode.h"
#include "tests/unit/mqtt/generator.h"

namespace mm::mqtt {
namespace {

constexpr uint64_t kSeed = 0x6D71'7474'2D63'6F64;  // fixed: a failure replays exactly
constexpr int kPerTypeAndLevel = 2'400;            // x 43 type/level pairs = 103,200 packets

// Runs one type at one level; returns the packets checked, or stops at the first failure.
int round_trip(test::PacketGenerator& gen, PacketType type, ProtocolVersion v) {
  Buffer out;
  for (int i = 0; i < kPerTypeAndLevel; ++i) {
    Packet p = gen.make(type, v);
    out.clear();
    size_t n = encode(p, v, out);
    auto decoded = decode(out, v);
    bool ok = n == out.size() && decoded.ok() && decoded.value() == p;
    if (!ok) {
      std::string why = std::string("round trip failed: seed ") + std::to_string(kSeed) + ", " +
                        packet_type_name(type) + " at level " + std::to_string(int(v)) +
                        ", packet #" + std::to_string(i) +
                        (decoded.ok() ? "" : std::string(": ") + decoded.error().rule);
      FAIL_CHECK(why);
      return i;
    }
  }
  return kPerTypeAndLevel;
}

TEST_CASE("round trip: 100,000+ generated packets of every type and level (fixed seed)") {
  test::PacketGenerator gen(kSeed);
  int total = 0;
  for (auto v : {ProtocolVersion::v3_1, ProtocolVersion::v3_1_1, ProtocolVersion::v5}) {
    for (int t = 1; t <= 15; ++t) {
      if (t == int(PacketType::auth) && !is_v5(v)) continue;
      total += round_trip(gen, PacketType(t), v);
    }
  }
  MESSAGE("seed " << kSeed << ": " << total << " packets round-tripped");
  CHECK(total >= 100'000);
}

TEST_CASE("encoded_size agrees with encode for generated packets") {
  test::PacketGenerator gen(kSeed + 1);
  for (int i = 0; i < 500; ++i) {
    Publish p = gen.publish(ProtocolVersion::v5);
    Buffer out;
    CHECK(encode(p, ProtocolVersion::v5, out) == encoded_size(p, ProtocolVersion::v5));
    Connect c = gen.connect(ProtocolVersion::v5);
    out.clear();
    CHECK(encode(c, out) == encoded_size(c));
    CHECK(out.size() == encoded_size(c));
  }
}

}  // namespace
}  // namespace mm::mqtt
