// decode_publish: the receive path's own decoder for a forwarded publish. It must accept
// exactly what decode_bus accepts as a publish and give the same fields, as a view of the
// frame, into a holder that is reused from one message to the next.
#include <doctest/doctest.h>

#include "common/mqtt/property_block.h"
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
  m.trace = p.trace;
  m.message = make_message(p.message);
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
  encode_publish(*full_message(kNow), kBusDeliver, {}, shared, kNow, bytes);
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
  encode_publish(*full_message(kNow), kBusDeliver | kBusStoreRetained, wide_trace(), two, kNow,
                 first);
  REQUIRE(decode_publish(first, kNow, &holder));
  CHECK(holder.shared.size() == 2);
  CHECK(holder.flags == (kBusDeliver | kBusStoreRetained));
  std::vector<uint8_t> second;
  encode_publish(*empty_optionals_message(), kBusDeliver, {}, {}, kNow, second);
  REQUIRE(decode_publish(second, kNow, &holder));
  CHECK(holder.shared.empty());
  CHECK(holder.flags == kBusDeliver);
  CHECK(difference(make_message(holder.message).get(), empty_optionals_message().get()) == "");
}

TEST_CASE("decode_publish allocates nothing: its message is a view of the frame") {
  Message m;
  m.topic = "sensors/building-4/floor-2/room-17/temperature";  // past the small-string buffer
  m.payload.assign(100, 'x');
  m.origin = "dev-1";
  m.content_type = "text/plain";
  m.correlation_data = std::vector<uint8_t>{1, 2, 3};
  mqtt::PropertyBlock::append_user_property(m.user_properties, "k", "v");
  std::vector<uint8_t> bytes;
  encode_publish(m, kBusDeliver, wide_trace(), {}, 1000, bytes);
  BusPublish holder;
  bool ok = false;
  Allocations a = allocations_during([&] { ok = decode_publish(bytes, 1000, &holder); });
  REQUIRE(ok);
  CHECK(a.calls == 0);
  // Every field points into the frame.
  const uint8_t* begin = bytes.data();
  const uint8_t* end = bytes.data() + bytes.size();
  auto inside = [&](const void* p) {
    auto* b = static_cast<const uint8_t*>(p);
    return b >= begin && b < end;
  };
  CHECK(inside(holder.message.topic.data()));
  CHECK(inside(holder.message.payload.data()));
  CHECK(inside(holder.message.origin.data()));
  CHECK(inside(holder.message.content_type->data()));
  CHECK(inside(holder.message.correlation_data->data()));
  CHECK(inside(holder.message.user_properties.data()));
  CHECK(holder.message.payload.size() == 100);
  CHECK(difference(make_message(holder.message).get(), &m) == "");
}

}  // namespace mm::broker::test

namespace mm::broker::test {

// A PUBLISH that is only forwarded is encoded for the bus from the packet (view_of), never
// copied into a Message: the bytes must be those of the Message make_message would make.
TEST_CASE("a PUBLISH encodes to the same bus bytes from its view as from its Message") {
  std::vector<uint8_t> user_properties;
  mqtt::PropertyBlock::append_user_property(user_properties, "k1", "v1");
  mqtt::PropertyBlock::append_user_property(user_properties, "k2", "value two");
  const std::vector<uint8_t> payload = {1, 2, 3, 0, 255};
  mqtt::Publish p;
  p.qos = mqtt::QoS::exactly_once;
  p.retain = true;
  p.topic = "ignored: the resolved topic is passed apart";
  p.payload = payload;
  p.properties.payload_format_indicator = 1;
  p.properties.message_expiry_interval = 30;
  p.properties.content_type = "text/plain";
  p.properties.response_topic = "reply/here";
  p.properties.correlation_data = std::string_view("\x00\x01 corr", 7);
  p.properties.repeated = mqtt::PropertyBlock(user_properties);
  mqtt::Publish bare;
  bare.topic = "t";
  for (const mqtt::Publish* pub : {&p, &bare}) {
    const MessagePtr m = make_message(*pub, "a/topic", "origin-client-id-past-sso", kNow);
    std::vector<uint8_t> from_message;
    std::vector<uint8_t> from_view;
    std::vector<uint8_t> scratch = {9, 9, 9};  // cleared by view_of
    const SharedTarget shared[] = {{"g", "a/+"}};
    encode_publish(*m, kBusDeliver, wide_trace(), shared, kNow + 5, from_message);
    encode_publish(view_of(*pub, "a/topic", "origin-client-id-past-sso", kNow, scratch),
                   kBusDeliver, wide_trace(), shared, kNow + 5, from_view);
    CHECK(from_view == from_message);
    BusMessage back;
    REQUIRE(decode_bus(from_view, kNow + 5, &back));
    CHECK(difference(back.message.get(), m.get()) == "");
  }
  CHECK(make_message(p, "a/topic", "o", kNow)->user_properties == user_properties);
}

}  // namespace mm::broker::test
