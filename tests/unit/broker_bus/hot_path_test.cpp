// A forwarded PUBLISH is the bus's hot path: encoding allocates nothing beyond growing the
// output, decoding one Message and the copies of the fields that do not fit in place.
#include <doctest/doctest.h>

#include "tests/unit/broker_bus/allocation_probe.h"
#include "tests/unit/broker_bus/samples.h"
#include "worker/broker/bus_codec.h"

namespace mm::broker::test {
namespace {

Message typical_publish() {
  Message m;
  m.topic = "sensors/building-4/floor-2/room-17/temperature";  // past the small-string buffer
  m.payload.assign(100, 'x');
  m.qos = 1;
  m.origin = "dev-1";  // fits in place
  m.user_properties = {0x26, 0, 1, 'k', 0, 1, 'v'};
  return m;
}

}  // namespace

TEST_CASE("encode_publish allocates nothing when the output has room") {
  const Message m = typical_publish();
  const SharedTarget shared[] = {{"group-with-a-long-name", "sensors/+/+/+/temperature"}};
  const PublishTrace trace = wide_trace();
  std::vector<uint8_t> out;
  out.reserve(4096);
  const Allocations a =
      allocations_during([&] { encode_publish(m, kBusDeliver, trace, shared, 1000, out); });
  CHECK(a.calls == 0);
  CHECK(!out.empty());
}

TEST_CASE("decoding a publish allocates the Message and its out-of-place fields only") {
  std::vector<uint8_t> bytes;
  encode_publish(typical_publish(), kBusDeliver, wide_trace(), {}, 1000, bytes);
  BusMessage m;
  bool ok = false;
  Allocations a = allocations_during([&] { ok = decode_bus(bytes, 1000, &m); });
  REQUIRE(ok);
  CHECK(a.calls <= 4);  // at most: the Message, topic, payload, user_properties
  CHECK(m.message->payload.size() == 100);
  // In steady state the holder's previous message comes back from the pool with its buffers.
  a = allocations_during([&] { ok = decode_bus(bytes, 1000, &m); });
  REQUIRE(ok);
  CHECK(a.calls == 0);
  CHECK(m.message->payload.size() == 100);
  CHECK(m.message->topic == typical_publish().topic);
}

}  // namespace mm::broker::test
