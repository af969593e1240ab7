// decode_publish: the receive path's own decoder for a forwarded publish. It must accept
// exactly what decode_bus accepts as a publish and give the same fields, into a holder that is
// reused from one message to the next.
#include <doctest/doctest.h>

#include "tests/unit/broker_bus/allocation_probe.h"
#include "tests/unit/broker_bus/bus_roundtrip.h"
#include "tests/unit/broker_bus/samples.h"
#include "worker/broker/bus_codec.h"

namespace mm::broker::test {
namespace {

constexpr uint64_t kNow = 1'000'000;

// What decode_publish gave, as the BusMessage decode_bus would have given.
BusMessage as_bus_message(const BusPublish& p) {
  BusMessage m;
  m.kind = BusKind::publish;
  m.flags = p.flags;
  m.message = p.message;
  m.shared = p.shared;
  return m;
}

}  // namespace

TEST_CASE("decode_publish accepts what decode_bus accepts as a publish, with the same fields") {
  BusPublish holder;
  int publishes = 0;
  for (const Sample& sample : samples(kNow)) {
    INFO(sample.name);
    CHECK(bus_kind(sample.bytes) == static_cast<uint8_t>(sample.kind));
    BusMessage full;
    REQUIRE(decode_bus(sample.bytes, kNow, &full));
    const bool ok = decode_publish(sample.bytes, kNow, &holder);
    CHECK(ok == (sample.kind == BusKind::publish));
    if (!ok) continue;
    ++publishes;
    CHECK(difference(full, as_bus_message(holder)) == "");
    CHECK(encode_again(as_bus_message(holder), kNow) == sample.bytes);
  }
  CHECK(publishes > 0);
}

TEST_CASE("decode_publish refuses a truncated publish, bytes after it and another kind") {
  std::vector<uint8_t> bytes;
  const SharedTarget shared[] = {{"g", "a/+"}};
  encode_publish(*full_message(kNow), kBusDeliver, shared, kNow, bytes);
  BusPublish holder;
  REQUIRE(decode_publish(bytes, kNow, &holder));
  const std::span<const uint8_t> all(bytes);
  for (size_t n = 0; n < bytes.size(); ++n) {
    INFO(n);
    CHECK_FALSE(decode_publish(all.first(n), kNow, &holder));
  }
  std::vector<uint8_t> longer = bytes;
  longer.push_back(0);
  CHECK_FALSE(decode_publish(longer, kNow, &holder));
  std::vector<uint8_t> other = bytes;
  other[0] = static_cast<uint8_t>(BusKind::deliver_to);
  CHECK_FALSE(decode_publish(other, kNow, &holder));
  CHECK(bus_kind({}) == 0);
}

TEST_CASE("a reused holder keeps nothing of the message before") {
  BusPublish holder;
  std::vector<uint8_t> first;
  const SharedTarget two[] = {{"g", "a/+"}, {"h", "a/#"}};
  encode_publish(*full_message(kNow), kBusDeliver | kBusStoreRetained, two, kNow, first);
  REQUIRE(decode_publish(first, kNow, &holder));
  CHECK(holder.shared.size() == 2);
  CHECK(holder.flags == (kBusDeliver | kBusStoreRetained));
  std::vector<uint8_t> second;
  encode_publish(*empty_optionals_message(), kBusDeliver, {}, kNow, second);
  REQUIRE(decode_publish(second, kNow, &holder));
  CHECK(holder.shared.empty());
  CHECK(holder.flags == kBusDeliver);
  CHECK(difference(holder.message.get(), empty_optionals_message().get()) == "");
}

TEST_CASE("decode_publish allocates the Message and its out-of-place fields only") {
  Message m;
  m.topic = "sensors/building-4/floor-2/room-17/temperature";  // past the small-string buffer
  m.payload.assign(100, 'x');
  m.origin = "dev-1";  // fits in place
  std::vector<uint8_t> bytes;
  encode_publish(m, kBusDeliver, {}, 1000, bytes);
  BusPublish holder;
  bool ok = false;
  const Allocations a = allocations_during([&] { ok = decode_publish(bytes, 1000, &holder); });
  REQUIRE(ok);
  CHECK(a.calls == 3);  // make_shared<Message>, topic, payload
}

}  // namespace mm::broker::test
